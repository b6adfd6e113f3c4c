from django import forms
from django.db import transaction
from django.utils import timezone

from fanzha.core import clock
from fanzha.core.phones import PhoneError, clean_phone
from fanzha.ledger.pages import ScopedForm, visible_units
from fanzha.orgs.choices import PLACE_KINDS
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.options import offer_units_lightly
from fanzha.prevention import teams, uploads
from fanzha.prevention.models import (
    Activity,
    CoverageTarget,
    Duty,
    Household,
    HouseholdVisit,
    Package,
    PledgeCount,
    PublicityTeam,
    Registration,
    SmsCampaign,
    TeamMember,
    WeChatGroup,
)
from fanzha.prevention.visits import record_visit, save_visit


class EvidenceMixin:
    """An optional photo or document kept as evidence (留存影像资料备查)."""

    evidence_owner = ""

    def clean_evidence(self):
        upload = self.cleaned_data.get("evidence")
        if upload:
            try:
                uploads.check(upload)
            except uploads.UploadError as exc:
                raise forms.ValidationError(str(exc)) from exc
        return upload

    def attach_evidence(self, user, obj) -> None:
        upload = self.cleaned_data.get("evidence")
        if upload:
            uploads.attach(upload, user, **{self.evidence_owner: obj})


class ActivityForm(EvidenceMixin, ScopedForm):
    evidence_owner = "activity"
    evidence = forms.FileField(
        label="照片/佐证材料", required=False, help_text="JPG、PNG、PDF、docx、xlsx，10 MB 以内"
    )

    class Meta:
        model = Activity
        fields = [
            "kind",
            "org",
            "held_on",
            "place",
            "audience_kind",
            "audience_count",
            "materials_count",
            "quantity",
            "staff",
            "note",
        ]

    @transaction.atomic
    def save_for(self, user):
        obj = super().save_for(user)
        self.attach_evidence(user, obj)
        return obj


