"""Public pages cached for anonymous readers, tagged with a content version.

What an anonymous reader sees of a page is the same for every anonymous reader in one
language, so the rendered page is kept in Django's cache (local memory embedded, Redis in scale
mode) for a short time, tagged with the **content version** of what it shows.

- The version comes from the caller: ``cache_public_page(version=...)`` takes a function from
  a scope (an id) to a number that changes whenever what the pages of that scope show may have
  changed. Core knows no scope: the groups' pages use ``amity.members.cache.cache_group_page``,
  whose version is the id of the group's latest audit entry.
- The decorator wraps a view. It answers from the cache only anonymous ``GET``
  requests without a query string (or with only the parameters the view names in ``queries``,
  each once: the members on a date, a document's version; the query string is then part of the
  key) and without a pending message; anything else (a signed-in
  user, a form, a search) goes to the view as before. The view says which scope the page shows
  with ``public_page_of(request, scope)`` before it reads the rest, so a write committed
  while the page renders leaves it stale at once. Only a 200 answer that sets no cookie is kept.
- A page is kept at most ``AMITY_PUBLIC_PAGE_SECONDS`` (60 by default; 0 turns the cache off),
  so what changes with time alone (the next meetings, a countdown) or by a write that records
  no audit entry (the admin, the list of states) is never older than that.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

_PAGE_KEY = "public-page:{language}:{digest}"
_CACHEABLE = "_amity_public_page_cacheable"
_SCOPE = "_amity_public_page_scope"

Version = Callable[[int], int]


def public_page_of(request: HttpRequest, scope: int) -> None:
    """Called by a view under ``cache_public_page``: the page shows this scope's public
    content (a group's, for the groups' pages). The version is read now, before the view reads
    the rest, so that a change committed while the page is rendered leaves it stale at once."""
    version: Version | None = getattr(request, _CACHEABLE, None)
    if version is not None:
        setattr(request, _SCOPE, (scope, version(scope)))


def public_page_not_kept(request: HttpRequest) -> None:
    """Called by a view that said ``public_page_of`` and then found that this page must not be
    kept (it will change without a write): the page is answered but not kept."""
    if hasattr(request, _SCOPE):
        delattr(request, _SCOPE)


def _seconds() -> int:
    return int(getattr(settings, "AMITY_PUBLIC_PAGE_SECONDS", 60))


def _cacheable(request: HttpRequest, queries: frozenset[str]) -> bool:
    if request.method != "GET" or _seconds() <= 0:
        return False
    if request.META.get("QUERY_STRING"):
        names = [name for name, _values in request.GET.lists()]
        if not set(names) <= queries or any(len(v) != 1 for _n, v in request.GET.lists()):
            return False
    if request.user.is_authenticated:
        return False
    # A message waiting to be shown ("You have signed out") belongs to this reader only.
    if CookieStorage.cookie_name in request.COOKIES:
        return False
    return not request.session.get(SessionStorage.session_key)


def _page_key(request: HttpRequest) -> str:
    query = request.META.get("QUERY_STRING", "")
    digest = hashlib.sha256(f"{request.path}?{query}".encode()).hexdigest()[:32]
    return _PAGE_KEY.format(language=get_language() or "", digest=digest)


View = Callable[..., HttpResponse]


def cache_public_page(
    *, version: Version, queries: frozenset[str] = frozenset()
) -> Callable[[View], View]:
    """Serve the view's page to anonymous readers from the cache while ``version`` of the
    scope the page shows is unchanged (see the module's description). ``queries``: the query
    parameters the page may be kept with (anything else is rendered each time)."""

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not _cacheable(request, queries):
                return view(request, *args, **kwargs)
            key = _page_key(request)
            kept = cache.get(key)
            if kept is not None:
                scope, kept_version, content, headers = kept
                if version(scope) == kept_version:
                    response = HttpResponse(content)
                    for name, value in headers:
                        response[name] = value
                    patch_vary_headers(response, ["Cookie"])
                    return response
            setattr(request, _CACHEABLE, version)
            response = view(request, *args, **kwargs)
            marked = getattr(request, _SCOPE, None)
            if (
                marked is not None
                and response.status_code == 200
                and not response.streaming
                and not response.cookies
            ):
                scope, read_version = marked
                cache.set(
                    key, (scope, read_version, response.content, list(response.items())), _seconds()
                )
            patch_vary_headers(response, ["Cookie"])
            return response

        return wrapper

    return decorate


# Feeds (calendars, Atom): polled by programs that keep what they fetched, so they are answered
# with validators and a 304 when nothing changed, and their body is kept whatever the reader.

_FEED_KEY = "feed:{digest}"


def _http_date_ceiling(moment: datetime.datetime) -> datetime.datetime:
    """HTTP dates have whole seconds: round up so that a write later in the same second as
    the version's is not hidden behind a date the client already holds (the ETag decides
    first anyway)."""
    whole = moment.replace(microsecond=0)
    return whole if whole == moment else whole + datetime.timedelta(seconds=1)


def cached_feed(
    request: HttpRequest,
    *,
    variant: tuple[str, ...],
    version: int,
    modified: datetime.datetime | None,
    render: Callable[[], HttpResponse],
    private: bool = False,
) -> HttpResponse:
    """Answer a feed whose body depends only on ``variant`` (what the reader may see: the
    feed, the group, the language, the role, the host it links to) and on ``version`` (the
    scope's content version, read by the caller BEFORE anything else, see ``public_page_of``).

    - ETag = digest of variant and version; Last-Modified = the version's time (``modified``).
      A conditional GET that matches is answered 304 with no body (Django's
      ``get_conditional_response``, RFC 9110 rules: If-None-Match before If-Modified-Since).
    - The body is kept in the cache under the variant for ``AMITY_PUBLIC_PAGE_SECONDS`` and used
      while its version is the current one; ``render`` is called otherwise.
    - The caller has already decided who the reader is (an unknown token is a 404 before this
      is called), so nothing of a refused request is ever kept or answered from here.
    - ``Vary: Accept-Language, Cookie`` (the language may come from either) and
      ``Cache-Control: no-cache`` (clients revalidate every time; ``private`` for a feed
      reached by a personal secret, so no shared cache keeps it).
    """
    digest = hashlib.sha256("\x1f".join((*variant, str(version))).encode()).hexdigest()[:32]
    etag = f'"{digest}"'
    last_modified = int(_http_date_ceiling(modified).timestamp()) if modified is not None else None
    key = _FEED_KEY.format(digest=hashlib.sha256("\x1f".join(variant).encode()).hexdigest()[:32])

    def finish(response: HttpResponse) -> HttpResponse:
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        response["Cache-Control"] = "private, no-cache" if private else "no-cache"
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response

    if request.method in ("GET", "HEAD"):
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=None
        )
        if not_modified is not None:
            return finish(not_modified)
    seconds = _seconds()
    kept = cache.get(key) if seconds > 0 else None
    if kept is not None and kept[0] == version:
        _, content, headers = kept
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return finish(response)
    response = render()
    if response.status_code == 200 and not response.streaming and not response.cookies:
        if seconds > 0:
            cache.set(key, (version, response.content, list(response.items())), seconds)
        return finish(response)
    return response
