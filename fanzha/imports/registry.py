"""The import kinds a user can run, by name (CLI argument and upload form)."""


def importer_class(kind: str):
    from fanzha.cases.importers import CaseImporter
    from fanzha.orgs.importers import OrgImporter

    classes = {"orgs": OrgImporter, "cases": CaseImporter}
    if kind not in classes:
        raise KeyError(kind)
    return classes[kind]


PERMISSIONS = {"orgs": "orgs.import_orgs", "cases": "cases.import_cases"}
