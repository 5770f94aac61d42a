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
