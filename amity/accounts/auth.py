"""API authentication: a bearer token minted by ``amity token create`` (or on the tokens page)
is checked here and registered with core (``amity.core.api.token_lookup``), whose
``signed_in`` / ``public`` auth lists every router uses; the browser's session (with its CSRF
check) is core's ``SessionAuth``. A read token is refused (403) on any request that writes."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from amity.accounts.models import TokenScope
from amity.accounts.selectors import user_for_api_token
from amity.accounts.services import api_token_touch
from amity.core.api import public, signed_in

__all__ = ["authenticated", "optional", "token_user"]

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def token_user(request: HttpRequest, token: str) -> Any:
    """The user of a valid API token (and note its use), or None."""
    found = user_for_api_token(token)
    if found is None:
        return None
    user, api_token = found
    if api_token.scope == TokenScope.READ and request.method not in SAFE_METHODS:
        raise PermissionDenied(_("This token may only read. Create a read-write token to write."))
    api_token_touch(token=api_token)
    return user


# The names this module had before the auth lists moved to core.
authenticated = signed_in
optional = public
