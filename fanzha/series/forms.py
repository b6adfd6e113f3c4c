from django import forms

from fanzha.series import keys
from fanzha.series.models import KeyKind, WhitelistEntry

LEDGER_KIND = {
    KeyKind.PHONE: "phone",
    KeyKind.BANK: "account",
    KeyKind.PAYMENT: "account",
    KeyKind.URL: "url",
    KeyKind.SOCIAL: "social",
}


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=500, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 2:
            raise forms.ValidationError("请写明理由（至少2个字）")
        return reason


class CutForm(ReasonForm):
    low = forms.IntegerField(widget=forms.HiddenInput)
    high = forms.IntegerField(widget=forms.HiddenInput)


class DetachForm(ReasonForm):
    case = forms.IntegerField(widget=forms.HiddenInput)


class RestoreForm(ReasonForm):
    cut = forms.IntegerField(widget=forms.HiddenInput)


class WhitelistForm(forms.Form):
    # 资金链 accounts are listed as 银行卡/账户 or 支付账户 (an entry stops both)
    kind = forms.ChoiceField(label="类型", choices=[c for c in KeyKind.choices if c[0] != KeyKind.FUNDS])
    value = forms.CharField(label="号码/账号/网址", max_length=300)
    note = forms.CharField(label="说明", max_length=200, help_text="如：某银行客服热线、某大型商户收款账户")

    def clean(self):
        data = super().clean()
        kind, value = data.get("kind"), data.get("value")
        if not kind or not value:
            return data
        found = {k: v for k, v in keys.keys_of([(LEDGER_KIND[kind], value)])}
        if kind not in found:
            label = dict(KeyKind.choices)[kind]
            raise forms.ValidationError({"value": f"「{value}」不是有效的{label}"})
        data["value"] = found[kind]
        if WhitelistEntry.objects.filter(kind=kind, value=data["value"]).exists():
            raise forms.ValidationError({"value": f"「{data['value']}」已在不串并标识中"})
        return data
