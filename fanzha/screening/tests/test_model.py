"""The features equal scikit-learn's, the model file is portable and safe, the default model ships
and works offline, and versions, corrections, the API and the pages behave."""

import json
import random

import numpy as np
import pytest
from django.core.management import call_command
from sklearn.feature_extraction.text import TfidfVectorizer

from fanzha.screening import service
from fanzha.screening.default import DEFAULT_MODEL, demo_rows
from fanzha.screening.features import CharNgramTfidf, KeyTable
from fanzha.screening.model import Model, fit
from fanzha.screening.models import Correction, ScreeningModel

TEXTS = [
    "您好，我是公安局民警，您涉嫌洗钱，请把资金转到安全账户。",
    "兼职刷单，日结佣金，先垫付后返还！！",
    "  多个   空格\n\n和换行\t\t也要一样  ",
    "",
    "a",
    "AB",
    "表情😀😀也算字符",
]


def test_features_equal_scikit_learn():
    rng = random.Random(3)
    corpus = [row["text"] for row in demo_rows(per_label=20)] + TEXTS
    fitted = TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True, dtype=np.float32).fit(
        corpus[:200]
    )
    terms = [term for term, _ in sorted(fitted.vocabulary_.items(), key=lambda item: item[1])]
    ours = CharNgramTfidf(terms, fitted.idf_)
    sample = rng.sample(corpus, 60) + TEXTS
    assert abs(fitted.transform(sample) - ours.transform(sample)).max() < 1e-6


def test_key_table_finds_every_key_and_only_those():
    rng = np.random.default_rng(1)
    keys = np.unique(rng.integers(1, 2**62, size=5000, dtype=np.int64).astype(np.uint64))
    table = KeyTable(keys)
    assert (table.lookup(keys) == np.arange(keys.size)).all()
    strangers = keys + np.uint64(1)
    strangers = strangers[~np.isin(strangers, keys)]
    assert (table.lookup(strangers) == -1).all()


@pytest.fixture(scope="module")
def small_model():
    return fit(demo_rows(per_label=30))


def test_model_file_round_trip_without_pickle(small_model, tmp_path):
    path = small_model.save(tmp_path / "m.npz")
    np.load(path, allow_pickle=False)  # nothing in it needs pickle
    loaded = Model.load(path)
    assert loaded.labels == small_model.labels
    assert np.allclose(loaded.probabilities(TEXTS), small_model.probabilities(TEXTS))
    assert np.allclose(loaded.probabilities(TEXTS).sum(axis=1), 1.0)


def test_two_labels_give_two_probabilities():
    rows = [r for r in demo_rows(per_label=20) if r["label"] in ("刷单返利", "冒充公检法")]
    model = fit(rows)
    verdict = model.classify(["我是公安局民警，你涉嫌洗钱，转到安全账户"])[0]
    assert verdict["label"] == "冒充公检法" and len(verdict["top"]) == 2
    assert abs(sum(t["p"] for t in verdict["top"]) - 1) < 1e-3


def test_the_default_model_ships_and_classifies():
    model = Model.load(DEFAULT_MODEL)
    verdicts = model.classify(
        [
            "受害人在某聊天软件上看到兼职刷单广告，按要求垫付做任务，连单后无法提现，被骗5000元。",
            "受害人接到自称公安局民警的电话，称其涉嫌洗钱，要求将存款转入安全账户。",
            "【顺丰速运】您的快递已到村口驿站，取件码3-2-1056，请于今日18点前取件。",
        ]
    )
    assert [v["label"] for v in verdicts] == ["刷单返利", "冒充公检法", "非诈骗信息"]
    assert "safe_account" in verdicts[1]["rules"]


def test_register_activate_and_fall_back_to_default(db, settings, tmp_path, small_model):
    settings.DATA_DIR = tmp_path
    assert service.current()[1] == "default"
    small_model.meta |= {"version": "20240301000000", "rows": 390, "source": "测试"}
    record = service.register(small_model)
    assert record.is_active and service.current()[1] == "20240301000000"
    (tmp_path / "models" / "20240301000000.npz").exists()
    record.is_active = False
    record.save()
    assert service.current()[1] == "default"


def test_train_from_db_registers_a_version_with_corrections(county, settings, tmp_path):
    from fanzha.cases.models import FraudType
    from fanzha.cases.tests.builders import add_cases

    settings.DATA_DIR = tmp_path
    police = FraudType.objects.get(name="冒充公检法")
    for i in range(6):
        add_cases(county["v1"], "2024-03-05", 1, narrative=f"刷单垫付返利被骗{i}", status="filed")
        add_cases(
            county["v1"],
            "2024-03-05",
            1,
            narrative=f"冒充民警称涉嫌洗钱{i}",
            status="filed",
            fraud_type=police,
        )
    for i in range(3):
        Correction.objects.create(text=f"快递取件通知{i}", suggested="刷单返利", chosen="非诈骗信息")
    call_command("screen", "train", "--from-db")
    record = ScreeningModel.objects.get()
    assert (
        record.is_active
        and record.rows == 15
        and set(record.labels) == {"刷单返利", "冒充公检法", "非诈骗信息"}
    )


