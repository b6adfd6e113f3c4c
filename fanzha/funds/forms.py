from datetime import datetime

from django import forms

from fanzha.core.money import MoneyError, parse_money
from fanzha.core.periods import BEIJING
from fanzha.funds.models import StatementKind
from fanzha.funds.statements import parse_account

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class StatementUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="文件类型", choices=StatementKind.choices, initial=StatementKind.TRANSACTIONS
    )
    file = forms.FileField(label="文件（xlsx、xls、csv、tsv，银行或支付机构导出的原样）")
    account = forms.CharField(
        label="本方账号（文件中没有账号列时填写）", required=False, max_length=64, strip=True
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("文件过大（超过200MB）")
        return upload

    def clean_account(self):
        value = self.cleaned_data["account"]
        if not value:
            return ""
        try:
            return parse_account(value)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class VictimTransferForm(forms.Form):
    account = forms.CharField(label="收款账号（一级账户）", max_length=64)
    bank = forms.CharField(label="收款银行", max_length=100, required=False)
    at = forms.DateTimeField(
        label="转账时间",
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    amount = forms.CharField(label="金额（元）", max_length=20)
    note = forms.CharField(label="备注", max_length=200, required=False)

    def clean_account(self):
        try:
            return parse_account(self.cleaned_data["account"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean_at(self):
        value: datetime = self.cleaned_data["at"]
        return value.replace(tzinfo=BEIJING) if value.tzinfo is None else value

    def clean_amount(self):
        try:
            fen = parse_money(self.cleaned_data["amount"])
        except MoneyError as exc:
            raise forms.ValidationError(str(exc)) from exc
        if not fen:
            raise forms.ValidationError("金额应大于零")
        return fen
