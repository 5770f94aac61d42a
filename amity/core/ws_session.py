"""Who is signed in, for WebSocket connections: the session read from its cookie, nothing
written back.

Channels' ``SessionMiddleware`` wraps ``send`` so as to save a modified session with an HTTP
response; on a WebSocket it never saves anything, yet runs on every message sent, and in a live
fan-out to a thousand sockets that wrapper took about a seventh of the event loop's time
(py-spy on ``bench/live_fanout.py``). The live sockets read the session once, at connect, to
know the user, and never change it; so this middleware puts the session (loaded lazily, on
first access) into the scope and leaves ``send`` alone. Channels' ``AuthMiddleware`` inside it
resolves the user as usual.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from channels.auth import AuthMiddleware
from channels.sessions import CookieMiddleware
from django.conf import settings


class SessionReader:
    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        store = import_module(settings.SESSION_ENGINE).SessionStore
        key = scope["cookies"].get(settings.SESSION_COOKIE_NAME)
        return await self.inner({**scope, "session": store(key)}, receive, send)


def websocket_auth(inner: Any) -> Any:
    """Channels' ``AuthMiddlewareStack`` with the session read only."""
    return CookieMiddleware(SessionReader(AuthMiddleware(inner)))
