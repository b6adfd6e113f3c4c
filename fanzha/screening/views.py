from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render

from fanzha.audit import log as audit
from fanzha.cases.models import Case, FraudType
from fanzha.core.numbers import whole_number
from fanzha.orgs.scope import sees_everything
from fanzha.screening import rules, service
from fanzha.screening.everyday import LABEL as NOT_FRAUD
from fanzha.screening.models import Correction, ScreeningModel

MIN_SUGGEST_CHARS = 12


class PasteForm(forms.Form):
    text = forms.CharField(
        label="短信、聊天记录或案情",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control"}),
    )


def _label_choices() -> list[str]:
    return [*FraudType.objects.filter(is_active=True).values_list("name", flat=True), NOT_FRAUD]


def _explained(verdict: dict) -> dict:
    return verdict | {"reasons": rules.reasons(verdict["rules"])}


@login_required
@permission_required("screening.use_screening", raise_exception=True)
def paste(request):
    """A grid worker or the office pastes a message and sees the verdict with its reasons; a wrong
    verdict can be corrected, and the correction feeds the next training."""
    form = PasteForm(request.POST or None)
    verdict = None
    if request.method == "POST" and request.POST.get("action") == "correct":
        chosen = request.POST.get("chosen", "")
        if chosen in _label_choices():
            service.record_choice(
                request.user,
                request.POST.get("text", ""),
                request.POST.get("suggested", "")[:50],  # the column's width: a forged form is not a 500
                chosen,
                version=request.POST.get("version", "")[:20],
            )
            messages.success(request, f"已记录更正：{chosen}。下次训练模型时会用到")
        return redirect("screening:paste")
    if request.method == "POST" and form.is_valid():
        verdict = _explained(service.classify([form.cleaned_data["text"]])[0])
    context = {"form": form, "verdict": verdict, "labels": _label_choices(), "not_fraud": NOT_FRAUD}
    return render(request, "screening/paste.html", context)


@login_required
@permission_required("screening.use_screening", raise_exception=True)
def suggest(request):
    """The case form asks, as the narrative is typed: the suggested fraud type (htmx partial)."""
    text = (request.POST.get("narrative") or "").strip()
    verdict = None
    if len(text) >= MIN_SUGGEST_CHARS:
        verdict = _explained(service.classify([text])[0])
        verdict["type_id"] = (
            FraudType.objects.filter(name=verdict["label"]).values_list("id", flat=True).first()
        )
    return render(request, "screening/suggestion.html", {"verdict": verdict})


def visible_corrections(user):
    """Corrections are case facts: those about a case the user may see, or (made on the paste page,
    without a case) made by someone in the user's subtree; none without `screening.view_correction`."""
    if not user.has_perm("screening.view_correction"):
        return Correction.objects.none()
    rows = Correction.objects.select_related("user", "case")
    if sees_everything(user):
        return rows
    if user.org is None:
        return rows.none()
    return rows.filter(
        Q(case__in=Case.objects.visible_to(user))
        | Q(case__isnull=True, user__org__path__startswith=user.org.path)
    )


@login_required
@permission_required("screening.use_screening", raise_exception=True)
def versions(request):
    if request.method == "POST":
        if not request.user.has_perm("screening.train_screening"):
            return redirect("screening:versions")
        version = request.POST.get("version", "")
        record = get_object_or_404(ScreeningModel, pk=whole_number(version))
        service.activate_version(record, request.user)
        messages.success(request, f"已启用模型版本 {record.version}")
        return redirect("screening:versions")
    corrections = list(visible_corrections(request.user)[:50])
    # the corrected texts are narratives (names, bank cards): shown only in clear, on request, logged
    can_reveal = request.user.has_perm("cases.view_pii")
    reveal = can_reveal and request.GET.get("clear") == "1"
    if reveal and corrections:
        audit.record_access(
            request,
            "view",
            Correction._meta.label_lower,
            "",
            "研判文本明文",
            f"最近的更正 {len(corrections)} 条",
        )
    context = {
        "records": ScreeningModel.objects.all()[:50],
        "may_see_corrections": request.user.has_perm("screening.view_correction"),
        "corrections": corrections,
        "can_reveal": can_reveal,
        "reveal": reveal,
        "in_use": service.current()[1],
    }
    return render(request, "screening/versions.html", context)
