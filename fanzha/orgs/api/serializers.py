from rest_framework import serializers

from fanzha.orgs.models import OrgUnit, Population


class PopulationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Population
        fields = ["year", "population", "households"]


class OrgUnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    station = serializers.SlugRelatedField(slug_field="code", read_only=True)
    populations = PopulationSerializer(many=True, read_only=True)

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "parent",
            "level",
            "sector",
            "station",
            "is_active",
            "populations",
        ]
