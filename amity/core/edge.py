"""Kept answers served before Django: the pages and feeds a reader asks for again, answered
from the cache at the edge of the ASGI application (issue 17).

What a page costs under ASGI is mostly not the page: Django runs each request's middleware in a
thread of its own, hands the view to another, and opens a database connection for that thread.
A page already kept by ``core.cache`` (``cache_public_page``, ``cached_feed``) still paid all of
that to be read from the cache. Here a ``GET`` without ``Authorization`` is answered from a kept
answer when one matches its key and is still current:

- **A reader without cookies** (no session, no message, no CSRF secret, no time-zone choice:
  nothing of the reader's own) gets what was kept for such readers. The key: scheme, ``Host``,
  the forwarded host and scheme, path, query string, ``Accept-Language``, ``Accept-Encoding`` and
  the language cookie: everything such a request's answer may depend on (an answer that varies
  on another header is not kept).
- **Any reader** gets an answer marked as the same for anyone (a public feed), keyed the same.
- **A signed-in reader** whose only cookies are the session, the CSRF secret and the language
  gets what was kept for **that session**: keyed also by the session's key, the CSRF secret
  (the page's forms carry a token of it) and the htmx headers. Before it is served, the session
  is loaded and its user authenticated by Django's own ``get_user`` (an expired or signed-out
  session, a changed password, a closed account: no user, so Django answers), and a digest of
  the session's data and the account's fields (``reader_digest``) must be the one the page was
  rendered with: a message waiting, a second factor not yet checked, a changed name or language
  is another digest. Any other cookie (a message, a time-zone choice): Django answers.

Each kept answer is also checked against its **content version**: the scope the page shows (a
group, or the whole site) must still be at the version the answer was rendered under. The check
is one indexed query (three for a signed-in reader: the version, the session, the user), run
with the cache lookup in one thread kept for that (``_EXECUTOR``), so a write committed anywhere
makes the answer stale at once on every node, as for the pages kept inside Django.

Which answers are kept is decided inside Django, by the code that already knows: a view under
``cache_public_page`` or a feed through ``cached_feed`` marks a keepable answer with the
``X-Amity-Keep`` header (``keep_marker``: the content version's name, scope and version, for
how long, for whom, the group for the log line). This layer removes the header from every
answer, and keeps a marked ``200`` that sets no cookie, answered to a request it could have
served, for the seconds the marker gives (at most ``AMITY_PUBLIC_PAGE_SECONDS``; 0: off).

A kept answer is served with a new request id and logged as Django's requests are
(``core.observability``: one JSON line, ``kept: true``). ``If-None-Match`` is answered ``304``
when the kept ETag matches. Anything else (``HEAD``, a form, other cookies) goes to Django.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
import re
import time
import uuid
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import import_module
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user
from django.core.cache import cache
from django.db import connection

from amity.core.audit import _trusted
from amity.core.registry import content_versions

logger = logging.getLogger("amity.request")

KEEP_HEADER = "X-Amity-Keep"
_KEEP = KEEP_HEADER.lower().encode()
# The shape of "Kept" is in the name: nodes of two releases (a rolling deploy) never read each
# other's kept answers.
_KEY = "edge2:{digest}"
# The request headers an anonymous answer may depend on (with the scheme, path and query).
_VARYING = (
    b"host",
    b"x-forwarded-host",
    b"x-forwarded-proto",
    b"accept-language",
    b"accept-encoding",
)
# And, for a signed-in reader's answer, the htmx headers (a fragment is not the page).
_HTMX = (b"hx-request", b"hx-target")
# An answer that varies on another request header is not kept.
_VARY_KEPT = {b"cookie", *_VARYING}
_VARY_KEPT_READER = {*_VARY_KEPT, *_HTMX}
# Not kept: set per answer.
_PER_ANSWER = {b"x-request-id", b"date", b"server", _KEEP}
# The server's clock at the end of a JSON answer marked ``clock``.
_CLOCK = re.compile(rb',"server_time":\d+}\Z')
# What a 304 carries of the kept answer (RFC 9110 §15.4.5).
_NOT_MODIFIED = {b"etag", b"last-modified", b"cache-control", b"vary", b"expires"}

# One thread for the lookups: its database connection stays open, so a kept answer costs one
# query on a connection already there, not a thread and a connection of its own.
_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="amity-edge")
# The keys under which this process kept an answer that is the same for anyone: only those are
# looked up for a reader with cookies (the others would cost a lookup for nothing).
_FOR_ANYONE: set[str] = set()
_FOR_ANYONE_MAX = 10_000


@dataclass(frozen=True)
class _Marker:
    """What ``X-Amity-Keep`` says of an answer (``keep_marker``)."""

    kind: str
    scope: int
    version: int
    seconds: int
    # The same for whoever asks (a public feed): served to readers with cookies too.
    anyone: bool
    group: str
    # Kept for one signed-in reader: the digest of their session and account (``reader_digest``)
    # when it was rendered; "" for an answer kept for readers without cookies or for anyone.
    reader: str
    # A JSON object whose last member is the server's clock (``"server_time"``, milliseconds):
    # kept without it, and each answer gets the clock of its own moment.
    clock: bool


@dataclass(frozen=True)
class Kept:
    """A kept ``200`` answer: what its marker said, its headers and body."""

    marker: _Marker
    headers: list[tuple[bytes, bytes]]
    body: bytes


def keep_marker(
    *,
    kind: str,
    scope: int,
    version: int,
    seconds: int,
    group: str = "",
    anyone: bool = False,
    reader: str = "",
    clock: bool = False,
) -> str:
    """The value of ``X-Amity-Keep`` for an answer that may be kept for ``seconds`` under the
    content version ``kind`` (a name in ``core.registry.content_versions``) of ``scope``, read
    as ``version`` before the answer was rendered; ``anyone``: the answer is the same whoever
    asks, signed in or not (a public feed), so it is served to readers with cookies too;
    ``reader``: the answer is one signed-in reader's, rendered with this ``reader_digest``;
    ``clock``: the answer is a JSON object that ends with the server's clock
    (``,"server_time":<ms>}``), given anew to each answer."""
    audience = "reader" if reader else "anyone" if anyone else "public"
    marker = f"{kind} {scope} {version} {seconds} {audience} {group or '-'} {reader or '-'}"
    return f"{marker} clock" if clock else marker


def reader_digest(*, session: Mapping[str, Any], user: Any) -> str:
    """What a signed-in reader's page depends on beside the content and the request: the
    session's data (a message waiting, the second factor checked, the signed-in user) and the
    account as loaded (name, time zone, language, flags, password: a change to any of them is
    another digest). The last sign-in's time is left out."""
    account = {
        field.attname: repr(getattr(user, field.attname))
        for field in user._meta.concrete_fields
        if field.attname != "last_login"
    }
    data = json.dumps([dict(session), account], sort_keys=True, default=repr)
    return hashlib.sha256(data.encode()).hexdigest()


