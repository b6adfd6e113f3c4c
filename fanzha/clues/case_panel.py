"""The clues on a case page: the clues pushed from above that hold one of the case's suspect
identifiers (matched when the clue came, or since, by value). A clue outside the reader's subtree is
shown by its station and day only: that the upper units pushed it, not what another station did."""

from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_

from django.db.models import Q

from fanzha.cases.choices import IdentifierKind
from fanzha.clues.matching import COUNTRY_PREFIX
from fanzha.clues.models import IDENTIFIER_KIND, Clue


@dataclass
class PanelClue:
    clue: Clue | None  # None: outside the reader's subtree
    station: str
    received_on: date


def clue_forms(identifiers: list[tuple[str, str]]) -> Q | None:
    """The clue (kind, value) pairs a case's identifiers may be held as."""
    tests = []
    for id_kind, value in identifiers:
        kinds = [kind for kind, of in IDENTIFIER_KIND.items() if of == id_kind]
        if id_kind == IdentifierKind.PHONE:
            value = COUNTRY_PREFIX.sub("", value)
        tests.append(Q(kind__in=kinds, value=value))
    return reduce(or_, tests) if tests else None


def clues_of_case(user, identifiers: list[tuple[str, str]]) -> list[PanelClue]:
    test = clue_forms(identifiers)
    if test is None:
        return []
    found = list(Clue.objects.filter(test).select_related("station").order_by("-received_on", "-id")[:20])
    visible = set(
        Clue.objects.visible_to(user).filter(pk__in=[c.pk for c in found]).values_list("pk", flat=True)
    )
    return [
        PanelClue(clue if clue.pk in visible else None, str(clue.station or "县局待分配"), clue.received_on)
        for clue in found
    ]
