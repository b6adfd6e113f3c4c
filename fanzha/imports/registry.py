"""The import kinds a user can run, by name (CLI argument and upload form), and the permission each needs."""

from importlib import import_module

CLASSES = {
    "orgs": "fanzha.imports.orgs.OrgImporter",
    "cases": "fanzha.cases.importers.CaseImporter",
    "visits": "fanzha.prevention.importers.VisitImporter",
    "activities": "fanzha.prevention.importers.ActivityImporter",
    "registrations": "fanzha.prevention.importers.RegistrationImporter",
    "warnings": "fanzha.warnings.importers.WarningImporter",
    "keypersons": "fanzha.keypersons.importers.KeyPersonImporter",
}
PERMISSIONS = {
    "orgs": "orgs.import_orgs",
    "cases": "cases.import_cases",
    "visits": "prevention.add_householdvisit",
    "activities": "prevention.add_activity",
    "registrations": "prevention.add_registration",
    "warnings": "warnings.import_warnings",
    "keypersons": "keypersons.import_keypersons",
}


def importer_class(kind: str):
    if kind not in CLASSES:
        raise KeyError(kind)
    module, name = CLASSES[kind].rsplit(".", 1)
    return getattr(import_module(module), name)