def _seconds() -> int:
    return int(getattr(settings, "AMITY_PUBLIC_PAGE_SECONDS", 60))


def _cookies(scope: dict[str, Any]) -> dict[bytes, bytes]:
    """The request's cookies, from every ``Cookie`` header (HTTP/2 may split them in several:
    RFC 9113 §8.2.3)."""
    cookies = {}
    lines = b";".join(value for name, value in scope["headers"] if name.lower() == b"cookie")
    for part in lines.split(b";"):
        name, _, value = part.strip().partition(b"=")
        if name:
            cookies[name] = value
    return cookies


def _reader_cookies(cookies: dict[bytes, bytes]) -> tuple[bytes, bytes] | None:
    """The session key and CSRF secret of a signed-in reader whose answer may be kept at the
    edge: one who sends those two cookies, and no other but the language's."""
    session = settings.SESSION_COOKIE_NAME.encode()
    csrf = settings.CSRF_COOKIE_NAME.encode()
    allowed = {session, csrf, settings.LANGUAGE_COOKIE_NAME.encode()}
    if settings.CSRF_USE_SESSIONS or not cookies.keys() <= allowed:
        return None
    if not cookies.get(session) or not cookies.get(csrf):
        return None
    return cookies[session], cookies[csrf]


def _key(
    scope: dict[str, Any],
    headers: dict[bytes, bytes],
    cookies: dict[bytes, bytes],
    reader: tuple[bytes, bytes] | None = None,
) -> str:
    parts = [
        scope.get("scheme", "http").encode(),
        scope.get("raw_path") or scope["path"].encode(),
        scope.get("query_string", b""),
        *(headers.get(name, b"") for name in _VARYING),
        cookies.get(settings.LANGUAGE_COOKIE_NAME.encode(), b""),
    ]
    if reader is not None:
        parts += [b"reader", *reader, *(headers.get(name, b"") for name in _HTMX)]
    return _KEY.format(digest=hashlib.sha256(b"\x1f".join(parts)).hexdigest()[:40])


