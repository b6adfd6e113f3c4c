"""入户走访 on a phone (issue 18): the household is picked from the household ledger of the worker's
village by address or head's name (or registered when it is not there), the date is today and the
visitor is the user by name."""

from datetime import datetime

import pytest

from fanzha.audit.models import ObjectChange
from fanzha.core import clock
from fanzha.core.periods import BEIJING
from fanzha.prevention.models import Household, HouseholdVisit

PICK = "/prevention/households/pick/"


@pytest.fixture
def households(county):
    return {
        "own": Household.objects.create(village=county["v1"], address="东风村3组8号", head_name="李桂兰"),
        "own2": Household.objects.create(village=county["v1"], address="东风村5组1号", head_name="张三"),
        "far": Household.objects.create(village=county["c1"], address="滨江3组8号", head_name="李桂芳"),
    }


def test_the_picker_finds_the_villages_households_by_address_or_head(client_for, households):
    grid = client_for("grid_worker")
    by_address = grid.get(PICK, {"household_q": "3组8号"}).content.decode()
    assert "东风村3组8号" in by_address and "滨江3组8号" not in by_address  # another village's: never
    by_head = grid.get(PICK, {"household_q": "李桂"}).content.decode()
    assert "李桂兰" in by_head and "李桂芳" not in by_head and "张三" not in by_head
    none = grid.get(PICK, {"household_q": "9组"}).content.decode()
    assert "住户台账中没有「9组」" in none
    # the household already chosen stays on top, checked, whatever is typed next
    kept = grid.get(PICK, {"household_q": "5组", "household": households["own"].pk}).content.decode()
    assert kept.index("东风村3组8号") < kept.index("东风村5组1号")
    assert f'value="{households["own"].pk}" checked' in kept
    # someone else's household cannot be slipped in as the chosen one
    assert "滨江" not in grid.get(PICK, {"household": households["far"].pk}).content.decode()


def test_the_form_starts_on_today_with_the_users_name(client_for, users):
    users["grid_worker"].first_name = "王秀英"
    users["grid_worker"].save()
    with clock.frozen(datetime(2024, 3, 10, 8, 30, tzinfo=BEIJING)):
        page = client_for("grid_worker").get("/prevention/visits/new/").content.decode()
    assert 'value="2024-03-10"' in page and 'value="王秀英"' in page
    assert 'value="grid_worker"' not in page  # the login is no one's name
    assert 'capture="environment"' in page  # the photo from the camera


def test_a_visit_to_a_picked_household(client_for, households):
    grid = client_for("grid_worker")
    visit = {"visited_on": "2024-03-10", "visitor": "王秀英", "people_reached": "2", "face_to_face": "on"}
    response = grid.post("/prevention/visits/new/", visit | {"household": households["own"].pk})
    assert response.status_code == 302
    saved = HouseholdVisit.objects.get()
    assert (saved.household, saved.village) == (households["own"], households["own"].village)
    assert ObjectChange.objects.filter(model="prevention.householdvisit", action="create").exists()
    # another village's household is refused; so is a visit naming no household at all
    page = grid.post("/prevention/visits/new/", visit | {"household": households["far"].pk}).content.decode()
    assert "所选住户不在您管辖的住户台账中" in page
    page = grid.post("/prevention/visits/new/", visit).content.decode()
    assert "请选择住户" in page
    assert HouseholdVisit.objects.count() == 1


def test_an_order_links_to_the_form_with_its_household(client_for, households):
    page = (
        client_for("grid_worker")
        .get("/prevention/visits/new/", {"household": households["own"].pk})
        .content.decode()
    )
    assert f'value="{households["own"].pk}" checked' in page and "东风村3组8号" in page
    far = client_for("grid_worker").get("/prevention/visits/new/", {"household": households["far"].pk})
    assert "滨江" not in far.content.decode()
