"""Login throttling: after repeated failures for one username or from one address, further
attempts are refused until the window has passed. Counts live in the cache (Redis in scale
mode, so every node sees them)."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _keys(username: str, ip: str | None) -> list[str]:
    user_key = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    keys = [f"login-fail:user:{user_key}"]
    if ip:
        keys.append(f"login-fail:ip:{ip}")
    return keys


def login_locked(*, username: str, ip: str | None) -> bool:
    limit = settings.AMITY_LOGIN_MAX_FAILURES
    # An address gets more room than one account: several people share a mission's address.
    limits = [limit, limit * 4]
    return any(
        (cache.get(key) or 0) >= lim for key, lim in zip(_keys(username, ip), limits, strict=False)
    )


def login_failure_record(*, username: str, ip: str | None) -> None:
    window = settings.AMITY_LOGIN_WINDOW_SECONDS
    for key in _keys(username, ip):
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=window)


def login_failures_clear(*, username: str) -> None:
    cache.delete(_keys(username, None)[0])
