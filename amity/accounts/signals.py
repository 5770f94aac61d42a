"""Sign-ins, failures, sign-outs and second-factor changes go to the audit log (through the
services); the signals come from Django's auth and from allauth's mfa."""

from __future__ import annotations

from typing import Any

from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.http import HttpRequest

from amity.accounts import services
from amity.core.audit import client_ip


def _signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None:
        return
    from amity.accounts.middleware import SESSION_FLAG
    from amity.accounts.selectors import needs_second_factor_setup

    session = getattr(request, "session", None)
    if session is not None:
        # Decided once at sign-in, so that pages cost no query for it afterwards
        # (SecondFactorRequiredMiddleware asks again only for sessions without the answer).
        if not needs_second_factor_setup(user):
            session[SESSION_FLAG] = True
        if session.session_key is None:
            session.save()
    services.signin_record(
        user=user,
        session_key=session.session_key if session is not None else None,
        ip_address=client_ip(request),
        user_agent=request.headers.get("User-Agent", ""),
    )


def _failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = credentials.get("username") or credentials.get("email") or ""
    services.signin_failure_record(username=str(username))


def _signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    session = getattr(request, "session", None)
    services.signout_record(user=user, session_key=session.session_key if session else None)


def _factor(change: str) -> Any:
    def receive(
        sender: Any,
        request: Any = None,
        user: Any = None,
        authenticator: Any = None,
        type: Any = None,
        **kwargs: Any,
    ) -> None:
        if user is None and authenticator is not None:
            user = authenticator.user
        kind = type or (authenticator.type if authenticator is not None else "")
        if user is not None:
            services.second_factor_change_record(user=user, change=change, kind=str(kind))
        if change == "removed" and request is not None and hasattr(request, "session"):
            from amity.accounts.middleware import SESSION_FLAG

            request.session.pop(SESSION_FLAG, None)

    return receive


_receivers: list[Any] = []


def connect() -> None:
    auth_signals.user_logged_in.connect(_signed_in, dispatch_uid="amity-signed-in")
    auth_signals.user_login_failed.connect(_failed, dispatch_uid="amity-login-failed")
    auth_signals.user_logged_out.connect(_signed_out, dispatch_uid="amity-signed-out")
    for change, signal in (
        ("added", mfa_signals.authenticator_added),
        ("removed", mfa_signals.authenticator_removed),
        ("reset", mfa_signals.authenticator_reset),
    ):
        receiver = _factor(change)
        _receivers.append(receiver)  # signals keep weak references
        signal.connect(receiver, dispatch_uid=f"amity-mfa-{change}")
