"""A clue's value normalised as the case ledger normalises suspect identifiers (cases/identifiers.py),
and the records of the case, key-person and household ledgers that hold it: one query per ledger for
a single clue or a whole batch, through each ledger's published read function."""

import re

from django.utils import timezone

from fanzha.cases.choices import IdentifierKind
from fanzha.cases.identifiers import clean_identifier
from fanzha.cases.queries import cases_holding
from fanzha.clues.models import IDENTIFIER_KIND, ClueKind
from fanzha.clues.rules import Candidate
from fanzha.keypersons.queries import persons_with_phones
from fanzha.prevention.queries import households_with_phones

COUNTRY_PREFIX = re.compile(r"^(\+86|0086|86)(?=1\d{10}$)")


def normalise(kind: str, text: str) -> str:
    """The clue's value as stored: the identifier's normal form (spaces, dashes and full-width
    brackets gone, a URL lower-cased without its trailing slash), a mainland mobile without +86;
    ValueError with the reason in Chinese when it cannot be one."""
    if kind not in IDENTIFIER_KIND:
        raise ValueError("线索类型应为" + "、".join(ClueKind.labels))
    value = clean_identifier(IDENTIFIER_KIND[kind], text or "")
    if kind == ClueKind.PHONE:
        value = COUNTRY_PREFIX.sub("", value)
    if kind == ClueKind.QQ and not value.isdigit():
        raise ValueError("QQ号应为数字")
    return value


def identifier_forms(kind: str, value: str) -> set[tuple[str, str]]:
    """The (identifier kind, value) pairs a case may hold this clue as: a mobile also with +86 or
    0086 in front (a case keeps the number as the victim gave it)."""
    id_kind = IDENTIFIER_KIND[kind]
    forms = {(id_kind, value)}
    if id_kind == IdentifierKind.PHONE and re.match(r"^1\d{10}$", value):
        forms |= {(id_kind, prefix + value) for prefix in ("+86", "0086", "86")}
    return forms


def _national(value: str) -> str:
    return COUNTRY_PREFIX.sub("", value)


def find_many(clues: list[tuple[str, str]]) -> list[list[Candidate]]:
    """For each (kind, normalised value): the ledger records that hold it. Cases by their suspect
    identifiers; key persons and households by their phone (a phone clue only)."""
    wanted = set()
    for kind, value in clues:
        wanted |= identifier_forms(kind, value)
    by_identifier: dict[tuple[str, str], list[Candidate]] = {}
    for id_kind, value, case_id, station_id, place_id, reported_at, _ in cases_holding(wanted):
        key = (id_kind, _national(value) if id_kind == IdentifierKind.PHONE else value)
        by_identifier.setdefault(key, []).append(
            Candidate("case", case_id, station_id, timezone.localtime(reported_at).date(), place_id)
        )
    phones = [value for kind, value in clues if kind == ClueKind.PHONE]
    by_phone: dict[str, list[Candidate]] = {}
    for phone, pk, village_id, station_id, registered_on in persons_with_phones(phones):
        by_phone.setdefault(phone, []).append(
            Candidate("key_person", pk, station_id, registered_on, village_id)
        )
    for phone, pk, village_id, station_id in households_with_phones(phones):
        by_phone.setdefault(phone, []).append(Candidate("household", pk, station_id, None, village_id))
    found = []
    for kind, value in clues:
        id_kind = IDENTIFIER_KIND[kind]
        own = list(by_identifier.get((id_kind, value), []))
        if kind == ClueKind.PHONE:
            own += by_phone.get(value, [])
        found.append(own)
    return found
