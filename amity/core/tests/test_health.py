"""/healthz (liveness) and /readyz (readiness, each check with its state, 503 when one fails),
issue 11 item 7. The scale-mode test runs a Redis of its own, a Celery worker with beat and a
uvicorn node, and kills them one by one."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.db.migrations.executor import MigrationExecutor

from amity.core.tests.processes import (
    celery_worker,
    environment,
    free_port,
    redis_server,
    uvicorn_server,
    wait_for,
)


def test_healthz_asks_no_dependency(client):
    # No database fixture: a query would raise "Database access not allowed".
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_lists_each_check_and_answers_200_when_all_pass(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get("/readyz")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "ready"
    assert body["checks"] == {"database": {"ok": True}, "migrations": {"ok": True}}
    assert response["Cache-Control"] == "no-store"


def test_readyz_answers_503_when_a_migration_is_not_applied(client, db, settings, monkeypatch):
    from amity.core import health

    settings.REDIS_URL = ""
    monkeypatch.setattr(health, "_migrations_applied", False)
    real_plan = MigrationExecutor.migration_plan

    def one_left(self: Any, targets: Any, clean_start: bool = False) -> Any:
        graph = self.loader.graph
        return [(graph.nodes[("core", "0001_initial")], False), *real_plan(self, targets)]

    monkeypatch.setattr(MigrationExecutor, "migration_plan", one_left)
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["checks"]["database"] == {"ok": True}
    assert body["checks"]["migrations"] == {"ok": False, "detail": "1 to apply: core.0001_initial"}


def test_readyz_answers_503_when_the_database_fails(client, db, settings, monkeypatch):
    from amity.core import health

    settings.REDIS_URL = ""

    def broken() -> Any:
        raise health.connections["default"].Database.OperationalError("connection refused")  # type: ignore[attr-defined]

    monkeypatch.setattr(health, "_check_database", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["database"]["ok"] is False
    assert "connection refused" in checks["database"]["detail"]
    assert checks["migrations"] == {"ok": False, "detail": "database unavailable"}


def _readyz(port: int) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_readyz_in_scale_mode_follows_redis_and_the_worker_and_beat_heartbeats(
    transactional_db, tmp_path: Path
):
    redis_port, web_port = free_port(), free_port()
    env = environment(
        tmp_path,
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        AMITY_CACHE_PREFIX=f"amity-health-{redis_port}",
        AMITY_HEARTBEAT_SECONDS="1",
    )
    logs = [tmp_path / "redis.log", tmp_path / "worker.log", tmp_path / "web.log"]
    started = []
    try:
        redis = redis_server(redis_port, logs[0])
        started.append(redis)
        web = uvicorn_server(web_port, env, logs[2])
        started.append(web)
        status, body = _readyz(web_port)
        assert status == 503, body  # no worker, no beat yet
        assert body["checks"]["redis"] == {"ok": True}
        assert body["checks"]["worker"] == {"ok": False, "detail": "no heartbeat"}
        assert body["checks"]["beat"] == {"ok": False, "detail": "no heartbeat"}

        beat = ("-B", "--schedule", str(tmp_path / "beat-schedule"))
        worker = celery_worker(env, logs[1], *beat, one_core=True)
        started.append(worker)
        status, body = wait_for(
            lambda: (lambda r: r if r[0] == 200 else None)(_readyz(web_port)),
            "readyz did not become ready with a worker and beat",
            30,
            logs,
        )
        assert body["status"] == "ready"
        assert set(body["checks"]) == {"database", "migrations", "redis", "worker", "beat"}
        assert body["checks"]["worker"]["pid"] == worker.pid

        worker.kill()  # and beat with it

        def both_stale() -> Any:
            status, body = _readyz(web_port)
            checks = body["checks"]
            return (status, body) if not (checks["worker"]["ok"] or checks["beat"]["ok"]) else None

        status, body = wait_for(
            both_stale,
            "readyz did not notice the worker's and beat's death",
            15,
            logs,
        )
        assert status == 503
        assert body["checks"]["worker"]["detail"] == "heartbeat too old"
        assert body["checks"]["beat"]["detail"] == "heartbeat too old"
        assert body["checks"]["redis"] == {"ok": True}

        redis.kill()
        started.remove(redis)
        time.sleep(0.2)
        status, body = _readyz(web_port)
        assert status == 503
        assert body["checks"]["redis"]["ok"] is False
        assert body["checks"]["worker"] == {"ok": False, "detail": "Redis unavailable"}
        assert body["checks"]["database"] == {"ok": True}
    finally:
        for process in reversed(started):
            process.stop()


@pytest.fixture
def client():
    from django.test import Client

    return Client()


def test_an_unexpected_api_error_answers_json_not_html(db, group, coordinator, monkeypatch):
    from django.test import Client

    from amity.accounts.services import api_token_create
    from amity.meetings import selectors

    token = api_token_create(user=coordinator, name="t")[1]

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(selectors, "visible_meetings", broken)
    response = Client(raise_request_exception=False).get(
        f"/api/v1/groups/{group.slug}/meetings",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"] == "Internal error: the request failed; try again later."
    assert response.json()["code"] == "error"


def test_a_500_outside_the_api_handlers_is_json_under_api_only(rf):
    from amity.core.views import error_500

    api_answer = error_500(rf.get("/api/v1/anything"))
    assert api_answer.status_code == 500
    assert api_answer["Content-Type"] == "application/json"
    page = error_500(rf.get("/en/groups/"))
    assert page.status_code == 500
    assert not page["Content-Type"].startswith("application/json")
