"""One list, export and entry form for every simple ledger (NetBox's generic object views, in small).

A `Ledger` names the model, its columns (with the mask of any personal-data column), its filters, its
permissions and its entry form. Lists and exports read only through `visible_to(user)`; personal
data is masked unless the user holds the ledger's clear-text permission and asks, and every clear
view or export is written to the access log. Entry forms only offer the user's own units and every
save is audited."""

from collections.abc import Callable
from dataclasses import dataclass, field

import django_filters as filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from fanzha.audit import actions
from fanzha.audit import log as audit
from fanzha.core import export
from fanzha.core.filtering import PeriodFilter, StrictFilterSet
from fanzha.core.periods import beijing_text
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.options import offer_units_lightly

PAGE_SIZE = 50


@dataclass(frozen=True)
class Column:
    title: str
    get: str | Callable  # a dotted attribute path or a function of the row
    mask: Callable | None = None  # personal data: shown through this unless revealed
    narrow: bool = True  # shown on narrow screens

    def value(self, obj, reveal: bool = False):
        if callable(self.get):
            value = self.get(obj)
        else:
            value = _at(obj, self.get)
            if callable(value):  # get_…_display
                value = value()
        if isinstance(value, bool):
            value = "是" if value else "否"
        if value is None:
            value = ""
        if self.mask is not None and not reveal:
            value = self.mask(value)
        return value


def day(path: str) -> Callable:
    """A column getter: the date at `path` as 2024-03-05."""
    return lambda obj: (lambda value: value.strftime("%Y-%m-%d") if value else "")(_at(obj, path))


def moment(path: str) -> Callable:
    """A column getter: the aware datetime at `path` as Beijing time, 2024-03-05 14:20."""
    return lambda obj: beijing_text(_at(obj, path))


def _at(obj, path: str):
    for part in path.split("."):
        obj = getattr(obj, part, None) if obj is not None else None
    return obj


def visible_units(user):
    return OrgUnit.objects.visible_to(user).order_by("path")


@extend_schema_field(OpenApiTypes.INT)
class UnitFilter(filters.ModelChoiceFilter):
    """A unit by its id (the API schema says so: the filter's method hides the type)."""