def test_api_screens_a_list_in_order(client_for, county):
    client = client_for("grid_worker")
    texts = ["兼职刷单日结佣金，先垫付再返利", "明天上午九点在村委会开会"]
    response = client.post("/api/screen/", {"texts": texts}, content_type="application/json")
    body = response.json()
    assert response.status_code == 200 and [v["text"] for v in body] == texts
    assert set(body[0]) >= {"text", "label", "score", "top", "rules", "model"} and len(body[0]["top"]) == 3
    assert client.post("/api/screen/", {"texts": []}, content_type="application/json").status_code == 400
    too_many = {"texts": ["x"] * 1001}
    assert client.post("/api/screen/", too_many, content_type="application/json").status_code == 400


def test_paste_page_explains_and_takes_a_correction(client_for, county):
    client = client_for("grid_worker")
    page = client.post(
        "/screening/", {"text": "我是公安局民警，你涉嫌洗钱，请把钱转到安全账户配合资金核查"}
    ).content.decode()
    assert "疑似诈骗" in page and "要求转账到“安全账户”" in page
    client.post(
        "/screening/",
        {
            "action": "correct",
            "text": "某条短信",
            "suggested": "刷单返利",
            "chosen": "非诈骗信息",
            "version": "default",
        },
    )
    assert Correction.objects.get().chosen == "非诈骗信息"


def test_suggestion_and_a_correction_from_the_case_form(client_for, county):
    from fanzha.cases.models import Case, FraudType

    client = client_for("station_officer")
    narrative = "受害人在某聊天软件上看到兼职刷单广告，按要求垫付做任务，后无法提现，被骗5000元。"
    part = client.post("/screening/suggest/", {"narrative": narrative}).content.decode()
    assert 'data-label="刷单返利"' in part and "take-suggestion" in part
    assert client.post("/screening/suggest/", {"narrative": "太短"}).content.decode().strip() == ""
    assert "hx-post" in client.get("/cases/new/").content.decode()
    other = FraudType.objects.get(name="冒充公检法")
    form = {
        "case_number": "S1",
        "reported_at": "2024-03-05T10:00",
        "place": county["v1"].pk,
        "fraud_type": other.pk,
        "status": "accepted",
        "prior_outreach": "unknown",
        "narrative": narrative,
        "screening_suggestion": "刷单返利",
        "screening_version": "default",
    }
    assert client.post("/cases/new/", form).status_code == 302
    correction = Correction.objects.get()
    assert (correction.suggested, correction.chosen, correction.case) == (
        "刷单返利",
        "冒充公检法",
        Case.objects.get(),
    )


def test_classify_command_keeps_order_and_fields(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(
        "\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in TEXTS) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    call_command("screen", "classify", "--model", str(DEFAULT_MODEL), "--in", str(source), "--out", str(out))
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["text"] for line in lines] == TEXTS and all(len(line["top"]) == 3 for line in lines)


def test_ledger_rows_whose_type_disagrees_are_flagged(county):
    from io import StringIO

    from fanzha.cases.models import FraudType
    from fanzha.cases.tests.builders import add_cases

    narrative = (
        "受害人接到自称公安局民警的电话，称其涉嫌洗钱，要求将存款转入安全账户进行资金核查，被骗8万元。"
    )
    add_cases(county["v1"], "2024-03-05", 1, narrative=narrative)  # recorded as 刷单返利
    add_cases(
        county["v1"],
        "2024-03-06",
        1,
        narrative=narrative,
        fraud_type=FraudType.objects.get(name="冒充公检法"),
    )
    out = StringIO()
    call_command("screen", "audit", "--period", "2024-03", "--format", "json", stdout=out)
    (row,) = json.loads(out.getvalue())
    assert (row["recorded"], row["suggested"]) == ("刷单返利", "冒充公检法")
    preview = [
        {"narrative": narrative, "fraud_type": "刷单返利"},
        {"narrative": "", "fraud_type": "刷单返利"},
    ]
    service.annotate_preview(preview)
    assert preview[0]["disagrees"] and "suggested" not in preview[1]


def test_a_missing_version_file_falls_back_to_the_default(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    ScreeningModel.objects.create(
        version="20990101000000", file="gone.npz", source="x", rows=1, is_active=True
    )
    assert service.current()[1] == "default"
    assert service.classify(["兼职刷单日结佣金"])[0]["model"] == "default"
