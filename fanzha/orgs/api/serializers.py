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
    display_name = serializers.CharField(
        read_only=True, help_text="显示名称：村/社区带乡镇名，如 城关镇邵家村"
    )

    class Meta:
        model = OrgUnit
        fields = [
            "id",
            "code",
            "name",
            "display_name",
            "kind",
            "parent",
            "level",
            "sector",
            "station",
            "is_active",
            "populations",
        ]
