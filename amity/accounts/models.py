import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


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

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username


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
