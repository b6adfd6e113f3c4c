"""The request (or command) being served: its id groups the changes of one import or one save."""

import contextvars
import uuid

_request_id = contextvars.ContextVar("fanzha_request_id", default="")


def current_request_id() -> str:
    value = _request_id.get()
    if not value:
        value = str(uuid.uuid4())
        _request_id.set(value)
    return value


def begin(request_id: str | None = None) -> contextvars.Token:
    return _request_id.set(request_id or str(uuid.uuid4()))


def end(token: contextvars.Token) -> None:
    _request_id.reset(token)
