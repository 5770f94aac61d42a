"""Health check and the error pages (400, 403, 404, 500, CSRF failure).

The error pages extend ``base.html`` so a reader who lands on one keeps the site's header, its
language switcher and a way back. The 500 page is rendered without the request's context
processors and without the database: whatever broke the request (the database, a context
processor) must not break the page that says so."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from amity.core import health as checks


def health(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. Asks no dependency (amity.core.health)."""
    return JsonResponse({"status": "ok"})


def ready(request: HttpRequest) -> JsonResponse:
    """Readiness: each dependency with its state; 503 when one fails (amity.core.health)."""
    ok, results = checks.readiness()
    return JsonResponse(
        {"status": "ready" if ok else "not ready", "checks": results},
        status=200 if ok else 503,
        headers={"Cache-Control": "no-store"},
    )


def _error_page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    body = loader.render_to_string(template, {"status": status}, request=request)
    return HttpResponse(body, status=status)


def _bare_page(template: str, status: int, message: str = "") -> HttpResponse:
    """Rendered without the request: no context processor runs and no query is made."""
    body = loader.get_template(template).render(
        {"status": status, "page_dir": "rtl" if get_language_bidi() else "ltr", "message": message}
    )
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Bare like the 500 page: a 400 is often a request whose host or headers cannot be
    trusted, and the context processors read them. The bounds on a request's size say what
    to do (JSON under /api/)."""
    message = ""
    if isinstance(exception, TooManyFilesSent):
        message = _("A form may send at most %(count)s files at once; send fewer.") % {
            "count": settings.DATA_UPLOAD_MAX_NUMBER_FILES
        }
    elif isinstance(exception, TooManyFieldsSent):
        message = _("The form sent too many fields.")
    elif isinstance(exception, RequestDataTooBig):
        message = _("The form's data is too large; send less at once.")
    if message and request.path.startswith("/api/"):
        return JsonResponse({"error": message}, status=400)
    return _bare_page("errors/400.html", 400, message)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "errors/403.html", 403)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "errors/404.html", 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: the form was sent without a valid token (an expired session, a
    page kept open for a long time, cookies refused). Nothing was saved; say how to go on."""
    return _error_page(request, "errors/csrf.html", 403)


def server_error(request: HttpRequest) -> HttpResponse:
    """No request context: no context processor runs, no query is made. The language is the
    one the locale middleware activated for the request. Under /api/ the answer is JSON,
    whatever failed (also outside the API's own handlers, in a middleware say)."""
    if request.path.startswith("/api/"):
        message = "Internal error: the request failed; try again later."
        return JsonResponse({"detail": message, "code": "error", "error": message}, status=500)
    return _bare_page("errors/500.html", 500)


error_500 = server_error


def upload_too_large(request: HttpRequest) -> HttpResponse:
    """What nginx shows for a body over its limit (``error_page 413``): the application's own
    message, in the reader's language, rather than nginx's page."""
    return render(
        request,
        "upload_too_large.html",
        {"max_mb": settings.AMITY_UPLOAD_MAX_MB},
        status=413,
    )
