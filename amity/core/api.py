"""What every app's API router shares and core can give without knowing the apps: the check
that an endpoint has a signed-in caller. (How the caller signs in — bearer token or session —
is ``amity.accounts.auth``, mounted on the whole API by ``amity.api``.)"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import AuthenticationError


def require_user(request: HttpRequest) -> None:
    """Raise 401 for the anonymous public on endpoints that need a signed-in caller."""
    if not request.user.is_authenticated:
        raise AuthenticationError()
