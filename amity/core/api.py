"""What every app's API router shares and core can give without knowing the apps: how an
operation says who may call it, and the bounded types of the API's inputs.

Each operation names its callers with ``auth=``:

- ``signed_in`` (the API's default): a bearer token or the browser's session; anyone else is
  answered 401 before the handler runs. Documented with ``security: [BearerToken, SessionAuth]``.
- ``public``: the anonymous public too (the handler decides what the public sees); a request
  that presents credentials must present good ones (401 otherwise, never a silent downgrade).
  Documented with ``security: [{}, BearerToken, SessionAuth]``: no credentials needed, and a
  caller that has them sees what they may see.

How a bearer token is checked belongs to ``amity.accounts`` (above core): it registers the
lookup in its ``AppConfig.ready()`` (``token_lookup.register``), as the other hooks of
``amity.core.registry``.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal, TypeVar

from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Query
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from amity.core import dates
from amity.core.registry import Hooks

# accounts: (request, raw token) → the user, or None for a token that is unknown, revoked or
# expired. Registered by ``amity.accounts.apps``.
token_lookup: Hooks[Callable[[HttpRequest, str], Any]] = Hooks("API bearer token")


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>``, a token minted by ``amity token create``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        for lookup in token_lookup:
            user = lookup(request, token)
            if user is not None:
                request.user = user
                return user
        return None


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
    """Marks operations that answer the public too; the handler decides what the public sees."""

    def __call__(self, request: HttpRequest) -> Any:
        # A request that presents credentials must present good ones: no silent downgrade.
        if request.headers.get("Authorization"):
            return None
        return True


bearer = BearerToken()
session = SessionAuth()
signed_in: list[Any] = [bearer, session]
public: list[Any] = [bearer, session, AnonymousAllowed()]


def is_public(auth_callbacks: Any) -> bool:
    return any(isinstance(callback, AnonymousAllowed) for callback in auth_callbacks or ())


def require_user(request: HttpRequest) -> None:
    """Raise 401 for the anonymous public (operations with ``auth=signed_in`` never get here
    anonymously; kept for handlers that serve both)."""
    if not request.user.is_authenticated:
        raise AuthenticationError()


# The six languages (``amity.core.languages.CONTENT_LANGUAGES``) as plain strings.
LanguageCode = Literal["ar", "zh", "en", "fr", "ru", "es"]


# --- Bounded input types ----------------------------------------------------------------------

# A primary key: positive and within a 64-bit integer, so that an absurd number is a 400 and not
# an overflow in the database driver.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
QueryId = Annotated[int, Query(ge=1, le=MAX_ID)]
# A version counter (optimistic locking): 409 when stale, 400 when not a counter at all.
Version = Annotated[int, Field(ge=0, le=2**31 - 1)]
# A group's slug in a URL.
Slug = Annotated[str, Path(pattern=r"^[-a-zA-Z0-9_]{1,100}$")]


# Dates of the diplomatic record, 1945 to 2200 (``amity.core.dates``; the services check the same
# bounds, so forms get them too). Refused as a rule (400, ``code: invalid``), since JSON Schema
# cannot bound a date string.
def _date_in_range(value: Any) -> Any:
    if not dates.in_range(value):
        raise PydanticCustomError("date_range", dates.RANGE_MESSAGE)
    return value


_RANGE = f"Between {dates.EARLIEST_YEAR} and {dates.LATEST_YEAR}."
BoundedDate = Annotated[datetime.date, AfterValidator(_date_in_range), Field(description=_RANGE)]
BoundedDateTime = Annotated[
    datetime.datetime,
    AfterValidator(_date_in_range),
    Field(description=_RANGE + " With a time zone offset."),
]


# --- Pagination -------------------------------------------------------------------------------

# ``?limit=`` and ``?cursor=``: a page holds at most ``limit`` rows (200 unless asked, at most
# 500); the ``Link: <…>; rel="next"`` header of the answer carries the cursor of the next page
# and is absent on the last one. The body stays a JSON array, as before pagination.
DEFAULT_LIMIT = 200
MAX_LIMIT = 500
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page (at most 500).")]
Cursor = Annotated[
    str | None,
    Query(
        max_length=300,
        pattern=r"^[A-Za-z0-9_-]*={0,2}$",
        description="The cursor of the next page, from the previous page's `Link` header.",
    ),
]
T = TypeVar("T")
SortKey = tuple[str | int | float, ...]


def _encode(key: SortKey) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(key)).encode()).decode()


def _decode(cursor: str) -> SortKey:
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, binascii.Error) as exc:
        raise HttpError(400, "The cursor is not one this API gave.") from exc
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise HttpError(400, "The cursor is not one this API gave.")
    return tuple(value)


def paginate(
    request: HttpRequest,
    response: HttpResponse,
    rows: Iterable[T],
    *,
    key: Callable[[T], SortKey],
    limit: int = DEFAULT_LIMIT,
    cursor: str | None = None,
    newest_first: bool = False,
) -> list[T]:
    """One page of ``rows`` in a stable order (by ``key``, whose last part is unique, usually
    the id; ``newest_first`` reverses it), starting after the row the cursor names (keyset
    pagination: a row added or removed meanwhile does not shift the pages). Sets the ``Link``
    header of the next page on ``response``."""
    ordered = sorted(rows, key=key, reverse=newest_first)
    if cursor:
        after = _decode(cursor)
        try:
            if newest_first:
                ordered = [row for row in ordered if key(row) < after]
            else:
                ordered = [row for row in ordered if key(row) > after]
        except TypeError as exc:
            raise HttpError(400, "The cursor is not one this API gave.") from exc
    page = ordered[:limit]
    if len(ordered) > limit:
        query = request.GET.copy()
        query["cursor"] = _encode(key(page[-1]))
        query["limit"] = str(limit)
        response["Link"] = f'<{request.path}?{query.urlencode()}>; rel="next"'
    return page


PAGE_HEADERS = {
    "Link": {
        "description": 'The next page: `<URL>; rel="next"` (absent on the last page).',
        "schema": {"type": "string"},
    }
}
