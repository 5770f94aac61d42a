"""How django-allauth fits Amity: no open sign-up (accounts come from invitations), the
client's address from ``amity.core.audit.client_ip``, usernames compared one way, mail through
the outbox, single sign-on only for an invited address."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest
from django.shortcuts import render

from amity.accounts.models import normalize_username
from amity.core import outbox
from amity.core.audit import client_ip

# The invitation whose link was opened before going to the identity provider.
INVITATION_SESSION_KEY = "amity_invitation_key"


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # Accounts are made by accepting an invitation (amity.accounts.views.invitation).
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        # allauth's per-address limits need a key; an unknown address shares one.
        return client_ip(request) or "unknown"

    def clean_username(self, username: str, shallow: bool = False) -> str:
        return super().clean_username(normalize_username(username), shallow=shallow)

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        """Rendered now (in the request's language), sent by the outbox after commit. Not
        durable: a link to reset a password is not kept in the database; a failed send is
        recorded and the person can ask again."""
        from allauth.core import context as allauth_context

        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": _Site(request)}
        ctx.update(context)
        message = self.render_mail(template_prefix, email, ctx)
        html = ""
        for content, mimetype in getattr(message, "alternatives", []) or []:
            if mimetype == "text/html":
                html = str(content)
        outbox.after_commit(
            "accounts.email",
            {"to": email, "subject": message.subject, "body": message.body, "html": html},
            subject=email,
            durable=False,
        )


class _Site:
    """What allauth's mail templates read of ``current_site`` (we run without contrib.sites)."""

    def __init__(self, request: HttpRequest | None) -> None:
        self.domain = request.get_host() if request is not None else "localhost"
        self.name = "Amity"

    def __str__(self) -> str:
        return self.name


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: Any) -> bool:
        # pre_social_login has already refused an address without an invitation.
        return True

    def pre_social_login(self, request: HttpRequest, sociallogin: Any) -> None:
        from amity.accounts.services import sso_invitation_refusal

        if sociallogin.is_existing:
            return
        email = _sso_email(sociallogin)
        refusal = sso_invitation_refusal(
            email=email, key=request.session.get(INVITATION_SESSION_KEY)
        )
        if refusal:
            raise ImmediateHttpResponse(
                render(request, "accounts/sso_refused.html", {"reason": refusal}, status=403)
            )

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: Any = None,
        exception: BaseException | None = None,
        extra_context: Any = None,
    ) -> None:
        """A refused single sign-on (bad ID token, error from the provider) goes to the audit
        log with the reason, e.g. ``InvalidAudienceError`` or ``ExpiredSignatureError``."""
        from amity.accounts.services import sso_failure_record

        cause = exception.__cause__ if exception is not None else None
        reason = type(cause or exception).__name__ if (cause or exception) else str(error or "")
        app = getattr(provider, "app", None)
        name = getattr(app, "provider_id", "") or getattr(provider, "id", "") or str(provider)
        sso_failure_record(provider=name, reason=reason)

    def populate_user(self, request: HttpRequest, sociallogin: Any, data: dict[str, Any]) -> Any:
        user = super().populate_user(request, sociallogin, data)
        user.email = _sso_email(sociallogin) or user.email
        name = " ".join(p for p in (data.get("first_name"), data.get("last_name")) if p)
        user.display_name = data.get("name") or name or ""
        return user

    def save_user(self, request: HttpRequest, sociallogin: Any, form: Any = None) -> Any:
        from amity.accounts.services import invitation_accept_sso

        user = super().save_user(request, sociallogin, form)
        invitation_accept_sso(user=user, key=request.session.pop(INVITATION_SESSION_KEY, None))
        return user


def _sso_email(sociallogin: Any) -> str:
    email = (sociallogin.user.email or "").strip() if sociallogin.user else ""
    if not email:
        for address in sociallogin.email_addresses or []:
            email = address.email
            break
    return email


class MFAAdapter(DefaultMFAAdapter):
    def _get_site_name(self) -> str:
        return "Amity"