def _current(kind: str, scope: int) -> int | None:
    version = content_versions.get(kind)
    return None if version is None else version(scope)


def _current_kept(key: str, *, for_reader: bool) -> Kept | None:
    """The answer kept under ``key`` (for a signed-in reader or not) if its content version is
    still the one it was rendered under."""
    kept = cache.get(key)
    if not isinstance(kept, Kept) or bool(kept.marker.reader) != for_reader:
        return None
    marker = kept.marker
    return kept if _current(marker.kind, marker.scope) == marker.version else None


def _failed() -> None:
    # A database or cache that fails: Django answers (and says what failed).
    logger.warning("edge lookup failed", exc_info=True)
    connection.close()


def _lookup(key: str) -> Kept | None:
    """In ``_EXECUTOR``'s thread: the kept answer under ``key`` if its content is current."""
    try:
        return _current_kept(key, for_reader=False)
    except Exception:
        _failed()
        return None


@functools.cache
def _session_store() -> Any:
    return import_module(settings.SESSION_ENGINE).SessionStore


def _lookup_for_reader(key: str, session_key: str) -> tuple[Kept, Any] | None:
    """In ``_EXECUTOR``'s thread: the answer kept under ``key`` for the signed-in reader of
    this session, with the user's id, if its content is current, the session still signs in a
    user (Django's ``get_user``: not expired nor signed out, the password unchanged, the
    account open) and session and account are as they were when it was rendered."""
    try:
        kept = _current_kept(key, for_reader=True)
        if kept is None:
            return None
        session = _session_store()(session_key)
        user = get_user(SimpleNamespace(session=session))  # type: ignore[arg-type]
        if not user.is_authenticated:
            return None
        if reader_digest(session=session, user=user) != kept.marker.reader:
            return None
        return kept, user.pk
    except Exception:
        _failed()
        return None


def _store(key: str, kept: Kept, seconds: int) -> None:
    try:
        cache.set(key, kept, min(seconds, _seconds()))
    except Exception:
        logger.warning("edge store failed", exc_info=True)


def _marker(value: bytes) -> _Marker | None:
    try:
        kind, scope, version, seconds, audience, *rest = value.decode().split(" ")
        group, reader, flags = [*(part if part != "-" else "" for part in rest), "", "", ""][:3]
        if (audience == "reader") != bool(reader) or flags not in ("", "clock"):
            return None
        return _Marker(
            kind=kind,
            scope=int(scope),
            version=int(version),
            seconds=int(seconds),
            anyone=audience == "anyone",
            group=group,
            reader=reader,
            clock=flags == "clock",
        )
    except ValueError:
        return None


def _request_id(headers: dict[bytes, bytes], scope: dict[str, Any]) -> str:
    given = headers.get(b"x-request-id", b"").decode("latin-1")
    client = scope.get("client") or ("", 0)
    well_formed = 8 <= len(given) <= 64 and all(c.isalnum() or c in "._-" for c in given)
    if well_formed and _trusted(client[0] or ""):
        return given
    return uuid.uuid4().hex


def _matches(if_none_match: bytes, etag: bytes) -> bool:
    if if_none_match.strip() == b"*":
        return True
    weak = etag.removeprefix(b"W/")
    return any(tag.strip().removeprefix(b"W/") == weak for tag in if_none_match.split(b","))


