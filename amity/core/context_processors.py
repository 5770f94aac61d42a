from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_bidi

from amity.core.languages import content_language

# BCP 47 tags for hreflang and lang attributes (Django's language codes are lower-case).
HREFLANG = {"zh-hans": "zh-Hans"}


def _without_language(path: str) -> str:
    """The path without its language prefix: the x-default address, which Django's locale
    middleware sends on to the reader's language."""
    parts = urlsplit(path)
    segments = parts.path.split("/")
    codes = {code for code, _name in settings.LANGUAGES}
    if len(segments) > 1 and segments[1] in codes:
        rest = "/" + "/".join(segments[2:])
        return urlunsplit(("", "", rest, parts.query, ""))
    return path


def languages(request: HttpRequest) -> dict[str, Any]:
    """The language switcher's links (this page in each language), the alternates for
    ``<link rel="alternate" hreflang>`` (absolute, with x-default) and the page's direction."""
    path = request.get_full_path()
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(path, code)
        links.append(
            {
                "code": code,
                "hreflang": HREFLANG.get(code, code),
                "name": name,
                "url": url,
                "absolute": request.build_absolute_uri(url),
                "current": code == current,
            }
        )
    return {
        "language_links": links,
        "x_default_url": request.build_absolute_uri(_without_language(path)),
        "page_dir": "rtl" if get_language_bidi() else "ltr",
        "content_lang": content_language(),
    }
