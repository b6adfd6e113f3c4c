"""API permission: Django model permissions, with `view` required for reads too (DRF's default
DjangoModelPermissions lets any authenticated user read)."""

from rest_framework import permissions


class ModelPermissions(permissions.DjangoModelPermissions):
    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
        "OPTIONS": ["%(app_label)s.view_%(model_name)s"],
    }


def holds(permission: str) -> type[permissions.BasePermission]:
    """An API permission class: the user holds `permission` (a Django permission, 'app.codename').
    For views that are not a model's ledger, where ModelPermissions has no model to read."""

    class Holds(permissions.BasePermission):
        def has_permission(self, request, view):
            return request.user.has_perm(permission)

    return Holds
