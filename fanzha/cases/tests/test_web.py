import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fanzha.audit.models import AccessLog, ObjectChange
from fanzha.cases.models import Case, FraudType
from fanzha.imports.models import ImportBatch

from .ledgers import HEADER, row, write_xlsx


def _upload(client, path, **extra):
    """Upload, then follow the preview job until it shows the preview."""
    import time

    with path.open("rb") as handle:
        upload = SimpleUploadedFile(path.name, handle.read())
    response = client.post(reverse("imports:upload"), {"kind": "cases", "file": upload, **extra})
    assert response.url.startswith("/imports/jobs/")
    deadline = time.monotonic() + 30
    while "导入预览" not in (page := client.get(response.url)).content.decode():
        assert time.monotonic() < deadline, "the preview job did not finish"
        time.sleep(0.1)
    return page


def _wait_for_job(client, url, seconds=30):
    import time

    deadline = time.monotonic() + seconds
    while True:
        page = client.get(url, HTTP_HX_REQUEST="true")
        if page.get("HX-Redirect"):
            return page["HX-Redirect"]
        assert "出错了" not in page.content.decode(), page.content.decode()
        assert time.monotonic() < deadline, "the import job did not finish"
        time.sleep(0.2)


@pytest.mark.django_db(transaction=True)
def test_upload_preview_confirm(county, client_for, tmp_path):
    client = client_for("station_officer")
    path = write_xlsx(tmp_path / "三月台账.xlsx", HEADER, [row(number="W1"), row(number="W2", place="新村")])
    preview = _upload(client, path)
    page = preview.content.decode()
    assert (
        "第3行「发案地」：「新村」有2个（河东街道、青山镇），请填写乡镇或派出所" in page
        and "有错误时不会导入任何数据" in page
    )
    assert Case.objects.count() == 0 and not ImportBatch.objects.exists()  # a preview keeps nothing
    errors = client.get(reverse("imports:pending_errors"))
    assert errors.status_code == 200 and AccessLog.objects.filter(action="export").count() == 1

    fixed = write_xlsx(
        tmp_path / "三月台账.xlsx", HEADER, [row(number="W1"), row(number="W2", place="青山镇/新村")]
    )
    preview = _upload(client, fixed)
    assert "将新增 <strong>2</strong>" in preview.content.decode()
    started = client.post(reverse("imports:confirm"))
    assert started.url.startswith("/imports/jobs/")
    page = client.get(started.url).content.decode()
    assert "正在导入" in page or "导入已结束" in page
    finished_at = _wait_for_job(client, started.url)
    batch = ImportBatch.objects.get()
    assert finished_at == reverse("imports:batch", args=[batch.pk])
    assert client_for("grid_worker").get(started.url).status_code == 404  # another user's job
    assert batch.status == ImportBatch.Status.DONE and batch.user.username == "station_officer"
    assert set(Case.objects.values_list("case_number", flat=True)) == {"W1", "W2"}


def test_upload_rejects_other_file_types(county, client_for):
    client = client_for("station_officer")
    upload = SimpleUploadedFile("ledger.xls", b"\xd0\xcf\x11\xe0")
    page = client.post(reverse("imports:upload"), {"kind": "cases", "file": upload}).content.decode()
    assert "只支持 .xlsx 和 .csv 文件" in page


def test_town_staff_cannot_import_cases(county, client_for, tmp_path):
    client = client_for("town_staff")
    page = client.get(reverse("imports:upload")).content.decode()
    assert 'value="visits"' in page and 'value="cases"' not in page  # only the kinds they may import
    upload = SimpleUploadedFile("ledger.csv", "案件编号\nA1\n".encode())
    refused = client.post(reverse("imports:upload"), {"kind": "cases", "file": upload})
    assert refused.status_code == 200  # the form again, saying the kind is not one of theirs
    assert "「导入内容」：您没有导入这类数据的权限，请从列表中选择" in refused.content.decode()
    from fanzha.cases.models import Case

    assert not Case.objects.exists()


