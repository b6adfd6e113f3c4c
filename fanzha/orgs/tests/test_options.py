"""A select of org units: villages grouped by town, labelled with the display name, searchable."""

from django import forms

from fanzha.orgs.models import OrgUnit
from fanzha.orgs.options import UnitOptions, offer_units_lightly


class Form(forms.Form):
    place = forms.ModelChoiceField(
        OrgUnit.objects.filter(kind__in=["village", "community"]), empty_label="全部"
    )
    other = forms.ChoiceField(choices=[("a", "甲")])


def test_villages_are_grouped_by_town_and_named_with_it(county):
    form = Form(initial={"place": county["v2"].pk})
    offer_units_lightly(form.fields.values())
    assert isinstance(form.fields["place"].widget.choices, UnitOptions)
    html = str(form["place"])
    assert "data-unit-filter" in html
    assert html.index('<optgroup label="青山镇">') < html.index('<optgroup label="河东街道">')
    assert f'<option value="{county["v2"].pk}" selected>青山镇新村</option>' in html
    assert f'<option value="{county["c2"].pk}">河东街道新村</option>' in html
    assert html.count("<optgroup") == 2 and html.count("</optgroup>") == 2
    # the two 新村 are in different groups, never twice 「新村」 alone
    assert ">新村<" not in html


def test_grouped_options_still_validate_as_units(county):
    bound = Form({"place": str(county["c2"].pk), "other": "a"})
    offer_units_lightly(bound.fields.values())
    assert bound.is_valid() and bound.cleaned_data["place"] == county["c2"]
    outside = Form({"place": str(county["s1"].pk), "other": "a"})
    offer_units_lightly(outside.fields.values())
    assert not outside.is_valid()


def test_units_that_are_not_places_stand_before_the_groups(county):
    class Mixed(forms.Form):
        unit = forms.ModelChoiceField(OrgUnit.objects.all(), empty_label="全部")

    form = Mixed()
    offer_units_lightly(form.fields.values())
    html = str(form["unit"])
    assert html.index(">城关派出所<") < html.index("<optgroup")
    assert ">示范县<" in html and ">县第一中学<" in html
