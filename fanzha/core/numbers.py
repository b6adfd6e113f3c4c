"""Whole numbers typed into a query string or a form: ids, years, amounts in fen.

`str.isdigit()` is not the test: it is true of '²' and other digits `int()` refuses, which would
turn a stray character in a URL into a server error. Only ASCII digits count here."""


def whole_number(text: str | None, digits: int = 12) -> int | None:
    """The non-negative integer `text` spells, or None when it is empty, too long or not ASCII digits.

    >>> whole_number("2024"), whole_number("²"), whole_number("-1"), whole_number("1" * 13)
    (2024, None, None, None)
    """
    if not text or len(text) > digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)
