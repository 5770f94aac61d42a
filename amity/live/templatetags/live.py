"""The live session's section on the meeting page: links to the live views and the record of
who spoke, in order (one query for the interventions, one for the statements)."""

from __future__ import annotations

from typing import Any

from django import template

from amity.live import selectors
from amity.meetings.models import MeetingStatus
from amity.members import permissions

register = template.Library()


@register.inclusion_tag("live/_record.html", takes_context=True)
def live_section(context: dict[str, Any], meeting: Any) -> dict[str, Any]:
    user = context["request"].user
    group = meeting.group
    held = meeting.status == MeetingStatus.CONVENED
    audience = selectors.audience(user, meeting)
    record, later = selectors.split_record(meeting, selectors.interventions(meeting=meeting))
    return {
        "meeting": meeting,
        "lines": record,
        "later": later,
        "show_public": held and meeting.is_public,
        "show_projector": held and audience is not None,
        "is_participant": held and permissions.is_participant(user, group),
        "is_coordinator": held and permissions.is_coordinator(user, group),
    }


@register.filter
def time_in(moment: Any, zone: Any) -> str:
    """``HH:MM`` of an aware datetime in ``zone`` (the venue's), for a time input's value."""
    if moment is None:
        return ""
    return str(moment.astimezone(zone).strftime("%H:%M"))


@register.filter
def minutes_seconds(seconds: int | None) -> str:
    """A speaking time as ``m:ss`` (``h:mm:ss`` past an hour), as the timer shows it."""
    seconds = int(seconds or 0)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
