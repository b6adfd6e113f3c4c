"""The orders API: personal data of the warned person masked by default; a clear read (view_pii and
?clear=1) is written to the access log."""

from datetime import datetime

import pytest

from fanzha.audit.models import AccessLog
from fanzha.core.periods import BEIJING
from fanzha.prevention.models import Household
from fanzha.warnings import services
from fanzha.warnings.models import Warning

PHONE, ID_NUMBER = "13800000001", "36112319800101001X"


@pytest.fixture
def order(county):
    Household.objects.create(village=county["v1"], address="东风村1组3号", phone=PHONE)
    warning = Warning(
        external_id="YJ1",
        received_at=datetime(2024, 3, 5, 9, 0, tzinfo=BEIJING),
        phone=PHONE,
        id_number=ID_NUMBER,
        level="high",
    )
    return services.receive(warning)


@pytest.mark.parametrize("path", ["/api/warnings/orders/?clear=1", "/api/warnings/orders/{id}/?clear=1"])
def test_a_clear_read_is_logged(client_for, order, path):
    response = client_for("county_admin").get(path.format(id=order.pk))
    assert response.status_code == 200
    data = response.json()
    warning = (data["results"][0] if "results" in data else data)["warning"]
    assert (warning["phone"], warning["id_number"]) == (PHONE, ID_NUMBER)
    log = AccessLog.objects.get()
    assert (log.username, log.action, log.model) == ("county_admin", "api", "warnings.verificationorder")
    assert log.detail == f"API 明文读取：核查指令 {order.pk}"


@pytest.mark.parametrize("path", ["/api/warnings/orders/?clear=1", "/api/warnings/orders/{id}/?clear=1"])
def test_without_view_pii_clear_is_masked_and_not_logged(client_for, order, path):
    response = client_for("grid_worker").get(path.format(id=order.pk))
    assert response.status_code == 200
    data = response.json()
    warning = (data["results"][0] if "results" in data else data)["warning"]
    assert (warning["phone"], warning["id_number"]) == ("138****0001", "361***********001X")
    assert not AccessLog.objects.exists()


def test_a_masked_read_is_not_logged(client_for, order):
    response = client_for("county_admin").get("/api/warnings/orders/")
    assert response.json()["results"][0]["warning"]["phone"] == "138****0001"
    assert not AccessLog.objects.exists()


def test_an_actions_answer_is_masked_even_when_clear_is_asked(client_for, order):
    """Clear values come from a read (GET, logged); a write's answer never carries them."""
    response = client_for("station_officer").post(f"/api/warnings/orders/{order.pk}/sign/?clear=1")
    assert response.status_code == 200 and response.json()["warning"]["phone"] != PHONE
    assert not AccessLog.objects.exists()
