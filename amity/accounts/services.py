"""Writes on users, invitations, sessions and API tokens (roles in groups are
``members.services.group_role_assign``). Each is one transaction with its audit entry."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.accounts.models import (
    ApiToken,
    Invitation,
    SignedInSession,
    TokenScope,
    User,
    normalize_username,
)
from amity.core import outbox
from amity.core.actors import Actor, is_system, system_actor, user_of
from amity.members import permissions
from amity.members.audit import audit_record
from amity.members.models import Group, Membership, Role, State
from amity.members.services import group_role_assign

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
    username = normalize_username(username)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is taken. Choose another.")})
    user = User(username=username, email=email, display_name=display_name, time_zone=time_zone)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(actor=system_actor("accounts"), action="user.created", obj=user)
    return user


# --- API tokens -------------------------------------------------------------------------------


@transaction.atomic
def api_token_create(
    *,
    user: Any,
    name: str = "",
    scope: str = TokenScope.READ_WRITE,
    expires_at: datetime.datetime | None = None,
) -> tuple[ApiToken, str]:
    """Mint a token. The raw value is returned once and never stored."""
    if scope not in TokenScope.values:
        raise ValidationError({"scope": _("Choose read only, or read and write.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry date must be in the future.")})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=raw[:12],
        digest=token_digest(raw),
        scope=scope,
        expires_at=expires_at,
    )
    audit_record(
        actor=user,
        action="api_token.created",
        obj=token,
        data={"scope": scope, "expires_at": expires_at.isoformat() if expires_at else None},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, actor: Actor, token: ApiToken) -> None:
    if (
        not is_system(actor)
        and getattr(actor, "pk", None) != token.user_id
        and not getattr(actor, "is_superuser", False)
    ):
        raise PermissionDenied(_("This token is not yours."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="api_token.revoked", obj=token)


def api_token_touch(*, token: ApiToken) -> None:
    """Note when a token was last used, at most once a minute, and record that use in the
    audit log at the same pace (one entry a minute per token, not one per request)."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        with transaction.atomic():
            updated = ApiToken.objects.filter(pk=token.pk, last_used_at=token.last_used_at).update(
                last_used_at=now
            )
            if updated:
                audit_record(actor=token.user, action="api_token.used", obj=token)
        token.last_used_at = now


# --- sign-in events and sessions -----------------------------------------------------------


@transaction.atomic
def signin_record(
    *, user: User, session_key: str | None, ip_address: str | None, user_agent: str
) -> None:
    """A successful sign-in: the session is remembered (for the sessions page), and audited."""
    if session_key:
        SignedInSession.objects.update_or_create(
            session_key=session_key,
            defaults={"user": user, "ip_address": ip_address, "user_agent": user_agent[:300]},
        )
    audit_record(actor=user, action="user.signed_in", obj=user)


@transaction.atomic
def signin_failure_record(*, username: str) -> None:
    """A failed sign-in, audited with the (normalised) name that was tried."""
    audit_record(
        actor=AnonymousUser(),
        action="user.sign_in_failed",
        data={"username": normalize_username(username)[:150]},
    )


@transaction.atomic
def sso_failure_record(*, provider: str, reason: str) -> None:
    """A single sign-on refused after the provider answered (bad ID token, provider error)."""
    audit_record(
        actor=AnonymousUser(),
        action="user.sso_failed",
        data={"provider": provider[:50], "reason": reason[:200]},
    )


@transaction.atomic
def signout_record(*, user: Any, session_key: str | None) -> None:
    if session_key:
        SignedInSession.objects.filter(session_key=session_key).delete()
    if getattr(user, "is_authenticated", False):
        audit_record(actor=user, action="user.signed_out", obj=user)


@transaction.atomic
def sessions_end_others(
    *, user: Any, keep_session_key: str | None, store: type[SessionBase]
) -> int:
    """Sign the user out of every session but ``keep_session_key``; returns how many ended."""
    rows = list(
        SignedInSession.objects.select_for_update()
        .filter(user=user)
        .exclude(session_key=keep_session_key or "")
    )
    for row in rows:
        store(session_key=row.session_key).delete()
    SignedInSession.objects.filter(pk__in=[r.pk for r in rows]).delete()
    audit_record(actor=user, action="user.sessions_ended", obj=user, data={"count": len(rows)})
    return len(rows)


@transaction.atomic
def second_factor_change_record(*, user: User, change: str, kind: str) -> None:
    """A second factor added, removed or its recovery codes renewed (allauth's signals)."""
    audit_record(actor=user, action=f"mfa.{change}", obj=user, data={"type": kind})


