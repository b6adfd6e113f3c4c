import re

from django import forms
from django.urls import reverse
from django.utils import timezone

from fanzha.cases import attribution, derive
from fanzha.cases.choices import IdentifierKind
from fanzha.cases.identifiers import clean_identifier
from fanzha.cases.models import LEDGER_FIELDS, Case, SuspectIdentifier
from fanzha.cases.pii import MASKS, PII_FIELDS, mask_identifier
from fanzha.core.idcard import IdNumberError, clean_id_number
from fanzha.core.money import MoneyError, format_yuan, parse_money
from fanzha.core.phones import PhoneError, clean_phone
from fanzha.imports.cells import SEPARATORS
from fanzha.orgs.choices import PLACE_KINDS, OrgKind
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.options import offer_units_lightly
from fanzha.orgs.scope import covers

IDENTIFIER_FIELDS = {
    "identifiers_phone": (IdentifierKind.PHONE, "嫌疑人电话"),
    "identifiers_account": (IdentifierKind.ACCOUNT, "嫌疑人账户"),
    "identifiers_url": (IdentifierKind.URL, "嫌疑网址"),
    "identifiers_social": (IdentifierKind.SOCIAL, "嫌疑社交账号"),
}
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MoneyField(forms.CharField):
    """元 as people type it (12,345.6 / 1.2万元) → fen."""

    def to_python(self, value):
        value = super().to_python(value)
        try:
            return parse_money(value) or 0
        except MoneyError as exc:
            raise forms.ValidationError(str(exc)) from exc


