"""Every page of the URL conf (the admin and the API's format suffixes aside) and the model its URL
kwargs name, found from the view: a ledger's model, a viewset's queryset, or the one model the view's
source reads. A new page is covered without editing a list; `OVERRIDES` holds the views whose model
hides behind a helper."""

import inspect
import re
from dataclasses import dataclass

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

SKIPPED_PREFIXES = ("admin/",)
# views whose model the source does not name
OVERRIDES: dict[str, str] = {"clues:case_panel": "cases.case"}  # a case's clues, read by the case's pk
OBJECT_KWARGS = {"pk", "code", "token"}


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name
    pattern: str
    kwargs: tuple[str, ...]
    model: str | None  # model label of the record a `pk` names
    callback: object

    @property
    def is_api(self) -> bool:
        return self.pattern.startswith("api/")

    @property
    def needs_object(self) -> bool:
        return bool(self.kwargs)

    def __str__(self):
        return self.name


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = entry.namespace if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield prefix + str(entry.pattern), name, entry


def _fanzha_models():
    return {m.__name__: m for m in apps.get_models() if m.__module__.startswith("fanzha.")}


def _model_of(name: str, callback) -> str | None:
    if name in OVERRIDES:
        return OVERRIDES[name]
    owner = getattr(callback, "__self__", None)  # a Ledger's bound view
    if owner is not None and getattr(owner, "model", None) is not None:
        return owner.model._meta.label_lower
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is not None:
        queryset = getattr(view_class, "queryset", None)
        if queryset is not None:
            return queryset.model._meta.label_lower
        return None
    return _model_in_source(inspect.unwrap(callback))


def _model_in_source(function) -> str | None:
    """The model a function view reads: what it hands get_object_or_404 (a model, or a module helper
    such as `_visible(request)` whose source names one), else the one model whose manager it uses."""
    source = inspect.getsource(function)
    known = _fanzha_models()

    def managers(text):
        return {n for n in re.findall(r"\b([A-Z]\w*)\.objects\b", text) if n in known}

    def helper_source(name):
        found = function.__globals__.get(name)
        return inspect.getsource(found) if inspect.isfunction(found) else ""

    fetched = set()
    for model, helper in re.findall(r"get_object_or_404\(\s*(?:([A-Z]\w*)|(_\w+)\()", source):
        fetched |= {model} & set(known) if model else managers(helper_source(helper))
    if not fetched:  # the record is fetched inside a helper (`_batch_for(request, pk)`)
        for helper in sorted(set(re.findall(r"\b(_\w+)\(", source))):
            inner = helper_source(helper)
            fetched |= {n for n in re.findall(r"get_object_or_404\(\s*([A-Z]\w*)", inner) if n in known}
    used = fetched or managers(source)
    return known[used.pop()]._meta.label_lower if len(used) == 1 else None


def routes() -> list[Route]:
    made = []
    for pattern, name, entry in _walk(get_resolver().url_patterns):
        if pattern.startswith(SKIPPED_PREFIXES):
            continue
        kwargs = tuple(sorted(entry.pattern.regex.groupindex))
        if "format" in kwargs:  # the API's .json suffix routes: the same views again
            continue
        model = _model_of(name, entry.callback) if "pk" in kwargs else None
        made.append(Route(name, pattern, kwargs, model, entry.callback))
    return made


def unresolved(all_routes: list[Route]) -> list[Route]:
    """Routes with a kwarg the suite cannot fill: a new kind of kwarg, or a pk of an unknown model."""
    return [r for r in all_routes if set(r.kwargs) - OBJECT_KWARGS or ("pk" in r.kwargs and r.model is None)]
