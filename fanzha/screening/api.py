from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from fanzha.screening import service


class CanScreen(permissions.BasePermission):
    def has_permission(self, request, view):
        return bool(request.user and request.user.has_perm("screening.use_screening"))


class ScreenRequest(serializers.Serializer):
    texts = serializers.ListField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=20000),
        max_length=service.MAX_TEXTS,
        allow_empty=False,
    )


class ScreenView(APIView):
    """POST {"texts": [...]} (at most 1,000) → one verdict per text, in order: label, score, top 3,
    the ids of the matched rules and the model version."""

    permission_classes = [permissions.IsAuthenticated, CanScreen]

    @extend_schema(request=ScreenRequest, responses={200: OpenApiTypes.OBJECT}, summary="文本研判")
    def post(self, request):
        body = ScreenRequest(data=request.data)
        body.is_valid(raise_exception=True)
        return Response(service.classify(body.validated_data["texts"]))
