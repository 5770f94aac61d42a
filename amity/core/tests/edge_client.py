"""Asking the real ASGI application, kept answers (``core.edge``) included, from tests: the
application, one request's answer, how many answers the edge gave, a signed-in browser's
cookies."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from asgiref.testing import ApplicationCommunicator
from django.conf import settings
from django.core.asgi import get_asgi_application
from django.core.cache import cache
from django.db import connections

from amity.core import edge
from amity.core.body_limit import BodyLimit
from amity.core.edge import KeptAnswers

Answer = tuple[int, dict[bytes, bytes], bytes]


def kept_answers_app() -> Iterator[Any]:
    """For a fixture: the application as ``amity.asgi`` builds it, with an empty cache; the
    edge's thread's connection is given back afterwards (so that the test database can be
    dropped)."""
    cache.clear()
    yield KeptAnswers(BodyLimit(get_asgi_application()))
    edge._EXECUTOR.submit(connections.close_all).result()


def ask(app: Any, url: str, *headers: tuple[bytes, bytes], method: str = "GET") -> Answer:
    path, _, query = url.partition("?")

    async def go() -> Answer:
        scope = {
            "type": "http",
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query.encode(),
            "headers": [(b"host", b"testserver"), *headers],
            "client": ("127.0.0.1", 50000),
            "server": ("testserver", 80),
            "root_path": "",
        }
        communicator = ApplicationCommunicator(app, scope)
        await communicator.send_input({"type": "http.request", "body": b""})
        start = await communicator.receive_output(20)
        body = b""
        while True:
            message = await communicator.receive_output(20)
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        # Let the application finish: Django closes the response then, which gives the
        # request's database connection back (to PostgreSQL's pool).
        await communicator.wait(20)
        return start["status"], {k.lower(): v for k, v in start["headers"]}, body

    # A loop of its own in a thread of its own: Playwright's sync API (the browser tests of
    # the same session) leaves a running loop in the main thread.
    with ThreadPoolExecutor(max_workers=1) as thread:
        answer = thread.submit(asyncio.run, go()).result()
    # What the edge keeps, it keeps from its own thread once the answer is sent: wait for it.
    edge._EXECUTOR.submit(lambda: None).result()
    return answer


def kept_answers(caplog: pytest.LogCaptureFixture) -> int:
    return sum(1 for r in caplog.records if getattr(r, "kept", False))


def signed_in(user: Any, *extra: bytes) -> tuple[bytes, bytes]:
    """The cookies of a browser signed in as ``user``: its session and a CSRF secret."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookies = [f"{settings.SESSION_COOKIE_NAME}={session}".encode(), b"csrftoken=" + b"s" * 32]
    return b"cookie", b"; ".join([*cookies, *extra])


def until_kept(app: Any, url: str, caplog: pytest.LogCaptureFixture, *headers: Any) -> bytes:
    """Ask until the edge answers (the first answers of a new session may set a cookie: the
    second factor checked once is written to the session)."""
    before = kept_answers(caplog)
    for _ in range(4):
        status, answer_headers, body = ask(app, url, *headers)
        assert status == 200
        assert b"x-amity-keep" not in answer_headers
        if kept_answers(caplog) > before:
            return body
    raise AssertionError(f"{url} was never answered by the edge")
