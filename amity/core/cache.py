"""Pages kept in the cache, tagged with a content version.

What an anonymous reader sees of a page is the same for every anonymous reader in one
language, so the rendered page is kept in Django's cache (local memory embedded, Redis in scale
mode) for a short time, tagged with the **content version** of what it shows. What a signed-in
reader sees is kept for that reader's session alone.

- The version comes from the caller: ``cache_public_page(version=...)`` names a content
  version registered in ``core.registry.content_versions``: a function from a scope (an id) to
  a number that changes whenever what the pages of that scope show may have changed. Core knows
  no scope: the groups' pages use ``amity.members.cache.cache_group_page``, whose version
  (``group``) is the id of the group's latest audit entry.
- The decorator wraps a view. It answers from the cache only ``GET`` requests without a query
  string (or with only the parameters the view names in ``queries``, each once: the members on
  a date, a document's version; the query string is then part of the key) and without a
  pending message; anything else (a form, a search with other filters) goes to the view as
  before. The view says which scope the page shows with ``public_page_of(request, scope)``
  before it reads the rest, so a write committed while the page renders leaves it stale at
  once. Only a 200 answer that sets no cookie is kept.
- **A signed-in reader's page** is kept under the session, the CSRF secret its forms carry,
  the account's fields and the htmx headers, and under the whole site's version (``site``):
  what a member sees may depend on any group (roles are audited writes too). Another reader,
  another session, a changed account or any audited write anywhere: rendered again.
- A page is kept at most ``AMITY_PUBLIC_PAGE_SECONDS`` (60 by default; 0 turns the cache off),
  so what changes with time alone (the next meetings, a countdown) or by a write that records
  no audit entry (the admin, the list of states) is never older than that.
- A page kept for anonymous readers is marked for ``core.edge`` (``X-Amity-Keep``), which
  answers the next reader without cookies before Django under the same version check.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import threading
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from amity.core.edge import KEEP_HEADER, keep_marker, reader_digest
from amity.core.registry import content_versions

_PAGE_KEY = "page:{audience}:{language}:{digest}"
_CACHEABLE = "_amity_public_page_cacheable"
_SCOPE = "_amity_public_page_scope"
_UNTIL = "_amity_public_page_until"

Version = Callable[[int], int]


def public_page_of(request: HttpRequest, scope: int) -> None:
    """Called by a view under ``cache_public_page``: the page shows this scope's public
    content (a group's, for the groups' pages). The version is read now, before the view reads
    the rest, so that a change committed while the page is rendered leaves it stale at once."""
    version: Version | None = getattr(request, _CACHEABLE, None)
    if version is not None:
        setattr(request, _SCOPE, (scope, version(scope)))


def public_page_kept_until(request: HttpRequest, moment: datetime.datetime | None) -> None:
    """Called by a view under ``cache_public_page`` whose page will change at ``moment`` with
    no write until a reader comes (a silence procedure's deadline): the page is kept no longer
    than until then (None: no such moment)."""
    if moment is None:
        return
    earlier = getattr(request, _UNTIL, None)
    if earlier is None or moment < earlier:
        setattr(request, _UNTIL, moment)


def _lifetime(until: datetime.datetime | None) -> int:
    """How long an answer that changes at ``until`` (None: only with a write) may be kept, in
    whole seconds (0: not at all)."""
    seconds = _seconds()
    if until is not None:
        seconds = min(seconds, int((until - timezone.now()).total_seconds()))
    return max(seconds, 0)


def _seconds() -> int:
    return int(getattr(settings, "AMITY_PUBLIC_PAGE_SECONDS", 60))


def _audience(request: HttpRequest, queries: frozenset[str]) -> str | None:
    """Whether this request's page may be kept: ``"public"`` (an anonymous reader: the page is
    the same for all of them in one language), ``"reader"`` (a signed-in reader: the page is
    kept for this session only), or None (a form, another query, a message waiting)."""
    if request.method != "GET" or _seconds() <= 0:
        return None
    if request.META.get("QUERY_STRING"):
        names = [name for name, _values in request.GET.lists()]
        if not set(names) <= queries or any(len(v) != 1 for _n, v in request.GET.lists()):
            return None
    # A message waiting to be shown ("You have signed out") belongs to this reader only.
    if CookieStorage.cookie_name in request.COOKIES:
        return None
    if request.session.get(SessionStorage.session_key):
        return None
    if not request.user.is_authenticated:
        return "public"
    # The page's forms carry a token of the reader's CSRF secret: kept once the reader holds
    # that secret (the first page sends it as a cookie).
    if not settings.CSRF_USE_SESSIONS and settings.CSRF_COOKIE_NAME not in request.COOKIES:
        return None
    return "reader"


def _page_key(request: HttpRequest, audience: str, reader: str = "") -> str:
    query = request.META.get("QUERY_STRING", "")
    # The address too: a page may link to itself absolutely (feeds, exports, share links).
    where = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    if audience == "reader":
        where = "\x1f".join((where, *_reader(request), reader))
    digest = hashlib.sha256(where.encode()).hexdigest()[:32]
    return _PAGE_KEY.format(audience=audience, language=get_language() or "", digest=digest)


def _reader(request: HttpRequest) -> tuple[str, ...]:
    """What a signed-in reader's page depends on beside the content and the session's data and
    account (``reader_digest``): the session (a page is never another session's), the CSRF
    secret its forms carry, and the htmx headers (a fragment is not the page)."""
    return (
        request.session.session_key or "",
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        request.headers.get("HX-Request", ""),
        request.headers.get("HX-Target", ""),
    )


View = Callable[..., HttpResponse]


# Readers who ask together for a page nobody has kept wait for one rendering of it instead of
# each rendering it (a cold world map takes a second and a half; eight at once took longer
# than a reader waits). Striped locks, per process: bounded, and a wait behind another page's
# rendering costs only that wait.
_RENDERING = [threading.Lock() for _ in range(64)]


def _rendering(key: str) -> threading.Lock:
    return _RENDERING[int(key.rsplit(":", 1)[-1][:8], 16) % len(_RENDERING)]


def _version(name: str) -> Version:
    def current(scope: int) -> int:
        version = content_versions.get(name)
        if version is None:
            raise LookupError(f"no content version named {name!r}")
        return version(scope)

    return current


def _mark(
    request: HttpRequest,
    response: HttpResponse,
    kind: str,
    scope: int,
    version: int,
    seconds: int,
    anyone: bool = False,
    reader: str = "",
    clock: bool = False,
) -> None:
    if seconds <= 0:
        return
    match = getattr(request, "resolver_match", None)
    group = str((match.kwargs.get("slug") if match else None) or "")
    response[KEEP_HEADER] = keep_marker(
        kind=kind,
        scope=scope,
        version=version,
        seconds=seconds,
        group=group,
        anyone=anyone,
        reader=reader,
        clock=clock,
    )


def keep_at_edge(
    request: HttpRequest,
    response: HttpResponse,
    *,
    kind: str,
    scope: int,
    version: int,
    seconds: int,
    clock: bool = False,
) -> None:
    """Mark an answer a view built from what it keeps itself (not under
    ``cache_public_page``) for ``core.edge``: kept for ``seconds`` under the content version
    ``kind`` of ``scope``, read as ``version`` before anything else, for readers without
    cookies, or for this signed-in reader's session alone; ``clock``: see ``keep_marker``."""
    if _seconds() <= 0 or request.method != "GET":
        return
    reader = ""
    if request.user.is_authenticated:
        reader = reader_digest(session=request.session, user=request.user)
    _mark(
        request,
        response,
        kind,
        scope,
        version,
        min(seconds, _seconds()),
        reader=reader,
        clock=clock,
    )


def cache_public_page(
    *, version: str, queries: frozenset[str] = frozenset(), reader_version: str = "site"
) -> Callable[[View], View]:
    """Serve the view's page from the cache while the content version named ``version`` of
    the scope the page shows is unchanged (see the module's description): to anonymous readers,
    and to each signed-in reader their own page while ``reader_version`` is unchanged (the whole
    site's by default: what a member sees of a page may come from any group). ``queries``: the
    query parameters the page may be kept with (anything else is rendered each time)."""
    versions = {
        "public": (version, _version(version)),
        "reader": (reader_version, _version(reader_version)),
    }

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            audience = _audience(request, queries)
            if audience is None:
                return view(request, *args, **kwargs)
            kind, current = versions[audience]
            # A signed-in reader's page depends on their session's data and account, as
            # loaded before the view: ``core.edge`` checks the same digest before serving it.
            reader = (
                reader_digest(session=request.session, user=request.user)
                if audience == "reader"
                else ""
            )
            key = _page_key(request, audience, reader)

            def kept_answer() -> HttpResponse | None:
                kept = cache.get(key)
                if kept is None:
                    return None
                scope, kept_version, content, headers, expires = kept
                if current(scope) != kept_version:
                    return None
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                patch_vary_headers(response, ["Cookie"])
                left = int(expires - time.time())
                _mark(request, response, kind, scope, kept_version, left, reader=reader)
                return response

            answer = kept_answer()
            if answer is not None:
                return answer
            with _rendering(key):
                # Kept meanwhile by the reader this one waited for?
                answer = kept_answer()
                if answer is not None:
                    return answer
                return _render_and_keep(request, view, args, kwargs, key, kind, current, reader)

        return wrapper

    return decorate


def _render_and_keep(
    request: HttpRequest,
    view: View,
    args: Any,
    kwargs: Any,
    key: str,
    kind: str,
    current: Version,
    reader: str,
) -> HttpResponse:
    """Render the page (the caller holds its rendering lock) and keep it if it may be."""
    setattr(request, _CACHEABLE, current)
    response = view(request, *args, **kwargs)
    marked = getattr(request, _SCOPE, None)
    seconds = _lifetime(getattr(request, _UNTIL, None))
    if (
        marked is not None
        and seconds > 0
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
    ):
        scope, read_version = marked
        expires = time.time() + seconds
        kept = (scope, read_version, response.content, list(response.items()), expires)
        cache.set(key, kept, seconds)
        _mark(request, response, kind, scope, read_version, seconds, reader=reader)
    patch_vary_headers(response, ["Cookie"])
    return response


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
    edge: tuple[str, int, int] | None = None,
    until: datetime.datetime | None = None,
    for_anyone: bool = False,
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
    - ``edge``: a content version's name, scope and value (read before anything else), under
      which ``core.edge`` may answer the feed to readers without cookies (for a private feed,
      keyed by its secret address, a version that also ends with the secret's validity).
    - ``until``: the feed changes then with no write (a silence procedure's deadline): kept
      no longer.
    - ``for_anyone``: the body is the same whoever asks (a public feed: ``variant`` names no
      reader), so ``core.edge`` serves it to signed-in readers too.
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
        if edge is not None and response.status_code == 200:
            _mark(request, response, *edge, seconds, anyone=for_anyone)
        return response

    if request.method in ("GET", "HEAD"):
        not_modified = get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=None
        )
        if not_modified is not None:
            return finish(not_modified)
    seconds = _lifetime(until)
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
