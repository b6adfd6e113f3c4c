from django import forms
from django.db.models import Case, Value, When

from fanzha.assessment.models import Campaign
from fanzha.core.widgets import style
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.options import offer_units_lightly
from fanzha.prevention.models import DutyTemplate

#: the order units are offered in: those a campaign mostly tasks first
UNIT_KIND_ORDER = (
    OrgKind.MEMBER_UNIT,
    OrgKind.STATION,
    OrgKind.TOWN,
    OrgKind.STREET,
    OrgKind.VILLAGE,
    OrgKind.COMMUNITY,
)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CampaignForm(forms.ModelForm):
    standard_phases = forms.BooleanField(
        label="按动员部署、集中攻坚、总结验收三阶段划分（日期随后可改）", required=False, initial=True
    )

    class Meta:
        model = Campaign
        fields = ["name", "source", "scope", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        help_texts = {"source": "如：县反诈中心关于开展……专项行动的工作方案"}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].queryset = OrgUnit.objects.visible_to(user).exclude(
            kind__in=[OrgKind.VILLAGE, OrgKind.COMMUNITY]
        )
        offer_units_lightly([self.fields["scope"]])
        if self.instance.pk:
            del self.fields["standard_phases"]
        style(self)

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "结束日期不能早于开始日期")
        return data


class PhaseForm(forms.Form):
    name = forms.CharField(label="阶段名称", max_length=100)
    starts_on = forms.DateField(label="开始日期", widget=DATE)
    ends_on = forms.DateField(label="结束日期", widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)


class MilestoneForm(forms.Form):
    template = forms.ModelChoiceField(
        label="从任务模板选择",
        queryset=DutyTemplate.objects.all(),
        required=False,
        empty_label="（手工填写）",
    )
    title = forms.CharField(label="或手工填写任务", max_length=150, required=False)
    detail = forms.CharField(label="要求", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(
        label="完成时限", widget=DATE, help_text="如方案要求「2月28日前」完成，填 2 月 28 日"
    )
    units = forms.ModelMultipleChoiceField(
        label="责任单位",
        queryset=OrgUnit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text="按住 Ctrl 可多选；成员单位、派出所在前",
    )

    def __init__(self, *args, user=None, phase=None, **kwargs):
        super().__init__(*args, **kwargs)
        kind_order = Case(
            *(When(kind=kind, then=Value(n)) for n, kind in enumerate(UNIT_KIND_ORDER)), default=Value(9)
        )
        self.fields["units"].queryset = (
            OrgUnit.objects.visible_to(user)
            .filter(is_active=True)
            .exclude(kind__in=[OrgKind.COUNTY])
            .select_related("parent")
            .order_by(kind_order, "path")
        )
        self.fields["units"].label_from_instance = lambda u: f"{u.display_name}（{u.get_kind_display()}）"
        if phase is not None and not self.is_bound:
            self.initial["deadline"] = phase.ends_on
        style(self)

    def clean(self):
        data = super().clean()
        if not data.get("template") and not (data.get("title") or "").strip():
            self.add_error("title", "请选择任务模板或填写任务名称")
        return data
