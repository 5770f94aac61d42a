"""API authentication: a bearer token minted by ``amity token create``, or the browser's session
(with its CSRF check, so that the site's own pages may call the API). Mounted on the whole API
by ``amity.api``; an endpoint that needs a signed-in caller says so with
``amity.core.api.require_user``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer

from amity.accounts.models import TokenScope
from amity.accounts.selectors import user_for_api_token
from amity.accounts.services import api_token_touch

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = user_for_api_token(token)
        if found is None:
            return None
        user, api_token = found
        if api_token.scope == TokenScope.READ and request.method not in SAFE_METHODS:
            raise PermissionDenied(
                _("This token may only read. Create a read-write token to write.")
            )
        api_token_touch(token=api_token)
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session; POSTs need the CSRF token like any form."""

    param_name = "sessionid"

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


class AnonymousAllowed:
    """Marks endpoints that answer the public too; the handler decides what the public sees."""

    def __call__(self, request: HttpRequest) -> Any:
        # A request that presents credentials must present good ones: no silent downgrade.
        if request.headers.get("Authorization"):
            return None
        return True


bearer = BearerToken()
session = SessionAuth()
authenticated: list[Any] = [bearer, session]
optional: list[Any] = [bearer, session, AnonymousAllowed()]
