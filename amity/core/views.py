from django.http import HttpRequest, HttpResponse, JsonResponse
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
