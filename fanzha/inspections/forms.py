from django import forms

from fanzha.core.widgets import style
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit
from fanzha.orgs.options import offer_units_lightly

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
FINDING_ROWS = 5


class InspectionForm(forms.Form):
    org = forms.ModelChoiceField(label="被检查单位", queryset=OrgUnit.objects.none())
    inspected_on = forms.DateField(label="检查日期", widget=DATE)
    inspectors = forms.CharField(label="检查人员", max_length=200)
    subject = forms.CharField(
        label="检查内容", max_length=200, help_text="如：入户走访台账、反诈宣传阵地建设"
    )
    note = forms.CharField(label="总体情况", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = OrgUnit.objects.visible_to(user).exclude(kind=OrgKind.COUNTY)
        offer_units_lightly([self.fields["org"]])
        for n in range(1, FINDING_ROWS + 1):
            self.fields[f"problem_{n}"] = forms.CharField(
                label=f"问题{n}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 1, "placeholder": f"问题{n}", "aria-label": f"问题{n}"}),
            )
            self.fields[f"deadline_{n}"] = forms.DateField(
                label="整改时限",
                required=False,
                widget=forms.DateInput(
                    attrs={"type": "date", "aria-label": f"问题{n}的整改时限"}, format="%Y-%m-%d"
                ),
            )
        style(self)

    def finding_rows(self):
        return [(self[f"problem_{n}"], self[f"deadline_{n}"]) for n in range(1, FINDING_ROWS + 1)]

    def clean(self):
        data = super().clean()
        for n in range(1, FINDING_ROWS + 1):
            problem, deadline = (data.get(f"problem_{n}") or "").strip(), data.get(f"deadline_{n}")
            if problem and not deadline and f"deadline_{n}" not in self.errors:
                self.add_error(f"deadline_{n}", f"问题{n}：请填写整改时限")
            if deadline and not problem:
                self.add_error(f"problem_{n}", f"问题{n}：填写了整改时限，请写明问题")
        return data

    def findings(self):
        from fanzha.inspections.services import FindingInput

        data = self.cleaned_data
        return [
            FindingInput(data[f"problem_{n}"], data[f"deadline_{n}"])
            for n in range(1, FINDING_ROWS + 1)
            if (data.get(f"problem_{n}") or "").strip()
        ]


class FindingForm(forms.Form):
    problem = forms.CharField(label="发现问题", widget=forms.Textarea(attrs={"rows": 2}))
    deadline = forms.DateField(label="整改时限", widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style(self)
