"""The import kinds a user can run, by name (CLI argument and upload form), and the permission each
needs. This machine knows no ledger: each ledger app registers its kinds when Django starts (in its
AppConfig.ready), and an app above a ledger may add a step to that kind's preview (screening adds
its fraud-type suggestions to the case preview)."""

from collections.abc import Callable

#: kind → importer class, in the order the apps registered them
CLASSES: dict[str, type] = {}
#: kind → the permission a user needs to run it
PERMISSIONS: dict[str, str] = {}
#: kind → [(permission, step)]: steps that annotate a preview's rows for users holding the permission
_PREVIEW_STEPS: dict[str, list[tuple[str, Callable[[list[dict]], None]]]] = {}


def register(kind: str, importer: type, permission: str) -> None:
    CLASSES[kind] = importer
    PERMISSIONS[kind] = permission


def add_preview_step(kind: str, permission: str, step: Callable[[list[dict]], None]) -> None:
    steps = _PREVIEW_STEPS.setdefault(kind, [])
    if (permission, step) not in steps:
        steps.append((permission, step))


def annotate_preview(kind: str, rows: list[dict], user) -> None:
    for permission, step in _PREVIEW_STEPS.get(kind, ()):
        if user.has_perm(permission):
            step(rows)


def importer_class(kind: str) -> type:
    if kind not in CLASSES:
        raise KeyError(kind)
    return CLASSES[kind]
