"""Personal data is masked by default (110***********1234, 138****5678, 6222********1234).
Unmasking is a permission, and every unmasked view or export is written to the access log."""


def mask_middle(value: str | None, keep_start: int, keep_end: int) -> str:
    if not value:
        return ""
    if len(value) <= keep_start + keep_end:
        return value[:1] + "*" * (len(value) - 1)
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + value[-keep_end:]


def mask_id_number(value: str | None) -> str:
    return mask_middle(value, 3, 4)


def mask_phone(value: str | None) -> str:
    return mask_middle(value, 3, 4)


def mask_account(value: str | None) -> str:
    return mask_middle(value, 4, 4)
