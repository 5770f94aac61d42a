"""Demo outcome documents of the Group of Friends of Neutrality.

The 2022 Final Declaration, adopted by consensus at the first ministerial meeting
(10 December 2022, created by ``amity.meetings.demo``), with a zero draft and a Rev.1. The real
text is not reproduced: the wording is written for the demo and says so in its first
preambular paragraph; it reflects the reported working methods (ambassador-level meetings in
New York at least every six months, one ministerial meeting a year, two co-chairs for one year
with geographic rotation). It is published, and joined at adoption by the states recorded as
members on that day (Turkmenistan, Kazakhstan); when later members joined the text is not
reported, so they are not listed.

A joint statement of the same group is under silence procedure with a deadline five days after
the demo was loaded (the procedure is written once; loading again changes nothing).

Idempotent: a document already there (by slug) is left alone.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from amity.core.actors import system_actor
from amity.documents import services
from amity.documents.models import DocumentKind, OutcomeDocument
from amity.meetings.models import Meeting
from amity.members.models import Group, Membership

DEMO_NOTE = "[Demo wording written for Amity; the real text is not reproduced.]"

TITLE = (
    "Final Declaration of the first ministerial meeting of the Group of Friends of Neutrality "
    "for Peace, Security and Sustainable Development"
)

PREAMBLE_0 = [
    DEMO_NOTE,
    "<i>We</i>, the Ministers for Foreign Affairs and heads of delegation of the members of the "
    "Group of Friends of Neutrality for Peace, Security and Sustainable Development, meeting in "
    "Ashgabat on 10 December 2022,",
    "<i>Recalling</i> the purposes and principles of the Charter of the United Nations,",
    "<i>Recalling also</i> General Assembly resolution 71/275 proclaiming 12 December the "
    "International Day of Neutrality,",
]
OPERATIVE_0 = [
    "<b>Agree</b> that the Group meets at the level of ambassadors in New York at least once a "
    "year;",
    "<b>Agree also</b> that the Group meets at the level of Ministers for Foreign Affairs once a "
    "year;",
    "<b>Decide</b> that the Group is chaired by two co-chairs, Turkmenistan and one volunteer "
    "member, for one year;",
]
PREAMBLE_1 = [
    *PREAMBLE_0,
    "<i>Welcoming</i> the growing number of States that have joined the Group since its first "
    "meeting in 2020,",
]
OPERATIVE_1 = [
    "<b>Agree</b> that the Group meets at the level of ambassadors in New York at least every "
    "six months;",
    OPERATIVE_0[1],
    "<b>Decide</b> that the Group is chaired by two co-chairs, Turkmenistan and one volunteer "
    "member, for one year, after which the co-chairmanship rotates on a geographic basis;",
    "<b>Remain</b> open to all States that share the purposes of the Group and express their "
    "wish to join it by a note verbale or letter.",
]

STATEMENT_TITLE = (
    "Joint statement of the Group of Friends of Neutrality on the International Day of Neutrality"
)
STATEMENT_PREAMBLE = [
    DEMO_NOTE,
    "<i>Marking</i> the International Day of Neutrality, 12 December,",
]
STATEMENT_OPERATIVE = [
    "<b>Reaffirm</b> the value of neutrality as a policy that contributes to peace, security and "
    "sustainable development;",
    "<b>Invite</b> all Member States to take part in the meetings of the Group.",
]

DEMO = system_actor("loaddemo")


def _declaration(group: Group) -> str:
    slug = "final-declaration-2022"
    if OutcomeDocument.objects.filter(group=group, slug=slug).exists():
        return f"{slug}: already there"
    meeting = Meeting.objects.filter(
        group=group, starts_at__date=datetime.date(2022, 12, 10)
    ).first()
    # When the drafts were written is not reported; they existed by the meeting that adopted
    # the text, so they are dated then rather than at the moment the demo is loaded.
    written_at = meeting.starts_at if meeting is not None else None
    document = services.document_create(
        actor=DEMO,
        group=group,
        kind=DocumentKind.DECLARATION,
        slug=slug,
        title=TITLE,
        preamble=PREAMBLE_0,
        operative=OPERATIVE_0,
        original_language="en",
        meeting=meeting,
        note={
            "en": "Zero draft circulated by the co-chair (demo).",
            "fr": "Avant-projet diffusé par le coprésident (démonstration).",
            "es": "Borrador cero distribuido por la copresidencia (demostración).",
            "ru": "Первоначальный проект, распространенный сопредседателем (демонстрация).",
            "ar": "المشروع الأولي الذي عممه الرئيس المشارك (عرض توضيحي).",
            "zh": "共同主席分发的零号草案（演示）。",
        },
        written_at=written_at,
    )
    zero = document.versions.get()
    services.version_create(
        actor=DEMO,
        document=document,
        based_on_version=zero,
        title=TITLE,
        preamble=PREAMBLE_1,
        operative=OPERATIVE_1,
        note={
            "en": "Revised after comments from delegations (demo).",
            "fr": "Révisé à la suite des observations des délégations (démonstration).",
            "es": "Revisado tras las observaciones de las delegaciones (demostración).",
            "ru": "Пересмотрен с учетом замечаний делегаций (демонстрация).",
            "ar": "نُقّح بعد تعليقات الوفود (عرض توضيحي).",
            "zh": "根据各代表团的意见修订（演示）。",
        },
        written_at=written_at,
    )
    if meeting is None:
        return f"{slug}: Rev.1, not adopted (the 2022 ministerial meeting is missing)"
    adoption = services.document_adopt_consensus(actor=DEMO, document=document, meeting=meeting)
    day = adoption.adopted_at.date()
    members_then = (
        Membership.objects.current().filter(group=group, joined_on__lte=day).select_related("state")
    )
    for membership in members_then:
        services.document_join(actor=DEMO, document=document, state=membership.state, joined_on=day)
    services.document_publish(actor=DEMO, document=document)
    return f"{slug}: zero draft, Rev.1, adopted by consensus {day}, {members_then.count()} joined"


def _joint_statement(group: Group) -> str:
    slug = "joint-statement-neutrality-day"
    if OutcomeDocument.objects.filter(group=group, slug=slug).exists():
        return f"{slug}: already there"
    document = services.document_create(
        actor=DEMO,
        group=group,
        kind=DocumentKind.JOINT_STATEMENT,
        slug=slug,
        title=STATEMENT_TITLE,
        preamble=STATEMENT_PREAMBLE,
        operative=STATEMENT_OPERATIVE,
        original_language="en",
    )
    now = timezone.now()
    services.silence_start(
        actor=DEMO,
        document=document,
        version=document.versions.get(),
        deadline=now + datetime.timedelta(days=5),
        now=now,
        notify=False,
    )
    return f"{slug}: under silence until {(now + datetime.timedelta(days=5)):%Y-%m-%d %H:%M} UTC"


def load() -> list[str]:
    group = Group.objects.filter(slug="neutrality").first()
    if group is None:
        return []
    return [_declaration(group), _joint_statement(group)]
