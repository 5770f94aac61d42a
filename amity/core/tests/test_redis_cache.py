"""The Redis cache of scale mode, with Redis away: reads miss, writes are skipped, nothing
raises (amity.core.redis_cache); with Redis back it works again. A Redis of the test's own."""

from __future__ import annotations

import logging
from pathlib import Path

from amity.core.redis_cache import TolerantRedisCache
from amity.core.tests.processes import free_port, redis_server


def _cache(port: int) -> TolerantRedisCache:
    return TolerantRedisCache(
        f"redis://127.0.0.1:{port}/0",
        {"KEY_PREFIX": "t", "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}},
    )


def test_redis_away_reads_miss_and_writes_are_skipped(tmp_path: Path, caplog, monkeypatch) -> None:
    from amity.core import redis_cache

    monkeypatch.setattr(redis_cache, "_warned", -1e9)  # no warning given yet in this process
    port = free_port()
    cache = _cache(port)
    with caplog.at_level(logging.WARNING, logger="amity.core.redis_cache"):
        assert cache.get("page", "missing") == "missing"
        cache.set("page", "text", 60)
        assert cache.add("failures", 1, 60) is True
        assert cache.incr("failures") == 1
        assert cache.get_many(["a", "b"]) == {}
        assert cache.delete("page") is False
        assert cache.has_key("page") is False
    assert "cache unavailable" in caplog.text

    redis = redis_server(port, tmp_path / "redis.log")
    try:
        cache.set("page", "text", 60)
        assert cache.get("page") == "text"
        redis.kill()
        assert cache.get("page") is None
    finally:
        redis.stop()
