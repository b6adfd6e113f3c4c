from rest_framework import viewsets

from fanzha.orgs.api.serializers import OrgUnitSerializer
from fanzha.orgs.models import OrgUnit


class OrgUnitViewSet(viewsets.ReadOnlyModelViewSet):
    """组织机构 (read-only through the API; changes come by import or the admin)."""

    serializer_class = OrgUnitSerializer
    queryset = OrgUnit.objects.all()
    filterset_fields = ["kind", "code", "parent"]

    def get_queryset(self):
        return (
            OrgUnit.objects.visible_to(self.request.user)
            .select_related("parent", "station")
            .prefetch_related("populations")
        )
