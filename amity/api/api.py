"""The versioned HTTP API at /api/v1/, with its OpenAPI description at /api/v1/openapi.json.

Each domain app keeps its endpoints in its own ``api.py`` router; this module mounts them and
makes the description a contract (docs/decisions.md, "The API as a contract"):

- every error is one JSON shape, ``Error``: ``{"detail", "code", "fields"?}`` (and ``error``,
  the same text as ``detail``, kept for the clients of the first release);
- every status an operation can answer is documented with it: 400 (``malformed``: the request
  does not match the description; ``invalid``: it does, but a rule refuses it), 401, 403
  (operations for signed-in callers), 404 (operations on an object named in the path), 409
  (writes);
- operations open to the public are documented as needing no credentials;
- a JSON body must be an object, and schema names are unique (a clash fails the build).
"""

from __future__ import annotations

import inspect
import json
import logging
from typing import Any, Literal

from django.core.exceptions import (
    ImproperlyConfigured,
    PermissionDenied,
    RequestDataTooBig,
    ValidationError,
)
from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from ninja.parser import Parser

from amity.core.api import PAGE_HEADERS, is_public, signed_in
from amity.core.errors import Conflict, NotFound, TooManyRequests

ErrorCode = Literal[
    "malformed",
    "invalid",
    "unauthenticated",
    "forbidden",
    "not_found",
    "conflict",
    "rate_limited",
    "error",
]
CODES: dict[int, ErrorCode] = {
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    429: "rate_limited",
}
# Pydantic error types raised by our own validators for a rule the description cannot express
# (a date outside 1945–2200): the request matches the description, a rule refuses it.
RULE_ERROR_TYPES = {"date_range"}


class Error(Schema):
    """Every error the API answers (4xx)."""

    detail: str
    code: ErrorCode
    fields: dict[str, str] | None = None
    error: str


ERROR_DESCRIPTIONS = {
    400: "The request is malformed (`code: malformed`: it does not match this description) or "
    "refused by a rule (`code: invalid`); `fields` names the fields at fault.",
    401: "Credentials are missing (for an operation of signed-in callers) or not valid.",
    403: "The caller may not do this.",
    404: "No such object, or the caller may not see it.",
    409: "Conflict: already done, or changed meanwhile by someone else (stale `version`).",
    429: "Too many requests of this kind from this caller: wait and try again.",
}


class BodyNotObject(ValueError):
    """A JSON body that is not an object (a string, a number, a list)."""