class KeptAnswers:
    """ASGI middleware around Django's HTTP application (see the module's description)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        servable = scope["method"] == "GET" and b"authorization" not in headers and _seconds() > 0
        if not servable:
            await self.app(scope, receive, _stripping(send))
            return
        started = time.perf_counter()
        loop = asyncio.get_running_loop()
        cookies = _cookies(scope)
        key = _key(scope, headers, cookies)
        if not cookies:
            kept = await loop.run_in_executor(_EXECUTOR, _lookup, key)
            if kept is not None:
                await self._answer(kept, scope, headers, send, started)
                return
            await self.app(scope, receive, _recording(send, key, loop, reader=False))
            return
        # A reader with cookies gets what is the same for anyone, looked up only where such
        # an answer was kept here (the others would cost a lookup for nothing)...
        if key in _FOR_ANYONE:
            kept = await loop.run_in_executor(_EXECUTOR, _lookup, key)
            if kept is not None and kept.marker.anyone:
                await self._answer(kept, scope, headers, send, started)
                return
        # ... or, signed in with no cookie but the session's, the CSRF secret and the
        # language, what was kept for that session.
        reader = _reader_cookies(cookies)
        if reader is None:
            await self.app(scope, receive, _stripping(send))
            return
        key = _key(scope, headers, cookies, reader)
        found = await loop.run_in_executor(
            _EXECUTOR, _lookup_for_reader, key, reader[0].decode("latin-1")
        )
        if found is not None:
            kept, user = found
            await self._answer(kept, scope, headers, send, started, user=user)
            return
        await self.app(scope, receive, _recording(send, key, loop, reader=True))

    async def _answer(
        self,
        kept: Kept,
        scope: dict[str, Any],
        headers: dict[bytes, bytes],
        send: Any,
        started: float,
        user: Any = None,
    ) -> None:
        request_id = _request_id(headers, scope)
        status, answer, body = 200, kept.headers, kept.body
        if kept.marker.clock:
            body += b',"server_time":%d}' % int(time.time() * 1000)
            answer = [*answer, (b"content-length", str(len(body)).encode())]
        etag = next((v for n, v in answer if n == b"etag"), None)
        if_none_match = headers.get(b"if-none-match")
        if etag is not None and if_none_match is not None and _matches(if_none_match, etag):
            status, body = 304, b""
            answer = [(n, v) for n, v in answer if n in _NOT_MODIFIED]
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [*answer, (b"x-request-id", request_id.encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})
        logger.info(
            "request",
            extra={
                "method": scope["method"],
                "path": scope["path"],
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user": user,
                "group": kept.marker.group or None,
                "request_id": request_id,
                "kept": True,
            },
        )


def _without_marker(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    return [h for h in headers if h[0].lower() != _KEEP]


def _stripping(send: Any) -> Any:
    """``send`` without the keep marker (an answer to a request this layer does not serve)."""

    async def strip(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": _without_marker(message["headers"])}
        await send(message)

    return strip


def _recording(send: Any, key: str, loop: asyncio.AbstractEventLoop, *, reader: bool) -> Any:
    """``send`` that keeps a marked 200 answer under ``key`` once its last part is sent: for a
    request without cookies (``reader`` False) an answer marked for such readers or for anyone,
    for a signed-in reader's request an answer marked for that reader."""
    state: dict[str, Any] = {}
    vary_kept = _VARY_KEPT_READER if reader else _VARY_KEPT

    async def record(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            # Django sends header names as written ("X-Amity-Keep"): compared in lower case.
            answer = [(n.lower(), v) for n, v in message["headers"]]
            value = next((v for n, v in answer if n == _KEEP), None)
            if value is not None:
                answer = [h for h in answer if h[0] != _KEEP]
                message = {**message, "headers": answer}
                marker = _marker(value)
                sets_cookie = any(n == b"set-cookie" for n, _v in answer)
                varies = {
                    name.strip().lower()
                    for n, v in answer
                    if n == b"vary"
                    for name in v.split(b",")
                }
                if (
                    marker is not None
                    and bool(marker.reader) == reader
                    and marker.seconds > 0
                    and message["status"] == 200
                    and not sets_cookie
                    and varies <= vary_kept
                ):
                    per_answer = _PER_ANSWER | ({b"content-length"} if marker.clock else set())
                    stored = [(n, v) for n, v in answer if n not in per_answer]
                    state.update(marker=marker, headers=stored, body=[])
        elif message["type"] == "http.response.body" and "marker" in state:
            state["body"].append(message.get("body", b""))
            if not message.get("more_body", False):
                marker = state.pop("marker")
                body = b"".join(state["body"])
                if marker.clock:
                    # Kept without the clock of this answer (or not at all if it has none).
                    clock = _CLOCK.search(body)
                    if clock is None:
                        await send(message)
                        return
                    body = body[: clock.start()]
                kept = Kept(marker=marker, headers=state["headers"], body=body)
                loop.run_in_executor(_EXECUTOR, _store, key, kept, marker.seconds)
                if marker.anyone:
                    if len(_FOR_ANYONE) >= _FOR_ANYONE_MAX:
                        _FOR_ANYONE.clear()
                    _FOR_ANYONE.add(key)
        await send(message)

    return record
