"""The desk's forms. Amounts are typed in 元 as ledgers write them (12,345.6 / 1.2万) and kept in fen."""

from django import forms

from fanzha.core.money import MoneyError, parse_money
from fanzha.orgs.choices import OrgKind
from fanzha.orgs.models import OrgUnit
from fanzha.strike.models import BANK_SECTORS, AccountKind, Channel, FailureReason, Kind, State

_select = {"class": "form-select"}
_text = {"class": "form-control"}


def banks():
    return OrgUnit.objects.filter(kind=OrgKind.MEMBER_UNIT, sector__in=BANK_SECTORS, is_active=True).order_by(
        "name"
    )


class MoneyField(forms.CharField):
    """An amount in 元 → fen; empty → None (required fields refuse it)."""

    def to_python(self, value):
        text = super().to_python(value)
        try:
            fen = parse_money(text)
        except MoneyError as exc:
            raise forms.ValidationError(str(exc)) from None
        return fen


class RequestForm(forms.Form):
    case_number = forms.CharField(label="案件编号", max_length=50, widget=forms.TextInput(attrs=_text))
    kind = forms.ChoiceField(
        label="类别",
        choices=[(Kind.STOP, Kind.STOP.label), (Kind.FREEZE, Kind.FREEZE.label)],
        widget=forms.Select(attrs=_select),
    )
    channel = forms.ChoiceField(label="方式", choices=Channel.choices, widget=forms.Select(attrs=_select))
    bank = forms.ModelChoiceField(
        label="开户行/支付机构", queryset=OrgUnit.objects.none(), widget=forms.Select(attrs=_select)
    )
    account_kind = forms.ChoiceField(
        label="账户类型", choices=AccountKind.choices, widget=forms.Select(attrs=_select)
    )
    number = forms.CharField(
        label="账号", max_length=80, widget=forms.TextInput(attrs={"inputmode": "numeric", **_text})
    )
    holder_name = forms.CharField(
        label="户名", required=False, max_length=100, widget=forms.TextInput(attrs=_text)
    )
    holder_id_number = forms.CharField(
        label="开户人证件号", required=False, max_length=18, widget=forms.TextInput(attrs=_text)
    )
    amount = MoneyField(
        label="申请金额（元）", widget=forms.TextInput(attrs={"inputmode": "decimal", **_text})
    )
    note = forms.CharField(
        label="备注", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2, **_text})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bank"].queryset = banks()


class ConfirmForm(forms.Form):
    amount = MoneyField(
        label="实际止付/冻结/返还金额（元）", widget=forms.TextInput(attrs={"inputmode": "decimal", **_text})
    )


class FailForm(forms.Form):
    reason = forms.ChoiceField(
        label="未成功原因",
        choices=[("", "选择未成功原因"), *FailureReason.choices],
        widget=forms.Select(attrs={"aria-label": "未成功原因", **_select}),
    )
    note = forms.CharField(label="说明", required=False, max_length=500, widget=forms.TextInput(attrs=_text))


class FollowForm(forms.Form):
    channel = forms.ChoiceField(label="方式", choices=Channel.choices, widget=forms.Select(attrs=_select))
    note = forms.CharField(
        label="说明（解冻须写明理由）",
        required=False,
        max_length=500,
        widget=forms.TextInput(
            attrs={"placeholder": "说明（解冻须写明理由）", "aria-label": "说明", **_text}
        ),
    )


class DeskFilter(forms.Form):
    station = forms.ModelChoiceField(
        label="派出所", queryset=OrgUnit.objects.none(), required=False, widget=forms.Select(attrs=_select)
    )
    bank = forms.ModelChoiceField(
        label="银行", queryset=OrgUnit.objects.none(), required=False, widget=forms.Select(attrs=_select)
    )
    state = forms.ChoiceField(
        label="状态",
        choices=[("", "全部"), *State.choices],
        required=False,
        widget=forms.Select(attrs=_select),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = (
            OrgUnit.objects.visible_to(user).filter(kind=OrgKind.STATION).order_by("name")
        )
        self.fields["bank"].queryset = banks()
