"""The case ledger's signal, answered: a case saved or imported may hold an open clue's value."""

from fanzha.clues import services
from fanzha.clues.models import OPEN_STATES, Clue


def rematch_open_clues(sender, case_ids, user=None, source="form", **kwargs) -> str | None:
    """Match the open clues again; for an import, the sentence its summary shows."""
    moved = services.rematch(user, Clue.objects.filter(state__in=OPEN_STATES))
    if source == "import" and moved:
        return f"{moved} 条县局待分配的上级线索因本次导入的案件分配到派出所"
    return None
