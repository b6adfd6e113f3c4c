"""A 通报 of a past period states the facts as of that period's end, so that drafting February's in
April gives what February's would have said on 29 February (docs/indicators.md, 期末口径).

The ledger knows when each case was entered (录入时间, `Case.created_at`): a case entered after the
cut-off is left out of every figure, table and 倒查 of the 通报 — its own period's and the spans it
compares with (同比, 环比, the twelve months before). Two readings keep this from emptying documents:

- the cut-off is the period's end plus the rule parameter `bulletin.late_entry_days` (default 0: the
  end itself), for a county whose stations enter the last day's cases the next morning;
- the cases entered on the ledger's first day — the history a centre loads when it starts using
  Fanzha — count as entered from the beginning: without them no period before the start would have
  any case.

A later correction of a case already entered (its amount, its status) applies to past periods too:
the ledger's latest word on a fact is the fact. (The change log could not undo it reliably anyway: it
keeps readable values — names, labels, 元 — not ids, and `fanzha audit prune` removes old rows.) 挂牌整治 and 督办事项 are stated as of the same end
(monthly._supervision)."""

from datetime import datetime, timedelta

from django.db.models import Min

from fanzha.cases.models import Case
from fanzha.core.periods import BEIJING


def entry_cutoff(end: datetime, late_entry_days: int = 0) -> datetime | None:
    """The moment a document of a period ending at `end` reads the ledger as of: cases entered at or
    after it are left out. None when no case was entered after it (nothing to leave out)."""
    first = Case.objects.aggregate(first=Min("created_at"))["first"]
    if first is None:
        return None
    first_day = first.astimezone(BEIJING).date()
    history_loaded = datetime(first_day.year, first_day.month, first_day.day, tzinfo=BEIJING) + timedelta(
        days=1
    )
    cutoff = max(end + timedelta(days=late_entry_days), history_loaded)
    if not Case.objects.filter(created_at__gte=cutoff).exists():
        return None
    return cutoff
