"""Fixtures shared by every app's tests: states, a group with its people, signed-in clients,
and, for the browser tests, a live ASGI server and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import datetime
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from amity.core.actors import SYSTEM

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"


@pytest.fixture(autouse=True)
def _states(request: pytest.FixtureRequest) -> None:
    """The states are loaded by a migration; a transactional test's flush removes them, so put
    them back for any test that uses the database."""
    if not any(name in request.fixturenames for name in ("db", "transactional_db", "live_url")):
        return
    request.getfixturevalue("transactional_db" if "live_url" in request.fixturenames else "db")
    from amity.members.models import State
    from amity.members.reference import states_sync

    if not State.objects.exists():
        states_sync()


@pytest.fixture(autouse=True, scope="session")
def _tasks_run_inline() -> None:
    """Tests run background tasks in-process even in scale mode; a separate test drives a real
    Celery worker where that is what is being tested."""
    from amity.celery_app import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


@pytest.fixture(autouse=True)
def _clear_cache() -> None:
    """Login throttling counts live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """A request activates the language of its URL for the rest of the thread: each test starts
    in the default language, whatever the test before it asked for last."""
    from django.utils import translation

    translation.deactivate()


def state(code: str) -> Any:
    from amity.members.models import State

    return State.objects.get(iso3=code)


@pytest.fixture
def make_user(db: None) -> Any:
    from amity.accounts.services import user_create
    from amity.members.services import group_role_assign

    def make(
        username: str,
        *,
        group: Any = None,
        role: str | None = None,
        state_code: str | None = None,
        password: str = "a-long-test-password",
    ) -> Any:
        user = user_create(username=username, password=password, email=f"{username}@example.org")
        if group is not None and role is not None:
            group_role_assign(
                actor=SYSTEM,
                user=user,
                group=group,
                role=role,
                state=state(state_code) if state_code else None,
            )
        return user

    return make


@pytest.fixture
def group(db: None) -> Any:
    """A group founded on 27 August 2020 with Turkmenistan and Kazakhstan as members."""
    from amity.members import services

    g = services.group_create(
        actor=SYSTEM,
        slug="neutrality",
        names={
            "en": "Group of Friends of Neutrality",
            "ar": "مجموعة أصدقاء الحياد",
            "zh": "中立之友小组",
            "fr": "Groupe des Amis de la neutralité",
            "ru": "Группа друзей нейтралитета",
            "es": "Grupo de Amigos de la Neutralidad",
        },
        cause={"en": "Neutrality for peace."},
        founded_on=datetime.date(2020, 8, 27),
        initiated_by=state("TKM"),
    )
    services.membership_add(
        actor=SYSTEM, group=g, state=state("TKM"), joined_on=datetime.date(2020, 8, 27)
    )
    services.membership_add(
        actor=SYSTEM, group=g, state=state("KAZ"), joined_on=datetime.date(2020, 9, 1)
    )
    return g


@pytest.fixture
def coordinator(group: Any, make_user: Any) -> Any:
    return make_user("coord", group=group, role="coordinator", state_code="TKM")


@pytest.fixture
def focal_point(group: Any, make_user: Any) -> Any:
    return make_user("kaz", group=group, role="focal_point", state_code="KAZ")


@pytest.fixture
def observer(group: Any, make_user: Any) -> Any:
    return make_user("obs", group=group, role="observer")


@pytest.fixture
def outsider(make_user: Any) -> Any:
    return make_user("outsider")


def _client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def coordinator_client(coordinator: Any) -> Client:
    return _client_for(coordinator)


@pytest.fixture
def focal_client(focal_point: Any) -> Client:
    return _client_for(focal_point)


@pytest.fixture
def observer_client(observer: Any) -> Client:
    return _client_for(observer)


# --- Browser tests -------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_url(transactional_db: None) -> Iterator[str]:
    """A real ASGI server (uvicorn, HTTP and WebSocket) on 127.0.0.1, in a thread of this
    process, on the test database."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(
        "amity.asgi:application",
        host="127.0.0.1",
        port=port,
        log_level="warning",
        ws="websockets-sansio",
        ws_per_message_deflate=False,
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the live server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    _close_server_connections()


def _close_server_connections() -> None:
    """The server's worker threads keep database connections that only they can close; on
    PostgreSQL end them, so the test database can be flushed and dropped."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright. Never downloads a browser. Skips when Chromium
    is missing, unless AMITY_REQUIRE_BROWSER is set (CI), where that is a failure."""
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing: run `make system-deps` (as root) to install it"
        if os.environ.get("AMITY_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are safe (one thread, no concurrency), so allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def login(page: Any, base_url: str, username: str, password: str = "a-long-test-password") -> None:
    """Sign in through the real form."""
    page.goto(f"{base_url}/en/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
