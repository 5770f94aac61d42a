"""A bound on every HTTP request body, applied at the ASGI door before Django reads it.

Django reads the whole body of an ASGI request (into a spooled temporary file) before any
middleware or view runs, so a size checked by a form comes after the bytes were received.
``BodyLimit`` refuses a request whose ``Content-Length`` announces more than
``AMITY_REQUEST_MAX_MB`` at once (413), cuts off a body that grows past it without saying so,
and one that takes longer than ``AMITY_REQUEST_BODY_SECONDS`` to arrive (408) — a sender of a
few bytes a minute holds no connection for ever. The default (300 s) lets the largest request
arrive over a slow mission line (30 MB at 1 Mbit/s takes about 250 s). The answer is plain
English text with the figures: it is given before Django, so before the page's language is
known.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from django.conf import settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[..., Awaitable[None]]

MB = 1024 * 1024


def max_bytes() -> int:
    return int(float(getattr(settings, "AMITY_REQUEST_MAX_MB", 30)) * MB)


def max_seconds() -> float:
    return float(getattr(settings, "AMITY_REQUEST_BODY_SECONDS", 300))


async def _refuse(send: Send, status: int, text: str) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _too_large() -> str:
    return (
        f"The request is larger than {max_bytes() // MB} MB, the most this site accepts; "
        "send a smaller file."
    )


def _too_slow() -> str:
    return (
        f"The request took longer than {max_seconds():g} seconds to arrive and was stopped; "
        "try again on a better connection."
    )


class BodyLimit:
    clock = staticmethod(time.monotonic)

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = max_bytes()
        for name, value in scope.get("headers", []):
            if name.lower() == b"content-length":
                try:
                    announced = int(value)
                except ValueError:
                    announced = -1
                if announced < 0 or announced > limit:
                    await _refuse(send, 413, _too_large())
                    return
        started = self.clock()
        received = 0
        refused: list[tuple[int, str]] = []
        response_started = False
        body_done = False

        async def bounded_receive() -> Message:
            nonlocal received, body_done
            if refused:
                return {"type": "http.disconnect"}
            if body_done:
                return await receive()  # after the body: Django listens for a disconnect
            remaining = max_seconds() - (self.clock() - started)
            try:
                message = await asyncio.wait_for(receive(), timeout=max(remaining, 0.001))
            except TimeoutError:
                refused.append((408, _too_slow()))
                return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                if not message.get("more_body", False):
                    body_done = True
                received += len(message.get("body", b""))
                if received > limit:
                    refused.append((413, _too_large()))
                elif self.clock() - started > max_seconds():
                    refused.append((408, _too_slow()))
                if refused:
                    # Django treats a disconnect as an aborted request and answers nothing.
                    return {"type": "http.disconnect"}
            return message

        async def watched_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        await self.app(scope, bounded_receive, watched_send)
        if refused and not response_started:
            await _refuse(send, *refused[0])
