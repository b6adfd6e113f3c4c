"""A select of org units offers the same options from (id, name) rows as from model instances."""

from django import forms

from fanzha.orgs.models import OrgUnit
from fanzha.orgs.options import UnitOptions, offer_units_lightly


def test_unit_options_match_the_model_choices(county):
    class Form(forms.Form):
        place = forms.ModelChoiceField(OrgUnit.objects.filter(kind="village"), empty_label="全部")
        other = forms.ChoiceField(choices=[("a", "甲")])

    plain, light = Form(initial={"place": county["v2"].pk}), Form(initial={"place": county["v2"].pk})
    offer_units_lightly(light.fields.values())
    assert isinstance(light.fields["place"].widget.choices, UnitOptions)
    assert str(light["place"]) == str(plain["place"])
    assert "selected>新村</option>" in str(light["place"])
    bound = Form({"place": str(county["c2"].pk), "other": "a"})
    offer_units_lightly(bound.fields.values())
    assert bound.is_valid() and bound.cleaned_data["place"] == county["c2"]
