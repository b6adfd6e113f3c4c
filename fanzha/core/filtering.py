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


ALL = "全部"  # a filter left alone: the empty choice of every select


class YesNoSelect(forms.Select):
    """A yes/no filter: 全部 / 是 / 否, 全部 by default. Reads true/false and 1/0 (links and the API
    write both); anything else is 全部."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=(("", ALL), ("true", "是"), ("false", "否")))

    def format_value(self, value):
        shown = {True: "true", False: "false", "true": "true", "false": "false", "1": "true", "0": "false"}
        return [shown.get(value, "")]

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        value = value.lower() if isinstance(value, str) else value
        return {"1": True, "true": True, "0": False, "false": False}.get(value)


def style_filter_form(form) -> None:
    """One look for every filter form: yes/no filters are 全部/是/否 selects, every select's empty
    choice reads 全部, and Bootstrap's small controls."""
    for field in form.fields.values():
        if isinstance(field, forms.NullBooleanField):
            field.widget = YesNoSelect(attrs=field.widget.attrs)
        is_select = isinstance(field.widget, forms.Select)
        field.widget.attrs.setdefault(
            "class", "form-select form-select-sm" if is_select else "form-control form-control-sm"
        )
        if is_select and getattr(field, "empty_label", None) is not None:
            field.empty_label = ALL
            # a copied form field's widget may still list the original field's choices: list its own
            field.widget.choices = field.choices


class StrictFilterSet(filters.FilterSet):
    """A filter set whose form, when it has an error, matches nothing (the API answers 400 before).
    Its form is styled by `style_filter_form`."""

    @property
    def form(self):
        if not hasattr(self, "_form"):
            form = super().form
            style_filter_form(form)
        return self._form

    def filter_queryset(self, queryset):
        if self.form.errors:
            return queryset.none()
        return super().filter_queryset(queryset)
