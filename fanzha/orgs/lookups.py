"""How ledgers name an org unit: by code, by a unique name, or by a path of names (某某镇/某某村).
A name shared by several units is ambiguous: the import says which units it could mean."""

from collections import defaultdict

from fanzha.core.text import normalize
from fanzha.orgs.models import OrgUnit


def name_path(unit_names: dict[int, str], path: str, skip_root: bool = True) -> str:
    ids = [int(p) for p in path.strip("/").split("/") if p]
    if skip_root and len(ids) > 1:
        ids = ids[1:]
    return "/".join(unit_names.get(i, "?") for i in ids)


def org_keys(queryset) -> tuple[dict[str, int], dict[str, str]]:
    """(key → id, ambiguous name → '候选1、候选2') over the units of `queryset`.
    Keys: code, name, and every suffix of the name path (镇/村, 县/镇/村)."""
    names = dict(OrgUnit.objects.values_list("id", "name"))
    ids: dict[str, int] = {}
    by_name: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for unit_id, code, name, path in queryset.values_list("id", "code", "name", "path"):
        full = name_path(names, path, skip_root=False)
        parts = full.split("/")
        for start in range(len(parts) - 1):
            ids[normalize("/".join(parts[start:]))] = unit_id
        by_name[normalize(name)].append((unit_id, name_path(names, path)))
        ids[normalize(code)] = unit_id
    ambiguous: dict[str, str] = {}
    for name, units in by_name.items():
        if len(units) == 1:
            ids.setdefault(name, units[0][0])
        else:
            ambiguous[name] = "、".join(sorted(label for _, label in units))
            if ids.get(name) in {u for u, _ in units}:
                del ids[name]
    return ids, ambiguous
