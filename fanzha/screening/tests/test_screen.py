"""The screening commands end to end on a small made-up set (the research data never enter the
repository or the suite)."""

import json
import random

import pytest
from django.core.management import CommandError, call_command

from fanzha.screening.data import DataError, dev_split, read_jsonl
from fanzha.screening.evaluation import evaluate
from fanzha.screening.rules import matched

PHRASES = {
    "刷单返利": ["帮忙点赞做任务，每单返佣金", "刷单垫付本金，完成后返利", "兼职刷单日结，先垫付再返还"],
    "冒充公检法": [
        "我是公安局民警，你涉嫌洗钱需要把资金转到安全账户",
        "检察院通知你的账户涉嫌犯罪将被冻结",
        "法院传票，涉嫌洗钱请配合资金核查",
    ],
    "正常": ["明天上午九点开会，请准时参加", "快递已放在门卫室，请及时取件", "周末一起去公园散步吧"],
}


def _rows(count_each=12, seed=1):
    rng = random.Random(seed)
    rows = []
    for label, phrases in PHRASES.items():
        for i in range(count_each):
            rows.append({"text": f"{rng.choice(phrases)}（{i}）", "label": label})
    return rows


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_train_classify_eval(tmp_path, capsys):
    data = _write(tmp_path / "train.jsonl", _rows())
    model = tmp_path / "m.model"
    call_command("screen", "train", "--data", str(data), "--out", str(model))
    assert "开发集 macro-F1" in capsys.readouterr().out
    call_command("screen", "train", "--data", str(data), "--out", str(model), "--format", "json")
    trained = json.loads(capsys.readouterr().out)
    assert (trained["rows"], trained["labels"], trained["out"]) == (len(_rows()), len(PHRASES), str(model))
    assert trained["dev_evaluation"]["macro_f1"] > 0.9 and trained["version"] is None
    texts = ["民警说我涉嫌洗钱，要求转到安全账户", "今晚一起吃饭吗", "做任务刷单返佣金"]
    source = _write(tmp_path / "in.jsonl", [{"text": t} for t in texts])
    out = tmp_path / "out.jsonl"
    call_command("screen", "classify", "--model", str(model), "--in", str(source), "--out", str(out))
    verdicts = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [v["text"] for v in verdicts] == texts
    assert [v["label"] for v in verdicts] == ["冒充公检法", "正常", "刷单返利"]
    assert len(verdicts[0]["top"]) == 3 and abs(sum(t["p"] for t in verdicts[0]["top"]) - 1) < 0.01
    assert "safe_account" in verdicts[0]["rules"] and verdicts[1]["rules"] == []
    capsys.readouterr()
    call_command("screen", "eval", "--model", str(model), "--data", str(data))
    result = json.loads(capsys.readouterr().out)
    assert result["accuracy"] > 0.9 and set(result["per_class"]) == set(PHRASES)


def test_bad_lines_are_named(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "好", "label": "正常"}\n{"text": 3}\n', encoding="utf-8")
    with pytest.raises(DataError, match="第2行"):
        read_jsonl(bad)
    with pytest.raises(CommandError, match="第2行"):
        call_command("screen", "train", "--data", str(bad), "--out", str(tmp_path / "m"))


def test_dev_split_is_stratified_and_reproducible():
    rows = _rows(10)
    train, dev = dev_split(rows)
    assert len(dev) == 6 and {r["label"] for r in dev} == set(PHRASES)
    assert dev_split(rows) == (train, dev)


def test_macro_f1_by_hand():
    result = evaluate(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    assert result["accuracy"] == 0.75
    assert (
        round(result["per_class"]["a"]["f1"], 4) == 0.6667 and round(result["per_class"]["b"]["f1"], 4) == 0.8
    )
    assert round(result["macro_f1"], 4) == 0.7333
    assert result["confusion"] == [[1, 1], [0, 2]]


def test_rules_explain():
    assert matched("您中奖了，领奖前请先交手续费") == ["prize_fee"]
    assert "verification_code" in matched("请把收到的验证码告诉我")


def test_train_from_the_ledger(county, tmp_path):
    from fanzha.cases.models import FraudType
    from fanzha.cases.tests.builders import add_cases

    police = FraudType.objects.get(name="冒充公检法")
    for i in range(6):
        add_cases(county["v1"], "2024-03-05", 1, narrative=f"刷单垫付返利被骗{i}", status="filed")
        add_cases(
            county["v1"],
            "2024-03-05",
            1,
            narrative=f"冒充民警称涉嫌洗钱转安全账户{i}",
            status="solved",
            fraud_type=police,
        )
    add_cases(county["v1"], "2024-03-05", 1, narrative="仅受理未立案", status="accepted")
    model = tmp_path / "ledger.model"
    call_command("screen", "train", "--from-db", "--out", str(model))
    from fanzha.screening.model import Model

    loaded = Model.load(model)
    assert loaded.meta["rows"] == 12 and set(loaded.labels) == {"刷单返利", "冒充公检法"}
