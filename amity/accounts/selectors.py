from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from amity.accounts.models import ApiToken, Invitation, SignedInSession, User
from amity.accounts.services import TOKEN_PREFIX, token_digest
from amity.core.models import OutboxEntry


def user_for_api_token(raw: str) -> tuple[User, ApiToken] | None:
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        .first()
    )
    return (token.user, token) if token else None


def user_by_calendar_token(token: str) -> User | None:
    """The active user whose private calendar address carries ``token`` (None for none)."""
    if not token:
        return None
    return User.objects.filter(calendar_token=token, is_active=True).first()


def user_is_active(pk: int) -> bool:
    """Whether the account exists and may sign in (what its calendar address needs too)."""
    return User.objects.filter(pk=pk, is_active=True).exists()


def user_by_pk(pk: int | str | None) -> User | None:
    """A user by the id a form posted (None when absent, not a number or unknown)."""
    if pk is None or not str(pk).isdigit():
        return None
    return User.objects.filter(pk=int(pk)).first()


def needs_second_factor_setup(user: User) -> bool:
    """True when ``user`` must have a second factor (superuser, or coordinator of a group that
    asks for one) and has none yet."""
    from allauth.mfa.models import Authenticator

    from amity.members.models import GroupRole, Role

    must = user.is_superuser or (
        GroupRole.objects.filter(
            user=user, role=Role.COORDINATOR, group__coordinators_need_second_factor=True
        ).exists()
    )
    if not must:
        return False
    return not Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def signed_in_sessions(user: Any) -> list[SignedInSession]:
    return list(SignedInSession.objects.filter(user=user))


def api_tokens(user: Any) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user).order_by("-created_at"))


def api_token_of(user: Any, pk: int | str) -> ApiToken | None:
    if not str(pk).isdigit():
        return None
    return ApiToken.objects.filter(user=user, pk=int(pk)).first()


def invitation_by_key(key: str) -> Invitation | None:
    return Invitation.objects.select_related("group", "state").filter(key=key).first()


def group_invitations(group: Any) -> list[Invitation]:
    return list(Invitation.objects.filter(group=group).select_related("state", "invited_by")[:100])


def invitation_of_group(group: Any, pk: int | str) -> Invitation | None:
    if not str(pk).isdigit():
        return None
    return Invitation.objects.select_related("group").filter(group=group, pk=int(pk)).first()


def group_people(group: Any) -> list[Any]:
    """The group's users with their roles, for the coordinator's second-factor reset."""
    from amity.members.models import GroupRole

    return list(
        GroupRole.objects.filter(group=group)
        .select_related("user", "state")
        .order_by("user__username")
    )


def group_member_user(group: Any, pk: int | str) -> User | None:
    if not str(pk).isdigit():
        return None
    return User.objects.filter(pk=int(pk), group_roles__group=group).distinct().first()


def invitation_email_delivery(invitation: Invitation) -> OutboxEntry | None:
    """The outbox entry of the invitation's e-mail, or None: whether it was delivered, is
    waiting, or failed (and why)."""
    return (
        OutboxEntry.objects.filter(
            handler="accounts.invitation_email", payload__invitation_id=invitation.pk
        )
        .order_by("-pk")
        .first()
    )
