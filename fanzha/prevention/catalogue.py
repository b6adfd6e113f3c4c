"""What ships with the platform: the plans' activity kinds and the duties they give each sector
(docs/outreach.md). Loaded once by a migration; an office edits both lists afterwards."""

# (name, quota group)
ACTIVITY_KINDS = [
    ("入户宣传", ""),
    ("进社区", "session"),
    ("进村居", "session"),
    ("进单位", ""),
    ("进企业", ""),
    ("进小区", "session"),
    ("进校园", "school"),
    ("进家庭", ""),
    ("进场所", ""),
    ("进农村", "session"),
    ("进机关", ""),
    ("讲座/培训", ""),
    ("主题班会", "school"),
    ("集中宣传日/流动集市", "session"),
    ("横幅/海报/展板", "banner"),
    ("电子屏", ""),
    ("广播", ""),
    ("微信推送", ""),
    ("短信", ""),
    ("其他", ""),
]

# (sector, title, detail, plan, due month, due day)
DUTY_TEMPLATES = [
    ("学校", "每学期开展反诈宣传活动不少于2次", "留存影像资料备查", "001 方案2；002 方案1", 7, 31),
    ("学校", "各班每月组织一次反诈主题班会", "", "001 方案2", 12, 31),
    ("学校", "6月底前完成学生家长防骗告知书签订", "回执联由学生带回学校集中存档备查", "001 方案2", 6, 30),
    ("学校", "组织全体教职工下载安装国家反诈中心App", "", "001 方案2", 6, 30),
    ("学校", "每天定时播放防骗MP3", "", "002 方案1", 12, 31),
    ("银行", "利用存取款一体机、LED屏滚动播放防骗提示", "", "002 方案1", 3, 31),
    ("银行", "落实柜台大额转账汇款防骗提醒和可疑账户报告", "", "002 方案1", 12, 31),
    ("银行", "明确保卫部门及一名专业人员，配合止付冻结", "", "000 篇一", 2, 28),
    ("通信运营商", "定期发送防骗短信，每次覆盖面不低于系统用户总量的90%", "", "002 方案1；000 篇五", 12, 31),
    ("通信运营商", "IPTV开机画面投放防骗公益广告", "", "002 方案1", 6, 30),
    ("通信运营商", "明确保卫部门及一名专业人员，配合七号信令倒查", "", "000 篇一", 2, 28),
    ("快递物流", "对分派的快递包裹逐件粘贴防骗贴", "确保全覆盖、无遗漏、不间断", "002 方案1", 12, 31),
    ("机关部门", "开展一次在岗工作人员反诈教育", "", "000 篇五", 6, 30),
    (
        "机关部门",
        "对服务对象开展宣传防范，系统内部零发案",
        "系统内部零发案、关联人员全覆盖、服务对象无遗漏",
        "002 方案1",
        12,
        31,
    ),
    ("企业", "组织务工人员签订反电诈承诺书", "", "004", 6, 30),
    ("企业", "将反电诈纳入企业安全生产内容，健全财务审核审批制度", "", "004；002 方案1", 12, 31),
    ("医院", "利用门前电子显示屏滚动播放反电诈口号", "", "004", 6, 30),
    ("宾馆酒店", "利用门前电子显示屏滚动播放反电诈口号", "", "004", 6, 30),
    ("全部成员单位", "做好内部职工和服务管理对象的宣传防范", "留存影像资料备查", "004；003", 12, 31),
    ("全部成员单位", "明确一名反诈联络员", "", "000 篇十", 2, 28),
]


def load(apps, schema_editor=None) -> None:
    ActivityKind = apps.get_model("prevention", "ActivityKind")
    DutyTemplate = apps.get_model("prevention", "DutyTemplate")
    for order, (name, group) in enumerate(ACTIVITY_KINDS):
        ActivityKind.objects.get_or_create(
            name=name, defaults={"quota_group": group, "sort_order": order * 10}
        )
    for sector, title, detail, plan, month, day in DUTY_TEMPLATES:
        DutyTemplate.objects.get_or_create(
            sector=sector,
            title=title,
            defaults={"detail": detail, "plan": plan, "due_month": month, "due_day": day},
        )