@transaction.atomic
def second_factor_reset(*, actor: Actor, user: User, group: Group) -> int:
    """A coordinator removes the second factors of someone in their group who lost theirs, so
    that the person sets up a new one at the next sign-in. Audited in the group's history.
    A coordinator cannot reset another coordinator's or a superuser's factors, nor their own."""
    from allauth.mfa.models import Authenticator

    permissions.require_coordinator(actor, group)
    if not user.group_roles.filter(group=group).exists():
        raise PermissionDenied(_("This person has no role in the group."))
    if user.is_superuser or (
        not getattr(actor, "is_superuser", False)
        and (
            user.pk == getattr(actor, "pk", None)
            or user.group_roles.filter(group=group, role=Role.COORDINATOR).exists()
        )
    ):
        raise PermissionDenied(
            _("Only a superuser may reset a coordinator's second factor, or your own.")
        )
    User.objects.select_for_update().filter(pk=user.pk).first()
    count, _detail = Authenticator.objects.filter(user=user).delete()
    audit_record(
        actor=actor,
        action="mfa.reset",
        obj=user,
        group=group,
        data={"removed": count},
    )
    return count


# --- invitations ------------------------------------------------------------------------------


def _invitation_refusal(invitation: Invitation | None) -> str | None:
    """Why this invitation cannot be used, in words for the person holding the link."""
    if invitation is None:
        return _("This invitation link is not valid. Ask the coordinator for a new one.")
    if invitation.accepted_at is not None:
        return _(
            "This invitation has already been used. Sign in, or ask the coordinator for a new one."
        )
    if invitation.revoked_at is not None:
        return _("This invitation was withdrawn. Ask the coordinator for a new one.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation has expired. Ask the coordinator for a new one.")
    if invitation.role == Role.FOCAL_POINT:
        if invitation.state_id is None:
            return _("The state of this invitation no longer exists. Ask the coordinator.")
        if (
            not Membership.objects.current()
            .filter(group_id=invitation.group_id, state_id=invitation.state_id)
            .exists()
        ):
            return _(
                "The state of this invitation is no longer a member of the group. Ask the coordinator."
            )
    return None


def invitation_refusal(invitation: Invitation | None) -> str | None:
    return _invitation_refusal(invitation)


@transaction.atomic
def invitation_create(
    *, actor: Actor, group: Group, email: str, role: str, state: State | None
) -> Invitation:
    """The coordinator invites someone by e-mail to act in the group (for ``state``, in
    ``role``); the e-mail with the link leaves after commit."""
    permissions.require_coordinator(actor, group)
    email = (email or "").strip()
    errors: dict[str, str] = {}
    if role not in Role.values:
        errors["role"] = _("Choose a role.")
    if role == Role.FOCAL_POINT:
        if state is None:
            errors["state"] = _("A focal point acts for a state: choose the state.")
        elif not Membership.objects.current().filter(group=group, state=state).exists():
            errors["state"] = _("%(state)s is not a member of the group.") % {"state": state.name}
    if errors:
        raise ValidationError(errors)
    invitation = Invitation(
        key=secrets.token_urlsafe(32),
        email=email,
        group=group,
        role=role,
        state=state,
        invited_by=user_of(actor),
        expires_at=timezone.now() + datetime.timedelta(days=settings.AMITY_INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(
        actor=actor,
        action="invitation.created",
        obj=invitation,
        group=group,
        data={"email": email, "role": role, "state": state.iso3 if state else None},
    )
    outbox.after_commit(
        "accounts.invitation_email",
        {"invitation_id": invitation.pk},
        group_pk=group.pk,
        subject=email,
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: Actor, invitation: Invitation) -> None:
    permissions.require_coordinator(actor, invitation.group)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor, action="invitation.revoked", obj=invitation, group=invitation.group
        )


def _accept(invitation: Invitation, user: User) -> None:
    group_role_assign(
        actor=system_actor("invitation"),
        user=user,
        group=invitation.group,
        role=invitation.role,
        state=invitation.state,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(
        actor=user,
        action="invitation.accepted",
        obj=invitation,
        group=invitation.group,
        data={"email": invitation.email, "role": invitation.role},
    )


def _locked_usable(key: str) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("group", "state")
        .filter(key=key)
        .first()
    )
    refusal = _invitation_refusal(invitation)
    if refusal or invitation is None:
        raise ValidationError(refusal or "", code="invitation")
    return invitation


def _mark_email_verified(user: User, email: str) -> None:
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email__iexact=email, defaults={"email": email, "verified": True, "primary": True}
    )


