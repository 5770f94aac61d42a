"""A meeting's lists as tables for the exports (CSV, Excel, PDF), in the page's language: the
participants by delegation in protocol order, and the index of the statements."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from django.utils.translation import gettext as _

from amity.core.exports import Cell, Table, ascii_name
from amity.core.formatting import date_long
from amity.core.languages import translated
from amity.meetings.models import Meeting, Registration, Statement
from amity.meetings.selectors import protocol_order


def by_delegation(regs: Iterable[Registration]) -> list[Registration]:
    """Participants grouped by delegation: the delegations in the order of protocol of their
    first-ranking participant (Member States before observers, then rank), and within each
    delegation the participants in protocol order (the head first)."""
    ordered = protocol_order(list(regs))
    rank_of: dict[int, int] = {}
    for index, reg in enumerate(ordered):
        rank_of.setdefault(reg.state_id, index)
    return sorted(ordered, key=lambda r: (rank_of[r.state_id], ordered.index(r)))


def meeting_subtitle(meeting: Meeting, language: str) -> str:
    """The meeting's title in ``language`` (the original where missing) and its day."""
    day = date_long(meeting.starts_at.astimezone(meeting.zone).date(), language)
    title = translated(meeting.titles, language, fallback=meeting.original_language)
    return f"{title}, {day}"


def participant_table(*, meeting: Meeting, regs: Iterable[Registration], language: str) -> Table:
    rows: list[list[Cell]] = []
    for reg in by_delegation(regs):
        name, _name_lang = reg.person.name_in(language)
        full = " ".join(p for p in (reg.person.honorific, name) if p)
        rows.append(
            [
                reg.state.name_in(language)[0],
                full,
                translated(reg.person.title, language, fallback=meeting.group.original_language)
                or str(reg.person.get_rank_display()),
                _("Head of delegation") if reg.is_head else "",
                str(reg.get_attendance_mode_display()),
                str(reg.get_presence_display()) if reg.presence else "",
            ]
        )
    delegations = len({row[0] for row in rows})
    return Table(
        title=_("List of participants"),
        subtitle=meeting_subtitle(meeting, language),
        headers=[
            _("Delegation"),
            _("Name"),
            _("Title"),
            _("Head of delegation"),
            _("Attendance"),
            _("Presence"),
        ],
        rows=rows,
        language=language,
        filename=ascii_name("meeting", str(meeting.pk), "participants"),
        section=0,
        notes=[
            _("%(people)s participants from %(delegations)s delegations.")
            % {"people": len(rows), "delegations": delegations}
        ],
    )


def statement_table(
    *,
    meeting: Meeting,
    statements: Iterable[Statement],
    language: str,
    address: Callable[[Statement], str],
) -> Table:
    """The statements delegations uploaded, by agenda item, with the address of each file."""
    ordered = sorted(
        statements,
        key=lambda s: (s.agenda_item.position, s.state.name_in(language)[0], s.uploaded_at),
    )
    rows: list[list[Cell]] = [
        [
            s.agenda_item.position,
            s.agenda_item.title,
            s.state.name_in(language)[0],
            translated(s.title, language, fallback=s.original_language),
            str(s.get_original_language_display()),
            _date(s.uploaded_at, meeting),
            address(s),
        ]
        for s in ordered
    ]
    return Table(
        title=_("Index of statements"),
        subtitle=meeting_subtitle(meeting, language),
        headers=[
            _("Item"),
            _("Agenda item"),
            _("Delegation"),
            _("Title"),
            _("Language"),
            _("Uploaded"),
            _("Address"),
        ],
        rows=rows,
        language=language,
        filename=ascii_name("meeting", str(meeting.pk), "statements"),
    )


def _date(moment: datetime.datetime, meeting: Meeting) -> datetime.date:
    return moment.astimezone(meeting.zone).date()
