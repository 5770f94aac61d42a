from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from amity.accounts.throttle import login_failure_record, login_failures_clear, login_locked
from amity.core.audit import client_ip


class ThrottledAuthenticationForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _(
            "Too many failed sign-in attempts. Wait %(minutes)s minutes before trying again."
        ),
    }

    def clean(self) -> dict[str, object]:
        from django.conf import settings

        username = self.cleaned_data.get("username") or ""
        ip = client_ip(self.request) if self.request else None
        if login_locked(username=username, ip=ip):
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"minutes": settings.AMITY_LOGIN_WINDOW_SECONDS // 60},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            login_failure_record(username=username, ip=ip)
            raise
        login_failures_clear(username=username)
        return cleaned
