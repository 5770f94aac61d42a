from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def upload_too_large(request: HttpRequest) -> HttpResponse:
    """What nginx shows for a body over its limit (``error_page 413``): the application's own
    message, in the reader's language, rather than nginx's page."""
    return render(
        request,
        "upload_too_large.html",
        {"max_mb": settings.AMITY_UPLOAD_MAX_MB},
        status=413,
    )
