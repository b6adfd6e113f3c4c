"""A clue's matches as a reader may see them: a record inside the reader's subtree by its number or
name (a case links to its page); one outside it only by its station and day, with no number, name or
link (that a clue reaches into another jurisdiction, not that jurisdiction's record)."""

from dataclasses import dataclass
from datetime import date

from fanzha.cases.queries import visible_case_numbers
from fanzha.clues.models import Clue, MatchLedger
from fanzha.keypersons.queries import visible_persons
from fanzha.prevention.queries import visible_households


@dataclass
class ShownMatch:
    ledger: str  # 案件 / 重点人员 / 住户
    text: str  # "" outside the reader's subtree
    case_pk: int | None  # a case the reader may open
    station: str
    place: str
    day: date | None

    @property
    def inside(self) -> bool:
        return bool(self.text)


def shown_matches(user, clue: Clue) -> list[ShownMatch]:
    matches = list(clue.matches.select_related("station", "place"))
    ids = {ledger: [m.record_id for m in matches if m.ledger == ledger] for ledger in MatchLedger.values}
    readable = {
        MatchLedger.CASE: visible_case_numbers(user, ids[MatchLedger.CASE]) if ids[MatchLedger.CASE] else {},
        MatchLedger.KEY_PERSON: (
            visible_persons(user, ids[MatchLedger.KEY_PERSON]) if ids[MatchLedger.KEY_PERSON] else {}
        ),
        MatchLedger.HOUSEHOLD: (
            visible_households(user, ids[MatchLedger.HOUSEHOLD]) if ids[MatchLedger.HOUSEHOLD] else {}
        ),
    }
    shown = []
    for m in matches:
        text = readable[m.ledger].get(m.record_id, "")
        inside = bool(text)
        shown.append(
            ShownMatch(
                ledger=m.get_ledger_display(),
                text=text,
                case_pk=m.record_id if inside and m.ledger == MatchLedger.CASE else None,
                station=str(m.station or "未明确派出所"),
                place=str(m.place) if inside and m.place_id else "",
                day=m.day,
            )
        )
    return sorted(shown, key=lambda s: s.day or date.min, reverse=True)
