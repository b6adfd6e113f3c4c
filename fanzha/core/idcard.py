"""居民身份证号码 (GB 11643-1999): 18 characters, the last a check digit (0-9 or X); the 15-digit
first-generation numbers are still met in old ledgers. Birth date and sex are read from the number.

Ledgers kept in Excel often hold the number as a *number*: it then shows as 1.10105E+17 and has
already lost its last digits (Excel keeps 15 significant digits; an X cannot be a number at all).
That is reported as such (EXCEL_NUMBER), never guessed. A cell read back from such a number is
written in scientific notation, or as 15 digits and zeros (a CSV), or as the exact digits of the
double Excel holds (an xlsx read as text: 361123199001011008): 16–18 digits a double holds exactly,
which a typed number with a wrong check digit almost never is (1 in 64)."""

import re
from datetime import date

import polars as pl

from fanzha.core.stages import Stages
from fanzha.core.text import normalize, normalize_expr

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
_SCIENTIFIC = r"^\d(\.\d+)?[Ee]\+?\d+$"
EXCEL_NUMBER = "身份证号被Excel存成了数字，请把该列设为文本后重新导出"
CHECK_DIGIT = "身份证号校验位错误"


class IdNumberError(ValueError):
    pass


def check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def birth_date(number: str) -> date:
    digits = number[6:14] if len(number) == 18 else "19" + number[6:12]
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def sex(number: str) -> str:
    """'M' or 'F': the 17th character (15th in old numbers) is odd for men."""
    digit = int(number[16] if len(number) == 18 else number[14])
    return "M" if digit % 2 else "F"


def clean_id_number(text: str | None) -> str:
    """A cell → a valid number in canonical form ('' when empty). Raises IdNumberError in Chinese."""
    value = normalize(text).upper().replace(" ", "")
    if value == "":
        return ""
    if re.match(_SCIENTIFIC, value):
        raise IdNumberError(EXCEL_NUMBER)
    if value.endswith(".0") and value[:-2].isdigit():
        value = value[:-2]
    if _read_from_number(value):
        raise IdNumberError(EXCEL_NUMBER)
    if not (re.fullmatch(r"\d{17}[\dX]", value) or re.fullmatch(r"\d{15}", value)):
        raise IdNumberError("身份证号应为18位（最后一位可为X）或15位数字")
    try:
        born = birth_date(value)
    except ValueError as exc:
        raise IdNumberError("身份证号中的出生日期无效") from exc
    if not date(1900, 1, 1) <= born <= date.today():
        raise IdNumberError("身份证号中的出生日期无效")
    if len(value) == 18 and check_char(value[:17]) != value[17]:
        raise IdNumberError(CHECK_DIGIT)
    return value


def _valid_check(value: str) -> bool:
    return len(value) != 18 or check_char(value[:17]) == value[17]


def _read_from_number(value: str) -> bool:
    """16–18 digits that are no valid number and that a double holds exactly: Excel's number."""
    if not re.fullmatch(r"\d{16,18}", value) or (len(value) == 18 and _valid_check(value)):
        return False
    return value[15:].strip("0") == "" or str(int(float(value))) == value


