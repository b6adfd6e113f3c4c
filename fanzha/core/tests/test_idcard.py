from datetime import date

import polars as pl
import pytest

from fanzha.core.idcard import (
    IdNumberError,
    age_on,
    birth_date,
    check_char,
    clean_id_number,
    id_number_stages,
    sex,
)

VALID = "11010519491231002X"  # the GB 11643 example number


def test_check_char_of_the_standard_example():
    assert check_char(VALID[:17]) == "X"


def test_clean_accepts_lowercase_x_full_width_and_spaces():
    assert clean_id_number("11010519491231002x") == VALID
    assert clean_id_number("１１０１０５１９４９１２３１００２Ｘ") == VALID
    assert clean_id_number(" 110105 19491231002X ") == VALID
    assert clean_id_number("") == ""


def test_birth_sex_age():
    assert birth_date(VALID) == date(1949, 12, 31)
    assert sex(VALID) == "F"  # 17th digit 2 is even
    assert age_on(VALID, date(2024, 12, 30)) == 74
    assert age_on(VALID, date(2024, 12, 31)) == 75


@pytest.mark.parametrize(
    "text, reason",
    [
        ("110105194912310021", "校验位错误"),
        ("1.10105E+17", "被Excel存成了数字"),
        ("11010519491331002X", "出生日期无效"),
        ("12345", "18位"),
        ("11010520991231002X", "出生日期无效"),  # born in the future
    ],
)
def test_clean_rejects_with_reason(text, reason):
    with pytest.raises(IdNumberError, match=reason):
        clean_id_number(text)


def test_fifteen_digit_first_generation_numbers_are_accepted():
    assert clean_id_number("110105491231002") == "110105491231002"
    assert birth_date("110105491231002") == date(1949, 12, 31)


def test_vector_check_agrees_with_scalar():
    texts = [
        VALID,
        "11010519491231002x",
        "110105194912310021",
        "1.10105E+17",
        "11010519491331002X",
        "12345",
        "110105491231002",
        "",
        None,
        "110105199003071200",
        "361123199001011008",  # an xlsx number read as text: the double's exact digits
        "361123199001011000",  # Excel's 15 significant digits, written out to a CSV
        "36112319900101120",  # 17 digits: the X could not be a number
        "361123199001011235",  # typed, one digit wrong: a double cannot hold it
    ]
    from fanzha.core.stages import apply

    out = apply(pl.DataFrame({"x": texts}, schema={"x": pl.String}), id_number_stages(pl.col("x"), "v", "e"))
    for text, v, e in zip(texts, out["v"], out["e"], strict=True):
        try:
            expected = clean_id_number(text)
            assert (v, e) == (expected or None, None), text
        except IdNumberError as exc:
            assert v is None and e == str(exc), text


def test_vector_age_matches_scalar_around_the_birthday():
    from fanzha.core.idcard import age_expr

    days = [date(2024, 12, 30), date(2024, 12, 31), date(2025, 1, 1), date(2024, 3, 5)]
    frame = pl.DataFrame({"n": [VALID] * len(days), "d": days})
    ages = frame.select(age_expr(pl.col("n"), pl.col("d")).alias("a"))["a"].to_list()
    assert ages == [age_on(VALID, d) for d in days] == [74, 75, 75, 74]


@pytest.mark.parametrize(
    "text",
    ["3.61123E+17", "361123199001011008", "361123199001011000", "361123199001011000.0", "36112319900101120"],
)
def test_a_number_excel_stored_as_a_number_is_named_so(text):
    """Excel keeps 15 significant digits and no X: what it gives back is named, not a check digit."""
    with pytest.raises(IdNumberError, match="^身份证号被Excel存成了数字，请把该列设为文本后重新导出$"):
        clean_id_number(text)


def test_a_typed_number_with_one_wrong_digit_is_a_check_digit_error():
    with pytest.raises(IdNumberError, match="^身份证号校验位错误$"):
        clean_id_number("361123199001011235")


def test_with_a_warning_column_a_wrong_check_digit_keeps_the_number():
    from fanzha.core.stages import apply

    frame = pl.DataFrame({"x": ["110105194912310021", VALID, "3.61123E+17"]})
    out = apply(frame, id_number_stages(pl.col("x"), "v", "e", warning="w"))
    assert out["v"].to_list() == ["110105194912310021", VALID, None]
    assert out["e"].to_list() == [None, None, "身份证号被Excel存成了数字，请把该列设为文本后重新导出"]
    assert out["w"].to_list() == ["身份证号校验位错误（已导入，请核对）", None, None]
