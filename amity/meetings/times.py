"""Times of a meeting shown in the venue's zone and in the viewer's zone.

"Ashgabat 15:00 (UTC+5) = New York 05:00 (UTC-5)": the place is the zone's city, named in the
reader's language by CLDR (Babel); the offset is the one in force on that day.
"""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass
from typing import Any

from babel.dates import get_timezone_location
from django.conf import settings

from amity.core import dates, formatting
from amity.core.languages import BABEL_LOCALES, content_language


def zone_or_none(name: str | None) -> zoneinfo.ZoneInfo | None:
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def viewer_zone(user: Any = None) -> zoneinfo.ZoneInfo:
    """The user's chosen zone, else the installation's default (New York, where missions sit)."""
    own = zone_or_none(
        getattr(user, "time_zone", "") if getattr(user, "is_authenticated", False) else ""
    )
    return own or zoneinfo.ZoneInfo(settings.AMITY_DEFAULT_VIEWER_TIME_ZONE)


def utc_offset(moment: datetime.datetime) -> str:
    """'UTC+5', 'UTC-5', 'UTC+5:30', 'UTC' for an aware datetime."""
    offset = moment.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def place_name(zone: zoneinfo.ZoneInfo, language: str) -> str:
    try:
        return get_timezone_location(zone, locale=BABEL_LOCALES[language], return_city=True)
    except (LookupError, ValueError):
        return str(zone.key).rsplit("/", 1)[-1].replace("_", " ")


def zoned_moment(
    moment: datetime.datetime, zone: zoneinfo.ZoneInfo, language: str | None = None
) -> str:
    """'11 December 2023, 09:00 (Ashgabat, UTC+5)'."""
    lang = language or content_language()
    local = dates.localtime(moment, zone)
    when = formatting.date_time(local, lang, zone=zone)
    where = formatting.separated([place_name(zone, lang), utc_offset(local)], lang)
    return f"{when} ({where})"


@dataclass(frozen=True)
class ZonedSpan:
    """A start and end as read in one zone."""

    zone: str
    place: str
    date: str
    start: str
    end: str
    end_date: str
    offset: str

    language: str = "en"

    def __str__(self) -> str:
        tail = f"{self.end_date} {self.end}" if self.end_date != self.date else self.end
        day = formatting.separated([self.date, self.start], self.language)
        return f"{self.place} {day}–{tail} ({self.offset})"


def zoned_span(
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    zone: zoneinfo.ZoneInfo,
    language: str | None = None,
) -> ZonedSpan:
    lang = language or content_language()
    start = dates.localtime(starts_at, zone)
    end = dates.localtime(ends_at, zone)
    return ZonedSpan(
        zone=zone.key,
        place=place_name(zone, lang),
        date=formatting.date_long(start.date(), lang),
        start=formatting.time_short(start.time(), lang),
        end=formatting.time_short(end.time(), lang),
        end_date=formatting.date_long(end.date(), lang),
        offset=utc_offset(start),
        language=lang,
    )


def meeting_spans(
    meeting: Any, viewer: zoneinfo.ZoneInfo, language: str | None = None
) -> list[ZonedSpan]:
    """The meeting's times in the venue's zone, then in the viewer's (once if they are the same)."""
    spans = [zoned_span(meeting.starts_at, meeting.ends_at, meeting.zone, language)]
    if viewer.key != meeting.time_zone:
        spans.append(zoned_span(meeting.starts_at, meeting.ends_at, viewer, language))
    return spans
