"""Request logs and request ids (issue 13).

Each request gets an id — the proxy's ``X-Request-ID`` when a trusted proxy sent one (nginx's
``$request_id``, deploy/nginx-amity.conf), else a new one — kept in a context variable, added
to every log record (``RequestIdFilter``), returned as the response's ``X-Request-ID`` and
handed to the Celery tasks the request starts (``amity.celery_app``). One JSON line per request
(python-json-logger, settings.LOGGING) says who asked what and how it went.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from amity.core.audit import _trusted

logger = logging.getLogger("amity.request")

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("amity_request_id", default="")
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    return _request_id.get()


def set_request_id(value: str) -> contextvars.Token[str]:
    return _request_id.set(value)


def reset_request_id(token: contextvars.Token[str]) -> None:
    _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (empty outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = _request_id.get()
        return True


def _incoming_id(request: HttpRequest) -> str:
    given = request.headers.get("X-Request-ID", "")
    remote = request.META.get("REMOTE_ADDR") or ""
    if given and _VALID.match(given) and _trusted(remote):
        return given
    return uuid.uuid4().hex


class RequestLogMiddleware:
    """One log line per request: request id, method, path, status, duration, user, group."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _request_id.set(_incoming_id(request))
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = _request_id.get()
            return response
        finally:
            user = getattr(request, "user", None)
            match = getattr(request, "resolver_match", None)
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user": user.pk if user is not None and user.is_authenticated else None,
                    "group": (match.kwargs.get("slug") if match else None) or None,
                },
            )
            _request_id.reset(token)
