"""Kept answers served before Django: the public pages and feeds an anonymous reader asks for,
answered from the cache at the edge of the ASGI application (issue 17).

What a page costs under ASGI is mostly not the page: Django runs each request's middleware in a
thread of its own, hands the view to another, and opens a database connection for that thread.
A page already kept by ``core.cache`` (``cache_public_page``, ``cached_feed``) still paid all of
that to be read from the cache. Here, a request that

- is a ``GET`` with **no cookie and no ``Authorization``** (so no session, no message, no CSRF
  secret, no time-zone choice: nothing of the reader's own) — or with cookies, for an answer
  marked as the same for anyone (a public feed) — and
- matches an answer kept under its key — scheme, ``Host``, the forwarded host and scheme, path,
  query string, ``Accept-Language``, ``Accept-Encoding`` and the language cookie: everything
  such a request's answer may depend on (an answer that varies on another header is not
  kept) —

is answered from that kept answer once its **content version** is checked: the scope the page
shows (a group, or the whole site) must still be at the version the answer was rendered under.
The check is one indexed query, run with the cache lookup in one thread kept for that
(``_EXECUTOR``), so a write committed anywhere makes the answer stale at once on every node, as
for the pages kept inside Django.

Which answers are kept is decided inside Django, by the code that already knows: a view under
``cache_public_page`` or a feed through ``cached_feed`` marks a keepable answer with the
``X-Amity-Keep`` header (content version's name, scope, version, for how long, the group for
the log line).
This layer removes the header from every answer, and keeps a marked ``200`` answered to a
request it could have served, for the seconds the marker gives (at most
``AMITY_PUBLIC_PAGE_SECONDS``; 0: off).

A kept answer is served with a new request id and logged as Django's requests are
(``core.observability``: one JSON line, ``kept: true``). ``If-None-Match`` is answered ``304``
when the kept ETag matches. Anything else (``HEAD``, a signed-in reader, a form) goes to Django.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from amity.core.audit import _trusted
from amity.core.registry import content_versions

logger = logging.getLogger("amity.request")

KEEP_HEADER = "X-Amity-Keep"
_KEEP = KEEP_HEADER.lower().encode()
_KEY = "edge:{digest}"
# The request headers an anonymous answer may depend on (with the scheme, path and query).
_VARYING = (
    b"host",
    b"x-forwarded-host",
    b"x-forwarded-proto",
    b"accept-language",
    b"accept-encoding",
)
# An answer that varies on another request header is not kept.
_VARY_KEPT = {b"cookie", *_VARYING}
# Not kept: set per answer.
_PER_ANSWER = {b"x-request-id", b"date", b"server", _KEEP}
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
class Kept:
    kind: str
    scope: int
    version: int
    group: str
    # The same for whoever asks (a public feed): served to readers with cookies too.
    anyone: bool
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes


def keep_marker(
    *, kind: str, scope: int, version: int, seconds: int, group: str = "", anyone: bool = False
) -> str:
    """The value of ``X-Amity-Keep`` for an answer that may be kept for ``seconds`` under the
    content version ``kind`` (a name in ``core.registry.content_versions``) of ``scope``, read
    as ``version`` before the answer was rendered; ``anyone``: the answer is the same whoever
    asks, signed in or not (a public feed), so it is served to readers with cookies too."""
    audience = "anyone" if anyone else "public"
    return f"{kind} {scope} {version} {seconds} {audience} {group}".strip()


def _seconds() -> int:
    return int(getattr(settings, "AMITY_PUBLIC_PAGE_SECONDS", 60))


def _language_cookie(headers: dict[bytes, bytes]) -> bytes:
    """The language the reader chose by cookie (Django's locale middleware reads it before
    ``Accept-Language``), if any."""
    name = settings.LANGUAGE_COOKIE_NAME.encode() + b"="
    for part in headers.get(b"cookie", b"").split(b";"):
        if part.strip().startswith(name):
            return part.strip()[len(name) :]
    return b""


def _key(scope: dict[str, Any], headers: dict[bytes, bytes]) -> str:
    parts = [
        scope.get("scheme", "http").encode(),
        scope.get("raw_path") or scope["path"].encode(),
        scope.get("query_string", b""),
        *(headers.get(name, b"") for name in _VARYING),
        _language_cookie(headers),
    ]
    return _KEY.format(digest=hashlib.sha256(b"\x1f".join(parts)).hexdigest()[:40])


def _current(kind: str, scope: int) -> int | None:
    version = content_versions.get(kind)
    return None if version is None else version(scope)


def _lookup(key: str) -> Kept | None:
    """In ``_EXECUTOR``'s thread: the kept answer under ``key`` if its content is current."""
    try:
        kept = cache.get(key)
        if not isinstance(kept, Kept):
            return None
        return kept if _current(kept.kind, kept.scope) == kept.version else None
    except Exception:
        # A database or cache that fails: Django answers (and says what failed).
        logger.warning("edge lookup failed", exc_info=True)
        connection.close()
        return None


