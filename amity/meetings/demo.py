"""Demo meetings of the Group of Friends of Neutrality, from
../shared/data/neutrality-group-facts.md and ../shared/reference/source-article.txt.

Only what is reported is stored as fact. What a meeting needs but no report gives (the hour,
the online link, how each person attended) is filled with an obviously illustrative value and
said so in the meeting's notes. Idempotent: a meeting already there is left alone.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

from amity.core.actors import system_actor
from amity.meetings import services
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

NOTE_TIME_AND_LINK = (
    "The exact time of the meeting is not reported: 15:00–17:00 Ashgabat time is illustrative. "
    "No online link is reported: the https://meet.example.org address stands in for it, "
    "because a hybrid meeting must have one."
)

FIRST_MINISTERIAL_SUMMARY = (
    "The first ministerial meeting of the Group of Friends of Neutrality for Peace, Security and "
    "Sustainable Development took place in Ashgabat. Institutional steps were taken to define the "
    "format and working methods of this multilateral dialogue as a tool for strengthening global "
    "peace and security. The meeting adopted a Final Declaration, later published in the six "
    "official languages of the United Nations as a document of the seventy-seventh session of the "
    "General Assembly under agenda item 58."
)

MEETING_2023_SUMMARY = (
    "The meeting was held at the Ministry of Foreign Affairs of Turkmenistan in a hybrid format. "
    "Twenty-five countries had joined the Group by then.\n\n"
    "The agenda included expanding the membership of the Group; the initiative of Turkmenistan on "
    "a Global Security Strategy based on the principles of the Charter of the United Nations and "
    "the generally recognized norms of international law; and an exchange of ideas on the "
    "possibility of establishing an Institute of Neutrality and Security in Ashgabat.\n\n"
    "Ambassador A. Ataeva, Permanent Representative of Turkmenistan to the United Nations, said "
    "that the traditional meetings of the Group are a vivid demonstration of the demand for this "
    "format and its practical significance at a critical stage of international relations. The "
    "year 2023, declared by the General Assembly the International Year of Dialogue as a "
    "Guarantee of Peace, had shown the energy of the Group, closely involved in the Road Map of "
    "that year; joint achievements and international events were recalled.\n\n"
    "M. Byashimova, Deputy Minister of Foreign Affairs of Turkmenistan, said that Turkmenistan, "
    "adhering to neutrality and its values, conducts a friendly policy of cooperation with all "
    "States and has established itself as a reliable partner, including of the United Nations, "
    "in maintaining peace and stability; she called for a detailed and positive consideration of "
    "the items on the agenda.\n\n"
    "During the discussion, the participants noted the importance and relevance of this format "
    "of interaction in solving issues of peace and stability."
)

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


def _first_ministerial(group: Group, turkmenistan: State) -> Meeting:
    day = datetime.date(2022, 12, 10)
    meeting = _existing(group, day)
    if meeting is not None:
        return meeting
    meeting = services.meeting_create(
        actor=DEMO,
        group=group,
        titles=TITLE_2022,
        level=MeetingLevel.MINISTERIAL,
        format=MeetingFormat.HYBRID,
        venue_city="Ashgabat",
        venue_country=turkmenistan,
        time_zone=ASHGABAT,
        starts_at=_at(day, 15),
        ends_at=_at(day, 17),
        online_url="https://meet.example.org/illustrative-neutrality-2022",
        ga_session=77,
        original_language="en",
        invitation_language="en",
        notes=NOTE_TIME_AND_LINK + " The venue within Ashgabat and the agenda are not reported.",
    )
    services.meeting_convene(actor=DEMO, meeting=meeting, notify=False)
    services.summary_record_update(
        actor=DEMO, meeting=meeting, summary={"en": FIRST_MINISTERIAL_SUMMARY}
    )
    return meeting


def _meeting_2023(group: Group, turkmenistan: State) -> Meeting:
    day = datetime.date(2023, 12, 11)
    meeting = _existing(group, day)
    if meeting is not None:
        return meeting
    meeting = services.meeting_create(
        actor=DEMO,
        group=group,
        titles=TITLE_2023,
        level=MeetingLevel.MINISTERIAL,
        format=MeetingFormat.HYBRID,
        venue_name="Ministry of Foreign Affairs of Turkmenistan",
        venue_city="Ashgabat",
        venue_country=turkmenistan,
        time_zone=ASHGABAT,
        starts_at=_at(day, 15),
        ends_at=_at(day, 17),
        online_url="https://meet.example.org/illustrative-neutrality-2023",
        ga_session=78,
        original_language="en",
        invitation_language="en",
        notes=NOTE_TIME_AND_LINK
        + " The level is not reported; it is recorded as high-level because "
        "deputy ministers of foreign affairs took part. Whether each participant attended in the "
        "room or online is not reported; they are recorded as in the room, and attendance is left "
        "unrecorded.",
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
    services.summary_record_update(
        actor=DEMO, meeting=meeting, summary={"en": MEETING_2023_SUMMARY}
    )
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
