"""Every filter form looks and reads alike (StrictFilterSet): a yes/no filter is a select of
全部/是/否 that starts at 全部, and every select's empty choice reads 全部 — for any ledger's filters."""

import pytest

from fanzha.prevention.filters import DutyFilterSet
from fanzha.prevention.models import Duty
from fanzha.warnings.filters import OrderFilterSet
from fanzha.warnings.models import VerificationOrder


def _options(html: str) -> list[str]:
    return [part.split(">", 1)[1].split("<", 1)[0] for part in html.split("<option")[1:]]


@pytest.mark.django_db
def test_a_yes_no_filter_is_a_select_of_all_yes_no_starting_at_all():
    form = OrderFilterSet({}, queryset=VerificationOrder.objects.none()).form
    for name in ("overdue", "escalated"):
        html = str(form[name])
        assert html.startswith("<select") and 'class="form-select form-select-sm"' in html
        assert _options(html) == ["全部", "是", "否"] and '<option value="" selected>' in html
    assert "未知" not in str(form)


@pytest.mark.django_db
def test_every_select_starts_with_all_not_dashes():
    form = DutyFilterSet({}, queryset=Duty.objects.none()).form
    assert _options(str(form["status"]))[0] == "全部"
    assert "---------" not in str(form)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("given", "read"), [("true", True), ("1", True), ("false", False), ("0", False), ("", None)]
)
def test_links_and_the_api_write_yes_no_either_way(given, read):
    filters = OrderFilterSet({"overdue": given}, queryset=VerificationOrder.objects.none())
    assert filters.form.is_valid() and filters.form.cleaned_data["overdue"] is read
    chosen = {True: "true", False: "false", None: ""}[read]
    assert f'<option value="{chosen}" selected>' in str(filters.form["overdue"])