def _store(key: str, kept: Kept, seconds: int) -> None:
    try:
        cache.set(key, kept, min(seconds, _seconds()))
    except Exception:
        logger.warning("edge store failed", exc_info=True)


def _marker(value: bytes) -> tuple[str, int, int, int, bool, str] | None:
    try:
        kind, scope, version, seconds, audience, *group = value.decode().split(" ")
        anyone = audience == "anyone"
        return kind, int(scope), int(version), int(seconds), anyone, (group[0] if group else "")
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
        key = _key(scope, headers)
        # A reader with cookies (a session, messages, a CSRF secret) gets only what is the
        # same for anyone, and is looked up only where such an answer was kept here; only
        # what a reader without cookies was answered is kept.
        with_cookies = b"cookie" in headers
        if with_cookies and key not in _FOR_ANYONE:
            await self.app(scope, receive, _stripping(send))
            return
        loop = asyncio.get_running_loop()
        kept = await loop.run_in_executor(_EXECUTOR, _lookup, key)
        if kept is not None and (kept.anyone or not with_cookies):
            await self._answer(kept, scope, headers, send, started)
            return
        if with_cookies:
            await self.app(scope, receive, _stripping(send))
            return
        await self.app(scope, receive, _recording(send, key, loop))

    async def _answer(
        self,
        kept: Kept,
        scope: dict[str, Any],
        headers: dict[bytes, bytes],
        send: Any,
        started: float,
    ) -> None:
        request_id = _request_id(headers, scope)
        status, answer, body = kept.status, kept.headers, kept.body
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
                "user": None,
                "group": kept.group or None,
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


def _recording(send: Any, key: str, loop: asyncio.AbstractEventLoop) -> Any:
    """``send`` that keeps a marked 200 answer under ``key`` once its last part is sent."""
    state: dict[str, Any] = {}

    async def record(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            # Django sends header names as written ("X-Amity-Keep"): compared in lower case.
            answer = [(n.lower(), v) for n, v in message["headers"]]
            marker = next((v for n, v in answer if n == _KEEP), None)
            if marker is not None:
                answer = [h for h in answer if h[0] != _KEEP]
                message = {**message, "headers": answer}
                parsed = _marker(marker)
                sets_cookie = any(n == b"set-cookie" for n, _v in answer)
                varies = {
                    name.strip().lower()
                    for n, v in answer
                    if n == b"vary"
                    for name in v.split(b",")
                }
                if (
                    parsed is not None
                    and message["status"] == 200
                    and not sets_cookie
                    and varies <= _VARY_KEPT
                ):
                    stored = [(n, v) for n, v in answer if n not in _PER_ANSWER]
                    state.update(marker=parsed, status=200, headers=stored, body=[])
        elif message["type"] == "http.response.body" and "marker" in state:
            state["body"].append(message.get("body", b""))
            if not message.get("more_body", False):
                kind, scope, version, seconds, anyone, group = state.pop("marker")
                kept = Kept(
                    kind=kind,
                    scope=scope,
                    version=version,
                    group=group,
                    anyone=anyone,
                    status=state["status"],
                    headers=state["headers"],
                    body=b"".join(state["body"]),
                )
                if seconds > 0:
                    loop.run_in_executor(_EXECUTOR, _store, key, kept, seconds)
                    if anyone:
                        if len(_FOR_ANYONE) >= _FOR_ANYONE_MAX:
                            _FOR_ANYONE.clear()
                        _FOR_ANYONE.add(key)
        await send(message)

    return record
