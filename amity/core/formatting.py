"""One place that formats dates, times, numbers and lists for readers, in each of the six
languages, from CLDR through Babel.

Pages (through the template filters of ``amity.core.templatetags.amity``), e-mails, feeds,
charts, press releases and UN documents call these functions; nothing else formats a date or
joins names for display. English follows UN usage ("11 December 2023", British order); Chinese
says 2022年12月10日, Arabic uses its own month names and "،", Russian "10 декабря 2022 г.".

Every function takes the content language (``ar zh en fr ru es``); without one it uses the
active interface language.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from babel.dates import format_date, format_skeleton, format_time, get_datetime_format
from babel.lists import format_list
from babel.numbers import format_decimal
from django.utils import timezone

from amity.core import dates
from amity.core.languages import babel_locale, content_language

# Where the UN's usage differs from CLDR's standard list: Arabic separates items with "،" and
# joins the last with "و" (CLDR repeats "و" before every item).
_LIST_PATTERNS = {"ar": {"start": "{0}، {1}", "middle": "{0}، {1}", "end": "{0} و{1}"}}
# The comma that separates a date from a place, or a name from a title, and the semicolon.
_COMMA = {"ar": "، ", "zh": "，"}
_SEMICOLON = {"ar": "؛ ", "zh": "；", "fr": " ; "}


def _lang(language: str | None) -> str:
    return language or content_language()


def date_long(day: datetime.date | datetime.datetime | None, language: str | None = None) -> str:
    """11 December 2023 · 11 décembre 2023 · 2023年12月11日 · 11 ديسمبر 2023."""
    if day is None:
        return ""
    if isinstance(day, datetime.datetime):
        day = _local(day).date()
    return format_date(day, "long", locale=babel_locale(_lang(language)))


def month_year(day: datetime.date | None, language: str | None = None) -> str:
    """December 2023 · décembre 2023 · 2023年12月 · ديسمبر 2023."""
    if day is None:
        return ""
    return format_skeleton("yMMMM", day, locale=babel_locale(_lang(language)))


def year(day: datetime.date | None, language: str | None = None) -> str:
    """2023 · 2023年."""
    if day is None:
        return ""
    return format_skeleton("y", day, locale=babel_locale(_lang(language)))


def date_as_known(
    day: datetime.date | None, precision: str = "day", language: str | None = None
) -> str:
    """A date only as precisely as it is known: "2020", "May 2023", "11 December 2023"."""
    if precision == "year":
        return year(day, language)
    if precision == "month":
        return month_year(day, language)
    return date_long(day, language)


def time_short(
    moment: datetime.datetime | datetime.time | None, language: str | None = None
) -> str:
    """The time on the 24-hour clock, as the UN writes it: 10:00."""
    if moment is None:
        return ""
    if isinstance(moment, datetime.datetime):
        moment = _local(moment).time()
    return format_time(moment, "HH:mm", locale=babel_locale(_lang(language)))


def in_zone(moment: datetime.datetime, zone: datetime.tzinfo | None = None) -> datetime.datetime:
    """The moment read in ``zone`` (by default the current time zone). A moment so near the
    ends of the calendar (year 1, year 9999) that the zone's offset would carry it past them
    is read in UTC instead — the same instant — so a stray date can never fail a page."""
    if timezone.is_naive(moment):
        return moment
    return dates.localtime(moment, zone or timezone.get_current_timezone())


_local = in_zone


def date_time(
    moment: datetime.datetime | None,
    language: str | None = None,
    *,
    zone: datetime.tzinfo | None = None,
) -> str:
    """Date and time in the language's order: 11 December 2023, 10:00 · 2023年12月11日 10:00.
    The moment is shown in ``zone`` (by default the current time zone)."""
    if moment is None:
        return ""
    local = _local(moment, zone)
    locale = babel_locale(_lang(language))
    glue = str(get_datetime_format("medium", locale=locale))
    return glue.replace("{1}", date_long(local.date(), language)).replace(
        "{0}", time_short(local.time(), language)
    )


def number(value: int | float | Decimal | None, language: str | None = None) -> str:
    """A number with the language's separators: 1,234.5 · 1 234,5 · 1.234,5."""
    if value is None:
        return ""
    return format_decimal(value, locale=babel_locale(_lang(language)))


def listing(items: Iterable[str], language: str | None = None) -> str:
    """Names joined as the language joins them: "A, B and C", "A、B和C", "أ، ب وج"."""
    parts = [str(item) for item in items if str(item)]
    if not parts:
        return ""
    code = _lang(language)
    pattern = _LIST_PATTERNS.get(code)
    if pattern is None:
        return format_list(parts, style="standard", locale=babel_locale(code))
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        return pattern["end"].replace("{0}", parts[0]).replace("{1}", parts[1])
    text = pattern["start"].replace("{0}", parts[0]).replace("{1}", parts[1])
    for part in parts[2:-1]:
        text = pattern["middle"].replace("{0}", text).replace("{1}", part)
    return pattern["end"].replace("{0}", text).replace("{1}", parts[-1])


def comma(language: str | None = None) -> str:
    """The comma between a date and a place, or a name and a title, with its space."""
    return _COMMA.get(_lang(language), ", ")


def semicolon(language: str | None = None) -> str:
    """The semicolon between items that hold commas, with its spaces."""
    return _SEMICOLON.get(_lang(language), "; ")


def separated(parts: Iterable[str], language: str | None = None) -> str:
    """Parts joined by the language's comma: "Ashgabat, Turkmenistan", "阿什哈巴德，土库曼斯坦"."""
    return comma(language).join(str(part) for part in parts if str(part))
