"""The signals the series answers: cases saved or imported are linked at once; a new limit K
(`series.shared_limit`) recomputes every link."""

from fanzha.series import services


def link_saved_cases(sender, case_ids, user=None, source="form", **kwargs) -> str | None:
    """Relink the saved cases; for an import, the sentence its summary shows (rows joining a series
    that existed before the import)."""
    outcome = services.relink(case_ids)
    if source != "import":
        return None
    return f"{outcome.joined} 行并入已有串并案（与导入前已有的案件共用嫌疑人标识）"


def rebuild_on_new_limit(sender, key, **kwargs) -> None:
    if key == "series.shared_limit":
        services.rebuild()


def relink_cases(sender, case_ids, **kwargs) -> None:
    """Identifiers another app derives changed for these cases (资金链: a trace found new accounts)."""
    services.relink(case_ids)
