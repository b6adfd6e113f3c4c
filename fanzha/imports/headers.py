"""Header names as Chinese ledgers write them → canonical columns.

Matching ignores spaces, full-width forms and a trailing unit in brackets: 「损失金额（元）」,
「损失金额(元)」 and 「 损失 金额 」 all read as 损失金额. Each import kind ships its aliases; a
centre adds its own in the HeaderAlias table (admin or the import page)."""

import re
import unicodedata

from fanzha.imports.models import HeaderAlias

_UNIT_SUFFIX = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]$")


def normalize_header(text) -> str:
    value = unicodedata.normalize("NFKC", str(text or ""))
    value = re.sub(r"\s+", "", value)
    value = _UNIT_SUFFIX.sub("", value)
    return value.strip("*：:")


def alias_table(kind: str, builtin: dict[str, list[str]]) -> dict[str, str]:
    """normalized header → canonical name, from the built-in table and the centre's own aliases."""
    table: dict[str, str] = {}
    for canonical, aliases in builtin.items():
        table[normalize_header(canonical)] = canonical
        for alias in aliases:
            table[normalize_header(alias)] = canonical
    for alias, canonical in HeaderAlias.objects.filter(kind=kind).values_list("alias", "canonical"):
        if canonical in builtin:
            table[normalize_header(alias)] = canonical
    return table


def map_headers(headers: list[str], table: dict[str, str]) -> tuple[dict[str, int], list[str], list[str]]:
    """(canonical → column index, unknown headers, canonical names given twice)."""
    found: dict[str, int] = {}
    unknown: list[str] = []
    duplicated: list[str] = []
    for index, header in enumerate(headers):
        key = normalize_header(header)
        if not key:
            continue
        canonical = table.get(key)
        if canonical is None:
            unknown.append(str(header))
        elif canonical in found:
            duplicated.append(canonical)
        else:
            found[canonical] = index
    return found, unknown, duplicated
