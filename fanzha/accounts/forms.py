from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm

from fanzha.accounts import throttle
from fanzha.accounts.backends import client_address

LOCKED = "登录失败次数过多，请 %(minutes)s 分钟后再试，或联系县反诈中心管理员。"


class LockMessageMixin:
    """Says "locked" instead of "wrong password" when the throttle (in the backend) refused the
    attempt; the backend, not the form, refuses."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            username = self.cleaned_data.get("username") or ""
            if throttle.was_refused(username, client_address(self.request)):
                raise forms.ValidationError(
                    LOCKED, code="locked", params={"minutes": settings.LOGIN_FAILURE_WINDOW_SECONDS // 60}
                ) from None
            raise


class ThrottledLoginForm(LockMessageMixin, AuthenticationForm):
    error_messages = {**AuthenticationForm.error_messages, "invalid_login": "用户名或密码不正确。"}


class ThrottledAdminLoginForm(LockMessageMixin, AdminAuthenticationForm):
    pass