def age_on(number: str, on: date) -> int:
    born = birth_date(number)
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def id_number_stages(source: pl.Expr, value: str, error: str, warning: str | None = None) -> Stages:
    """Vectorised clean_id_number: the canonical number in `value`, a Chinese reason in `error`. With
    `warning` (a column name), a wrong check digit is a remark in that column and the number is kept
    (规则参数 imports.id_check_digit); a number Excel mangled stays an error."""
    st = Stages(value, error)
    st.add(
        normalize_expr(source)
        .str.to_uppercase()
        .str.replace_all(" ", "")
        .str.replace(r"^(\d+)\.0$", "${1}")
        .alias(st.temp("v"))
    )
    v = st.col("v")
    st.add(
        v.str.contains(r"^\d{17}[\dX]$").alias(st.temp("is18")),
        v.str.contains(r"^\d{15}$").alias(st.temp("is15")),
        (v.is_null() | (v == "")).alias(st.temp("empty")),
        (
            v.str.contains(_SCIENTIFIC)
            | v.str.contains(r"^\d{15}0{1,3}$")  # Excel's 15 significant digits, written out
            | (
                v.str.contains(r"^\d{16,18}$")
                & (v.cast(pl.Float64, strict=False).cast(pl.Int64, strict=False).cast(pl.String) == v)
            )
        ).alias(st.temp("number_like")),
        pl.sum_horizontal(
            [v.str.slice(i, 1).cast(pl.Int32, strict=False) * w for i, w in enumerate(WEIGHTS)]
        ).alias(st.temp("sum")),
    )
    is18 = st.col("is18")
    st.add(
        pl.when(is18)
        .then(v.str.slice(6, 8))
        .otherwise(pl.lit("19") + v.str.slice(6, 6))
        .str.strptime(pl.Date, "%Y%m%d", strict=False)
        .alias(st.temp("born")),
        (st.col("sum") % 11)
        .replace_strict(dict(enumerate(CHECK_CHARS)), default=None, return_dtype=pl.String)
        .alias(st.temp("check")),
    )
    born = st.col("born")
    wrong_check = is18 & (v.str.slice(17, 1) != st.col("check"))
    # a double's digits with a wrong check digit (or 16–17 of them): read from an Excel number
    excel_number = st.col("number_like") & (wrong_check | ~(is18 | st.col("is15")))
    st.add(
        pl.when(st.col("empty"))
        .then(None)
        .when(excel_number)
        .then(pl.lit(EXCEL_NUMBER))
        .when(~(is18 | st.col("is15")))
        .then(pl.lit("身份证号应为18位（最后一位可为X）或15位数字"))
        .when(born.is_null() | (born < date(1900, 1, 1)) | (born > pl.lit(date.today())))
        .then(pl.lit("身份证号中的出生日期无效"))
        .when(wrong_check & pl.lit(warning is None))
        .then(pl.lit(CHECK_DIGIT))
        .otherwise(None)
        .alias(error)
    )
    kept = [pl.when(pl.col(error).is_null() & ~st.col("empty")).then(v).otherwise(None).alias(value)]
    if warning is not None:
        kept.append(
            pl.when(pl.col(error).is_null() & wrong_check)
            .then(pl.lit(f"{CHECK_DIGIT}（已导入，请核对）"))
            .otherwise(None)
            .alias(warning)
        )
    st.add(*kept)
    return st


def birth_date_expr(number: pl.Expr) -> pl.Expr:
    """Birth date of a clean number column (null stays null)."""
    text = (
        pl.when(number.str.len_chars() == 18)
        .then(number.str.slice(6, 8))
        .otherwise(pl.lit("19") + number.str.slice(6, 6))
    )
    return text.str.strptime(pl.Date, "%Y%m%d", strict=False)


def sex_expr(number: pl.Expr) -> pl.Expr:
    digit = (
        pl.when(number.str.len_chars() == 18).then(number.str.slice(16, 1)).otherwise(number.str.slice(14, 1))
    )
    return (
        pl.when(number.is_null())
        .then(None)
        .when(digit.cast(pl.Int32) % 2 == 1)
        .then(pl.lit("M"))
        .otherwise(pl.lit("F"))
    )


def age_expr(number: pl.Expr, on: pl.Expr) -> pl.Expr:
    """Vectorised age_on(): full years from the birth date in the number to the date `on`."""
    born = birth_date_expr(number)

    def month_day(day: pl.Expr) -> pl.Expr:  # polars gives month/day as Int8: widen before arithmetic
        return day.dt.month().cast(pl.Int32) * 100 + day.dt.day().cast(pl.Int32)

    before_birthday = (month_day(on) < month_day(born)).cast(pl.Int32)
    return on.dt.year().cast(pl.Int32) - born.dt.year().cast(pl.Int32) - before_birthday
