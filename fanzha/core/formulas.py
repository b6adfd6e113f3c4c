"""Formula injection (公式注入) in exported spreadsheets: a text cell that begins with = + - @, a tab
or a carriage return is run by Excel or WPS as a formula (=HYPERLINK(…) sends a click to a stranger's
site). Every CSV and Excel writer passes each cell through `neutralise`, which puts a single quote in
front of such text (the OWASP rule). Numbers stay numbers, and so does text that is just a signed
number (-12.50, +8613800000000, -3.5%): Excel reads it as that number, never as a formula."""

import re

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?([eE][+-]?\d+)?%?")


def neutralise(value):
    """The cell as it may be written: text that a spreadsheet would run is prefixed with '."""
    if isinstance(value, str) and value.startswith(TRIGGERS) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
