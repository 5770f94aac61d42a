from typing import Any

from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_bidi

from amity.core.languages import content_language


def languages(request: HttpRequest) -> dict[str, Any]:
    """The language switcher's links (same page, other language) and the page's direction."""
    from django.conf import settings

    path = request.get_full_path()
    current = get_language()
    return {
        "language_links": [
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
        "page_dir": "rtl" if get_language_bidi() else "ltr",
        "content_lang": content_language(),
    }
