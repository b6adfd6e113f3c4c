"""The corrections on /screening/models/ are case facts: only for those who may see corrections,
scoped to the user's subtree, their texts (narratives with names and bank cards) hidden unless
revealed by someone who may see personal data, and that view logged."""

import pytest
from django.contrib.auth.models import Permission

from fanzha.audit.models import AccessLog
from fanzha.cases.tests.builders import add_cases
from fanzha.screening import service

NEAR_TEXT = "张三被冒充客服骗走，转账至6222000011112222"
FAR_TEXT = "李四刷单被骗，转账至6222000033334444"


@pytest.fixture
def corrections(county, users):
    near = add_cases(county["v1"], "2024-03-05")[0]
    far = add_cases(county["c1"], "2024-03-05")[0]
    service.record_choice(users["grid_worker"], NEAR_TEXT, "刷单返利", "冒充客服", case=near)
    service.record_choice(users["other_grid_worker"], FAR_TEXT, "冒充客服", "刷单返利", case=far)
    service.record_choice(users["other_grid_worker"], "王五 13800001111", "刷单返利", "其他")
    service.record_choice(users["grid_worker"], "赵六 13900002222", "刷单返利", "其他")
    return near, far


def _grant(user, codename):
    user.user_permissions.add(Permission.objects.get(codename=codename))


def test_without_the_permission_no_correction_is_shown(client_for, corrections):
    page = client_for("grid_worker").get("/screening/models/").content.decode()
    assert "最近的更正" not in page
    assert corrections[0].case_number not in page and "6222000011112222" not in page


def test_corrections_are_scoped_and_their_texts_hidden(client_for, users, corrections):
    near, far = corrections
    _grant(users["grid_worker"], "view_correction")
    page = client_for("grid_worker").get("/screening/models/?clear=1").content.decode()
    assert near.case_number in page and far.case_number not in page
    assert "王五" not in page and "13800001111" not in page
    assert "张三" not in page and "6222000011112222" not in page and "（含个人信息，已隐藏）" in page
    assert not AccessLog.objects.exists()


def test_a_correction_without_a_case_is_seen_in_its_author_subtree(client_for, users, corrections):
    _grant(users["station_officer"], "view_correction")  # 城关派出所: 东风村 and 新村 of 青山镇
    page = client_for("station_officer").get("/screening/models/?clear=1").content.decode()
    assert corrections[0].case_number in page and corrections[1].case_number not in page
    assert NEAR_TEXT[:20] in page and "王五" not in page and "赵六" not in page


def test_town_staff_sees_corrections_made_in_the_town(client_for, users, corrections):
    _grant(users["town_staff"], "view_correction")  # 青山镇: the grid worker of 东风村 is in it
    page = client_for("town_staff").get("/screening/models/?clear=1").content.decode()
    assert corrections[0].case_number in page and corrections[1].case_number not in page
    assert page.count("（含个人信息，已隐藏）") == 2 and "赵六" not in page


def test_revealed_texts_are_logged(client_for, corrections):
    admin = client_for("county_admin")
    assert "6222000011112222" not in admin.get("/screening/models/").content.decode()
    assert not AccessLog.objects.exists()
    page = admin.get("/screening/models/?clear=1").content.decode()
    assert NEAR_TEXT[:20] in page and "王五 13800001111" in page and "赵六 13900002222" in page
    log = AccessLog.objects.get()
    assert (log.username, log.action, log.model, log.fields, log.detail) == (
        "county_admin",
        "view",
        "screening.correction",
        "研判文本明文",
        "最近的更正 4 条",
    )
