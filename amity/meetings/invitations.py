"""The note verbale that convenes a meeting, its update and its cancellation, by email with the
iCalendar file attached.

Language: one message per invitee, written in the meeting's ``invitation_language`` (by default
the group's original language), from ``templates/meetings/email/note_verbale_<lang>.txt``. Amity
keeps no language preference per person, and a note verbale goes out in one language to all,
as a chancery sends it; the coordinator picks which of the six when creating the meeting. The
first line of the rendered template is the subject.

The times are given in the venue's zone and in the default viewer zone (New York, where the
missions sit).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from amity.core import formatting
from amity.core.actors import Actor
from amity.core.collation import sorted_by
from amity.core.languages import interface_language, translated
from amity.core.mail import send_each
from amity.meetings import selectors
from amity.meetings.ical import invitation_ics, site_url
from amity.meetings.models import Meeting
from amity.meetings.selectors import Recipient
from amity.meetings.times import zoned_moment, zoned_span
from amity.members import permissions
from amity.members.models import State

# How the note verbale names the level and the format, in each language.
LEVELS = {
    "ar": {
        "ministerial": "الوزاري (الرفيع المستوى)",
        "ambassadorial": "على مستوى السفراء",
        "expert": "على مستوى الخبراء",
    },
    "zh": {"ministerial": "部长级（高级别）", "ambassadorial": "大使级", "expert": "专家级"},
    "en": {
        "ministerial": "ministerial (high-level)",
        "ambassadorial": "ambassador-level",
        "expert": "expert-level",
    },
    "fr": {
        "ministerial": "ministérielle (de haut niveau)",
        "ambassadorial": "au niveau des ambassadeurs",
        "expert": "au niveau des experts",
    },
    "ru": {
        "ministerial": "на уровне министров (высокого уровня)",
        "ambassadorial": "на уровне послов",
        "expert": "на уровне экспертов",
    },
    "es": {
        "ministerial": "ministerial (de alto nivel)",
        "ambassadorial": "a nivel de embajadores",
        "expert": "a nivel de expertos",
    },
}
FORMATS = {
    "ar": {
        "in_person": "حضورياً",
        "virtual": "افتراضياً عبر الإنترنت",
        "hybrid": "بصيغة مختلطة (حضورياً وعبر الإنترنت)",
    },
    "zh": {"in_person": "现场", "virtual": "线上", "hybrid": "线上线下混合"},
    "en": {
        "in_person": "in person",
        "virtual": "virtually (online)",
        "hybrid": "in a hybrid format (in the room and online)",
    },
    "fr": {
        "in_person": "en présentiel",
        "virtual": "en ligne",
        "hybrid": "en format hybride (en salle et en ligne)",
    },
    "ru": {
        "in_person": "в очном формате",
        "virtual": "в онлайн-формате",
        "hybrid": "в гибридном формате (очно и онлайн)",
    },
    "es": {
        "in_person": "de forma presencial",
        "virtual": "de forma virtual",
        "hybrid": "en formato híbrido (presencial y en línea)",
    },
}
METHODS = {"invitation": "REQUEST", "update": "REQUEST", "cancellation": "CANCEL"}


def email_context(meeting: Meeting, *, kind: str, language: str) -> dict[str, object]:
    fallback = meeting.original_language
    viewer = zoneinfo.ZoneInfo(settings.AMITY_DEFAULT_VIEWER_TIME_ZONE)
    country = translated(meeting.venue_country.names, language) if meeting.venue_country else ""
    deadline = ""
    if meeting.registration_deadline:
        deadline = zoned_moment(meeting.registration_deadline, meeting.zone, language)
    return {
        "kind": kind,
        "language": language,
        "title": translated(meeting.titles, language, fallback=fallback),
        "group_name": translated(
            meeting.group.names, language, fallback=meeting.group.original_language
        ),
        "convener": translated(meeting.convened_by_state.names, language)
        if meeting.convened_by_state
        else "",
        "level": LEVELS[language][meeting.level],
        "format": FORMATS[language][meeting.format],
        "venue": formatting.separated(
            (
                translated(meeting.venue_name, language, fallback=fallback),
                translated(meeting.venue_city, language, fallback=fallback),
                country,
            ),
            language,
        ),
        "venue_when": str(zoned_span(meeting.starts_at, meeting.ends_at, meeting.zone, language)),
        "viewer_when": str(zoned_span(meeting.starts_at, meeting.ends_at, viewer, language))
        if viewer.key != meeting.time_zone
        else "",
        "online_url": meeting.online_url if meeting.has_remote_part else "",
        "agenda": [
            translated(i.titles, language, fallback=fallback) for i in meeting.agenda_items.all()
        ],
        "deadline": deadline,
        "meeting_url": site_url(meeting.get_absolute_url()),
        "reason": translated(meeting.cancel_reason, language, fallback=fallback),
        "ga_session": meeting.ga_session,
    }


def render(meeting: Meeting, *, kind: str, language: str) -> tuple[str, str]:
    """(subject, body) of the note verbale."""
    with translation.override(interface_language(language)):
        text = render_to_string(
            f"meetings/email/note_verbale_{language}.txt",
            email_context(meeting, kind=kind, language=language),
        )
    subject, _sep, body = text.strip().partition("\n")
    return subject.strip(), body.strip() + "\n"


def send(
    *, meeting: Meeting, kind: str, recipients: Sequence[Recipient], entry_id: int | None = None
) -> int:
    """One message per invitee; those the outbox entry ``entry_id`` already reached are
    skipped (``core.mail.send_each``)."""
    if not recipients:
        return 0
    language = meeting.invitation_language
    subject, body = render(meeting, kind=kind, language=language)
    method = METHODS[kind]
    messages = []
    for recipient in recipients:
        message = EmailMessage(subject=subject, body=body, to=[recipient.email])
        message.attach(
            "invitation.ics",
            invitation_ics(
                meeting,
                method=method,
                language=language,
                attendee=(recipient.email, recipient.name),
            ),
            f"text/calendar; method={method}; charset=UTF-8",
        )
        messages.append(message)
    return send_each(messages, entry_id=entry_id)


@dataclass(frozen=True)
class ConvenePreview:
    """What convening will send: the note verbale as it will read, to whom, and which member
    delegations it cannot reach (no focal point with an address)."""

    subject: str
    body: str
    language: str
    recipients: list[Recipient]
    without_address: list[State]


def convene_preview(*, meeting: Meeting, actor: Actor) -> ConvenePreview:
    """The note verbale of ``meeting`` as it would leave if ``actor`` convened it now (signed by
    the State the coordinator acts for, as ``meeting_convene`` records it). Nothing is saved:
    the meeting is changed in memory only."""
    meeting.convened_by_state = (
        permissions.acting_state(actor, meeting.group) if actor is not None else None
    ) or meeting.group.initiated_by
    language = meeting.invitation_language
    subject, body = render(meeting, kind="invitation", language=language)
    return ConvenePreview(
        subject=subject,
        body=body,
        language=language,
        recipients=selectors.invitation_recipients(meeting=meeting),
        without_address=sorted_by(
            selectors.members_without_address(meeting=meeting), lambda s: s.name
        ),
    )