def test_create_and_edit_through_the_form_is_audited(county, client_for):
    client = client_for("station_officer")
    fraud = FraudType.objects.get(name="冒充公检法")
    form = {
        "case_number": "F1",
        "reported_at": "2024-03-05T10:00",
        "place": county["v2"].pk,
        "fraud_type": fraud.pk,
        "status": "accepted",
        "prior_outreach": "unknown",
        "loss": "1.5万元",
        "recovered": "",
        "victim_id_number": "11010519491231002x",
        "victim_phone": "138 0013 8000",
        "identifiers_phone": "13900000000\n13900000001",
        "identifiers_account": "6222 0000 1111 2222",
    }
    response = client.post(reverse("cases:create"), form)
    case = Case.objects.get(case_number="F1")
    assert response.url == reverse("cases:detail", args=[case.pk])
    assert case.loss_fen == 1_500_000 and case.station == county["s1"] and case.victim_age == 74
    assert case.victim_id_number == "11010519491231002X" and case.victim_phone == "13800138000"
    assert case.identifiers.count() == 3

    form.update(loss="abc", victim_id_number="123")
    page = client.post(reverse("cases:edit", args=[case.pk]), form).content.decode()
    assert "无法识别的金额" in page and "身份证号应为18位" in page

    form.update(loss="20000", victim_id_number="11010519491231002X")
    client.post(reverse("cases:edit", args=[case.pk]), form)
    change = ObjectChange.objects.get(action="update", object_id=str(case.pk))
    assert ("loss_fen", "15000.00", "20000.00") in change.changed_fields()
    history = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "损失金额（元）" in history and "20000.00" in history


def test_grid_worker_cannot_place_a_case_outside_the_village(county, client_for):
    client = client_for("grid_worker")
    fraud = FraudType.objects.first()
    page = client.post(
        reverse("cases:create"),
        {
            "case_number": "F2",
            "reported_at": "2024-03-05T10:00",
            "place": county["c1"].pk,
            "fraud_type": fraud.pk,
            "status": "accepted",
            "prior_outreach": "unknown",
        },
    ).content.decode()
    assert not Case.objects.exists()
    assert "选择一个有效的选项" in page  # other villages are not even offered


def test_messages_are_chinese_whatever_the_browser_language(county, client_for):
    client = client_for("station_officer")
    page = client.post(reverse("cases:create"), {"case_number": ""}, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = page.content.decode()
    assert "该字段是必填项" in page and "This field is required" not in page
    assert "请选择" in page and "---------" not in page


def test_the_form_refuses_a_victim_born_after_the_report(county, client_for):
    fraud = FraudType.objects.first()
    page = (
        client_for("station_officer")
        .post(
            reverse("cases:create"),
            {
                "case_number": "F9",
                "reported_at": "2009-06-01T10:00",
                "place": county["v1"].pk,
                "fraud_type": fraud.pk,
                "status": "accepted",
                "prior_outreach": "unknown",
                "victim_id_number": "110105201001010010",
            },
        )
        .content.decode()
    )
    assert "身份证号中的出生日期晚于报案时间" in page and not Case.objects.exists()


def test_change_history_masks_personal_data_and_names_fields_in_chinese(county, client_for):
    from fanzha.audit.models import ObjectChange

    officer = client_for("station_officer")
    fraud = FraudType.objects.get(name="刷单返利")
    form = {
        "case_number": "H1",
        "reported_at": "2024-03-05T10:00",
        "place": county["v1"].pk,
        "fraud_type": fraud.pk,
        "status": "accepted",
        "prior_outreach": "unknown",
        "victim_phone": "13800138000",
        "identifiers_account": "6222000011112222",
    }
    officer.post(reverse("cases:create"), form)
    case = Case.objects.get(case_number="H1")
    form.update(victim_phone="13900139000", identifiers_account="6222000033334444")
    officer.post(reverse("cases:edit", args=[case.pk]), form)
    assert ObjectChange.objects.filter(object_id=str(case.pk), action="update").exists()

    detail = officer.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "6222000033334444" not in detail and "6222********4444" in detail
    assert "13900139000" not in detail and "139****9000" in detail
    revealed = officer.get(reverse("cases:detail", args=[case.pk]) + "?reveal=1").content.decode()
    assert "6222000011112222" in revealed and "13800138000" in revealed

    audit = client_for("county_admin").get(reverse("audit:changes")).content.decode()
    assert "案件 · H1" in audit and "联系电话：138****8000 → 139****9000" in audit
    assert "6222000033334444" not in audit and "victim_phone" not in audit and "cases.case" not in audit
