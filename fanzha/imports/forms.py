from pathlib import Path

from django import forms
from django.conf import settings

from fanzha.imports import registry
from fanzha.imports.models import HeaderAlias, ImportKind

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
        case_headers, org_headers = _headers(ImportKind.CASES), _headers(ImportKind.ORGS)
        names = sorted(set(case_headers) | set(org_headers), key=lambda h: (h not in case_headers, h))
        self.fields["canonical"].widget.choices = [(h, h) for h in names]

    def clean(self):
        data = super().clean()
        headers = _headers(data.get("kind") or ImportKind.ORGS)
        if data.get("canonical") and data["canonical"] not in headers:
            self.add_error(
                "canonical", f"「{data['canonical']}」不是{ImportKind(data['kind']).label}的标准列名"
            )
        return data


def _headers(kind: str) -> dict:
    """The standard column names of an import kind (its importer's `headers`)."""
    return registry.importer_class(kind).headers
