"""Reading what a response shows (HTML, JSON, an xlsx export or a file) and what the database holds,
for the hostile suite's assertions."""

import io
import zipfile

from fanzha.audit.models import AccessLog, ObjectChange

MISSING_PK = 987654321
MISSING_CODE = "369999999999"
MISSING_TOKEN = "0" * 32


def shown_text(response) -> str:
    """Everything a response shows: the body, an export's cells (an xlsx is a zip of XML)."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if raw[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(raw)) as book:
            raw = b"".join(book.read(name) for name in book.namelist() if name.endswith(".xml"))
    text = raw.decode("utf-8", errors="replace")
    # a value written with spaces or hyphens between digit groups is still the value
    return text + "\n" + text.replace(" ", "").replace("-", "").replace("&nbsp;", "")


def foreign_markers(text: str, world) -> list[str]:
    """The markers of `world`'s records that appear in `text` (mk-c1-case, …)."""
    found, start = [], 0
    while (at := text.find(world.marker_prefix, start)) >= 0:
        end = at + len(world.marker_prefix)
        while end < len(text) and (text[end].isalnum() or text[end] == "-"):
            end += 1
        found.append(text[at:end])
        start = end
    return sorted(set(found))


def clear_values(text: str, secrets: set[str]) -> list[str]:
    return sorted(s for s in secrets if s in text)


UNIT_ROLES = ("place", "town", "station")  # the units of a world an org `code` can name


def kwargs_for(route, world, unit: str = "place") -> dict:
    """URL kwargs naming `world`'s record, or its `unit` for a `code` (world None: a record that does
    not exist)."""
    made = {}
    for name in route.kwargs:
        if name == "pk":
            record = world.record(route.model) if world else None
            made[name] = record.pk if record is not None else MISSING_PK
        elif name == "code":
            made[name] = getattr(world, unit).code if world else MISSING_CODE
        elif name == "token":
            made[name] = world.job_token if world else MISSING_TOKEN
    return made


def state(world, route) -> dict:
    """The record the route names (every field) and the audit trail's length (every service writes
    to it): what a refused request must leave as it was."""
    record = world.record(route.model) if route.model else world.place if "code" in route.kwargs else None
    values = list(type(record).objects.filter(pk=record.pk).values()) if record is not None else None
    return {"record": values, "changes": ObjectChange.objects.count()}


def access_rows() -> int:
    return AccessLog.objects.count()
