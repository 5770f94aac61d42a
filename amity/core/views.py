from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.views import defaults


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 400, except for the bounds on a request's size, which say what to do."""
    from django.conf import settings

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
