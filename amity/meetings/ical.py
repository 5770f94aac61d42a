"""iCalendar (RFC 5545) for meetings: the invitation attached to each email (RFC 5546 iTIP,
METHOD REQUEST or CANCEL) and the group's calendar feeds.

A meeting keeps one UID for its whole life; its SEQUENCE is raised by the services each time a
change is sent out, so that calendar programs replace the earlier version instead of adding a
second event. Start and end carry the venue's TZID, with a VTIMEZONE for that zone.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from amity.core import dates, formatting
from amity.core.languages import translated
from amity.meetings.models import Meeting, MeetingStatus

PRODID = "-//Amity//Meetings of Groups of Friends//EN"


def site_url(path: str) -> str:
    """An absolute URL when ``AMITY_SITE_URL`` is configured, else the path."""
    base = getattr(settings, "AMITY_SITE_URL", "") or ""
    return base.rstrip("/") + path


def _calendar(method: str | None, name: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    return cal


@functools.lru_cache(maxsize=128)
def _vtimezone(tzid: str) -> Timezone:
    """The VTIMEZONE of a zone, built once per process: icalendar computes it by probing the
    zone's offset over decades (about 35 ms, three quarters of an uncached feed), and asks its
    callers to cache the result. Only read afterwards (serialised), never changed."""
    return Timezone.from_tzid(tzid)


def _add_timezones(cal: Calendar) -> None:
    """``Calendar.add_missing_timezones`` with the zones kept (``_vtimezone``); an unknown zone
    is skipped, as there."""
    for tzid in sorted(cal.get_missing_tzids()):
        try:
            zone = _vtimezone(tzid)
        except ValueError:
            continue
        cal.add_component(zone)


def _location(meeting: Meeting, language: str) -> str:
    country = translated(meeting.venue_country.names, language) if meeting.venue_country else ""
    venue = translated(meeting.venue_name, language, fallback=meeting.original_language)
    city = translated(meeting.venue_city, language, fallback=meeting.original_language)
    return formatting.separated((venue, city, country), language)


def meeting_event(
    meeting: Meeting,
    *,
    language: str | None = None,
    cancelled: bool = False,
    attendee: tuple[str, str] | None = None,
    now: datetime.datetime | None = None,
) -> Event:
    lang = language or meeting.original_language
    zone = meeting.zone
    event = Event()
    event.add("uid", meeting.ical_uid)
    event.add("dtstamp", now or timezone.now())
    event.add("dtstart", dates.localtime(meeting.starts_at, zone))
    event.add("dtend", dates.localtime(meeting.ends_at, zone))
    event.add("sequence", meeting.ical_sequence)
    event.add("summary", translated(meeting.titles, lang, fallback=meeting.original_language))
    location = _location(meeting, lang)
    if location:
        event.add("location", location)
    elif meeting.online_url:
        event.add("location", meeting.online_url)
    lines = []
    items = list(meeting.agenda_items.all())
    for item in items:
        lines.append(
            f"{item.position}. {translated(item.titles, lang, fallback=meeting.original_language)}"
        )
    if meeting.online_url:
        lines.append("")
        lines.append(meeting.online_url)
    if lines:
        event.add("description", "\n".join(lines).strip())
    event.add("url", site_url(meeting.get_absolute_url()))
    if meeting.online_url:
        conference = vText(meeting.online_url)
        conference.params["VALUE"] = "URI"
        event.add("conference", conference)
    if cancelled or meeting.status == MeetingStatus.CANCELLED:
        event.add("status", "CANCELLED")
    elif meeting.status == MeetingStatus.DRAFT:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["CN"] = vText(
        translated(meeting.group.names, lang, fallback=meeting.group.original_language)
    )
    event.add("organizer", organizer)
    if attendee is not None:
        email, name = attendee
        address = vCalAddress(f"mailto:{email}")
        address.params["CN"] = vText(name)
        address.params["ROLE"] = vText("REQ-PARTICIPANT")
        address.params["PARTSTAT"] = vText("NEEDS-ACTION")
        address.params["RSVP"] = vText("FALSE")
        event.add("attendee", address)
    event.add("created", meeting.created_at)
    event.add("last-modified", meeting.updated_at)
    return event


def invitation_ics(
    meeting: Meeting, *, method: str, language: str, attendee: tuple[str, str] | None = None
) -> bytes:
    """The file attached to an invitation (METHOD:REQUEST) or a cancellation (METHOD:CANCEL)."""
    cal = _calendar(method)
    cal.add_component(
        meeting_event(meeting, language=language, cancelled=method == "CANCEL", attendee=attendee)
    )
    _add_timezones(cal)
    return cal.to_ical()


def feed_ics(meetings: Iterable[Meeting], *, name: str, language: str | None = None) -> bytes:
    """A subscribable feed (METHOD:PUBLISH) of the given meetings."""
    cal = _calendar("PUBLISH", name)
    now = timezone.now()
    for meeting in meetings:
        cal.add_component(meeting_event(meeting, language=language, now=now))
    _add_timezones(cal)
    return cal.to_ical()


def parse(data: bytes) -> Any:
    return Calendar.from_ical(data)
