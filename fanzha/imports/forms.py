from pathlib import Path

from django import forms
from django.conf import settings

from fanzha.core.text import normalize
from fanzha.imports import registry
from fanzha.imports.headers import normalize_header
from fanzha.imports.models import ChoiceSynonym, HeaderAlias, ImportKind
from fanzha.imports.synonyms import choice_columns, target_key

ALLOWED_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".txt")


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="导入内容",
        choices=ImportKind.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
        # the view narrows the choices to the kinds the user may import
        error_messages={"invalid_choice": "「导入内容」：您没有导入这类数据的权限，请从列表中选择"},
    )
    file = forms.FileField(
        label="文件（.xlsx 或 .csv）",
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".xlsx,.csv"}),
    )
    partial = forms.BooleanField(
        label="只导入正确的行（其余行列出错误）",
        required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ALLOWED_SUFFIXES:
            raise forms.ValidationError("只支持 .xlsx 和 .csv 文件（旧版 .xls 请在 Excel 中另存为 .xlsx）")
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"文件太大（上限 {settings.IMPORT_MAX_UPLOAD_BYTES // 1024 // 1024} MB）"
            )
        return upload


class HeaderAliasForm(forms.ModelForm):
    class Meta:
        model = HeaderAlias
        fields = ["kind", "alias", "canonical"]
        widgets = {
            "kind": forms.Select(attrs={"class": "form-select form-select-sm"}),
            "alias": forms.TextInput(
                attrs={"class": "form-control form-control-sm", "placeholder": "如：被骗金额"}
            ),
            "canonical": forms.Select(attrs={"class": "form-select form-select-sm"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = registered_kinds()
        self.fields["kind"].choices = kinds
        # every registered kind's standard columns, grouped by kind (a name shared by kinds is one value)
        self.fields["canonical"].widget.choices = [
            (label, [(h, h) for h in _headers(kind)]) for kind, label in kinds
        ]

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind and data.get("canonical") and data["canonical"] not in _headers(kind):
            self.add_error("canonical", f"「{data['canonical']}」不是{ImportKind(kind).label}的标准列名")
        alias = data.get("alias")
        if kind and alias and normalize_header(alias) in {normalize_header(h) for h in _headers(kind)}:
            self.add_error("alias", f"「{alias}」已是{ImportKind(kind).label}的标准列名，无需添加别名")
        return data


def registered_kinds() -> list[tuple[str, str]]:
    """The import kinds the apps registered, as (kind, 中文名), in ImportKind's order."""
    return [(kind, label) for kind, label in ImportKind.choices if kind in registry.CLASSES]


def _headers(kind: str) -> dict:
    """The standard column names of an import kind (its importer's `headers`)."""
    return registry.importer_class(kind).headers


class ChoiceSynonymForm(forms.Form):
    """A word a ledger writes → one choice of one column of one import kind (one select names all three)."""

    target = forms.ChoiceField(
        label="对应选项",
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        error_messages={"invalid_choice": "「对应选项」：请从列表中选择"},
    )
    word = forms.CharField(
        label="台账写法",
        max_length=50,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm", "placeholder": "如：在侦"}),
        error_messages={"required": "「台账写法」不能为空", "max_length": "「台账写法」最多50个字"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.columns = {(c.kind, c.column): c for c in choice_columns()}
        self.fields["target"].choices = [
            (
                f"{c.kind_label} · {c.column}",
                [(target_key(c.kind, c.column, value), f"{c.column}：{label}") for value, label in c.options],
            )
            for c in self.columns.values()
        ]

    def clean(self):
        data = super().clean()
        if not data.get("target") or not data.get("word"):
            return data
        kind, column, value = data["target"].split("|", 2)
        word = data["word"].strip()
        chosen = self.columns[(kind, column)]
        if normalize(word).lower() in {
            normalize(text).lower() for option in chosen.options for text in option
        }:
            raise forms.ValidationError(f"「{word}」已是「{column}」的选项，无需添加")
        clash = ChoiceSynonym.objects.filter(kind=kind, column=column, word=word).first()
        if clash:
            raise forms.ValidationError(
                f"「{column}」已有写法「{word}」（对应「{chosen.label_of(clash.value)}」），请先删除再添加"
            )
        data.update(kind=kind, column=column, value=value, word=word)
        return data
