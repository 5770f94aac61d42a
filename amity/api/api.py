"""The versioned HTTP API at /api/v1/, with its OpenAPI description at /api/v1/openapi.json.

Each domain app keeps its endpoints in its own ``api.py`` router; this module mounts them and
turns service errors into JSON with the right status: 400 invalid, 401 unauthenticated,
403 forbidden, 404 not found, 409 conflict.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError

from amity.accounts.auth import optional
from amity.core.errors import Conflict, NotFound

api = NinjaAPI(
    title="Amity API",
    version="1",
    description="The working platform of a Group of Friends at the United Nations.",
    urls_namespace="api",
    auth=optional,
)


def _error(request: HttpRequest, status: int, message: str, **extra: object) -> HttpResponse:
    return api.create_response(request, {"error": message, **extra}, status=status)


@api.exception_handler(SchemaValidationError)
def schema_invalid(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    fields = {}
    for err in exc.errors:
        loc = [
            str(part)
            for part in err.get("loc", [])
            if part not in ("body", "payload", "query", "path", "form")
        ]
        fields[".".join(loc) or "request"] = err.get("msg", "invalid")
    return _error(request, 400, "The request is not valid.", fields=fields)


@api.exception_handler(ValidationError)
def service_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        fields = {field: " ".join(messages) for field, messages in exc.message_dict.items()}
        return _error(request, 400, " ".join(f"{m}" for m in fields.values()), fields=fields)
    return _error(request, 400, " ".join(exc.messages))


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "Authentication required: send 'Authorization: Bearer <token>'.")


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or "You may not do this.")


@api.exception_handler(NotFound)
def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
    return _error(request, 404, exc.message)


@api.exception_handler(Conflict)
def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    return _error(request, 409, exc.message)


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(Exception)
def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Anything else (a bug, the database or Redis away): JSON, never Django's HTML page; the
    traceback goes to the log as Django's would."""
    logging.getLogger("django.request").error(
        "API error: %s %s", request.method, request.path, exc_info=exc
    )
    return _error(request, 500, "Internal error: the request failed; try again later.")


# Routers of the domain apps. Imported here, after ``api`` exists, so that apps stay unaware of
# one another.
from amity.circulation.api import router as circulation_router  # noqa: E402
from amity.documents.api import router as documents_router  # noqa: E402
from amity.live.api import router as live_router  # noqa: E402
from amity.meetings.api import router as meetings_router  # noqa: E402
from amity.members.api import router as members_router  # noqa: E402
from amity.publishing.api import router as publishing_router  # noqa: E402
from amity.search.api import router as search_router  # noqa: E402

api.add_router("/", members_router)
api.add_router("/", meetings_router)
api.add_router("/", documents_router)
api.add_router("/", circulation_router)
api.add_router("/", live_router)
api.add_router("/", search_router)
api.add_router("/", publishing_router)
