"""Where a write comes from, for the audit log (``amity.members.audit``, which records it).

Where the request came from (web, api, cli, task; the client's address) travels in a context
variable set by ``AuditContextMiddleware``, tasks and the API's authentication, so services
need not take a request. Core knows nothing of the log itself: its entries key on the group,
which lives above core.
"""

from __future__ import annotations

import contextvars
import ipaddress
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True)
class AuditSource:
    channel: str = "cli"
    ip_address: str | None = None


_source: contextvars.ContextVar[AuditSource | None] = contextvars.ContextVar(
    "amity_audit_source", default=None
)


@contextmanager
def audit_source(channel: str, ip_address: str | None = None) -> Iterator[None]:
    token = _source.set(AuditSource(channel=channel, ip_address=ip_address))
    try:
        yield
    finally:
        _source.reset(token)


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in settings.AMITY_TRUSTED_PROXIES)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. ``X-Forwarded-For`` counts only when the connection comes from a
    trusted proxy (``AMITY_TRUSTED_PROXIES``); then the rightmost hop that is not a trusted
    proxy is the client (what is left of it, anyone could have written)."""
    remote = request.META.get("REMOTE_ADDR") or None
    if not remote or not _trusted(remote):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # garbage from the proxy's client: keep the proxy's address
    return remote


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = "api" if request.path.startswith("/api/") else "web"
        with audit_source(channel, client_ip(request)):
            return self.get_response(request)


def current_source() -> AuditSource:
    """Where the write being recorded comes from (``cli`` outside a request or task)."""
    return _source.get() or AuditSource()
