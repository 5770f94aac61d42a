from __future__ import annotations

from amity.accounts.models import ApiToken, User
from amity.accounts.services import TOKEN_PREFIX, token_digest


def user_for_api_token(raw: str) -> tuple[User, ApiToken] | None:
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    return (token.user, token) if token else None


def user_by_pk(pk: int | str | None) -> User | None:
    """A user by the id a form posted (None when absent, not a number or unknown)."""
    if pk is None or not str(pk).isdigit():
        return None
    return User.objects.filter(pk=int(pk)).first()
