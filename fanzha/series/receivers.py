"""The case ledger's signal, answered: cases saved or imported are linked at once."""

from fanzha.series import services


def link_saved_cases(sender, case_ids, user=None, source="form", **kwargs) -> str | None:
    """Relink the saved cases; for an import, the sentence its summary shows (rows joining a series
    that existed before the import)."""
    outcome = services.relink(case_ids)
    if source != "import":
        return None
    return f"{outcome.joined} 行并入已有串并案（与导入前已有的案件共用嫌疑人标识）"
