"""Bounded database connections under ASGI (issue 11, item 1): a real uvicorn process on
PostgreSQL answers 50 concurrent requests with at most AMITY_DB_POOL_MAX connections open
(pg_stat_activity, sampled throughout) and no 5xx."""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from amity.core.tests.processes import environment, free_port, uvicorn_server

pytestmark = pytest.mark.skipif(
    settings.EMBEDDED, reason="PostgreSQL only: the pool bounds PostgreSQL connections"
)

BOUND = 3
APP_NAME = "amity-pool-test"


def _connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            " AND application_name = %s",
            [APP_NAME],
        )
        return int(cursor.fetchone()[0])


def test_fifty_concurrent_requests_hold_at_most_the_configured_connections(
    transactional_db, group, coordinator, tmp_path: Path
) -> None:
    from amity.accounts.services import api_token_create

    token = api_token_create(user=coordinator, name="pool")[1]
    port = free_port()
    env = environment(tmp_path, AMITY_DB_POOL_MAX=str(BOUND), PGAPPNAME=APP_NAME)
    env.pop("REDIS_URL", None)
    web = uvicorn_server(port, env, tmp_path / "web.log")
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            while not done.is_set():
                peak = max(peak, _connections())
                time.sleep(0.02)
        finally:
            connection.close()  # this thread's own, back to the test's pool

    def get(index: int) -> int:
        url = f"http://127.0.0.1:{port}/en/groups/{group.slug}/"
        headers = {}
        if index % 2:
            url = f"http://127.0.0.1:{port}/api/v1/groups/{group.slug}/meetings"
            headers = {"Authorization": f"Bearer {token}"}
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
                return int(response.status)
        except urllib.error.HTTPError as error:
            return int(error.code)

    sampler = threading.Thread(target=sample)
    try:
        sampler.start()
        with ThreadPoolExecutor(50) as pool:
            statuses = list(pool.map(get, range(50)))
        done.set()
        sampler.join()
        assert [s for s in statuses if s >= 500] == [], statuses
        assert all(s < 400 for s in statuses), statuses
        print(f"\npeak PostgreSQL connections: {peak} (bound {BOUND})")
        assert 0 < peak <= BOUND, peak
        assert _connections() <= BOUND
    finally:
        done.set()
        web.stop()
