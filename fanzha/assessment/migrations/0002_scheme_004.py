from django.db import migrations


def install(apps, schema_editor):
    from fanzha.assessment.scheme_004 import install as install_scheme

    install_scheme(apps)


class Migration(migrations.Migration):
    dependencies = [("assessment", "0001_initial")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
