"""Everyday messages that are not fraud, for the shipped default model's 非诈骗信息 class (so a
forwarded message can be cleared, not only typed). Slots are filled at random like the narratives."""

import random

LABEL = "非诈骗信息"

TEMPLATES = [
    "【{courier}】您的快递已到{place}，取件码{code}，请于今日{hour}点前取件。",
    "{name}，明天上午{hour}点在村委会召开{meeting}，请准时参加。",
    "妈，我今天加班，晚饭不回来吃了，{food}在冰箱里。",
    "【{bank}】您尾号{tail}的账户{day}日工资收入{amount}元，余额请登录手机银行查询。",
    "各位家长：本周{day}日下午{hour}点召开家长会，地点在{place}，请安排时间参加。",
    "{name}你好，上次借你的{thing}我明天还给你，放在{place}可以吗？",
    "【{courier}】您的包裹已签收，感谢使用，如有疑问请拨打官方客服电话。",
    "社区通知：本周{day}日{hour}点起停水检修，请提前储水，给您带来不便敬请谅解。",
    "{name}，周末一起去{place}爬山吗？我开车，{hour}点楼下见。",
    "【医保中心】您的医保缴费已到账，缴费金额{amount}元，请勿回复本短信。",
    "今天{meeting}的材料我已经发到群里了，大家看一下有没有问题。",
    "【{bank}】温馨提示：银行工作人员不会索要验证码，请勿向任何人透露。",
    "老师好，{name}今天发烧请假一天，明天正常到校，谢谢。",
    "{name}，村里明天发放{thing}，带上身份证到村委会领取。",
    "反诈提醒：凡是自称公检法要求转账的都是诈骗，凡是刷单都是诈骗，请广大群众提高警惕。",
]
SLOTS = {
    "courier": ["顺丰速运", "中国邮政", "中通快递", "韵达快递"],
    "place": ["村口驿站", "小区东门快递柜", "学校礼堂", "镇文化站", "菜鸟驿站"],
    "code": ["3-2-1056", "8-1-2231", "5-4-0017"],
    "hour": ["8", "9", "10", "14", "15", "18"],
    "name": ["老王", "张姐", "李叔", "小刘", "陈主任"],
    "meeting": ["村民代表大会", "安全生产会议", "党员学习会", "防汛工作会"],
    "food": ["饺子", "剩菜", "水果"],
    "bank": ["农业银行", "建设银行", "农村信用社", "邮储银行"],
    "tail": ["1234", "8866", "0571"],
    "day": ["12", "15", "20", "28"],
    "amount": ["3,200.00", "4,860.50", "280.00", "1,150.00"],
    "thing": ["梯子", "电钻", "化肥", "防疫物资", "宣传资料"],
}


def everyday_text(rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(**{slot: rng.choice(values) for slot, values in SLOTS.items()})
