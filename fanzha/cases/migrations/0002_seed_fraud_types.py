from django.db import migrations

from fanzha.cases.taxonomy import ensure_default_fraud_types


def seed(apps, schema_editor):
    ensure_default_fraud_types(apps.get_model("cases", "FraudType"))


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
