from django.db import models


class Channel(models.TextChoices):
    PHONE = "phone", "电话"
    SMS = "sms", "短信"
    WECHAT = "wechat", "微信"
    QQ = "qq", "QQ"
    WEB = "web", "网站/App"
    OTHER = "other", "其他"


class Sex(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class VictimGroup(models.TextChoices):
    STUDENT = "student", "学生"
    TEACHER = "teacher", "教师"
    ACCOUNTANT = "accountant", "财会人员"
    ELDERLY = "elderly", "老年人(60+)"
    BUSINESS_HEAD = "business_head", "企业负责人"
    CIVIL_SERVANT = "civil_servant", "公职人员"
    WORKER = "worker", "务工人员"
    OTHER = "other", "其他"


class EmployerRelation(models.TextChoices):
    """与单位关系 — 003 counts staff incl. contract/temporary staff and their 家属 (父母/配偶/子女)."""

    STAFF = "staff", "在编职工"
    CONTRACT = "contract", "合同制/临聘人员"
    PARENT = "parent", "家属：父母"
    SPOUSE = "spouse", "家属：配偶"
    CHILD = "child", "家属：子女"
    OTHER_RELATIVE = "relative", "其他亲属（不计入无诈单位）"


# 003: 「单位工作人员(含合同制、临聘人员)」 and 「家属(指父母、配偶、子女)」 — a closed list; a blank relation
# on a case with an employer means the victim works there.
STAFF_AND_FAMILY = ("staff", "contract", "parent", "spouse", "child", "")


class CaseStatus(models.TextChoices):
    ACCEPTED = "accepted", "受理"
    FILED = "filed", "立案"
    SOLVED = "solved", "破案"
    WITHDRAWN = "withdrawn", "撤案"


class Grade(models.IntegerChoices):
    """案件等级 (分级归类, 000 篇十). The levels' thresholds are rule parameters (cases/rules.grade_of)."""

    FIRST = 1, "一级"
    SECOND = 2, "二级"
    THIRD = 3, "三级"


class Stage(models.TextChoices):
    """查处阶段 (000 篇十二 「每案必查、查有結果」), read from the case's status (cases/rules.stage_of)."""

    UNCHECKED = "unchecked", "未查"
    CHECKING = "checking", "在查"
    RESULT = "result", "查有结果"


class PriorOutreach(models.TextChoices):
    YES = "yes", "是"
    NO = "no", "否"
    UNKNOWN = "unknown", "未知"


class IdentifierKind(models.TextChoices):
    PHONE = "phone", "嫌疑人电话"
    ACCOUNT = "account", "嫌疑人账户"
    URL = "url", "嫌疑网址"
    SOCIAL = "social", "嫌疑社交账号"


# Extra spellings met in ledgers, beside each choice's label (matched after NFKC, case-insensitive).
CHOICE_ALIASES: dict[type[models.TextChoices], dict[str, str]] = {
    Channel: {
        "电话诈骗": "phone",
        "手机": "phone",
        "短消息": "sms",
        "微信群": "wechat",
        "网站": "web",
        "app": "web",
        "APP": "web",
        "网络": "web",
        "网页": "web",
        "qq": "qq",
    },
    Sex: {"male": "M", "female": "F", "m": "M", "f": "F", "男性": "M", "女性": "F"},
    VictimGroup: {
        "老年人": "elderly",
        "老人": "elderly",
        "在校学生": "student",
        "大学生": "student",
        "会计": "accountant",
        "财务人员": "accountant",
        "企业主": "business_head",
        "公务员": "civil_servant",
        "进城务工人员": "worker",
        "教职工": "teacher",
    },
    EmployerRelation: {
        "职工": "staff",
        "在编": "staff",
        "正式职工": "staff",
        "合同制": "contract",
        "临聘人员": "contract",
        "临聘": "contract",
        "合同工": "contract",
        "父母": "parent",
        "配偶": "spouse",
        "子女": "child",
        "家属(父母)": "parent",
        "家属(配偶)": "spouse",
        "家属(子女)": "child",
        "兄弟姐妹": "relative",
        "其他亲属": "relative",
    },
    CaseStatus: {
        "已受理": "accepted",
        "已立案": "filed",
        "已破案": "solved",
        "已撤案": "withdrawn",
        "侦查中": "filed",
    },
    PriorOutreach: {
        "有": "yes",
        "无": "no",
        "没有": "no",
        "不详": "unknown",
        "不清楚": "unknown",
        "y": "yes",
        "n": "no",
        "是的": "yes",
    },
}
