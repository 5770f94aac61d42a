from django.http import HttpRequest, JsonResponse

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
