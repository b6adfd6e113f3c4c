"""The readings of the plans that differ between counties, as versioned data (规则参数).

Each option names the plan text it reads, its default (the reading docs/parameters.md documents) and
the values it accepts. `current()` reads the version in force; `change()` writes a new version and an
audit record. Rule functions take these values as arguments, so tests pin both readings directly."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from fanzha.audit.log import record_change
from fanzha.parameters.models import RuleSetting
from fanzha.parameters.signals import parameter_changed


@dataclass(frozen=True)
class Option:
    key: str
    label: str
    default: object
    plan: str
    choices: dict = field(default_factory=dict)  # value → 中文 label; empty for numbers
    minimum: int | None = None


OPTIONS = {
    option.key: option
    for option in (
        Option(
            "indicators.excluded_statuses",
            "不计入发案数的案件状态",
            ["withdrawn"],
            "撤案的案件不计入发案数、损失数",
            {"withdrawn": "撤案", "accepted": "受理"},
        ),
        Option(
            "interview.reading",
            "约谈：三项指标处于最高位的读法",
            "all",
            "002：对三项指标连续两个月处于最高位的，由县领导小组约谈其分管所长",
            {"all": "三项同时最高", "any": "任一项最高"},
        ),
        Option(
            "interview.after_third_month",
            "约谈：连续第四个月起",
            "repeat_chief",
            "002 未规定第四个月起如何处理",
            {"repeat_chief": "每月再次约谈所长", "once": "不再重复约谈"},
        ),
        Option(
            "interview.ties",
            "约谈：并列最高是否算最高位",
            "shared",
            "002 未规定并列",
            {"shared": "并列均算最高位", "none": "并列不算最高位"},
        ),
        Option(
            "bulletin.top_n",
            "通报：每期通报排名前几位",
            3,
            "000：对发案数量排名靠前的村(居)和行业单位进行通报",
            minimum=1,
        ),
        Option(
            "bulletin.basis",
            "通报：依据文件名称",
            "《关于进一步加强打击治理电信网络诈骗违法犯罪工作的实施方案》",
            "通报开头「根据……要求」引用的方案全称（填写本县方案的正式名称，带书名号）",
        ),
        Option(
            "bulletin.issuer",
            "通报：发文机关（留空：本县名称＋反电信网络诈骗中心）",
            None,
            "通报版头的发文机关名称",
        ),
        Option(
            "bulletin.signatory",
            "通报：落款（留空：与发文机关相同）",
            None,
            "通报末尾署名的单位",
        ),
        Option(
            "bulletin.annual_recipient",
            "年度报告：报送对象（称谓）",
            "党工委、管委会",
            "004：每年向党工委、管委会“报告”",
        ),
        Option(
            "bulletin.late_entry_days",
            "通报：期末后几天内录入的案件仍计入该期",
            0,
            "过去期间的通报按期末的台账陈述；0 为只计期末前录入的案件（各地可按补录习惯放宽）",
            minimum=0,
        ),
        Option(
            "letter.prefix",
            "函告：文号代字",
            "函告",
            "004：一案一“函告”；文号写作〔年度〕代字第N号，如〔2024〕函告第12号",
        ),
        Option(
            "rectification.threshold",
            "挂牌整治：被通报次数",
            3,
            "000：对三次以上被通报的，实行挂牌整治（以上含本数）",
            minimum=1,
        ),
        Option(
            "rectification.window",
            "挂牌整治：计数范围",
            "calendar_year",
            "000 未规定计数范围",
            {"calendar_year": "自然年度内", "rolling_12": "最近12个月", "cumulative": "累计"},
        ),
        Option(
            "review.threshold_yuan",
            "全环节倒查：案件金额（元，含本数）",
            500000,
            "000：对诈骗金额50万元以上的案件……全环节开展倒查；003：50万以上(含本数)",
            minimum=1,
        ),
        Option(
            "award.rise_reading",
            "评先评优：发案数、经济损失数同比上升的读法",
            "either",
            "002：凡全年发案数、经济损失数同比上升或万人发案数处在最高位的，取消年度评先评优资格",
            {"either": "任一项上升即取消", "both": "两项均上升才取消"},
        ),
        Option(
            "score.flat_band_pct",
            "百分制B：同比平稳的幅度（±%）",
            "0",
            "004：同比平稳的记45分（平稳的幅度未规定）",
        ),
        Option(
            "score.decline",
            "百分制B：非最大降幅的计分",
            "linear",
            "004：降幅最高的单位、办事处记50分（其他降幅未规定）",
            {"linear": "按降幅占最大降幅比例在45–50分之间线性计分", "flat": "记45分"},
        ),
        Option(
            "score.rise_rounding",
            "百分制B：上升幅度不足1个百分点的处理",
            "0.1",
            "004：每上升1个百分点减1分",
            {
                "0.1": "按实际幅度扣分，保留1位小数（四舍五入）",
                "whole": "扣分四舍五入到整数",
                "started": "不足1个百分点按1个百分点扣",
            },
        ),
        Option(
            "score.zero_base",
            "百分制B：上年零发案",
            "review",
            "004 未规定上年零发案",
            {"review": "仍为0记45分，否则记0分并标记复核", "rise": "仍为0记45分，否则按上升超过20%记0分"},
        ),
        Option(
            "score.decline_scope",
            "百分制B：“降幅最高”的比较范围",
            "all",
            "004：降幅最高的单位、办事处记50分",
            {"all": "单位与办事处合并比较", "per_kind": "单位、办事处分别比较"},
        ),
        Option(
            "certify.village_trend",
            "无诈村标准1：下降50%的读法",
            "year_dependent",
            "003：下半年发案量环比上半年下降50%以上，全年发案量同比下降50%以上",
            {
                "year_dependent": "创建首年比上下半年，以后各年比同比",
                "either": "两项满足其一",
                "both": "两项同时满足",
            },
        ),
        Option(
            "warnings.deadline_high_minutes",
            "预警：高风险首次联系时限（分钟）",
            60,
            "000 篇二 未规定时限；默认高风险1小时内",
            minimum=1,
        ),
        Option(
            "warnings.deadline_medium_minutes",
            "预警：中风险首次联系时限（分钟）",
            240,
            "默认中风险4小时内",
            minimum=1,
        ),
        Option(
            "warnings.deadline_low_minutes",
            "预警：低风险首次联系时限（分钟）",
            1440,
            "默认低风险24小时内",
            minimum=1,
        ),
        Option(
            "followup.sample_pct",
            "回访：每期随机抽查案件比例（%）",
            10,
            "002：随机抽查回访报警当事人接受防骗宣传教育的具体情况（比例未规定）",
            minimum=1,
        ),
        Option(
            "groups.stale_days",
            "反诈微信群：超过几天未推送即提示",
            7,
            "002：每周至少一次向居（村）委会有关工作人员推送",
            minimum=1,
        ),
        Option(
            "sms.coverage_pct",
            "防骗短信：每次覆盖面不低于系统用户总量（%）",
            90,
            "002：每次发送的覆盖面不低于系统用户总量的90%",
            minimum=1,
        ),
        Option(
            "quota.village_sessions_per_month",
            "配额：每村(社区)每月集中宣传场次",
            1,
            "000 七进：开展反电诈集中宣传教育活动，每月不少于1场",
            minimum=0,
        ),
        Option(
            "quota.village_banners",
            "配额：每村(社区)横幅标语幅数",
            4,
            "000 篇五：各村(社区)反电诈横幅标语不少于4幅",
            minimum=0,
        ),
        Option(
            "quota.school_activities_per_semester",
            "配额：学校每学期宣传活动次数",
            2,
            "001/002：每学期开展反诈宣传活动不少于2次",
            minimum=0,
        ),
        Option(
            "quota.station_team_members",
            "配额：派出所主力反诈宣传队人数",
            10,
            "000：派出所要组建不少于10人的主力反诈宣传队",
            minimum=0,
        ),
        Option(
            "clues.deadline_days",
            "上级推送线索：未规定时限时的核查时限（接收后天数）",
            3,
            "000 篇一：涉案线索迅速落地、高效打处（未规定时限；默认接收后3天）",
            minimum=1,
        ),
        Option(
            "strike.documents_hours",
            "止付冻结：先行止付冻结后送达法律文书时限（小时）",
            24,
            "000 篇一：办案单位在24小时内将正式法律文书及《人民警察证》复印件送达银行",
            minimum=1,
        ),
        Option(
            "strike.stop_hours",
            "止付冻结：紧急止付期限（小时）",
            48,
            "银发〔2016〕86号：止付时限为48小时",
            minimum=1,
        ),
        Option(
            "strike.stop_repeats",
            "止付冻结：紧急止付最多再次止付次数",
            2,
            "银发〔2016〕86号：可以再次止付，但最多两次",
            minimum=0,
        ),
        Option(
            "strike.freeze_months",
            "止付冻结：冻结（续冻）期限（月）",
            6,
            "公安机关办理刑事案件程序规定第244条：冻结存款、汇款等财产的期限为六个月",
            minimum=1,
        ),
        Option(
            "strike.renew_days_before",
            "止付冻结：到期前几日申请续冻",
            10,
            "公通字〔2024〕22号：在冻结期限届满十日前办理续冻",
            minimum=0,
        ),
        Option(
            "strike.release_days",
            "止付冻结：查明无关后解冻时限（日）",
            3,
            "公安机关办理刑事案件程序规定第247条：确实与案件无关的，应当在三日以内解除冻结",
            minimum=1,
        ),
        Option(
            "strike.amber_hours",
            "止付冻结：到期前几小时标黄提示",
            2,
            "工作台：红色已超时，黄色2小时内到期",
            minimum=1,
        ),
        Option(
            "strike.credit_recovered",
            "止付冻结：返还资金计入案件挽损金额",
            "on",
            "冻结资金返还若干规定：返还被害人的资金；计入挽损由县中心决定",
            {"on": "计入", "off": "不计入"},
        ),
        Option(
            "funds.method",
            "资金追踪：账户内资金归属方法",
            "fifo",
            "研究记录（strike.md）：先进先出为默认（Clayton's Case），后进先出、按比例（冻结资金返还规定第8条）可选",
            {"fifo": "先进先出", "lifo": "后进先出", "prorata": "按比例"},
        ),
        Option(
            "funds.hop_limit",
            "资金追踪：追踪层级上限",
            3,
            "000 篇一：二级账户或银行卡乃至三级账户或银行卡",
            minimum=1,
        ),
        Option(
            "funds.window_hours",
            "资金追踪：转入后追踪转出的时间窗口（小时）",
            72,
            "各地做法不一，默认72小时",
            minimum=1,
        ),
        Option(
            "funds.threshold_yuan",
            "资金追踪：低于此金额（元）的流向不再追踪",
            100,
            "各地做法不一，默认100元",
            minimum=0,
        ),
        Option(
            "funds.quick_minutes",
            "资金追踪：快进快出的时间（分钟）",
            30,
            "快进快出：转入后短时间内转出",
            minimum=1,
        ),
        Option("funds.quick_pct", "资金追踪：快进快出的转出比例（%）", 80, "快进快出特征比", minimum=1),
        Option(
            "funds.settle_pct", "资金追踪：沉淀的留存比例（%）", 50, "资金沉淀：转入后留存在账户中", minimum=1
        ),
        Option(
            "certify.creation_year",
            "无诈创建起始年度（留空：以首次测算年度为准）",
            None,
            "003：自本方案下发之日起",
        ),
        Option(
            "imports.id_check_digit",
            "导入：身份证号校验位错误时",
            "warn",
            "台账中常有抄错一位的身份证号；校验位错误的行默认照常导入并在预览和导入记录中提醒，"
            "也可设为错误（该行不导入）",
            {"warn": "提醒（照常导入，列出该行）", "error": "错误（该行不导入）"},
        ),
        Option(
            "grading.level1_yuan",
            "案件分级：一级案件损失金额（元，含本数）",
            1000000,
            "000 篇十：「通過對案件的分級歸類,實現逐案推進」；方案未定级别，默认100万元以上为一级，"
            "改动后全部案件随即重新定级（人工定级的除外）",
            minimum=1,
        ),
        Option(
            "grading.level2_yuan",
            "案件分级：二级案件损失金额（元，含本数）",
            100000,
            "000 篇十：分级归类；默认10万元以上为二级，其余为三级",
            minimum=1,
        ),
        Option(
            "grading.level1_types",
            "案件分级：不论金额均定为一级的诈骗类型（用、分隔；留空：只按金额）",
            None,
            "000 篇十：分级归类；本县可把需逐案推进的类型（如 冒充公检法）列为一级",
        ),
        Option(
            "series.shared_limit",
            "串并案：一个标识最多由几起案件共用时仍串并（超过的多为客服热线、大型商户，只显示不串并）",
            50,
            "000 篇一：案件录入「為全國公安機關對此類案件的串并案分析做好準備」；上限为本平台的读法，"
            "改动后全部串并关系随即重算",
            minimum=2,
        ),
        Option(
            "meetings.monthly_day",
            "研判会商：每月召开日（遇周末、节假日顺延至其后首个工作日）",
            20,
            "000 篇二：每月20日(如遇節假日,順延至節假日后首個工作日)",
            minimum=1,
        ),
    )
}


class ConfigError(ValueError):
    pass


def validate(key: str, value):
    option = OPTIONS.get(key)
    if option is None:
        raise ConfigError(f"没有参数「{key}」")
    if option.choices:
        values = value if isinstance(value, list) else [value]
        bad = [v for v in values if v not in option.choices]
        if bad:
            allowed = "、".join(f"{k}（{v}）" for k, v in option.choices.items())
            raise ConfigError(f"参数「{option.label}」不接受「{bad[0]}」：可选 {allowed}")
        return value
    if option.minimum is not None or isinstance(option.default, int):
        try:
            number = int(value)
        except (TypeError, ValueError):
            if value is None and option.default is None:
                return None
            raise ConfigError(f"参数「{option.label}」应为整数") from None
        if option.minimum is not None and number < option.minimum:
            raise ConfigError(f"参数「{option.label}」不能小于 {option.minimum}")
        return number
    if value in (None, "") and option.default is None:
        return None
    return str(value)


def current() -> dict:
    """Every option's value in force: its latest version, or the plan default."""

    values = {key: option.default for key, option in OPTIONS.items()}
    latest = RuleSetting.objects.values("key").annotate(top=Max("version"))
    tops = {row["key"]: row["top"] for row in latest}
    for row in RuleSetting.objects.filter(key__in=tops).values("key", "version", "value"):
        if row["key"] in values and tops[row["key"]] == row["version"]:
            values[row["key"]] = row["value"]
    return values


def change(key: str, value, user=None, note: str = ""):

    value = validate(key, value)
    with transaction.atomic():
        before = current()[key]
        version = (RuleSetting.objects.filter(key=key).aggregate(top=Max("version"))["top"] or 0) + 1
        setting = RuleSetting.objects.create(
            key=key,
            version=version,
            value=value,
            note=note,
            changed_by=user if user and user.is_authenticated else None,
        )
        record_change(user, "update", setting, {"value": before}, {"value": value})
        transaction.on_commit(lambda: parameter_changed.send(RuleSetting, key=key, value=value, user=user))
    return setting
