"""Query-parameter filters that refuse what they cannot read. A period, year or day that cannot be
read (or lies outside 1900–2100) is a form error: a 400 from the API, a red line over a list page.
A filter form with an error matches nothing, so a list or an export never widens to the whole ledger."""

import django_filters as filters
from django import forms

from fanzha.core.periods import PeriodError, check_year, parse_period


def _refused(error) -> forms.ValidationError:
    """The message as a parameter: django-filter formats every message with `%`, and a typed value
    such as 「成功率%」 must come back as written, not break the formatting."""
    return forms.ValidationError("%(message)s", params={"message": str(error)})


def _checked_year(value, text):
    try:
        check_year(value.year if hasattr(value, "year") else value, text)
    except PeriodError as error:
        raise _refused(error) from None
    return value


class PeriodField(forms.CharField):
    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_period(text)
        except PeriodError as error:
            raise _refused(error) from None


class YearField(forms.IntegerField):
    default_error_messages = {"invalid": "年度应为四位数字，如 2024"}

    def to_python(self, value):
        year = super().to_python(value)
        return None if year is None else _checked_year(year, value)


class DayField(forms.DateField):
    default_error_messages = {"invalid": "日期应写作 2024-03-05"}

    def to_python(self, value):
        day = super().to_python(value)
        return None if day is None else _checked_year(day, value)


class PeriodFilter(filters.CharFilter):
    """2024-03, 2024Q1, 2024H1, 2024 or 2024-03-05..2024-04-10; the method gets a Period or DateRange."""

    field_class = PeriodField


class YearFilter(filters.NumberFilter):
    field_class = YearField


class DayFilter(filters.DateFilter):
    field_class = DayField


class StrictFilterSet(filters.FilterSet):
    """A filter set whose form, when it has an error, matches nothing (the API answers 400 before)."""

    def filter_queryset(self, queryset):
        if self.form.errors:
            return queryset.none()
        return super().filter_queryset(queryset)
