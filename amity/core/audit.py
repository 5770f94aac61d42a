"""The audit log. Every service that writes calls ``audit_record`` inside its transaction.

Where the request came from (web, api, cli, task; the client's address) travels in a context
variable set by ``AuditContextMiddleware`` and the API's authentication, so services need not
take a request.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest, HttpResponse

from amity.core.models import AuditEntry


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


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        channel = "api" if request.path.startswith("/api/") else "web"
        with audit_source(channel, client_ip(request)):
            return self.get_response(request)


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    group: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    source = _source.get() or AuditSource()
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        group=group,
        data=data or {},
        source=source.channel,
        ip_address=source.ip_address,
    )
