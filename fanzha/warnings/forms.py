from django import forms

from fanzha.orgs.choices import PLACE_KINDS
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.options import offer_units_lightly
from fanzha.warnings.followups import FORMS
from fanzha.warnings.models import Method, Outcome, ReceivedOutreach, ReviewOutcome

_select = {"class": "form-select"}
_text = {"class": "form-control"}


class OutcomeForm(forms.Form):
    contacted = forms.TypedChoiceField(
        label="是否联系上",
        choices=[("1", "是"), ("0", "否")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(
        label="联系方式",
        choices=[("", "—"), *Method.choices],
        required=False,
        widget=forms.Select(attrs=_select),
    )
    outcome = forms.ChoiceField(label="处置结果", choices=Outcome.choices, widget=forms.Select(attrs=_select))
    case_number = forms.CharField(
        label="关联案件编号（已被骗时填写）", required=False, widget=forms.TextInput(attrs=_text)
    )
    note = forms.CharField(
        label="情况说明", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3, **_text})
    )


class ReassignForm(forms.Form):
    org = forms.ModelChoiceField(
        label="分派给", queryset=OrgUnit.objects.none(), widget=forms.Select(attrs=_select)
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = (
            OrgUnit.objects.visible_to(user).filter(kind__in=PLACE_KINDS).order_by("path")
        )
        offer_units_lightly([self.fields["org"]])


class FollowUpForm(forms.Form):
    received = forms.ChoiceField(
        label="是否接受过宣传", choices=ReceivedOutreach.choices, widget=forms.RadioSelect
    )
    forms_ = forms.MultipleChoiceField(
        label="宣传形式", choices=list(FORMS.items()), required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label="回访情况", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3, **_text})
    )


class ResolveForm(forms.Form):
    outcome = forms.ChoiceField(
        label="处理结果", choices=ReviewOutcome.choices, widget=forms.Select(attrs=_select)
    )
    note = forms.CharField(
        label="处理意见", max_length=500, widget=forms.Textarea(attrs={"rows": 3, **_text})
    )
