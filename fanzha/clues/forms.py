from django import forms

from fanzha.clues.models import ClueKind
from fanzha.clues.services import today
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit

_select = {"class": "form-select"}
_text = {"class": "form-control"}


class ClueForm(forms.Form):
    """手工录入: one clue as the upper unit pushed it (the value is normalised and matched on save)."""

    kind = forms.ChoiceField(label="线索类型", choices=ClueKind.choices, widget=forms.Select(attrs=_select))
    value = forms.CharField(label="线索内容", max_length=300, widget=forms.TextInput(attrs=_text))
    source = forms.CharField(
        label="来源", max_length=60, help_text="上级单位或平台", widget=forms.TextInput(attrs=_text)
    )
    batch = forms.CharField(
        label="批次号", max_length=60, required=False, widget=forms.TextInput(attrs=_text)
    )
    received_on = forms.DateField(label="接收日期", widget=forms.DateInput(attrs={"type": "date", **_text}))
    deadline = forms.DateField(
        label="核查时限",
        required=False,
        help_text="不填则按规则参数（接收日期后若干天）",
        widget=forms.DateInput(attrs={"type": "date", **_text}),
    )
    note = forms.CharField(label="备注", max_length=300, required=False, widget=forms.TextInput(attrs=_text))

    def clean(self):
        data = super().clean()
        received, deadline = data.get("received_on"), data.get("deadline")
        if received and received > today():
            self.add_error("received_on", "接收日期不能晚于今天")
        if received and deadline and deadline < received:
            self.add_error("deadline", "核查时限早于接收日期")
        return data


class AssignForm(forms.Form):
    station = forms.ModelChoiceField(
        label="分配给", queryset=OrgUnit.objects.none(), widget=forms.Select(attrs=_select)
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = (
            OrgUnit.objects.visible_to(user).filter(kind=OrgKind.STATION).order_by("path")
        )
        self.fields["station"].empty_label = "选择派出所"


class FindingForm(forms.Form):
    landed = forms.TypedChoiceField(
        label="核查结论",
        choices=[("1", "已落地（查明人员或地点）"), ("0", "无法落地")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    finding = forms.CharField(
        label="核查结果", max_length=2000, widget=forms.Textarea(attrs={"rows": 3, **_text})
    )
    officer = forms.CharField(
        label="承办民警", max_length=50, required=False, widget=forms.TextInput(attrs=_text)
    )


class StrikeForm(forms.Form):
    people = forms.IntegerField(
        label="打处人数", min_value=1, max_value=999, widget=forms.NumberInput(attrs=_text)
    )
    handled_people = forms.CharField(
        label="打处人员（可不填）",
        required=False,
        max_length=4000,
        help_text="每行一人：姓名 身份证号",
        widget=forms.Textarea(attrs={"rows": 2, **_text}),
    )
    finding = forms.CharField(
        label="核查结果（尚未登记核查结果时必填）",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, **_text}),
    )
    officer = forms.CharField(
        label="承办民警", max_length=50, required=False, widget=forms.TextInput(attrs=_text)
    )
