"""Template filters for content in six languages: ``{lang: text}`` fields, dates, numbers and
lists (all formatted by ``amity.core.formatting``), and names isolated for bidirectional text.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from amity.core import formatting
from amity.core.languages import CONTENT_LANGUAGES, content_language, is_rtl, translated

register = template.Library()


@register.filter
def tr(values: Any, fallback: str = "en") -> str:
    """The text of a ``{lang: text}`` field in the page's language, with fallbacks."""
    return translated(values, fallback=fallback)


def _marked(text: str, lang: str) -> SafeString:
    """Inserted text isolated (``<bdi>``), and marked with its language when that is not the
    page's, so that an English note on an Arabic page keeps its punctuation and is read as
    English."""
    if not text:
        return SafeString("")
    page = content_language()
    if lang and lang != page:
        direction = "rtl" if is_rtl(lang) else "ltr"
        return format_html('<bdi lang="{}" dir="{}">{}</bdi>', lang, direction, text)
    return format_html("<bdi>{}</bdi>", text)


@register.filter
def trm(values: Any, fallback: str = "en") -> SafeString:
    """Like ``tr``, for text shown in the page: the text in the page's language, else the one
    it falls back to, marked with its language and isolated."""
    if not values:
        return SafeString("")
    page = content_language()
    for code in (page, fallback, "en", *CONTENT_LANGUAGES):
        text = values.get(code) if hasattr(values, "get") else None
        if text:
            return _marked(str(text), code)
    return SafeString("")


@register.filter
def trlang(values: Any, fallback: str = "en") -> str:
    """The language (BCP 47) of the text ``tr`` picks: to mark a block that shows it."""
    if not values or not hasattr(values, "get"):
        return ""
    for code in (content_language(), fallback, "en", *CONTENT_LANGUAGES):
        if values.get(code):
            return "zh-Hans" if code == "zh" else code
    return ""


@register.filter
def inlang(text: Any, lang: str = "") -> SafeString:
    """A text written in one language (a note typed by the coordinator, in the group's
    original language): isolated, and marked when that is not the page's language."""
    if text is None or text == "":
        return SafeString("")
    return _marked(str(text), lang or "")


@register.filter
def longdate(day: datetime.date | datetime.datetime | None) -> str:
    """11 December 2023 · 2023年12月11日 (a moment is shown on its local day)."""
    return formatting.date_long(day)


@register.filter
def monthyear(day: datetime.date | None) -> str:
    return formatting.month_year(day)


@register.filter
def datetime_long(moment: datetime.datetime | None) -> str:
    """11 December 2023, 10:00 in the current time zone."""
    return formatting.date_time(moment)


@register.filter
def timeofday(moment: datetime.datetime | datetime.time | None) -> str:
    return formatting.time_short(moment)


@register.filter
def number(value: Any) -> str:
    return formatting.number(value) if value is not None and value != "" else ""


@register.simple_tag
def dated(day: datetime.date | None, precision: str = "day") -> str:
    """A date shown only as precisely as it is known: '2020', 'May 2023', '11 December 2023'."""
    return formatting.date_as_known(day, precision)


def _name_html(item: Any) -> SafeString:
    """A name, escaped; a State named in a language other than the page's (its UN English
    name standing in) is marked with that language and isolated."""
    if hasattr(item, "name_in"):
        text, lang = item.name_in(content_language())
        if lang != content_language():
            return format_html('<bdi lang="{}" dir="ltr">{}</bdi>', lang, text)
        return SafeString(conditional_escape(text))
    return SafeString(conditional_escape(getattr(item, "name", item)))


@register.filter
def state_name(state: Any) -> SafeString:
    """A State's UN name in the page's language (the English one, marked, when missing)."""
    if state is None or state == "":
        return SafeString("")
    return _name_html(state)


@register.filter
def listing(items: Iterable[Any] | None) -> SafeString:
    """Names (strings, or objects with a ``name``) joined as the page's language joins them:
    "A, B and C", "A、B和C", "أ، ب وج"."""
    if not items:
        return SafeString("")
    return mark_safe(formatting.listing([str(_name_html(item)) for item in items]))  # noqa: S308 - every part escaped above (_name_html)


@register.filter
def separated(parts: Iterable[Any] | None) -> SafeString:
    """Parts joined by the page language's comma ("Ashgabat, Turkmenistan", "阿什哈巴德，土库曼斯坦")."""
    if not parts:
        return SafeString("")
    return mark_safe(formatting.separated([str(conditional_escape(p)) for p in parts if p]))  # noqa: S308 - every part escaped (conditional_escape)


@register.simple_tag
def comma() -> str:
    """The page language's comma, with its space ("، " in Arabic, "，" in Chinese)."""
    return formatting.comma()


@register.simple_tag
def semicolon() -> str:
    """The page language's semicolon ("؛ " in Arabic, "；" in Chinese, " ; " in French)."""
    return formatting.semicolon()


@register.filter
def bdi(text: Any) -> SafeString:
    """Inserted text isolated from the surrounding direction (names, user input)."""
    if text is None or text == "":
        return SafeString("")
    return format_html("<bdi>{}</bdi>", text)
