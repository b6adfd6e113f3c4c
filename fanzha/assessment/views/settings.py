from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from fanzha.parameters import config
from fanzha.parameters.models import RuleSetting


@login_required
@permission_required("parameters.view_rulesetting", raise_exception=True)
def settings_page(request):
    values = config.current()
    options = [
        {
            "option": option,
            "value": values[key],
            "history": RuleSetting.objects.filter(key=key).select_related("changed_by")[:5],
        }
        for key, option in config.OPTIONS.items()
    ]
    return render(request, "assessment/settings.html", {"options": options})


@login_required
@permission_required("parameters.add_rulesetting", raise_exception=True)
@require_POST
def settings_change(request):
    key = request.POST.get("key", "")
    option = config.OPTIONS.get(key)
    value = (
        request.POST.getlist("value")
        if option and isinstance(option.default, list)
        else request.POST.get("value")
    )
    try:
        config.change(key, value, request.user, request.POST.get("note", ""))
        messages.success(request, f"已修改「{option.label}」，新版本已生效")
    except config.ConfigError as error:
        messages.error(request, str(error))
    return redirect("assessment:settings")
