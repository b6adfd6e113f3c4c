"""Org units offered in a select (发案地, 派出所, 工作单位 …): the options are read as rows, not as model
instances. A county's villages are hundreds, and building an OrgUnit for each option cost a list page
more than its own rows.

Villages and communities are grouped by their town (`<optgroup>`), towns in the tree's order, and
labelled with their display name (`naming`), so two 「邵家村」 never look alike; a select of units
carries `data-unit-filter`, which `static/fanzha/unit-filter.js` turns into a searchable select."""

from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from fanzha.orgs.models import OrgUnit
from fanzha.orgs.naming import display_name_expression, town_of


class UnitOptions(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = (
            self.queryset.annotate(shown=display_name_expression())
            .order_by("parent__path", "code")
            .values_list("pk", "kind", "shown", "parent__name", "parent__path")
        )
        plain, groups, group_order = [], {}, {}
        for pk, kind, shown, parent_name, parent_path in rows:
            option = (ModelChoiceIteratorValue(pk, None), shown)
            town = town_of(kind, parent_name)
            if town is None:
                plain.append(option)
            else:
                groups.setdefault(town, []).append(option)
                group_order.setdefault(town, parent_path or "")
        yield from plain
        for town in sorted(groups, key=group_order.get):
            yield (town, sorted(groups[town], key=lambda option: option[1]))


def offer_units_lightly(fields) -> None:
    """Give every org-unit select among the form fields the grouped (id, display name) options."""
    for field in fields:
        queryset = getattr(field, "queryset", None)
        if queryset is not None and queryset.model is OrgUnit:
            field.iterator = UnitOptions
            field.widget.choices = field.choices
            field.widget.attrs["data-unit-filter"] = ""
