"""The span of dates Amity accepts (1945, the founding of the United Nations, to 2200), and a
time conversion that cannot fail a page.

A date outside the span is refused where it enters — services (so forms and the API alike),
and the API's schemas — with one message. A date stored before the rule (or by a path that
skipped it) must still not take a page down: ``localtime`` falls back to UTC instead of
raising ``OverflowError`` at the edges of ``datetime``.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EARLIEST_YEAR = 1945
LATEST_YEAR = 2200
RANGE_MESSAGE = "Dates run from 1945 to 2200."


def in_range(value: datetime.date | datetime.datetime | None) -> bool:
    return value is None or EARLIEST_YEAR <= value.year <= LATEST_YEAR


def range_message() -> str:
    return str(
        _("Dates run from %(earliest)s to %(latest)s.")
        % {"earliest": EARLIEST_YEAR, "latest": LATEST_YEAR}
    )


def check(**values: datetime.date | datetime.datetime | None) -> None:
    """Raise a ValidationError naming each field whose date falls outside 1945–2200."""
    errors = {field: range_message() for field, value in values.items() if not in_range(value)}
    if errors:
        raise ValidationError(errors)


def localtime(value: datetime.datetime, zone: Any) -> datetime.datetime:
    """``value`` in ``zone`` (a name or a tzinfo); at the edges of ``datetime`` where the
    conversion overflows, the value as it is (in UTC), never an error."""
    try:
        tz = zoneinfo.ZoneInfo(zone) if isinstance(zone, str) else zone
        return value.astimezone(tz)
    except (OverflowError, ValueError, zoneinfo.ZoneInfoNotFoundError):
        return value
