"""Which facts of a case are personal data, and how each is masked when shown without the
`cases.view_pii` permission (lists, exports, the API, the change history)."""

from fanzha.cases.choices import IdentifierKind
from fanzha.core import masking

# case field → mask
MASKS = {"victim_id_number": masking.mask_id_number, "victim_phone": masking.mask_phone}
PII_FIELDS = tuple(MASKS)
SNAPSHOT_SEPARATOR = "；"


def mask_identifier(kind: str, value: str) -> str:
    """Suspect bank and payment accounts are masked; phones, URLs and social accounts are not."""
    return masking.mask_account(value) if kind == IdentifierKind.ACCOUNT else value


def mask_field(name: str, value):
    """A value as the change history shows it (see services.snapshot for the identifiers text)."""
    if value in (None, ""):
        return value
    if name in MASKS:
        return MASKS[name](value)
    if name == "identifiers":
        account = f"{IdentifierKind.ACCOUNT.label}:"
        return SNAPSHOT_SEPARATOR.join(
            account + masking.mask_account(item[len(account) :]) if item.startswith(account) else item
            for item in str(value).split(SNAPSHOT_SEPARATOR)
        )
    return value