class LedgerFilterSet(StrictFilterSet):
    """Filters every ledger shares: a unit (and everything under it), a period on the ledger's date."""

    org_path: str = "org__path"
    date_field: str = ""

    unit = UnitFilter(
        queryset=lambda r: visible_units(r.user) if r else OrgUnit.objects.none(),
        label="单位",
        method="in_unit",
    )
    period = PeriodFilter(
        method="in_period", label="期间", help_text="2024-03、2024Q1、2024 或 2024-03-01..2024-03-15"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.date_field:
            self.filters.pop("period")  # before the form is built from the filters
        offer_units_lightly(self.form.fields.values())  # the form is styled by StrictFilterSet

    def in_unit(self, queryset, name, value):
        return queryset.filter(**{f"{self.org_path}__startswith": value.path}) if value else queryset

    def in_period(self, queryset, name, span):
        field_name = self.date_field
        if field_name.endswith("_at"):
            return queryset.filter(**{f"{field_name}__gte": span.start, f"{field_name}__lt": span.end})
        first, last = span.start.date(), span.last_day
        return queryset.filter(**{f"{field_name}__gte": first, f"{field_name}__lte": last})


def _href(target: str) -> str:
    """'app:name?query' → the URL of the named view, with the query kept."""
    name, _, query = target.partition("?")
    return reverse(name) + (f"?{query}" if query else "")


@dataclass
class Ledger:
    name: str  # the URL segment and name prefix
    title: str
    model: type
    columns: list[Column]
    filterset: type
    view_perm: str
    add_perm: str | None = None
    form_class: type | None = None
    pii_perm: str | None = None
    select_related: tuple[str, ...] = ()
    detail_url: Callable | None = None  # row → URL of its page
    note: str = ""
    # links and POST buttons above the list; targets are URL names, with a query if needed
    # ("imports:upload?kind=visits"), resolved when the page is drawn
    extra_actions: list[tuple[str, str]] = field(default_factory=list)  # (label, target)
    post_actions: list[tuple[str, str, str]] = field(default_factory=list)  # (label, target, permission)
    queryset: Callable | None = None  # user → queryset (default: model.objects.visible_to)
    detail: bool = False  # a generic page per row, with its evidence files (ledgers without their own)
    form_template: str = "ledger/form.html"  # a form with parts the generic loop cannot draw has its own

    def __post_init__(self):
        if self.detail and self.detail_url is None:
            self.detail_url = lambda obj: f"/{self.model._meta.app_label}/{self.name}/{obj.pk}/"

    @property
    def has_pii(self) -> bool:
        return any(c.mask is not None for c in self.columns)

    def rows(self, user):
        base = self.queryset(user) if self.queryset else self.model.objects.visible_to(user)
        return base.select_related(*self.select_related)

    def may_reveal(self, request) -> bool:
        return (
            bool(self.pii_perm) and request.user.has_perm(self.pii_perm) and request.GET.get("clear") == "1"
        )

    def urls(self) -> list:
        views = [
            path(f"{self.name}/", self.list_view, name=f"{self.name}"),
            path(f"{self.name}/export/", self.export_view, name=f"{self.name}-export"),
        ]
        if self.form_class is not None:
            views.append(path(f"{self.name}/new/", self.create_view, name=f"{self.name}-new"))
        if self.detail:
            views.append(path(f"{self.name}/<int:pk>/", self.detail_view, name=f"{self.name}-detail"))
        return views

    def _check(self, request, perm):
        if not request.user.has_perm(perm):
            raise PermissionDenied

    def _filtered(self, request):
        return self.filterset(request.GET, queryset=self.rows(request.user), request=request)

    def list_view(self, request):
        return login_required(self._list)(request)

    def _list(self, request):
        self._check(request, self.view_perm)
        filterset = self._filtered(request)
        reveal = self.may_reveal(request)
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        if reveal and page.object_list:
            audit.record_access(
                request,
                "view",
                self.model._meta.label_lower,
                "",
                "个人信息明文",
                f"{self.title} 第{page.number}页",
            )
        table = [
            (
                obj,
                [(c.value(obj, reveal), c) for c in self.columns],
                self.detail_url(obj) if self.detail_url else None,
            )
            for obj in page
        ]
        context = {
            "ledger": self,
            "filter": filterset,
            "page": page,
            "table": table,
            "reveal": reveal,
            "can_reveal": bool(self.pii_perm) and request.user.has_perm(self.pii_perm),
            "can_add": self.add_perm and request.user.has_perm(self.add_perm) and self.form_class is not None,
            "extra_actions": [(label, _href(target)) for label, target in self.extra_actions],
            "post_actions": [
                (label, _href(target))
                for label, target, perm in self.post_actions
                if request.user.has_perm(perm)
            ],
        }
        template = (
            "ledger/list.html#table" if request.htmx and not request.htmx.boosted else "ledger/list.html"
        )
        return render(request, template, context)

    def export_view(self, request):
        return login_required(self._export)(request)

    def _export(self, request):
        self._check(request, self.view_perm)
        queryset = self._filtered(request).qs
        clear = self.may_reveal(request)
        audit.record_access(
            request,
            "export",
            self.model._meta.label_lower,
            "",
            "个人信息明文" if clear else "（已脱敏）" if self.has_pii else "（无个人信息）",
            f"{self.title}：导出 {queryset.count()} 条；条件：{request.GET.urlencode() or '全部'}",
        )

        def rows():
            yield [c.title for c in self.columns]
            for obj in queryset.iterator(chunk_size=2000):
                yield [c.value(obj, clear) for c in self.columns]

        filename = f"{self.title}-{timezone.localtime():%Y%m%d-%H%M}"
        if request.GET.get("format") == "csv":
            return export.csv_response(rows(), filename)
        return export.xlsx_response(rows(), filename, self.title)

    def detail_view(self, request, pk):
        return login_required(self._detail)(request, pk)

    def _detail(self, request, pk):
        self._check(request, self.view_perm)
        obj = get_object_or_404(self.rows(request.user), pk=pk)
        reveal = self.may_reveal(request)
        if reveal:
            audit.record_access(
                request, "view", self.model._meta.label_lower, obj.pk, "个人信息明文", str(obj)
            )
        context = {
            "ledger": self,
            "obj": obj,
            "cells": [(c.title, c.value(obj, reveal)) for c in self.columns],
            "attachments": obj.attachments.all() if hasattr(obj, "attachments") else [],
            "can_reveal": self.has_pii and bool(self.pii_perm) and request.user.has_perm(self.pii_perm),
            "reveal": reveal,
        }
        return render(request, "ledger/detail.html", context)

    def create_view(self, request):
        return login_required(self._create)(request)

    def _create(self, request):
        self._check(request, self.add_perm)
        # a link may pre-fill the form (?household=… from a verification order); the form still checks it
        fields = self.form_class.base_fields
        initial = {k: v for k, v in request.GET.items() if k in fields} if request.method == "GET" else None
        form = self.form_class(
            request.POST or None, request.FILES or None, user=request.user, initial=initial
        )
        if request.method == "POST" and form.is_valid():
            saved = form.save_for(request.user)
            messages.success(request, f"已保存：{saved}")
            return redirect(f"{request.path.rsplit('/new/', 1)[0]}/")
        return render(request, self.form_template, {"ledger": self, "form": form})


class ScopedForm(forms.ModelForm):
    """An entry form that offers only the user's units; what it saves is an audited write."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        for form_field in self.fields.values():
            if isinstance(form_field, forms.ModelChoiceField) and form_field.queryset.model is OrgUnit:
                form_field.queryset = form_field.queryset.filter(id__in=visible_units(user).values("id"))
                offer_units_lightly([form_field])
            widget = form_field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
            if isinstance(form_field, forms.DateField):
                widget.input_type = "date"

    def save_for(self, user):
        """Create the record through the audited write (`audit.actions.create`)."""
        concrete = {f.name for f in self._meta.model._meta.concrete_fields}

        def save():
            obj = self.save(commit=False)
            if hasattr(obj, "created_by_id") and obj.created_by_id is None:
                obj.created_by = user
            obj.save()
            self.save_m2m()
            return obj

        return actions.create(user, save, [f for f in self.Meta.fields if f in concrete])