@transaction.atomic
def invitation_accept_with_password(
    *, key: str, username: str, password: str, display_name: str = ""
) -> User:
    """Accept the invitation by creating an account with a password. The e-mail address is
    taken as verified: the link was sent to it."""
    invitation = _locked_usable(key)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            _("An account already uses %(email)s: sign in, then open the link again.")
            % {"email": invitation.email}
        )
    user = user_create(
        username=username, password=password, email=invitation.email, display_name=display_name
    )
    _mark_email_verified(user, invitation.email)
    _accept(invitation, user)
    return user


@transaction.atomic
def invitation_accept_signed_in(*, key: str, user: User) -> Invitation:
    """Someone who has an account accepts an invitation (to another group or role)."""
    invitation = _locked_usable(key)
    _accept(invitation, user)
    return invitation


def _domain_state(email: str) -> State | None:
    domain = email.rpartition("@")[2].strip().lower()
    code = settings.AMITY_OIDC_DOMAINS.get(domain)
    if not code:
        return None
    field = "iso2" if len(code) == 2 else "iso3"
    return State.objects.filter(**{field: code}).first()


def sso_invitation_refusal(*, email: str, key: str | None) -> str | None:
    """Why a first sign-in through the identity provider with ``email`` creates no account
    (None when it may): there must be a usable invitation to that address (the one whose link
    was opened, if any), and when the address's domain speaks for a state, the invitation must
    be for that state."""
    email = (email or "").strip()
    invitation = _sso_invitation(email=email, key=key)
    if invitation is None:
        state = _domain_state(email) if email else None
        if state is not None:
            return _(
                "No invitation was sent to %(email)s. Ask the coordinator of your group to "
                "invite this address as a focal point of %(state)s."
            ) % {"email": email, "state": state.name}
        return _(
            "No invitation was sent to %(email)s. Ask the coordinator of your group to invite "
            "this address; no account was created."
        ) % {"email": email or "?"}
    refusal = _invitation_refusal(invitation)
    if refusal:
        return refusal
    state = _domain_state(email)
    if state is not None and invitation.state_id not in (None, state.pk):
        return _(
            "Addresses at %(domain)s speak for %(state)s, but the invitation is for another "
            "state. Ask the coordinator."
        ) % {"domain": email.rpartition("@")[2], "state": state.name}
    return None


def _sso_invitation(*, email: str, key: str | None) -> Invitation | None:
    qs = Invitation.objects.select_related("group", "state").filter(email__iexact=email)
    if key:
        return qs.filter(key=key).first()
    return (
        qs.filter(accepted_at__isnull=True, revoked_at__isnull=True).order_by("-created_at").first()
    )


@transaction.atomic
def invitation_accept_sso(*, user: User, key: str | None) -> Invitation:
    """After the account of a first single sign-on was made: link the invitation to it."""
    found = _sso_invitation(email=user.email, key=key)
    if found is None:
        raise ValidationError(_("No invitation matches this address."))
    invitation = _locked_usable(found.key)
    _mark_email_verified(user, user.email)
    _accept(invitation, user)
    return invitation


def invitation_link(invitation: Invitation) -> str:
    """The invitation's address on the site (``AMITY_SITE_URL``), in the group's language: the
    link of the e-mail, and what ``amity user invite`` prints."""
    from django.urls import reverse
    from django.utils import translation

    with translation.override(invitation.group.original_language or "en"):
        return settings.AMITY_SITE_URL + reverse("accounts:invitation", args=[invitation.key])


def invitation_email_send(*, invitation_id: int, entry_id: int | None) -> None:
    """The outbox handler's work: the invitation by e-mail, with its link."""
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.utils import translation

    from amity.core.mail import send_each

    invitation = (
        Invitation.objects.select_related("group", "state", "invited_by")
        .filter(pk=invitation_id, accepted_at__isnull=True, revoked_at__isnull=True)
        .first()
    )
    if invitation is None:
        return
    with translation.override(invitation.group.original_language or "en"):
        link = invitation_link(invitation)
        context = {"invitation": invitation, "link": link, "days": settings.AMITY_INVITATION_DAYS}
        subject = _("Invitation to %(group)s on Amity") % {"group": invitation.group.name}
        body = render_to_string("accounts/email/invitation.txt", context)
    send_each([EmailMessage(subject=subject, body=body, to=[invitation.email])], entry_id=entry_id)
