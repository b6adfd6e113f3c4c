"""The default fraud-type taxonomy: the categories police ledgers use, with the spellings met in
ledgers as aliases. Seeded by a migration; a centre edits it afterwards (the admin or the API)."""

DEFAULT_FRAUD_TYPES = [
    ("刷单返利", "刷单、网络刷单、网上刷单、兼职刷单、刷单类"),
    ("虚假网络投资理财", "投资理财、网络投资理财、网上投资理财、虚假投资理财、网上投资"),
    ("虚假网络贷款", "网络贷款、网上贷款、虚假贷款、贷款类"),
    ("虚假征信", "征信、注销校园贷、消除不良征信"),
    ("冒充电商物流客服", "冒充客服、冒充电商客服、冒充物流客服、快递理赔"),
    ("冒充公检法", "冒充公检法机关、冒充国家机关工作人员、安全账户"),
    ("冒充领导熟人", "冒充熟人、冒充领导、冒充亲友、熟人"),
    ("网络婚恋交友", "婚恋交友、网上征婚交友、杀猪盘、网恋"),
    ("网络游戏产品虚假交易", "游戏交易、网络游戏、游戏装备"),
    ("冒充军警购物", "冒充军警、军警购物"),
    ("网购退赔", "网购退款、退货退款"),
    ("其他", "其它"),
]


def ensure_default_fraud_types(model) -> None:
    """Create the default types that are missing (`model` is FraudType, or its migration state)."""
    for order, (name, aliases) in enumerate(DEFAULT_FRAUD_TYPES, start=1):
        model.objects.get_or_create(name=name, defaults={"aliases": aliases, "sort_order": order * 10})