class VisitForm(EvidenceMixin, forms.ModelForm):
    """入户宣传工作登记表, as a grid worker fills it in on a phone: the household picked from the
    household ledger of their village or community (found by address or head's name), or registered
    on the way when it is not there yet; then what was done, on today's date, by the user by name."""

    evidence_owner = "visit"
    household = forms.ModelChoiceField(
        queryset=Household.objects.none(),
        label="住户",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "所选住户不在您管辖的住户台账中，请重新查找"},
    )
    village = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label="村/社区", required=False)
    address = forms.CharField(label="住址", max_length=200, required=False)
    head_name = forms.CharField(label="户主姓名", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    evidence = forms.FileField(
        label="照片",
        required=False,
        help_text="可直接拍照上传，10 MB 以内",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    NEW_HOUSEHOLD = ("village", "address", "head_name", "phone")

    class Meta:
        model = HouseholdVisit
        fields = [
            "visited_on",
            "visitor",
            "people_reached",
            "face_to_face",
            "card_issued",
            "card_recipient",
            "pledge_signed",
            "app_installed",
            "note",
        ]
        # a date input reads and writes ISO dates only (2024-03-10), whatever the locale writes
        widgets = {"visited_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["household"].queryset = Household.objects.visible_to(user).select_related(
            "village__parent"
        )
        self.fields["village"].queryset = visible_units(user).filter(kind__in=PLACE_KINDS)
        offer_units_lightly([self.fields["village"]])
        self.fields["visited_on"].initial = timezone.localdate(clock.now())
        if user is not None:
            # 走访人: the user's name, as the register is signed (the login name is no one's name)
            self.fields["visitor"].initial = user.get_full_name()
            if user.org and user.org.kind in PLACE_KINDS:
                self.fields["village"].initial = user.org
        order = ["household", *self.NEW_HOUSEHOLD, *self.Meta.fields, "evidence"]
        self.order_fields(order)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"
            elif not isinstance(field.widget, forms.RadioSelect):
                field.widget.attrs.setdefault(
                    "class", "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                )

    def chosen_list(self) -> list:
        """The household the form holds (posted, or pre-filled from an order) if the user may see it:
        the picker shows it checked."""
        value = self["household"].value()
        try:
            number = int(value) if value and len(str(value)) < 16 else None
            return list(self.fields["household"].queryset.filter(pk=number)) if number else []
        except (TypeError, ValueError):
            return []

    def new_household_fields(self):
        return [self[name] for name in self.NEW_HOUSEHOLD]

    def visit_fields(self):
        return [self[name] for name in (*self.Meta.fields, "evidence")]

    def new_household_started(self) -> bool:
        return any(self[name].value() for name in ("address", "head_name", "phone") if self.is_bound)

    def clean_phone(self):
        try:
            return clean_phone(self.cleaned_data.get("phone"))
        except PhoneError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self):
        data = super().clean()
        if not data.get("household") and "household" not in self.errors:
            if not data.get("address"):
                self.add_error(
                    "household",
                    "请选择住户：在上面按住址或户主姓名查找住户台账；台账中没有的，在「新增住户」中填写住址",
                )
            elif not data.get("village"):
                self.add_error("village", "新增住户须选择所在村/社区")
        if data.get("card_issued") and not data.get("card_recipient"):
            self.add_error(
                "card_recipient",
                "发放了警民防骗卡的，请填写领卡人（《2024年打击整治电信网络诈骗工作方案》：准确采集受卡人信息）",
            )
        return data

    @transaction.atomic
    def save_for(self, user):
        data = self.cleaned_data
        visit = self.save(commit=False)
        if data["household"]:
            visit.household = data["household"]
            visit = save_visit(user, visit)
        else:
            visit = record_visit(
                user, visit, data["village"], data["address"], data["head_name"], data["phone"]
            )
        self.attach_evidence(user, visit)
        return visit


def _simple(model_class, field_names):
    meta = type("Meta", (), {"model": model_class, "fields": field_names})
    return type(f"{model_class.__name__}Form", (ScopedForm,), {"Meta": meta})


RegistrationForm = _simple(Registration, ["org", "tool", "as_of", "count", "source"])
PledgeForm = _simple(PledgeCount, ["org", "kind", "recorded_on", "count", "target", "note"])
GroupForm = _simple(
    WeChatGroup, ["name", "org", "base_unit", "owner_name", "owner_phone", "member_count", "created_on"]
)
SmsForm = _simple(SmsCampaign, ["org", "operator", "sent_on", "sent", "subscribers", "content"])
DutyForm = _simple(Duty, ["org", "title", "detail", "year", "deadline", "responsible"])
TeamForm = _simple(PublicityTeam, ["org", "name", "members", "leader", "formed_on"])


class TeamMemberForm(ScopedForm):
    class Meta:
        model = TeamMember
        fields = ["team", "name", "duty", "position", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = PublicityTeam.objects.visible_to(self.user).select_related("org")

    def clean_phone(self):
        try:
            return clean_phone(self.cleaned_data.get("phone"))
        except PhoneError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def save_for(self, user):
        def save():
            member = self.save(commit=False)
            member.created_by = user
            member.save()
            return member

        return teams.add_member(user, save)


PackageForm = _simple(Package, ["kind", "org", "target", "staff", "officer", "basis", "starts_on", "ends_on"])
TargetForm = _simple(
    CoverageTarget, ["name", "measure", "scope", "level", "target_pct", "starts_on", "deadline"]
)


class OwnerForm(forms.Form):
    new_name = forms.CharField(
        label="新负责人", max_length=50, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    new_phone = forms.CharField(
        label="联系电话",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    changed_on = forms.DateField(
        label="变更日期", widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    reason = forms.CharField(
        label="原因", max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )

    def clean_new_phone(self):
        try:
            return clean_phone(self.cleaned_data.get("new_phone"))
        except PhoneError as exc:
            raise forms.ValidationError(str(exc)) from exc


class PushForm(forms.Form):
    pushed_on = forms.DateField(
        label="推送日期", widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    content = forms.CharField(
        label="推送内容", max_length=300, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    pushed_by = forms.CharField(
        label="推送人", max_length=50, required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )


class DutyReportForm(EvidenceMixin, forms.Form):
    evidence_owner = "duty"

    report = forms.CharField(
        label="落实情况", widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"})
    )
    responsible = forms.CharField(
        label="责任人", max_length=50, required=False, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    evidence = forms.FileField(
        label="佐证材料", required=False, widget=forms.ClearableFileInput(attrs={"class": "form-control"})
    )
