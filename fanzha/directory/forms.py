from fanzha.core.phones import PhoneError, clean_phone
from fanzha.directory.models import LIAISON_KINDS, LeadershipMember, Liaison
from fanzha.ledger.pages import ScopedForm
from fanzha.orgs.choices import OrgKind


class PhoneFieldsMixin:
    """Phones as ledgers write them (138 0013 8000, +86…), checked and stored as digits."""

    phone_fields: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        for name in self.phone_fields:
            try:
                data[name] = clean_phone(data.get(name))
            except PhoneError as exc:
                self.add_error(name, str(exc))
        return data


class LiaisonForm(PhoneFieldsMixin, ScopedForm):
    phone_fields = ("phone", "office_phone")

    class Meta:
        model = Liaison
        fields = ["org", "name", "role", "position", "phone", "office_phone", "appointed_on", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = self.fields["org"].queryset.filter(kind__in=LIAISON_KINDS)


class LeadershipForm(PhoneFieldsMixin, ScopedForm):
    phone_fields = ("phone",)

    class Meta:
        model = LeadershipMember
        fields = ["org", "role", "name", "unit_name", "position", "phone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = (OrgKind.COUNTY, OrgKind.TOWN, OrgKind.STREET)
        self.fields["org"].queryset = self.fields["org"].queryset.filter(kind__in=kinds)
