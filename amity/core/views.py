from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from amity.members import selectors as member_selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"groups": member_selectors.group_list()})


def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
