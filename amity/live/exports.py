"""The list of speakers of a meeting (who spoke, in order, with the times in the venue's zone)
as a table for the exports (CSV, Excel, PDF), in the page's language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from amity.core.exports import Cell, Table, ascii_name
from amity.core.formatting import time_short
from amity.core.languages import translated
from amity.live.selectors import RecordLine
from amity.meetings.exports import meeting_subtitle
from amity.meetings.models import Meeting


def duration(seconds: int | None) -> str:
    """Minutes and seconds, as a timer shows them: 3:05."""
    if seconds is None:
        return ""
    return f"{seconds // 60}:{seconds % 60:02d}"


def speaker_table(*, meeting: Meeting, lines: list[RecordLine], language: str) -> Table:
    zone = meeting.zone
    rows: list[list[Cell]] = []
    for line in lines:
        i = line.intervention
        rows.append(
            [
                i.sequence,
                i.agenda_item.position,
                i.name,
                i.title,
                i.state.name_in(language)[0] if i.state else "",
                str(i.get_kind_display()),
                time_short(i.started_at.astimezone(zone), language) if i.started_at else "",
                time_short(i.ended_at.astimezone(zone), language) if i.ended_at else "",
                duration(i.duration_seconds),
                (
                    translated(
                        line.statement.title, language, fallback=line.statement.original_language
                    )
                    or _("statement")
                )
                if line.statement
                else "",
            ]
        )
    return Table(
        title=_("List of speakers"),
        subtitle=meeting_subtitle(meeting, language),
        headers=[
            "#",
            _("Item"),
            _("Speaker"),
            _("Title"),
            _("Delegation"),
            _("Kind"),
            _("Started"),
            _("Ended"),
            _("Duration"),
            _("Statement"),
        ],
        rows=rows,
        language=language,
        filename=ascii_name("meeting", str(meeting.pk), "speakers"),
        notes=[_("Times in the venue's time zone (%(zone)s).") % {"zone": meeting.time_zone}],
    )
