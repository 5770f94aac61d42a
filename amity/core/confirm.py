"""Confirmation before an action that cannot be taken back (breaking silence, adopting,
publishing): the first POST shows what will happen; the same form sent again with
``confirm=1`` does it. The fields of the first POST travel as hidden inputs, so nothing typed
is lost."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

_NOT_CARRIED = {"csrfmiddlewaretoken", "confirm"}


def confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get("confirm") == "1"


def confirmation_page(
    request: HttpRequest,
    *,
    title: str,
    consequences: list[str],
    button: str,
    back_url: str,
    group: Any = None,
) -> HttpResponse:
    carried = [
        (name, value)
        for name in request.POST
        if name not in _NOT_CARRIED
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "consequences": consequences,
            "button": button,
            "back_url": back_url,
            "carried": carried,
            "action": request.get_full_path(),
            "group": group,
        },
    )
