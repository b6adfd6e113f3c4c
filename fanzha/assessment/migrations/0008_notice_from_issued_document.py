"""排名通报 records come from an issued 通报 only.

Before this migration `run_escalations` — run each time a monthly report was generated, by the demo and
by `fanzha escalations` — wrote a 「排名通报 第N名」 record for the top N villages AND member units of every
month, whether or not a 通报 was ever issued, and the generated Word document had no member-unit section
at all. Those records were phantoms: no document names those units, yet they counted toward 挂牌整治.

From now on a ranking notice is written when a monthly 通报 is 签发 and carries its number (`document`,
e.g. 〔2024〕第3期); a check constraint (0009, a transaction of its own: PostgreSQL does not alter a
table with the deletions' trigger events pending) refuses a ranking notice without one. This migration:

* deletes every ranking notice recorded before it (all of them were computed, none came from an issued
  document — the system could not issue one);
* re-checks each 挂牌整治 outcome against the notices that remain (通报批评 entered by the office) in its
  year: where they no longer reach the threshold the listing stood only on phantoms. Such a listing still
  待处理 is deleted (the rules recreate it if issued 通报 later reach the threshold); one already 签收 or
  办结 is kept — people acted on it — and its 办理情况 gets a note saying why it no longer stands.
"""

from django.conf import settings
from django.db import migrations, models

NOTE = "【系统说明】本事项所依据的「排名通报」记录未经签发通报，已于规则更新时撤销；现有通报次数未达到挂牌整治标准。"


def remove_phantoms(apps, schema_editor):
    Notice = apps.get_model("assessment", "Notice")
    Outcome = apps.get_model("assessment", "Outcome")
    Notice.objects.filter(kind="ranking").delete()
    for outcome in Outcome.objects.filter(kind="listed_for_rectification"):
        threshold = (outcome.figures or {}).get("threshold", 3)
        remaining = Notice.objects.filter(
            org_id=outcome.org_id, kind__in=["ranking", "criticism"], issued_on__year=int(outcome.period[:4])
        ).count()
        if remaining >= threshold:
            continue
        if outcome.status == "open":
            outcome.delete()
        elif NOTE not in outcome.note:
            outcome.note = f"{outcome.note}\n{NOTE}".strip()
            outcome.save(update_fields=["note"])


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0007_rulesetting_moves_to_parameters"),
        ("orgs", "0002_orgunit_has_service_duties"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="notice",
            name="document",
            field=models.CharField(blank=True, max_length=60, verbose_name="所出通报"),
        ),
        migrations.RunPython(remove_phantoms, migrations.RunPython.noop),
    ]
