from django import forms
from django.contrib.auth.forms import AuthenticationForm

from fanzha.accounts import throttle


def client_address(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class ThrottledLoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "用户名或密码不正确。",
        "locked": "登录失败次数过多，请 %(minutes)s 分钟后再试，或联系县反诈中心管理员。",
    }

    def clean(self):
        from django.conf import settings

        username = self.cleaned_data.get("username") or ""
        address = client_address(self.request) if self.request else None
        if throttle.is_locked(username, address):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW_SECONDS // 60},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.record_failure(username, address)
            raise
        throttle.clear(username)
        return cleaned
