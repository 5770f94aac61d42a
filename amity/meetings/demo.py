"""Demo meetings of the Group of Friends of Neutrality, from
../shared/data/neutrality-group-facts.md and ../shared/reference/source-article.txt.

Only what is reported is stored as fact. What a meeting needs but no report gives (the hour,
the online link, how each person attended) is filled with an obviously illustrative value and
said so in the meeting's notes. Idempotent: a meeting already there is left alone, except
that a language missing from its demo texts is filled in (``demo_texts``: the six languages,
the translations illustrative, which the notes say).
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.utils import timezone

from amity.core.actors import system_actor
from amity.meetings import services
from amity.meetings.demo_texts import (
    ASHGABAT_CITY,
    NOTES_2022,
    NOTES_2023,
    SUMMARY_2022,
    SUMMARY_2023,
    VENUE_2023,
)
from amity.meetings.models import (
    AgendaItemKind,
    AttendanceMode,
    DatePoll,
    Meeting,
    MeetingFormat,
    MeetingLevel,
)
from amity.members.models import Group, Person, State

ASHGABAT = "Asia/Ashgabat"

# Titles in the six languages: the English from the published report, the other five written
# for the demo (no official translation of the agenda is published).
AGENDA_2023 = [
    {
        "en": "Expanding the membership of the Group of Friends of Neutrality",
        "fr": "Élargissement de la composition du Groupe des Amis de la neutralité",
        "es": "Ampliación de la composición del Grupo de Amigos de la Neutralidad",
        "ru": "Расширение состава Группы друзей нейтралитета",
        "ar": "توسيع عضوية مجموعة أصدقاء الحياد",
        "zh": "扩大中立之友小组的成员",
    },
    {
        "en": "The initiative of Turkmenistan on a Global Security Strategy based on the "
        "principles of the Charter of the United Nations and the generally recognized norms of "
        "international law",
        "fr": "L’initiative du Turkménistan relative à une stratégie de sécurité mondiale fondée "
        "sur les principes de la Charte des Nations Unies et les normes généralement reconnues "
        "du droit international",
        "es": "La iniciativa de Turkmenistán sobre una Estrategia de Seguridad Global basada en "
        "los principios de la Carta de las Naciones Unidas y las normas universalmente "
        "reconocidas del derecho internacional",
        "ru": "Инициатива Туркменистана о Глобальной стратегии безопасности на основе принципов "
        "Устава Организации Объединенных Наций и общепризнанных норм международного права",
        "ar": "مبادرة تركمانستان بشأن استراتيجية للأمن العالمي تستند إلى مبادئ ميثاق الأمم المتحدة "
        "وقواعد القانون الدولي المعترف بها عموما",
        "zh": "土库曼斯坦关于以《联合国宪章》原则和公认的国际法准则为基础的全球安全战略的倡议",
    },
    {
        "en": "Exchange of ideas on the possibility of establishing an Institute of Neutrality "
        "and Security in Ashgabat",
        "fr": "Échange de vues sur la possibilité de créer un institut de la neutralité et de la "
        "sécurité à Achgabat",
        "es": "Intercambio de ideas sobre la posibilidad de establecer un Instituto de "
        "Neutralidad y Seguridad en Asjabad",
        "ru": "Обмен мнениями о возможности создания Института нейтралитета и безопасности в "
        "Ашхабаде",
        "ar": "تبادل الأفكار بشأن إمكانية إنشاء معهد للحياد والأمن في عشق آباد",
        "zh": "就在阿什哈巴德设立中立与安全研究所的可能性交换意见",
    },
]

TITLE_2022 = {
    "en": "First ministerial meeting of the Group of Friends of Neutrality",
    "fr": "Première réunion ministérielle du Groupe des Amis de la neutralité",
    "es": "Primera reunión ministerial del Grupo de Amigos de la Neutralidad",
    "ru": "Первое заседание Группы друзей нейтралитета на уровне министров",
    "ar": "الاجتماع الوزاري الأول لمجموعة أصدقاء الحياد",
    "zh": "中立之友小组第一次部长级会议",
}
TITLE_2023 = {
    "en": "Meeting of the Group of Friends of Neutrality for Peace, Security and Sustainable "
    "Development",
    "fr": "Réunion du Groupe des Amis de la neutralité pour la paix, la sécurité et le "
    "développement durable",
    "es": "Reunión del Grupo de Amigos de la Neutralidad para la Paz, la Seguridad y el "
    "Desarrollo Sostenible",
    "ru": "Заседание Группы друзей нейтралитета во имя мира, безопасности и устойчивого развития",
    "ar": "اجتماع مجموعة أصدقاء الحياد من أجل السلام والأمن والتنمية المستدامة",
    "zh": "中立促进和平、安全与可持续发展之友小组会议",
}

# (state, family name, head of delegation)
PARTICIPANTS_2023 = [
    ("TKM", "Byashimova", True),
    ("TKM", "Ataeva", False),
    ("KAZ", "Bakayev", True),
]

DEMO = system_actor("loaddemo")


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime(
        day.year, day.month, day.day, hour, 0, tzinfo=zoneinfo.ZoneInfo(ASHGABAT)
    )


def _existing(group: Group, day: datetime.date) -> Meeting | None:
    return Meeting.objects.filter(group=group, starts_at__date=day).first()


def _completed(existing: dict[str, str] | None, demo: dict[str, str]) -> dict[str, str] | None:
    """The demo's languages added where missing (what is there wins); None if none is."""
    merged = {**demo, **(existing or {})}
    return merged if merged != (existing or {}) else None


