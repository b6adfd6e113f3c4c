"""PostgreSQL array parameters passed as one text literal ('{1,2,3}') instead of a Python list.

psycopg adapts a list element by element in Python: ≈ 1.3 s for the 100,000-value arrays of one import
chunk here, more than the query that uses them. The server parses the same values from a literal in
milliseconds. The SQL casts the parameter to the array's type: `= ANY(%s::bigint[])`, `unnest(%s::text[])`."""

from collections.abc import Iterable


def array_literal(values: Iterable) -> str:
    """The array literal of `values`: ints and dates bare, text double-quoted with `\\` and `"` escaped,
    None as NULL."""
    values = list(values)
    if all(type(v) is int for v in values):
        return "{" + ",".join(map(str, values)) + "}"
    if values and all(type(v) is str for v in values):
        plain = "".join(values)  # text with nothing to escape, the usual case: quoted in one join
        if "\\" not in plain and '"' not in plain:
            return '{"' + '","'.join(values) + '"}'
    return "{" + ",".join(map(_element, values)) + "}"


def _element(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, int):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
