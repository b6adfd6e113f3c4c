"""Which facts of a case are personal data, and how each is masked when shown without the
`cases.view_pii` permission (lists, exports, the API, the change history: Case.PERSONAL_DATA)."""

from fanzha.cases.choices import IdentifierKind
from fanzha.core import masking

# case field → mask
MASKS = {"victim_id_number": masking.mask_id_number, "victim_phone": masking.mask_phone}
PII_FIELDS = tuple(MASKS)
SNAPSHOT_SEPARATOR = "；"


def mask_identifier(kind: str, value: str) -> str:
    """Suspect bank and payment accounts are masked; phones, URLs and social accounts are not."""
    return masking.mask_account(value) if kind == IdentifierKind.ACCOUNT else value


def mask_identifiers_text(value: str) -> str:
    """The suspect identifiers as the change history stores them (see services.snapshot), accounts
    masked."""
    account = f"{IdentifierKind.ACCOUNT.label}:"
    return SNAPSHOT_SEPARATOR.join(
        account + masking.mask_account(item[len(account) :]) if item.startswith(account) else item
        for item in value.split(SNAPSHOT_SEPARATOR)
    )


# what a case's change records mask (audit/personal.py)
PERSONAL_DATA = {**MASKS, "identifiers": mask_identifiers_text}
