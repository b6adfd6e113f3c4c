from rest_framework import serializers

from fanzha.core.idcard import IdNumberError, clean_id_number
from fanzha.core.masking import mask_id_number, mask_phone
from fanzha.keypersons import filters
from fanzha.keypersons.forms import DenForm, KeyPersonForm
from fanzha.keypersons.models import Den, KeyPerson
from fanzha.ledger.api import LedgerSerializer, LedgerViewSet


class KeyPersonSerializer(LedgerSerializer):
    masks = {"id_number": mask_id_number, "phone": mask_phone}

    class Meta:
        model = KeyPerson
        fields = ["id", *KeyPersonForm.Meta.fields]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "id_number" in attrs:
            try:
                attrs["id_number"] = clean_id_number(attrs["id_number"])
            except IdNumberError as exc:
                raise serializers.ValidationError({"id_number": str(exc)}) from exc
        return attrs


class DenSerializer(LedgerSerializer):
    class Meta:
        model = Den
        fields = ["id", *DenForm.Meta.fields]


class KeyPersonViewSet(LedgerViewSet):
    """重点人员: station officers and the county office only; scoped by village, station and employer."""

    queryset = KeyPerson.objects.all()
    serializer_class = KeyPersonSerializer
    filterset_class = filters.KeyPersonFilterSet
    select_related = ("village", "employer")
    audited = tuple(KeyPersonForm.Meta.fields)


class DenViewSet(LedgerViewSet):
    queryset = Den.objects.all()
    serializer_class = DenSerializer
    filterset_class = filters.DenFilterSet
    select_related = ("village",)
    audited = tuple(DenForm.Meta.fields)
