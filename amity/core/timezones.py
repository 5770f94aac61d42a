"""The time-zone picker: every IANA zone that belongs to a country, grouped by country, with
the city and the country named in the page's language (CLDR through Babel), and the offset
from UTC today. The value stays the IANA name (``Asia/Ashgabat``), which the form validates
against the zones this system knows (``zoneinfo``)."""

from __future__ import annotations

import datetime
import zoneinfo
from functools import lru_cache
from typing import Any

from babel.core import get_global
from babel.dates import get_timezone_location
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amity.core.collation import sort_key
from amity.core.languages import babel_locale, content_language

Choices = list[tuple[str, Any]]


def _offset(zone: str, day: datetime.date) -> str:
    moment = datetime.datetime(day.year, day.month, day.day, 12, tzinfo=datetime.UTC)
    offset = moment.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset() or datetime.timedelta()
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


@lru_cache(maxsize=12)
def _zone_choices(language: str, day: datetime.date) -> tuple[tuple[str, Any], ...]:
    locale = babel_locale(language)
    known = zoneinfo.available_timezones()
    by_country: dict[str, list[tuple[str, str]]] = {}
    for zone, territory in get_global("zone_territories").items():
        if zone not in known or not territory.isalpha() or territory == "ZZ":
            continue
        city = str(get_timezone_location(zone, locale=locale, return_city=True))
        by_country.setdefault(territory, []).append((zone, f"{city} ({_offset(zone, day)})"))
    groups = []
    for territory, zones in by_country.items():
        country = locale.territories.get(territory, territory)
        options = sorted(zones, key=lambda z: sort_key(z[1], language))
        groups.append((country, tuple(options)))
    groups.sort(key=lambda g: sort_key(g[0], language))
    return (("UTC", "UTC"), *groups)


def zone_choices(language: str | None = None) -> Choices:
    """``[("UTC", "UTC"), (country, [(zone, "City (UTC+05:00)"), …]), …]`` in the page's
    language, countries and cities in its alphabetical order."""
    return list(_zone_choices(language or content_language(), timezone.now().date()))


def is_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


class TimeZoneField(forms.ChoiceField):
    """A select of the zones by country; any IANA name this system knows is accepted (a meeting
    saved with a zone that is not in the list, an alias, keeps it)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("choices", lambda: zone_choices())
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        return str(value or "").strip()

    def valid_value(self, value: str) -> bool:
        return is_zone(value)

    def validate(self, value: str) -> None:
        if not value and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        if value and not is_zone(value):
            raise ValidationError(
                _("Unknown time zone %(name)s: choose the venue's zone from the list."),
                code="invalid_choice",
                params={"name": value},
            )
