"""Bootstrap's classes on a form's widgets, so that `{{ form.as_div }}` draws like the hand-written forms."""

from django import forms


def style(form: forms.BaseForm, small: bool = True) -> None:
    size = " form-control-sm" if small else ""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "form-check-input")
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select" + (" form-select-sm" if small else ""))
        else:
            widget.attrs.setdefault("class", "form-control" + size)
