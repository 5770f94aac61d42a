"""Django's Redis cache, tolerant of Redis being away (scale mode).

Everything Amity keeps in the cache can be computed again — public pages, collation keys,
download archives, login-failure counts, heartbeats — so a Redis outage must make pages slower,
not fail them: a read that cannot reach Redis answers "not cached", a write is skipped, and one
warning a minute says so in the log. When Redis is back the next call reaches it (redis-py
reconnects by itself). Login throttling fails open meanwhile (no failure is counted while Redis
is away); the alternative, refusing every login, would lock everyone out for the outage.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
_WARN_EVERY = 60.0
_warned = 0.0


def _unavailable(operation: str, error: Exception) -> None:
    global _warned
    now = time.monotonic()
    if now - _warned >= _WARN_EVERY:
        _warned = now
        logger.warning("cache unavailable (%s): %s; serving uncached", operation, error)


class TolerantRedisCache(RedisCache):
    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        try:
            return super().get(key, default, version)
        except UNAVAILABLE as error:
            _unavailable("get", error)
            return default

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        try:
            return super().get_many(keys, version)
        except UNAVAILABLE as error:
            _unavailable("get_many", error)
            return {}

    def has_key(self, key: Any, version: Any = None) -> bool:
        try:
            return super().has_key(key, version)
        except UNAVAILABLE as error:
            _unavailable("has_key", error)
            return False

    def set(self, key: Any, value: Any, timeout: Any = 300, version: Any = None) -> None:
        try:
            super().set(key, value, timeout, version)
        except UNAVAILABLE as error:
            _unavailable("set", error)

    def set_many(self, data: Any, timeout: Any = 300, version: Any = None) -> list[Any]:
        try:
            return super().set_many(data, timeout, version)
        except UNAVAILABLE as error:
            _unavailable("set_many", error)
            return list(data)

    def add(self, key: Any, value: Any, timeout: Any = 300, version: Any = None) -> bool:
        # True: the caller goes on as if it had stored the value (see the module's note).
        try:
            return super().add(key, value, timeout, version)
        except UNAVAILABLE as error:
            _unavailable("add", error)
            return True

    def touch(self, key: Any, timeout: Any = 300, version: Any = None) -> bool:
        try:
            return super().touch(key, timeout, version)
        except UNAVAILABLE as error:
            _unavailable("touch", error)
            return False

    def delete(self, key: Any, version: Any = None) -> bool:
        try:
            return super().delete(key, version)
        except UNAVAILABLE as error:
            _unavailable("delete", error)
            return False

    def delete_many(self, keys: Any, version: Any = None) -> None:
        try:
            super().delete_many(keys, version)
        except UNAVAILABLE as error:
            _unavailable("delete_many", error)

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE as error:
            _unavailable("incr", error)
            return delta

    def clear(self) -> None:
        try:
            super().clear()
        except UNAVAILABLE as error:
            _unavailable("clear", error)
