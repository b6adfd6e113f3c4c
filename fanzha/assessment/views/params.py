"""Reading the period, level and year a page is asked for, with the current month/year as default
and a Chinese message for anything it cannot read."""

from django.utils import timezone

from fanzha.core.numbers import whole_number
from fanzha.core.periods import Period, PeriodError, parse_period
from fanzha.parameters.levels import LEVELS, LevelError, get_level


def period_param(request, errors: list[str]):
    text = request.GET.get("period") or str(Period.last_complete_month())
    try:
        return parse_period(text)
    except PeriodError as error:
        errors.append(str(error))
        return Period.last_complete_month()


def level_param(request, errors: list[str], default: str = "station"):
    try:
        return get_level(request.GET.get("level") or default)
    except LevelError as error:
        errors.append(str(error))
        return LEVELS[default]


def year_param(request, errors: list[str]) -> int:
    text = request.GET.get("year") or str(timezone.localdate().year)
    year = whole_number(text, digits=4)
    if year is None or not 1990 <= year <= 2100:
        errors.append(f"年度「{text}」无法识别")
        return timezone.localdate().year
    return year
