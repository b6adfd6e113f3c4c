"""The <select> written in Python is Django's markup, option for option."""

import re

from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from fanzha.web.forms_renderer import FormRenderer

CHOICES = [
    ("", "全部"),
    ("1", "东风村"),
    ("2", "<b>\"新村\"</b> & '旧村'"),
    ("3", mark_safe("<i>已转义</i>")),
    ("镇", [("4", "青山镇/新村"), ("5", "河东街道/新村")]),
]


def _normalised(html: str) -> str:
    return re.sub(r"\s*\n\s*", "\n", str(html)).strip()


def test_select_markup_is_djangos():
    for widget, value in (
        (forms.Select(choices=CHOICES, attrs={"class": "form-select", "id": "id_place"}), "2"),
        (forms.SelectMultiple(choices=CHOICES, attrs={"disabled": True}), ["1", "5"]),
        (forms.Select(choices=CHOICES), None),
    ):
        ours = widget.render("place", value, renderer=FormRenderer())
        djangos = widget.render("place", value, renderer=DjangoTemplates())
        assert _normalised(ours) == _normalised(djangos)
    assert "&lt;b&gt;&quot;新村&quot;&lt;/b&gt; &amp; &#x27;旧村&#x27;" in ours and "<i>已转义</i>" in ours
