from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render

from fanzha.assessment.forms import TargetForm
from fanzha.assessment.models import Target
from fanzha.assessment.targets import add_target, target_progress


@login_required
@permission_required("assessment.view_target", raise_exception=True)
def target_list(request):
    form = None
    if request.user.has_perm("assessment.add_target"):
        form = TargetForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            target = add_target(request.user, form)
            messages.success(request, f"已添加目标「{target.name}」")
            return redirect("assessment:targets")
    targets = (
        Target.objects.visible_to(request.user)
        .select_related("scope", "campaign")
        .prefetch_related("fraud_types")
    )
    rows = [(t, target_progress(t)) for t in targets]
    return render(request, "assessment/targets.html", {"rows": rows, "form": form})
