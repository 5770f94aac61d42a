"""Which origins may open a WebSocket: the comparison covers scheme, host AND port.

Channels' ``AllowedHostsOriginValidator`` compares the Origin's host with ALLOWED_HOSTS only, so
a page served by another program on another port of the same host (``http://localhost:9999``)
could open the site's sockets with the visitor's cookies. Here an Origin is accepted when its
(scheme, host, port) equals one of:

- the address the socket was opened on (``ws``→``http``, ``wss``→``https``, the Host header),
  when that host is in ALLOWED_HOSTS: same origin;
- ``AMITY_SITE_URL``, the public address (behind a proxy that terminates TLS);
- an exact entry of ``CSRF_TRUSTED_ORIGINS`` (entries with a wildcard are not used here).

A socket without an Origin header is refused, as a browser always sends one.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import split_domain_port, validate_host

DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, str, int] | None:
    try:
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:
        return None
    if scheme not in DEFAULT_PORTS or not host or port is None or parts.path not in ("", "/"):
        return None
    return scheme, host, port


def _header(scope: dict[str, Any], name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin1"))
    return None


def allowed_origins(scope: dict[str, Any]) -> set[tuple[str, str, int]]:
    found = set()
    host = _header(scope, b"host")
    if host:
        domain, _port = split_domain_port(host)
        if domain and validate_host(domain, settings.ALLOWED_HOSTS):
            scheme = "https" if scope.get("scheme") in ("wss", "https") else "http"
            own = _origin(f"{scheme}://{host}")
            if own:
                found.add(own)
    for url in [getattr(settings, "AMITY_SITE_URL", ""), *settings.CSRF_TRUSTED_ORIGINS]:
        if "*" not in url:
            origin = _origin(url)
            if origin:
                found.add(origin)
    return found


def origin_allowed(scope: dict[str, Any]) -> bool:
    header = _header(scope, b"origin")
    if not header:
        return False
    origin = _origin(header)
    return origin is not None and origin in allowed_origins(scope)


class SameOriginValidator:
    """ASGI middleware for WebSocket scopes: refuses (closes before accepting) a socket whose
    Origin is not allowed (see the module's docstring)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        if scope["type"] == "websocket" and not origin_allowed(scope):
            denier = WebsocketDenier()
            return await denier(scope, receive, send)
        return await self.app(scope, receive, send)
