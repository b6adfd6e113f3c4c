from django.db import migrations


def install(apps, schema_editor):
    from fanzha.assessment.month_triggers import install as install_triggers

    install_triggers(schema_editor)
    # every month already in the ledger starts dirty: the first reader builds the summary
    Case = apps.get_model("cases", "Case")
    DirtyMonth = apps.get_model("assessment", "DirtyMonth")
    from django.utils import timezone

    months = {
        (local.year * 12 + local.month - 1)
        for local in (timezone.localtime(at) for at in Case.objects.values_list("reported_at", flat=True).iterator())
    }
    DirtyMonth.objects.bulk_create([DirtyMonth(month=m) for m in months], ignore_conflicts=True)


def remove(apps, schema_editor):
    from fanzha.assessment.month_triggers import remove as remove_triggers

    remove_triggers(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("assessment", "0004_month_cache"), ("cases", "0003_alter_case_employer_relation")]
    operations = [migrations.RunPython(install, remove)]
