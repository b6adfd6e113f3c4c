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
