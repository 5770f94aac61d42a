"""Whoever must have a second factor and has none is sent to set one up: superusers always,
and the coordinators of a group whose setting asks for it (``Group.
coordinators_need_second_factor``). Until then only the second-factor pages, signing out and
static files answer them."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from amity.accounts.selectors import needs_second_factor_setup

SESSION_FLAG = "amity_second_factor_ok"


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.session.get(SESSION_FLAG)
            and not _exempt(request.path)
        ):
            if needs_second_factor_setup(user):
                messages.warning(
                    request,
                    _("Your role asks for a second factor. Set one up to continue."),
                )
                return redirect("mfa_index")
            request.session[SESSION_FLAG] = True
        return self.get_response(request)


EXEMPT_PREFIXES = ("accounts/2fa/", "accounts/logout/", "accounts/reauthenticate/")


def _exempt(path: str) -> bool:
    if path.startswith(("/static/", "/api/", "/i18n/", "/healthz")):
        return True
    # /<lang>/accounts/2fa/… : what follows the language prefix.
    tail = path.split("/", 2)[2] if path.count("/") >= 2 else ""
    return tail.startswith(EXEMPT_PREFIXES)
