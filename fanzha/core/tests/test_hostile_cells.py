"""Whatever a ledger cell holds, the value parsers answer with a value or their own Chinese error:
never another exception, and the vectorised parser agrees with the scalar one. (Agreement is checked
on text without control characters: Python's strip() takes U+001C..U+001F for spaces, polars does
not, so a cell of only those is empty to one and unreadable to the other — both fine answers.)"""

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from fanzha.core.idcard import IdNumberError, clean_id_number, id_number_stages
from fanzha.core.money import MoneyError, money_stages, parse_money
from fanzha.core.periods import PeriodError, parse_period
from fanzha.core.phones import PhoneError, clean_phone, phone_stages
from fanzha.core.stages import apply

# what ledgers hold, and what a hostile file may: digits in both widths, units, separators, any text
LEDGER_CHARS = "0123456789０１２３４５６７８９.,，-+ 　Xx万元￥¥eE()（）年月日QH"
CELL = st.one_of(
    st.none(),
    st.text(alphabet=LEDGER_CHARS, max_size=30),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=60),
)
ANY_CELL = st.one_of(CELL, st.text(st.characters(blacklist_categories=("Cs",)), max_size=60))
FEW = settings(max_examples=80, deadline=None)


def _vector(stages, texts):
    out = apply(pl.DataFrame({"x": texts}, schema={"x": pl.String}), stages(pl.col("x"), "v", "e"))
    return list(zip(out["v"].to_list(), out["e"].to_list(), strict=True))


def _scalar(parse, error_type, text):
    try:
        return parse(text), None
    except error_type as exc:
        return None, str(exc)


@FEW
@given(st.lists(CELL, max_size=8))
def test_money_parsers_agree_and_raise_only_money_errors(texts):
    for text, (value, error) in zip(texts, _vector(money_stages, texts), strict=True):
        expected, reason = _scalar(parse_money, MoneyError, text)
        assert (value, error is None) == (expected, reason is None), text


@FEW
@given(st.lists(CELL, max_size=8))
def test_id_number_parsers_agree_and_raise_only_id_errors(texts):
    for text, (value, error) in zip(texts, _vector(id_number_stages, texts), strict=True):
        expected, reason = _scalar(clean_id_number, IdNumberError, text)
        assert (value or "", error) == (expected or "", reason), text


@FEW
@given(st.lists(CELL, max_size=8))
def test_phone_parsers_agree_and_raise_only_phone_errors(texts):
    for text, (value, error) in zip(texts, _vector(phone_stages, texts), strict=True):
        expected, reason = _scalar(clean_phone, PhoneError, text)
        assert (value or "", error) == (expected or "", reason), text


@FEW
@given(st.lists(ANY_CELL, max_size=8))
def test_vector_parsers_never_raise_and_leave_no_value_beside_an_error(texts):
    for stages in (money_stages, id_number_stages, phone_stages):
        for value, error in _vector(stages, texts):
            assert error is None or (value is None and isinstance(error, str) and error)


@FEW
@given(ANY_CELL)
def test_scalar_parsers_raise_only_their_own_errors(text):
    for parse, error_type in (
        (parse_money, MoneyError),
        (clean_id_number, IdNumberError),
        (clean_phone, PhoneError),
    ):
        _scalar(parse, error_type, text)


@FEW
@given(st.one_of(st.text(alphabet="0123456789-.QH ", max_size=30), st.text(max_size=30)))
def test_period_parser_raises_only_period_errors(text):
    try:
        parse_period(text)
    except PeriodError as exc:
        assert str(exc)
