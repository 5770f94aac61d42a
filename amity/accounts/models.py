import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class User(AbstractUser):
    """A person who signs in. What they may do in a group comes from their ``GroupRole`` rows."""

    display_name = models.CharField(max_length=200, blank=True)
    time_zone = models.CharField(
        max_length=64, blank=True, help_text=_("IANA zone, e.g. America/New_York")
    )
    # Secret part of the user's private calendar feed URL.
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token)

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    FOCAL_POINT = "focal_point", _("Focal point")
    OBSERVER = "observer", _("Observer")


class GroupRole(models.Model):
    """What a user is in one group: its coordinator (for the chair's state), the focal point of
    a member state, or an observer."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="group_roles")
    group = models.ForeignKey("members.Group", on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=20, choices=Role.choices)
    # The state the user acts for. Required for focal points; the chair's state for coordinators.
    state = models.ForeignKey(
        "members.State", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organization = models.CharField(
        max_length=200, blank=True, help_text=_("For observers that are not states")
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "group", "role"], name="one_role_of_a_kind_per_group"
            ),
            models.CheckConstraint(
                condition=~Q(role="focal_point") | Q(state__isnull=False),
                name="focal_point_has_state",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.group}"


class ApiToken(models.Model):
    """A bearer token for the HTTP API. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, blank=True)
    prefix = models.CharField(max_length=12, help_text=_("First characters, to recognise a token"))
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
