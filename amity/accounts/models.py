import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from amity.members.models import Role


def normalize_username(username: str) -> str:
    """How usernames are compared everywhere (sign-in, lockout, creation): without the spaces
    around them and case-folded, so that " NoGroup" and "nogroup" are one user."""
    return (username or "").strip().casefold()


class AmityUserManager(UserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(username__iexact=normalize_username(username or ""))


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class User(AbstractUser):
    """A person who signs in. What they may do in a group comes from their ``members.GroupRole``
    rows."""

    display_name = models.CharField(max_length=200, blank=True)
    time_zone = models.CharField(
        max_length=64, blank=True, help_text=_("IANA zone, e.g. America/New_York")
    )
    # Secret part of the user's private calendar feed URL.
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)

    objects: ClassVar[AmityUserManager] = AmityUserManager()

    @classmethod
    def normalize_username(cls, username: Any) -> str:
        return normalize_username(super().normalize_username(username))

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    READ_WRITE = "read_write", _("Read and write")


class ApiToken(models.Model):
    """A bearer token for the HTTP API. Only its SHA-256 digest is stored. A read token is
    refused on every request that would write (any method but GET, HEAD, OPTIONS)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, help_text=_("First characters, to recognise a token"))
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    scope = models.CharField(
        max_length=20, choices=TokenScope.choices, default=TokenScope.READ_WRITE
    )

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class Invitation(models.Model):
    """A coordinator's invitation, by e-mail, to act in a group: for a state, in a role. The
    link carries ``key``; it is valid until ``expires_at`` and only once."""

    key = models.CharField(max_length=64, unique=True)
    email = models.EmailField()
    group = models.ForeignKey("members.Group", on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=20, choices=Role.choices)
    # Null when the state was removed since (the invitation is then refused).
    state = models.ForeignKey(
        "members.State", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # None when the system invited (``amity user invite``; the audit entry names it).
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["email"], name="accounts_invitation_email")]

    def __str__(self) -> str:
        return f"{self.email} ({self.role})"


class SignedInSession(models.Model):
    """One signed-in browser session of a user, so that the user can see and end the others.
    Keyed on the session's key; the session itself stays in Django's session store."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"
