"""The public pages of a group, cached for anonymous readers.

What an anonymous reader sees of a group (its home page, a public meeting's page, the map and
the chart) is the same for every anonymous reader in one language, so the rendered page is kept
in Django's cache (local memory embedded, Redis in scale mode) for a short time, tagged with the
group's **public content version**.

- ``public_version(group_id)`` is the id of the group's latest audit entry. Every service
  records one inside its own transaction (the architecture's rule), so the version changes
  exactly when a write commits, with no invalidation step a service could forget and no
  window in which a page rendered from the data before the commit is kept under the new
  version. Being in the database, every node agrees on it, and a flushed cache loses nothing
  but pages. One indexed query per cached answer. Writes the public does not see
  (registrations, drafts) drop the pages too: they are rendered again once.
- ``cache_public_page`` wraps a view. It answers from the cache only anonymous ``GET``
  requests without a query string and without a pending message; anything else (a signed-in
  user, a form, a search) goes to the view as before. The view says which group the page shows
  with ``public_page_of(request, group_id)`` before it reads the rest, so a write committed
  while the page renders leaves it stale at once. Only a 200 answer that sets no cookie is kept.
- A page is kept at most ``AMITY_PUBLIC_PAGE_SECONDS`` (60 by default; 0 turns the cache off),
  so what changes with time alone (the next meetings, a countdown) or by a write that records
  no audit entry (the admin, the list of states) is never older than that.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from amity.core.models import AuditEntry

_VERSION_SQL = f"SELECT MAX(id) FROM {AuditEntry._meta.db_table} WHERE group_id = %s"
_PAGE_KEY = "public-page:{language}:{digest}"
_CACHEABLE = "_amity_public_page_cacheable"
_GROUP = "_amity_public_page_group"


def public_version(group_id: int) -> int:
    """The group's public content version: the id of its latest audit entry (0 if none)."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL, [group_id])
        row = cursor.fetchone()
    return int(row[0] or 0) if row else 0


def public_page_of(request: HttpRequest, group_id: int) -> None:
    """Called by a view under ``cache_public_page``: the page shows this group's public
    content. The version is read now, before the view reads the rest, so that a change
    committed while the page is rendered leaves it stale at once."""
    if getattr(request, _CACHEABLE, False):
        setattr(request, _GROUP, (group_id, public_version(group_id)))


def _seconds() -> int:
    return int(getattr(settings, "AMITY_PUBLIC_PAGE_SECONDS", 60))


def _cacheable(request: HttpRequest) -> bool:
    if request.method != "GET" or request.META.get("QUERY_STRING") or _seconds() <= 0:
        return False
    if request.user.is_authenticated:
        return False
    # A message waiting to be shown ("You have signed out") belongs to this reader only.
    if CookieStorage.cookie_name in request.COOKIES:
        return False
    return not request.session.get(SessionStorage.session_key)


def _page_key(request: HttpRequest) -> str:
    digest = hashlib.sha256(request.path.encode()).hexdigest()[:32]
    return _PAGE_KEY.format(language=get_language() or "", digest=digest)


def cache_public_page(
    view: Callable[..., HttpResponse],
) -> Callable[..., HttpResponse]:
    """Serve the view's page to anonymous readers from the cache while the group's public
    version is unchanged (see the module's description)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        kept = cache.get(key)
        if kept is not None:
            group_id, version, content, headers = kept
            if public_version(group_id) == version:
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                patch_vary_headers(response, ["Cookie"])
                return response
        setattr(request, _CACHEABLE, True)
        response = view(request, *args, **kwargs)
        marked = getattr(request, _GROUP, None)
        if (
            marked is not None
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            group_id, version = marked
            cache.set(
                key, (group_id, version, response.content, list(response.items())), _seconds()
            )
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper
