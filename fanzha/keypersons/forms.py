from django import forms

from fanzha.core.idcard import IdNumberError, clean_id_number
from fanzha.core.phones import PhoneError, clean_phone
from fanzha.keypersons.models import Den, KeyPerson
from fanzha.ledger.pages import ScopedForm


class KeyPersonForm(ScopedForm):
    class Meta:
        model = KeyPerson
        fields = [
            "name",
            "id_number",
            "phone",
            "category",
            "residence",
            "village",
            "address",
            "employer",
            "staff_relation",
            "status",
            "officer",
            "pledge_signed",
            "registered_on",
            "released_on",
            "note",
        ]

    def clean_id_number(self):
        try:
            return clean_id_number(self.cleaned_data["id_number"])
        except IdNumberError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_phone(self):
        try:
            return clean_phone(self.cleaned_data.get("phone"))
        except PhoneError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self):
        data = super().clean()
        if data.get("staff_relation") and not data.get("employer"):
            self.add_error("employer", "填写了与单位关系，请选择工作单位")
        if (
            data.get("released_on")
            and data.get("registered_on")
            and data["released_on"] < data["registered_on"]
        ):
            self.add_error("released_on", "解除日期早于列管日期")
        return data


class DenForm(ScopedForm):
    class Meta:
        model = Den
        fields = ["village", "address", "found_on", "description"]