class ObjectParser(Parser):
    """JSON bodies must be objects: ``"a string"`` or ``[1]`` is a 400, not a payload whose
    fields all took their defaults."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise BodyNotObject("The request body is not valid JSON.") from exc
        if not isinstance(data, dict):
            raise BodyNotObject("The request body must be a JSON object.")
        return data


class ContractSchema(OpenAPISchema):
    """Ninja's description, with the error responses, the public operations' security and a
    check that no two schemas share a name."""

    def __init__(self, api: NinjaAPI, path_prefix: str) -> None:
        self.clashes: list[str] = []
        super().__init__(api, path_prefix)
        self["components"]["schemas"]["Error"] = Error.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
        if self.clashes:
            raise ImproperlyConfigured(
                "Two API schemas share a name (rename one): " + ", ".join(sorted(self.clashes))
            )

    def operation_security(self, operation: Operation) -> list[dict[str, Any]] | None:
        result = super().operation_security(operation) or []
        if is_public(operation.auth_callbacks):
            return [{}, *result]
        return result

    def responses(self, operation: Operation) -> dict[int, dict[str, Any]]:
        result = super().responses(operation)
        if "cursor" in inspect.signature(operation.view_func).parameters and 200 in result:
            result[200]["headers"] = PAGE_HEADERS
        for status in error_statuses(operation):
            result.setdefault(
                status,
                {
                    "description": ERROR_DESCRIPTIONS[status],
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                    },
                },
            )
        return dict(sorted(result.items()))

    def add_schema_definitions(self, definitions: dict[str, Any]) -> None:
        for name, definition in definitions.items():
            known = self.schemas.get(name)
            if known is not None and _comparable(known) != _comparable(definition):
                self.clashes.append(name)
        super().add_schema_definitions(definitions)


def _comparable(definition: dict[str, Any]) -> dict[str, Any]:
    """A definition without what differs between its input and output forms."""
    return {
        "title": definition.get("title"),
        "properties": sorted(definition.get("properties", {})),
        "enum": definition.get("enum"),
    }


def error_statuses(operation: Operation) -> list[int]:
    """The error statuses an operation can answer, from its shape: 400 when it takes input,
    401 always (bad credentials), 403 for signed-in callers, 404 for an object in the path,
    409 for writes."""
    statuses = [401]
    if operation.models:
        statuses.append(400)
    if not is_public(operation.auth_callbacks):
        statuses.append(403)
    if "{" in operation.path:
        statuses.append(404)
    if set(operation.methods) - {"GET", "HEAD"}:
        statuses.extend((409, 429))
    statuses.extend(getattr(operation.view_func, "extra_error_statuses", ()))
    return sorted(set(statuses))


class AmityAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return ContractSchema(self, path_prefix)


api = AmityAPI(
    title="Amity API",
    version="1",
    description="The working platform of a Group of Friends at the United Nations. Errors are "
    "JSON objects `{detail, code, fields?}` (schema `Error`); lists are paginated with `limit` "
    "and `cursor` (the `next` link of a page).",
    urls_namespace="api",
    auth=signed_in,
    parser=ObjectParser(),
)


def error_response(
    request: HttpRequest, status: int, message: str, code: ErrorCode, **extra: object
) -> HttpResponse:
    body = {"detail": message, "code": code, **extra, "error": message}
    return api.create_response(request, body, status=status)


def _error(request: HttpRequest, status: int, message: str, **extra: object) -> HttpResponse:
    return error_response(request, status, message, CODES.get(status, "error"), **extra)


@api.exception_handler(SchemaValidationError)
def schema_invalid(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    fields: dict[str, str] = {}
    rule_only = True
    for err in exc.errors:
        # Leave out where the value came from and pydantic's tags of union members
        # ("str-enum[EntryKind]", "literal['']"): the field's path is what the caller wrote.
        loc = [
            str(part)
            for part in err.get("loc", [])
            if part not in ("body", "payload", "query", "path", "form")
            and not (isinstance(part, str) and ("[" in part or "-" in part))
        ]
        field = ".".join(loc) or "request"
        message = err.get("msg", "invalid")
        fields[field] = f"{fields[field]} Or: {message}" if field in fields else message
        rule_only = rule_only and err.get("type") in RULE_ERROR_TYPES
    code: ErrorCode = "invalid" if rule_only and fields else "malformed"
    return error_response(request, 400, "The request is not valid.", code, fields=fields)


@api.exception_handler(ValidationError)
def service_invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        fields = {field: " ".join(messages) for field, messages in exc.message_dict.items()}
        message = " ".join(f"{m}" for m in fields.values())
        return error_response(request, 400, message, "invalid", fields=fields)
    return error_response(request, 400, " ".join(exc.messages), "invalid")


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error_response(request, 400, "The request body is too large.", "malformed")


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


@api.exception_handler(TooManyRequests)
def too_many_requests(request: HttpRequest, exc: TooManyRequests) -> HttpResponse:
    response = _error(request, 429, exc.message)
    response["Retry-After"] = str(max(1, int(exc.retry_after + 0.999)))
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    if isinstance(exc.__cause__, BodyNotObject):
        return error_response(request, 400, str(exc.__cause__), "malformed")
    if exc.status_code == 400:
        return error_response(request, 400, str(exc), "invalid")
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(Exception)
def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Anything else (a bug, the database or Redis away): JSON, never Django's HTML page; the
    traceback goes to the log as Django's would."""
    logging.getLogger("django.request").error(
        "API error: %s %s", request.method, request.path, exc_info=exc
    )
    return _error(request, 500, "Internal error: the request failed; try again later.")


def unknown_path(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other URL under /api/v1/ (a path parameter that is not one): a JSON 404."""
    message = "No such API path."
    return JsonResponse(
        {"detail": message, "code": "not_found", "error": message},
        status=404,
    )


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