class CaseForm(forms.ModelForm):
    loss = MoneyField(label="损失金额（元）", required=False)
    recovered = MoneyField(label="挽损金额（元）", required=False)
    # the type the screening model suggested for the narrative (set by the page; kept when overridden)
    screening_suggestion = forms.CharField(required=False, widget=forms.HiddenInput, max_length=50)
    screening_version = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)

    class Meta:
        model = Case
        # the ledger's facts in ledger order, money as 元 (the two declared fields above)
        fields = [
            {"loss_fen": "loss", "recovered_fen": "recovered"}.get(name, name) for name in LEDGER_FIELDS
        ]
        widgets = {
            "reported_at": DATETIME_WIDGET,
            "occurred_at": DATETIME_WIDGET,
            "narrative": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "station": "不填则按发案地所属派出所",
            "victim_age": "不填则按身份证号计算",
            "victim_sex": "不填则按身份证号判断",
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_perm("screening.use_screening"):
            # the platform suggests the fraud type while the narrative is typed (screening/views.suggest)
            self.fields["narrative"].widget.attrs.update(
                {
                    "hx-post": reverse("screening:suggest"),
                    "hx-trigger": "input changed delay:600ms, load",
                    "hx-target": "#type-suggestion-slot",
                }
            )
        visible = OrgUnit.objects.visible_to(user)
        self.fields["place"].queryset = visible.filter(kind__in=PLACE_KINDS)
        self.fields["station"].queryset = OrgUnit.objects.filter(kind=OrgKind.STATION)
        self.fields["station"].required = False
        employers = OrgUnit.objects.filter(kind=OrgKind.MEMBER_UNIT)
        if not attribution.may_assign_any_employer(user):
            current = [self.instance.employer_id] if self.instance.employer_id else []
            employers = employers.filter(pk__in=[*visible.values_list("pk", flat=True), *current])
        self.fields["employer"].queryset = employers
        offer_units_lightly(self.fields.values())
        for name in ("reported_at", "occurred_at"):
            self.fields[name].input_formats = [
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M",
                "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%d",
            ]
        if self.instance.pk:
            self.fields["loss"].initial = format_yuan(self.instance.loss_fen, grouping=False)
            self.fields["recovered"].initial = format_yuan(self.instance.recovered_fen, grouping=False)
        for name, (kind, label) in IDENTIFIER_FIELDS.items():
            initial = ""
            if self.instance.pk:
                values = SuspectIdentifier.objects.filter(case=self.instance, kind=kind).values_list(
                    "value", flat=True
                )
                initial = "\n".join(values)
            self.fields[name] = forms.CharField(
                label=label,
                required=False,
                initial=initial,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="多个用换行、逗号或顿号分隔",
            )
        # without the permission the clear values never reach the page: the fields are left out (the
        # stored values stay as they are) and the page shows them masked
        self.masked_pii: list[tuple[str, str]] = []
        if not user.has_perm("cases.view_pii"):
            for name in (*PII_FIELDS, "identifiers_account"):
                label = self.fields.pop(name).label
                self.masked_pii.append((label, self._masked(name)))
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = "请选择"
            elif isinstance(field, forms.ChoiceField) and field.choices and field.choices[0][0] == "":
                field.choices = [("", "请选择"), *field.choices[1:]]

    def _masked(self, name: str) -> str:
        if not self.instance.pk:
            return ""
        if name in MASKS:
            return MASKS[name](getattr(self.instance, name))
        kind = IDENTIFIER_FIELDS[name][0]
        values = SuspectIdentifier.objects.filter(case=self.instance, kind=kind).values_list(
            "value", flat=True
        )
        return "、".join(mask_identifier(kind, value) for value in values)

    def clean_victim_id_number(self):
        try:
            return clean_id_number(self.cleaned_data.get("victim_id_number"))
        except IdNumberError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_victim_phone(self):
        try:
            return clean_phone(self.cleaned_data.get("victim_phone"))
        except PhoneError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_place(self):
        place = self.cleaned_data.get("place")
        if place is not None and not covers(self.user, place):
            raise forms.ValidationError("发案地不在您的管辖范围内")
        return place

    def clean_reported_at(self):
        value = self.cleaned_data.get("reported_at")
        if value and value > timezone.now() + timezone.timedelta(minutes=5):
            raise forms.ValidationError("报案时间不能晚于当前时间")
        return value

    def clean(self):
        data = super().clean()
        place, station = data.get("place"), data.get("station")
        if place is not None and station is None and place.station_id is None:
            self.add_error("station", "发案地未设置所属派出所，请选择派出所")
        if not attribution.station_allowed(self.user, station, place, self.instance.station_id):
            self.add_error("station", attribution.STATION_MESSAGE)
        if not attribution.employer_allowed(self.user, data.get("employer"), self.instance.employer_id):
            self.add_error("employer", attribution.EMPLOYER_MESSAGE)
        occurred, reported = data.get("occurred_at"), data.get("reported_at")
        try:
            # without the permission the ID number is not on the form: the stored one still counts
            id_number = data.get("victim_id_number", self.instance.victim_id_number)
            derive.check_born_before_report(id_number, reported)
        except ValueError as exc:
            self.add_error(
                "victim_id_number" if "victim_id_number" in self.fields else "reported_at", str(exc)
            )
        if occurred and reported and occurred > reported:
            self.add_error("occurred_at", "发案时间晚于报案时间")
        if (data.get("recovered") or 0) > (data.get("loss") or 0):
            self.add_error("recovered", "挽损金额大于损失金额")
        if data.get("employer_relation") and not data.get("employer"):
            self.add_error("employer_relation", "填写了与单位关系，但没有选择工作单位")
        self._clean_identifiers()
        return data

    def _clean_identifiers(self) -> None:
        """Split and normalise the four identifier boxes; a box the user may not edit keeps its values."""
        self._identifiers: list[tuple[str, str]] = []
        for name, (kind, _label) in IDENTIFIER_FIELDS.items():
            if name not in self.fields:
                if self.instance.pk:
                    stored = SuspectIdentifier.objects.filter(case=self.instance, kind=kind)
                    self._identifiers += [(kind.value, v) for v in stored.values_list("value", flat=True)]
                continue
            for item in (p.strip() for p in re.split(SEPARATORS, self.cleaned_data.get(name) or "")):
                if not item:
                    continue
                try:
                    self._identifiers.append((kind.value, clean_identifier(kind, item)))
                except ValueError as exc:
                    self.add_error(name, f"「{item}」：{exc}")

    def identifiers(self) -> list[tuple[str, str]]:
        return self._identifiers

    def save(self, commit=True):
        case = super().save(commit=False)
        case.loss_fen = self.cleaned_data.get("loss") or 0
        case.recovered_fen = self.cleaned_data.get("recovered") or 0
        return case
