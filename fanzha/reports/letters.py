"""The 函告 of 004's 三告 (「一案一“函告”」): for each case, a letter to the victim's employer — or, when
none is recorded, to the village (community) where it happened — so that the unit in charge takes
prevention seriously. It is written from the case; the victim is named 「张某」 and the ID number is
masked (110***********1234): the letter leaves the police, the victim's full identity does not."""

from datetime import date

from fanzha.cases.models import Case
from fanzha.core.masking import mask_id_number
from fanzha.core.money import format_wan
from fanzha.core.periods import beijing_text
from fanzha.orgs.models import OrgUnit
from fanzha.reports.content import Content, chinese_date, default_issuer
from fanzha.reports.tables import Section


def county_issuer() -> str:
    """The 发文机关 of a 函告 not yet drafted: the 通报 issuer parameter, else the county's centre."""
    county = OrgUnit.objects.filter(parent__isnull=True).order_by("id").first()
    return default_issuer(county.name if county else "")


def addressee(case: Case) -> str:
    if case.employer_id is not None:
        return case.employer.name
    return f"{case.place.name}{'居民委员会' if case.place.kind == 'community' else '村民委员会'}"


def victim(case: Case) -> str:
    name = f"{case.victim_name[:1]}某" if case.victim_name else "受害人"
    return f"{name}（身份证号{mask_id_number(case.victim_id_number)}）" if case.victim_id_number else name


def letter_content(
    case: Case, issuer: str, dated: date, number: str = "（草稿）", signatory: str = ""
) -> Content:
    to = addressee(case)
    at_work = case.employer_id is not None
    whose = "你单位" if at_work else "你村（居）"
    who = "你单位职工" if at_work else "你村（居）居民"
    facts = (
        f"{beijing_text(case.reported_at, '%Y年%-m月%-d日')}，{who}{victim(case)}遭遇{case.fraud_type.name}类电信网络诈骗，"
        f"被骗{format_wan(case.loss_fen)}，已向公安机关报案（案件编号{case.case_number}）。"
    )
    asks = [
        f"一是在{whose}范围内通报本案，以案说法，提醒{'职工' if at_work else '村（居）民'}"
        f"警惕{case.fraud_type.name}类诈骗。",
        "二是组织开展一次反诈宣传，推动国家反诈中心App注册，做到应装尽装。",
        "三是加强对老年人、学生等重点人群的提醒劝阻，发现可疑情况及时报告公安机关。",
    ]
    return Content(
        title="关于一起电信网络诈骗案件的函告",
        issuer=issuer,
        number=number,
        intro=f"{to}：\n现将{who}被电信网络诈骗一案的有关情况函告如下：",
        sections=[
            Section("一、案件情况", [facts]),
            Section("二、工作建议", asks),
            Section("三、有关要求", ["请于收到本函后15日内将落实情况反馈我单位。"]),
        ],
        signatory=signatory or issuer,
        dated=chinese_date(dated),
        note="注：本函涉及个人信息，仅用于反诈宣传防范工作，不得外传。",
    )
