"""Seed the choice synonyms (选项同义词) with words common in county ledgers; a centre edits them on the
import page. Written as literals: a migration must not change when the code's choices do."""

from django.db import migrations

SEED = [
    # (import kind, column, word as ledgers write it, choice value)
    ("cases", "案件状态", "在侦", "filed"),
    ("cases", "案件状态", "侦办中", "filed"),
    ("cases", "案件状态", "在办", "filed"),
    ("cases", "案件状态", "未破", "filed"),
    ("cases", "案件状态", "已破", "solved"),
    ("cases", "案件状态", "已侦破", "solved"),
    ("cases", "案件状态", "破获", "solved"),
    ("cases", "案件状态", "已受案", "accepted"),
    ("cases", "案件状态", "撤销案件", "withdrawn"),
    ("cases", "与单位关系", "企业职工", "staff"),
    ("cases", "与单位关系", "单位职工", "staff"),
    ("cases", "与单位关系", "本单位职工", "staff"),
    ("cases", "与单位关系", "员工", "staff"),
    ("cases", "与单位关系", "临时工", "contract"),
    ("cases", "与单位关系", "劳务派遣", "contract"),
    ("cases", "人群类别", "企业职工", "other"),
    ("cases", "人群类别", "在校生", "student"),
    ("cases", "人群类别", "中小学生", "student"),
    ("cases", "人群类别", "出纳", "accountant"),
    ("cases", "人群类别", "企业法人", "business_head"),
    ("cases", "人群类别", "机关事业单位人员", "civil_servant"),
    ("cases", "人群类别", "农民工", "worker"),
    ("cases", "人群类别", "外来务工人员", "worker"),
    ("cases", "诈骗渠道", "网络投资", "web"),
    ("cases", "诈骗渠道", "网络贷款", "web"),
    ("cases", "诈骗渠道", "陌生电话", "phone"),
    ("cases", "诈骗渠道", "短信链接", "sms"),
    ("cases", "诈骗渠道", "QQ群", "qq"),
    ("keypersons", "管控状态", "在家", "at_home"),
    ("keypersons", "管控状态", "境外", "abroad"),
    ("keypersons", "管控状态", "已解除", "released"),
    ("warnings", "风险等级", "高危", "high"),
    ("warnings", "风险等级", "中危", "medium"),
    ("warnings", "风险等级", "低危", "low"),
]


def seed(apps, schema_editor):
    ChoiceSynonym = apps.get_model("imports", "ChoiceSynonym")
    for kind, column, word, value in SEED:
        ChoiceSynonym.objects.get_or_create(kind=kind, column=column, word=word, defaults={"value": value})


class Migration(migrations.Migration):
    dependencies = [("imports", "0006_choice_synonyms_and_warnings")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
