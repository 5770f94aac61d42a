"""Token buckets: a burst of ``burst`` actions, then one every ``60 / per_minute`` seconds.

Two kinds: ``TokenBucket`` lives in memory for one connection (a WebSocket); ``take_shared``
keeps one bucket per key in Django's cache, so that it holds across a user's connections (and,
with Redis in scale mode, across processes). The shared bucket is read and written without a
lock: two simultaneous takes may both pass where one should, which only loosens the bound by
the number of racing requests.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.core.cache import cache

clock: Callable[[], float] = time.time


class TokenBucket:
    def __init__(self, *, burst: float, per_minute: float) -> None:
        self.burst = float(burst)
        self.rate = float(per_minute) / 60.0
        self.tokens = self.burst
        self.at = clock()

    def take(self) -> float:
        """0 when the action may go ahead (a token is spent), else the seconds to wait."""
        self.tokens, self.at, wait = _take(self.tokens, self.at, self.burst, self.rate)
        return wait


def _take(tokens: float, at: float, burst: float, rate: float) -> tuple[float, float, float]:
    now = clock()
    tokens = min(burst, tokens + max(0.0, now - at) * rate)
    if tokens >= 1.0:
        return tokens - 1.0, now, 0.0
    wait = (1.0 - tokens) / rate if rate > 0 else 3600.0
    return tokens, now, wait


def _key(key: str) -> str:
    return f"amity:bucket:{key}"


def _timeout(burst: float, rate: float) -> int:
    return int(burst / rate) + 60 if rate > 0 else 3600


def take_shared(key: str, *, burst: float, per_minute: float) -> float:
    """As ``TokenBucket.take`` for the bucket named ``key`` in the cache."""
    rate = float(per_minute) / 60.0
    tokens, at = cache.get(_key(key)) or (float(burst), clock())
    tokens, at, wait = _take(tokens, at, float(burst), rate)
    cache.set(_key(key), (tokens, at), _timeout(burst, rate))
    return wait


async def atake_shared(key: str, *, burst: float, per_minute: float) -> float:
    """``take_shared`` for async code (a consumer)."""
    rate = float(per_minute) / 60.0
    tokens, at = await cache.aget(_key(key)) or (float(burst), clock())
    tokens, at, wait = _take(tokens, at, float(burst), rate)
    await cache.aset(_key(key), (tokens, at), _timeout(burst, rate))
    return wait
