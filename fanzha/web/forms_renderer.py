"""Django's form renderer, except that a <select> is written here in Python. Through the templates
every <option> is a template render of its own (about 0.1 ms each), and a list of a county's villages
has hundreds: the case list's filters spent most of the page's time on them. The markup is Django's."""

from html import escape

from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.safestring import SafeData, mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            return render_select(context["widget"])
        return super().render(template_name, context, request)


def _option(option: dict) -> str:
    value = "" if option["value"] is None else escape(str(option["value"]))
    attrs = option["attrs"]
    extra = " selected" if attrs == {"selected": True} else ("" if not attrs else flatatt(attrs))
    label = option["label"]
    label = label if isinstance(label, SafeData) else escape(str(label))
    return f'\n  <option value="{value}"{extra}>{label}</option>'


def render_select(widget: dict) -> str:
    parts = [f'<select name="{escape(widget["name"])}"{flatatt(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{escape(str(group_name))}">')
        parts.extend(_option(option) for option in options)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return mark_safe("".join(parts))
