from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.defaults import server_error

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


def error_500(request: HttpRequest) -> HttpResponse:
    """Django's 500 page, except under /api/, which answers JSON whatever failed (also outside
    the API's own handlers, in a middleware say)."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"error": "Internal error: the request failed; try again later."}, status=500
        )
    return server_error(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400, except for the bounds on a request's size, which say what to do."""
    if isinstance(exception, TooManyFilesSent):
        message = _("A form may send at most %(count)s files at once; send fewer.") % {
            "count": settings.DATA_UPLOAD_MAX_NUMBER_FILES
        }
    elif isinstance(exception, TooManyFieldsSent):
        message = _("The form sent too many fields.")
    elif isinstance(exception, RequestDataTooBig):
        message = _("The form's data is too large; send less at once.")
    else:
        return defaults.bad_request(request, exception)
    if request.path.startswith("/api/"):
        return JsonResponse({"error": message}, status=400)
    return HttpResponse(
        f'<!DOCTYPE html><meta charset="utf-8"><title>400</title><p>{escape(message)}</p>',
        status=400,
    )
