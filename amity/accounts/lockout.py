"""Fair lockout with django-axes: failures count for one username AND one client address
together, so that someone elsewhere cannot lock a user out; the client's address is the one
``amity.core.audit.client_ip`` trusts. Usernames are compared as everywhere (strip, casefold).

Once a pair has ``AMITY_LOGIN_MAX_FAILURES`` failures it waits ``AMITY_LOGIN_WINDOW_SECONDS``;
every further try during the wait doubles it (at most a day)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from amity.accounts.models import normalize_username
from amity.core.audit import client_ip

MAX_WAIT = datetime.timedelta(days=1)


def client_address(request: HttpRequest) -> str | None:
    return client_ip(request)


def username_of(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    credentials = credentials or {}
    raw = (
        credentials.get("username")
        or credentials.get("email")
        or credentials.get("login")
        or request.POST.get("login")
        or request.POST.get("username")
        or ""
    )
    name = normalize_username(str(raw))
    request.amity_login_username = name  # type: ignore[attr-defined]
    return name


def failures(request: HttpRequest) -> int:
    from axes.models import AccessAttempt

    username = getattr(request, "amity_login_username", None)
    address = getattr(request, "axes_ip_address", None) or client_ip(request)
    if username is None:
        return 0
    found = (
        AccessAttempt.objects.filter(username=username, ip_address=address)
        .values_list("failures_since_start", flat=True)
        .first()
    )
    return found or 0


def failure_limit(request: HttpRequest | None = None, credentials: Any = None) -> int:
    return int(settings.AMITY_LOGIN_MAX_FAILURES)


def cooloff(request: HttpRequest | None = None) -> datetime.timedelta:
    base = datetime.timedelta(seconds=settings.AMITY_LOGIN_WINDOW_SECONDS)
    if request is None:
        return base
    extra = max(0, failures(request) - settings.AMITY_LOGIN_MAX_FAILURES)
    return min(base * (2 ** min(extra, 20)), MAX_WAIT)


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None, *args: Any, **kwargs: Any
) -> HttpResponse:
    minutes = max(1, int(cooloff(request).total_seconds() // 60))
    message = _(
        "Too many failed sign-in attempts. Wait %(minutes)s minutes before trying again."
    ) % {"minutes": minutes}
    return render(request, "accounts/locked.html", {"message": message}, status=429)
