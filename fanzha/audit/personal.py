"""Which recorded values of a model are personal data (ID numbers, phones, accounts), as the model
declares them, and how the change history masks them.

Every model whose change records carry personal data declares, as a class attribute,
`PERSONAL_DATA = {key: mask}`: a field (or a snapshot key such as a case's "identifiers") and the
function that masks its value. The change log and every history view mask by this declaration unless
the reader holds `cases.view_pii` and asks for clear text, and that view is written to the access
log. The audit floor reads the declaration; it imports no ledger."""

from collections.abc import Callable

REVEAL_PERMISSION = "cases.view_pii"


def declared(model) -> dict[str, Callable]:
    """key → mask of the model's personal data ({} for a model without any, or an unknown one)."""
    return getattr(model, "PERSONAL_DATA", {}) if model is not None else {}


def masked(model, key: str, value):
    """The value as a reader without clear text sees it."""
    mask = declared(model).get(key)
    if mask is None or value in (None, ""):
        return value
    return mask(str(value))
