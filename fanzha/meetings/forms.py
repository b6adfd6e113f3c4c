from django import forms
from django.db.models import Case, Value, When

from fanzha.meetings.models import DayKind, MeetingKind
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit

_select = {"class": "form-select"}
_text = {"class": "form-control"}
_date = {"type": "date", "class": "form-control"}
# the units a meeting invites and a decision is given to: stations, towns/streets, member units
UNIT_KINDS = (OrgKind.STATION, OrgKind.TOWN, OrgKind.STREET, OrgKind.MEMBER_UNIT)


GROUPS = {
    OrgKind.STATION: "派出所",
    OrgKind.TOWN: "乡镇/街道",
    OrgKind.STREET: "乡镇/街道",
    OrgKind.MEMBER_UNIT: "成员单位",
}


def _units(user):
    """Stations, then towns and streets, then member units by sector."""
    order = Case(
        When(kind=OrgKind.STATION, then=Value(1)),
        When(kind__in=(OrgKind.TOWN, OrgKind.STREET), then=Value(2)),
        default=Value(3),
    )
    units = OrgUnit.objects.visible_to(user).filter(kind__in=UNIT_KINDS, is_active=True)
    return units.annotate(group=order).order_by("group", "sector", "code")


def grouped_choices(field) -> list[tuple[str, list]]:
    """A checkbox field's boxes under 派出所 / 乡镇/街道 / 成员单位."""
    groups: dict[str, list] = {}
    for box in field:
        groups.setdefault(GROUPS[box.data["value"].instance.kind], []).append(box)
    return list(groups.items())


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label="会议类型", choices=MeetingKind.choices, widget=forms.Select(attrs=_select)
    )
    held_on = forms.DateField(label="会议日期", widget=forms.DateInput(format="%Y-%m-%d", attrs=_date))
    title = forms.CharField(label="会议名称", max_length=200, widget=forms.TextInput(attrs=_text))
    figures_month = forms.RegexField(
        label="研判月份",
        regex=r"^\d{4}-\d{2}$",
        error_messages={"invalid": "研判月份应写作 2026-11"},
        help_text="会上通报该月的发案数据，如 2026-11",
        widget=forms.TextInput(attrs={**_text, "placeholder": "2026-11"}),
    )
    venue = forms.CharField(label="地点", max_length=100, required=False, widget=forms.TextInput(attrs=_text))
    chair = forms.CharField(
        label="主持人", max_length=50, required=False, widget=forms.TextInput(attrs=_text)
    )
    attendee_units = forms.ModelMultipleChoiceField(
        label="参会单位", queryset=OrgUnit.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    attendee_people = forms.CharField(
        label="参会人员",
        required=False,
        help_text="每行一人：单位 姓名 职务",
        widget=forms.Textarea(attrs={**_text, "rows": 4}),
    )
    minutes = forms.CharField(
        label="会议纪要", required=False, widget=forms.Textarea(attrs={**_text, "rows": 8})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendee_units"].queryset = _units(user)


class DecisionForm(forms.Form):
    text = forms.CharField(label="议定事项", max_length=200, widget=forms.TextInput(attrs=_text))
    org = forms.ModelChoiceField(
        label="责任单位",
        queryset=OrgUnit.objects.none(),
        widget=forms.Select(attrs=_select),
        empty_label="请选择",
    )
    deadline = forms.DateField(label="完成时限", widget=forms.DateInput(format="%Y-%m-%d", attrs=_date))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = _units(user)


class CorrectionForm(forms.Form):
    day = forms.DateField(label="日期", widget=forms.DateInput(format="%Y-%m-%d", attrs=_date))
    kind = forms.ChoiceField(label="更正为", choices=DayKind.choices, widget=forms.Select(attrs=_select))
    note = forms.CharField(
        label="依据",
        max_length=200,
        help_text="如：国务院办公厅关于部分节假日安排的通知",
        widget=forms.TextInput(attrs=_text),
    )
