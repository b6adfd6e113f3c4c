from django import forms

from fanzha.assessment.models import Campaign, Target
from fanzha.core.periods import Period, PeriodError
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.options import offer_units_lightly
from fanzha.parameters.levels import LEVELS


class TargetForm(forms.ModelForm):
    level = forms.ChoiceField(
        label="逐个考核下级",
        required=False,
        choices=[("", "考核对象本身")] + [(k, v.label) for k, v in LEVELS.items()],
    )

    class Meta:
        model = Target
        fields = [
            "campaign",
            "name",
            "measure",
            "fraud_types",
            "staff_victims_only",
            "scope",
            "level",
            "period",
            "comparison",
            "change_pct",
        ]
        widgets = {"fraud_types": forms.CheckboxSelectMultiple}
        help_texts = {
            "period": "2024-03、2024Q1、2024H1 或 2024",
            "change_pct": "下降10%填 -10；“不高于上年全年60%”填 -40（比较基准选“占上年全年”）",
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].queryset = OrgUnit.objects.visible_to(user).order_by("path")
        self.fields["campaign"].queryset = Campaign.objects.visible_to(user)
        self.fields["campaign"].empty_label = "（不属于任何方案）"
        offer_units_lightly([self.fields["scope"]])
        for field in self.fields.values():  # Bootstrap's controls (the page lays them out in a grid)
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.attrs.setdefault("class", "form-check-input")
                continue
            if getattr(field, "empty_label", None) is not None:
                field.empty_label = "请选择"
                field.widget.choices = field.choices
            elif isinstance(field, forms.ChoiceField) and field.choices and field.choices[0][0] == "":
                field.choices = [("", "请选择"), *field.choices[1:]] if field.required else field.choices
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            else:
                widget.attrs.setdefault(
                    "class", "form-select" if isinstance(widget, forms.Select) else "form-control"
                )

    def clean_period(self):
        text = self.cleaned_data["period"]
        try:
            return str(Period.parse(text))
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None
