from django.db import models


class OrgKind(models.TextChoices):
    COUNTY = "county", "县/区"
    TOWN = "town", "乡镇"
    STREET = "street", "街道"
    VILLAGE = "village", "村"
    COMMUNITY = "community", "社区"
    STATION = "station", "派出所"
    MEMBER_UNIT = "member_unit", "成员单位"


# Where a case can happen (发案地): the grassroots units.
PLACE_KINDS = (OrgKind.VILLAGE, OrgKind.COMMUNITY)
TOWN_KINDS = (OrgKind.TOWN, OrgKind.STREET)

# Sectors of member units (成员单位), after docs/outreach.md (成员单位任务); free text is accepted too.
SECTORS = (
    "学校",
    "银行",
    "通信运营商",
    "企业",
    "机关部门",
    "医院",
    "金融机构",
    "快递物流",
    "宾馆酒店",
    "其他",
)
