"""Writes on users and API tokens (roles in groups are ``members.services.group_role_assign``)."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from amity.accounts.models import ApiToken, User
from amity.core.actors import Actor, system_actor
from amity.members.audit import audit_record

TOKEN_PREFIX = "amy_"  # noqa: S105 - the public prefix of every token, not a secret


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str | None,
    email: str = "",
    display_name: str = "",
    time_zone: str = "",
) -> User:
    user = User(username=username, email=email, display_name=display_name, time_zone=time_zone)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(actor=system_actor("accounts"), action="user.created", obj=user)
    return user


@transaction.atomic
def api_token_create(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Mint a token. The raw value is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=raw[:12], digest=token_digest(raw))
    audit_record(actor=user, action="api_token.created", obj=token)
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="api_token.revoked", obj=token)


def api_token_touch(*, token: ApiToken) -> None:
    """Note when a token was last used, at most once a minute."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
