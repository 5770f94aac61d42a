"""The first draft of a press release, written from a meeting's record with a per-language
template (``templates/publishing/press/<language>.html``), never by machine translation.

What goes in: the group's name, the place, date and format, who chaired, the member count on
that day, the agenda, the speakers with their titles in protocol order and, where the summary
record exists in the release's language, the gist of what each said.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation

from amity.core import dates, formatting
from amity.core.languages import interface_language, translated
from amity.meetings import selectors as meeting_selectors
from amity.meetings.models import Meeting, MeetingLevel, Registration
from amity.meetings.times import place_name
from amity.members import selectors as member_selectors
from amity.members.models import Group

LATIN = frozenset({"en", "fr", "es"})


@dataclass
class Speaker:
    name: str
    title: str
    state: str
    gist: list[str] = field(default_factory=list)


@dataclass
class PressFacts:
    """What a release says, already in its language."""

    language: str
    group_name: str
    group_short_name: str
    city: str
    venue: str
    country: str
    date: str
    format: str
    ministerial: bool
    chair: Speaker | None
    member_count: int
    members_undated: int
    agenda: list[str]
    speakers: list[Speaker]
    documents: list[str]
    summary_closing: str


def _text(values: dict[str, str] | None, language: str) -> str:
    """The text in exactly this language, or nothing: a release never mixes languages."""
    return (values or {}).get(language, "")


def _person_title(reg: Registration, language: str) -> str:
    """The person's official title in the release's language when the delegation gave it;
    else the rank and the state in that language, which the interface catalogs translate."""
    person = reg.person
    if _text(person.title, language):
        return _text(person.title, language)
    with translation.override(interface_language(language)):
        rank = str(person.get_rank_display())
    state = _text(reg.state.names, language) or reg.state.names.get("en", "")
    if language == "zh":
        return f"{state}{rank}"
    if language == "ar":
        return f"{rank}، {state}"
    return f"{rank}, {state}"


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]


def _city(meeting: Meeting, language: str) -> str:
    """The venue's city in the release's language: the coordinator's version in it, else the
    name of the meeting's time zone's city when that is the city (Ashgabat → Ашхабад,
    عشق آباد, 阿什哈巴德), else the original."""
    cities = meeting.venue_city or {}
    if cities.get(language):
        return str(cities[language])
    city = translated(cities, language, fallback=meeting.original_language)
    if city and place_name(meeting.zone, "en") in cities.values():
        return place_name(meeting.zone, language)
    return city


def _is_speaker(reg: Registration, record_text: str, speaking_states: set[int]) -> bool:
    named = bool(reg.person.family_name) and reg.person.family_name in record_text
    return reg.is_head or named or (reg.state_id in speaking_states and reg.is_head)


def speaking_order(meeting: Meeting, regs: list[Registration]) -> list[Registration]:
    """Who spoke, in the order they took the floor when the live session recorded it;
    otherwise in protocol precedence."""
    return meeting_selectors.protocol_order(regs)


def _chair(meeting: Meeting, regs: list[Registration]) -> Registration | None:
    """The head of the delegation of the convening state (the coordinator's); failing that,
    of the first current co-chair."""
    states = []
    if meeting.convened_by_state_id:
        states.append(meeting.convened_by_state_id)
    states += [c.state_id for c in member_selectors.current_co_chairs(group=meeting.group)]
    for state_id in states:
        heads = [r for r in regs if r.state_id == state_id and r.is_head]
        if heads:
            return heads[0]
    return None


def adopted_documents(meeting: Meeting, language: str) -> list[str]:
    """Titles of the outcome documents adopted at the meeting, in the release's language."""
    from amity.publishing import selectors

    return [
        d.title
        for d in selectors.adopted_documents(
            group=meeting.group, language=language, meeting=meeting
        )
    ]


def press_facts(meeting: Meeting, language: str) -> PressFacts:
    group: Group = meeting.group
    regs = list(meeting_selectors.registrations(meeting=meeting))
    statements = list(meeting_selectors.statements(meeting=meeting))
    record = _text(meeting.summary_record, language)
    any_record = " ".join(meeting.summary_record.values()) if meeting.summary_record else ""
    speaking_states = {s.state_id for s in statements}
    day: datetime.date = dates.localtime(meeting.starts_at, meeting.zone).date()
    members = member_selectors.members_on(group=group, day=day).count()
    undated = (
        member_selectors.current_memberships(group=group).filter(joined_on__isnull=True).count()
    )
    paragraphs = _paragraphs(record)

    def speaker(reg: Registration) -> Speaker:
        person = reg.person
        gist = [p for p in paragraphs if person.family_name and person.family_name in p]
        gist += [
            s.text.strip().split("\n")[0][:600]
            for s in statements
            if s.state_id == reg.state_id
            and reg.is_head
            and s.original_language == language
            and s.text.strip()
        ]
        return Speaker(
            # Honorifics are recorded in English ("H.E. Ms."): kept in the Latin-script releases.
            name=" ".join(
                p for p in (person.honorific if language in LATIN else "", person.full_name) if p
            ),
            title=_person_title(reg, language),
            state=_text(reg.state.names, language) or reg.state.names.get("en", ""),
            gist=gist,
        )

    chair = _chair(meeting, regs)
    # The chair opens the meeting, then the others in the order they spoke.
    ordered = speaking_order(meeting, regs)
    if chair is not None:
        ordered = [chair] + [r for r in ordered if r.pk != chair.pk]
    speakers = [speaker(r) for r in ordered if _is_speaker(r, any_record, speaking_states)]
    named = {p for s in speakers for p in s.gist}
    closing = [p for p in paragraphs[1:] if p not in named]
    with translation.override(interface_language(language)):
        format_label = str(meeting.get_format_display())
    return PressFacts(
        language=language,
        group_name=_text(group.names, language) or group.name,
        group_short_name=_text(group.short_names, language)
        or _text(group.names, language)
        or group.name,
        city=_city(meeting, language),
        venue=_text(meeting.venue_name, language),
        country=_text(meeting.venue_country.names, language) if meeting.venue_country else "",
        date=formatting.date_long(day, language),
        format=format_label.lower(),
        ministerial=meeting.level == MeetingLevel.MINISTERIAL,
        chair=speaker(chair) if chair else None,
        member_count=members,
        members_undated=undated,
        agenda=[_text(item.titles, language) or item.title for item in meeting.agenda_items.all()],
        speakers=speakers,
        documents=adopted_documents(meeting, language),
        summary_closing=closing[-1] if closing else "",
    )


def draft_text(meeting: Meeting, language: str) -> tuple[str, str]:
    """(headline, HTML body) of the first draft in ``language``."""
    facts = press_facts(meeting, language)
    with translation.override(interface_language(language)):
        headline = render_to_string(f"publishing/press/{language}_headline.txt", {"f": facts})
        body = render_to_string(f"publishing/press/{language}.html", {"f": facts})
    return " ".join(headline.split()), body.strip()
