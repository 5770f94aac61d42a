"""Readiness checks for ``/readyz`` and the heartbeats of the Celery worker and beat.

``/healthz`` says only that the process answers (liveness: no dependency is asked, so a
load balancer or an orchestrator does not restart a node because the database is away).
``/readyz`` asks each dependency the node needs to serve, and answers 503 when one fails:

- ``database``: a ``SELECT 1`` on the default connection;
- ``migrations``: no migration left to apply (the code is not ahead of the schema);
- ``redis`` (scale mode, ``REDIS_URL`` set): a ``PING``;
- ``worker`` and ``beat`` (scale mode with Celery): their heartbeat is younger than
  ``3 × AMITY_HEARTBEAT_SECONDS``. A worker writes its heartbeat from a thread every
  ``AMITY_HEARTBEAT_SECONDS``; beat writes its own from its scheduler's loop (so a beat whose
  loop is stuck stops beating). Both are keys in Redis (the cache), holding the time and the
  host and process that wrote them.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "amity-heartbeat:{role}"
ROLES = ("worker", "beat")
_migrations_applied = False


def heartbeat_seconds() -> float:
    return float(getattr(settings, "AMITY_HEARTBEAT_SECONDS", 15))


def beat(role: str) -> None:
    """Note that ``role`` (worker or beat) of this process is alive now. Never raises: a
    heartbeat that cannot be written (Redis away) is simply missing."""
    value = {"at": time.time(), "host": socket.gethostname(), "pid": os.getpid()}
    try:
        cache.set(HEARTBEAT_KEY.format(role=role), value, timeout=int(heartbeat_seconds() * 10))
    except Exception as error:  # Redis away: readiness shows it
        logger.warning("heartbeat of %s not written: %s", role, error)


def start_heartbeat(role: str) -> threading.Event:
    """Beat for ``role`` every ``AMITY_HEARTBEAT_SECONDS`` from a daemon thread; set the
    returned event to stop."""
    stop = threading.Event()

    def run() -> None:
        while True:
            beat(role)
            if stop.wait(heartbeat_seconds()):
                return

    threading.Thread(target=run, name=f"amity-heartbeat-{role}", daemon=True).start()
    return stop


def _check_database() -> dict[str, Any]:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def _check_migrations() -> dict[str, Any]:
    global _migrations_applied
    if _migrations_applied:  # once applied, the schema does not go back while we run
        return {"ok": True}
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        names = [f"{m.app_label}.{m.name}" for m, _backwards in plan]
        return {"ok": False, "detail": f"{len(plan)} to apply: {', '.join(names[:5])}"}
    _migrations_applied = True
    return {"ok": True}


def _check_redis() -> dict[str, Any]:
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    try:
        client.ping()
    finally:
        client.close()
    return {"ok": True}


def _check_heartbeat(role: str) -> dict[str, Any]:
    kept = cache.get(HEARTBEAT_KEY.format(role=role))
    if not kept:
        return {"ok": False, "detail": "no heartbeat"}
    age = time.time() - float(kept["at"])
    result: dict[str, Any] = {"ok": age <= 3 * heartbeat_seconds(), "age_seconds": round(age, 1)}
    result["host"], result["pid"] = kept.get("host"), kept.get("pid")
    if not result["ok"]:
        result["detail"] = "heartbeat too old"
    return result


def readiness() -> tuple[bool, dict[str, dict[str, Any]]]:
    """Each check with its state (``ok`` and, when not, ``detail``); whether all passed."""
    from amity.core.outbox import celery_enabled

    checks: dict[str, Any] = {"database": _check_database, "migrations": _check_migrations}
    if settings.REDIS_URL:
        checks["redis"] = _check_redis
    if celery_enabled():
        for role in ROLES:
            checks[role] = lambda role=role: _check_heartbeat(role)
    results: dict[str, dict[str, Any]] = {}
    for name, check in checks.items():
        if name in ("worker", "beat") and not results.get("redis", {}).get("ok"):
            results[name] = {"ok": False, "detail": "Redis unavailable"}
            continue
        if name == "migrations" and not results["database"]["ok"]:
            results[name] = {"ok": False, "detail": "database unavailable"}
            continue
        try:
            results[name] = check()
        except Exception as error:
            results[name] = {"ok": False, "detail": f"{type(error).__name__}: {error}"}
    if not results["database"]["ok"]:
        connections[DEFAULT_DB_ALIAS].close()  # the next check opens a fresh one
    return all(r["ok"] for r in results.values()), results
