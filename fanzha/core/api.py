"""A viewset base that reads only through `visible_to(user)`: out of scope is a 404."""

from rest_framework import viewsets


class ScopedViewSet(viewsets.ModelViewSet):
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    select_related: tuple[str, ...] = ()
    lookup_value_regex = "[0-9]+"  # /api/…/null/sign/ is a 404 before any view reads it

    def get_queryset(self):
        return self.queryset.model.objects.visible_to(self.request.user).select_related(*self.select_related)
