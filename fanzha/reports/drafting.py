"""The 主要特点 and 工作要求 paragraphs a draft 通报 starts with, written from its figures: the largest
rises, the leading fraud types, the units above their own history, and the supervision items not
finished by the period's end. The office edits them before 签发; nothing here is sent unread."""

from fanzha.assessment.formulas import change_pct
from fanzha.reports.monthly import MonthlyReport


def _rises(report: MonthlyReport, limit: int = 3) -> list[str]:
    rows = [*report.rankings["station"].rows, *report.rankings["town"].rows]
    rising = sorted(
        (r for r in rows if r.current.cases > r.last_year.cases),
        key=lambda r: (-(r.current.cases - r.last_year.cases), r.code),
    )
    texts = []
    for r in rising[:limit]:
        pct = change_pct(r.current.cases, r.last_year.cases)
        texts.append(
            f"{r.name}{r.current.cases}起，同比增加{r.current.cases - r.last_year.cases}起"
            + (f"（上升{pct}%）" if pct is not None else "（去年同期为0）")
        )
    return texts


def suggested_features(report: MonthlyReport) -> str:
    paragraphs = []
    total = report.total.cases
    if report.type_mix and total:
        leading = "、".join(
            f"{name}{cases}起（占{cases * 100 / total:.1f}%）" for name, cases, _ in report.type_mix[:3]
        )
        paragraphs.append(f"（一）发案类型相对集中。{leading}，是当前防范的重点。")
    rises = [] if report.cadence.public else _rises(report)
    if rises:
        paragraphs.append(f"（{'二' if paragraphs else '一'}）部分单位发案上升明显。{'；'.join(rises)}。")
    high = [r.name for r in report.rankings["station"].rows if r.notability.key == "high"]
    high += [r.name for r in report.top_villages if r.notability.key == "high"]
    if report.cadence.public:
        high = []
    if high:
        number = "一二三"[len(paragraphs)]
        paragraphs.append(
            f"（{number}）{'、'.join(dict.fromkeys(high))}发案数显著高于本单位近12个月平均水平。"
        )
    if not paragraphs:
        paragraphs.append(f"{report.period.label}全{report.county[-1:] or '县'}未发生电信网络诈骗案件。")
    return "\n".join(paragraphs)


def _some(rows, noun: str, limit: int = 3) -> str:
    """「甲、乙」, or 「甲、乙、丙等12个村（社区）」 when there are more."""
    names = [r.name for r in rows]
    if len(names) <= limit:
        return "、".join(names)
    return f"{'、'.join(names[:limit])}等{len(names)}{noun}"


TIPS = {
    "刷单返利": "凡是要求先垫付资金做任务、刷单返利的，都是诈骗。",
    "虚假网络投资理财": "凡是通过网络推荐“内幕消息”“稳赚不赔”投资理财平台的，都是诈骗。",
    "虚假网络贷款": "凡是贷款前要求先交“保证金”“解冻费”的，都是诈骗。",
    "冒充电商物流客服": "凡是自称客服主动联系退款、理赔并要求转账或提供验证码的，都是诈骗。",
    "冒充公检法": "公检法机关不会通过电话、网络办案，更没有“安全账户”，凡是要求转账到“安全账户”的，都是诈骗。",
    "冒充领导熟人": "凡是自称领导、熟人通过网络要求转账汇款的，务必当面或电话核实。",
    "网络婚恋交友": "凡是网上结识的“恋人”推荐投资、博彩或借钱的，都是诈骗。",
    "虚假征信": "凡是自称客服要求“注销校园贷”“消除不良征信”并转账的，都是诈骗。",
}


def public_tips(report: MonthlyReport) -> str:
    """A public 通告's 防范提示: the tip for each leading type, then where to check and report."""
    lines = [TIPS[name] for name, _, _ in report.type_mix[:4] if name in TIPS]
    lines.append(
        "请广大群众下载注册国家反诈中心App，接到96110预警电话请及时接听；如不慎被骗，请立即拨打110报警。"
    )
    return "\n".join(lines)


def suggested_requirements(report: MonthlyReport) -> str:
    if report.cadence.public:
        return public_tips(report)
    paragraphs = []
    named = [
        _some(report.top_villages, "个村（社区）"),
        _some(report.top_units, "个成员单位"),
    ]
    named = [text for text in named if text]
    if named:
        paragraphs.append(
            f"一是压实属地责任。{'和'.join(named)}发案数居前，所在乡镇（街道）、派出所和主管部门要逐案分析原因，"
            "针对高发类型开展入户宣传和精准劝阻。"
        )
    if report.type_mix:
        paragraphs.append(
            f"{'二' if paragraphs else '一'}是紧盯高发类型。针对{report.type_mix[0][0]}等高发类型，"
            "加强预警劝阻和宣传防范，做到预警信息即接即处。"
        )
    if report.unfinished:
        items = "；".join(f"{o.org.name}{o.get_kind_display()}" for o in report.unfinished[:5])
        more = f"等{len(report.unfinished)}项" if len(report.unfinished) > 5 else ""
        number = "一二三"[len(paragraphs)]
        paragraphs.append(
            f"{number}是抓好督办落实。截至{report.period.label}末，{items}{more}尚未办结，责任单位要按期办结并报送办理情况。"
        )
    if not paragraphs:
        paragraphs.append("各单位要保持工作力度，持续做好预警劝阻和宣传防范工作。")
    return "\n".join(paragraphs)
