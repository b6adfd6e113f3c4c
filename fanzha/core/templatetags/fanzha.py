from django import template

from fanzha.core import masking
from fanzha.core.money import MoneyError, format_yuan, parse_money
from fanzha.core.periods import beijing_text
from fanzha.core.plans import cited

register = template.Library()


@register.filter
def yuan(fen):
    """Integer fen → '12,345.50'."""
    return format_yuan(fen)


@register.filter
def money(yuan_text):
    """An amount already in yuan ('1234567.8', as the rankings' JSON carries it) → '1,234,567.80':
    the one way money is shown on a page, whichever form it arrives in."""
    try:
        fen = parse_money(yuan_text)
    except MoneyError:
        return yuan_text
    return "" if fen is None else format_yuan(fen)


@register.filter
def mask_id(value):
    return masking.mask_id_number(value)


@register.filter
def mask_phone(value):
    return masking.mask_phone(value)


@register.filter
def mask_account(value):
    return masking.mask_account(value)


@register.filter
def beijing(value, fmt="%Y-%m-%d %H:%M"):
    return beijing_text(value, fmt)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (pagination links keep filters)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key` — a dict lookup with a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def plan_titles(text):
    """A plan's file number (「002 方案1」) written as its title (see core/plans.py)."""
    return cited(text)
