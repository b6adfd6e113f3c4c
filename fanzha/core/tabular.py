"""Writing a list of records for a terminal or a script: `--format json|csv|table`.
JSON is the records as given; CSV and the table use the Chinese column labels, and a CSV cell never
runs as a formula in Excel (core/formulas.py). A command that reports one outcome (how many it pruned,
where it wrote) answers `--format text|json` through `summary()`; every command adds its option with
`add_format()`, so the grammar is the same everywhere."""

import csv
import io
import json
import unicodedata

from fanzha.core.formulas import neutralise

FORMATS = ("json", "csv", "table")
SUMMARY_FORMATS = ("text", "json")  # a command that reports one outcome rather than a list


def add_format(parser, choices=FORMATS) -> None:
    """The one `--format` option: a list as json|csv|table (default table), one outcome as text|json
    (default text)."""
    parser.add_argument("--format", default="table" if "table" in choices else "text", choices=choices)


def summary(record: dict, text: str, fmt: str) -> str:
    """One outcome: the sentence for a person, or the record as JSON for a script."""
    return json.dumps(record, ensure_ascii=False, indent=1) if fmt == "json" else text


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cell(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def render(records: list[dict], columns: list[tuple[str, str]], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([neutralise(label) for _, label in columns])
        for record in records:
            writer.writerow(
                ["" if record.get(k) is None else neutralise(_cell(record.get(k))) for k, _ in columns]
            )
        return out.getvalue().rstrip("\n")
    grid = [[label for _, label in columns]] + [[_cell(r.get(k)) for k, _ in columns] for r in records]
    widths = [max(_width(row[i]) for row in grid) for i in range(len(columns))]
    lines = []
    for number, row in enumerate(grid):
        lines.append(
            "  ".join(text + " " * (w - _width(text)) for text, w in zip(row, widths, strict=True)).rstrip()
        )
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
