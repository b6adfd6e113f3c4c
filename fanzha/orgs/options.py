"""Org units offered in a select (发案地, 派出所, 工作单位 …): the options are read as (id, name) rows, not
as model instances. A county's villages are hundreds, and building an OrgUnit for each option cost a
list page more than its own rows."""

from django.forms.models import ModelChoiceIterator, ModelChoiceIteratorValue

from fanzha.orgs.models import OrgUnit


class UnitOptions(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for pk, name in self.queryset.values_list("pk", "name"):
            yield (ModelChoiceIteratorValue(pk, None), name)


def offer_units_lightly(fields) -> None:
    """Give every org-unit select among the form fields the (id, name) options."""
    for field in fields:
        queryset = getattr(field, "queryset", None)
        if queryset is not None and queryset.model is OrgUnit:
            field.iterator = UnitOptions
            field.widget.choices = field.choices