def _complete(meeting: Meeting, summary: dict[str, str], **texts: dict[str, str]) -> Meeting:
    """Fill in the languages a demo meeting loaded before the translations lacks. Adding a
    language to the title or the venue does not send the invitations again."""
    changes: dict[str, Any] = {
        field: merged
        for field, demo in texts.items()
        if (merged := _completed(getattr(meeting, field), demo)) is not None
    }
    if changes:
        meeting = services.meeting_update(actor=DEMO, meeting=meeting, **changes)
    if (merged := _completed(meeting.summary_record, summary)) is not None:
        services.summary_record_update(actor=DEMO, meeting=meeting, summary=merged)
    return meeting


def _first_ministerial(group: Group, turkmenistan: State) -> Meeting:
    day = datetime.date(2022, 12, 10)
    meeting = _existing(group, day)
    if meeting is not None:
        return _complete(
            meeting, SUMMARY_2022, titles=TITLE_2022, venue_city=ASHGABAT_CITY, notes=NOTES_2022
        )
    meeting = services.meeting_create(
        actor=DEMO,
        group=group,
        titles=TITLE_2022,
        level=MeetingLevel.MINISTERIAL,
        format=MeetingFormat.HYBRID,
        venue_city=ASHGABAT_CITY,
        venue_country=turkmenistan,
        time_zone=ASHGABAT,
        starts_at=_at(day, 15),
        ends_at=_at(day, 17),
        online_url="https://meet.example.org/illustrative-neutrality-2022",
        ga_session=77,
        original_language="en",
        invitation_language="en",
        notes=NOTES_2022,
    )
    services.meeting_convene(actor=DEMO, meeting=meeting, notify=False)
    services.summary_record_update(actor=DEMO, meeting=meeting, summary=SUMMARY_2022)
    return meeting


def _meeting_2023(group: Group, turkmenistan: State) -> Meeting:
    day = datetime.date(2023, 12, 11)
    meeting = _existing(group, day)
    if meeting is not None:
        return _complete(
            meeting,
            SUMMARY_2023,
            titles=TITLE_2023,
            venue_name=VENUE_2023,
            venue_city=ASHGABAT_CITY,
            notes=NOTES_2023,
        )
    meeting = services.meeting_create(
        actor=DEMO,
        group=group,
        titles=TITLE_2023,
        level=MeetingLevel.MINISTERIAL,
        format=MeetingFormat.HYBRID,
        venue_name=VENUE_2023,
        venue_city=ASHGABAT_CITY,
        venue_country=turkmenistan,
        time_zone=ASHGABAT,
        starts_at=_at(day, 15),
        ends_at=_at(day, 17),
        online_url="https://meet.example.org/illustrative-neutrality-2023",
        ga_session=78,
        original_language="en",
        invitation_language="en",
        notes=NOTES_2023,
    )
    for titles in AGENDA_2023:
        meeting.refresh_from_db()
        services.agenda_item_add(
            actor=DEMO,
            meeting=meeting,
            version=meeting.agenda_version,
            titles=titles,
            kind=AgendaItemKind.DISCUSSION,
        )
    meeting.refresh_from_db()
    services.agenda_adopt(actor=DEMO, meeting=meeting, version=meeting.agenda_version)
    services.meeting_convene(actor=DEMO, meeting=meeting, notify=False)
    for code, family, head in PARTICIPANTS_2023:
        person = (
            Person.objects.filter(group=group, state__iso3=code, family_name=family)
            .select_related("state")
            .first()
        )
        if person is not None:
            services.registration_submit(
                actor=DEMO,
                meeting=meeting,
                person=person,
                attendance_mode=AttendanceMode.IN_ROOM,
                is_head=head,
            )
    services.summary_record_update(actor=DEMO, meeting=meeting, summary=SUMMARY_2023)
    return meeting


def _date_poll(group: Group) -> str:
    """An illustrative search for the date of the next ambassador-level meeting in New York
    (the working methods foresee one at least every six months): three times, four to five
    weeks from the day the demo is loaded, at 10:00 New York time. Nobody has answered."""
    if DatePoll.objects.filter(group=group).exists():
        return "date poll: already there"
    zone = zoneinfo.ZoneInfo("America/New_York")
    today = timezone.now().astimezone(zone).date()
    days = [today + datetime.timedelta(days=n) for n in (29, 30, 36)]
    poll = services.poll_create(
        actor=DEMO,
        group=group,
        title="Ambassador-level meeting of the Group (demo: finding a date)",
        level=MeetingLevel.AMBASSADORIAL,
        format=MeetingFormat.IN_PERSON,
        venue_name="United Nations Headquarters",
        venue_city="New York",
        time_zone="America/New_York",
        starts=[datetime.datetime(d.year, d.month, d.day, 10, tzinfo=zone) for d in days],
        duration_minutes=120,
        note="Illustrative: no such meeting is announced. It shows how the group finds a date.",
    )
    return f"date poll: {poll.options.count()} times proposed"


def load() -> list[str]:
    group = Group.objects.filter(slug="neutrality").first()
    if group is None:
        return []
    turkmenistan = State.objects.get(iso3="TKM")
    done = []
    for meeting in (_first_ministerial(group, turkmenistan), _meeting_2023(group, turkmenistan)):
        done.append(
            f"{meeting}: {meeting.agenda_items.count()} agenda items, {meeting.registrations.count()} registered"
        )
    done.append(_date_poll(group))
    return done
