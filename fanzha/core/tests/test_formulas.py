import pytest

from fanzha.core.formulas import neutralise


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-", "=", "-1-", "+A1"],
)
def test_text_a_spreadsheet_would_run_gets_a_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize(
    "value", ["-12.50", "+8613800000000", "-3.5%", "-1,234", "1e-05", "张三", "", " =1", "'=1", "http://x"]
)
def test_plain_numbers_and_other_text_stay_as_they_are(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("value", [-5, -1.5, 0, None, True])
def test_values_that_are_not_text_stay_as_they_are(value):
    assert neutralise(value) is value
