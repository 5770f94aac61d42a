import datetime
from typing import Any

from babel.dates import format_date
from django import template

from amity.core.languages import babel_locale, content_language, translated

register = template.Library()


@register.filter
def tr(values: Any, fallback: str = "en") -> str:
    """The text of a ``{lang: text}`` field in the page's language, with fallbacks."""
    return translated(values, fallback=fallback)


@register.filter
def longdate(day: datetime.date | None) -> str:
    if day is None:
        return ""
    return format_date(day, "long", locale=babel_locale(content_language()))


@register.simple_tag
def dated(day: datetime.date | None, precision: str = "day") -> str:
    """A date shown only as precisely as it is known: '2020', 'May 2023', '11 December 2023'."""
    if day is None:
        return ""
    locale = babel_locale(content_language())
    if precision == "year":
        return format_date(day, "yyyy", locale=locale)
    if precision == "month":
        return format_date(day, "LLLL yyyy", locale=locale)
    return format_date(day, "long", locale=locale)
