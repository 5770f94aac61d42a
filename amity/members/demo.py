"""Demo data: the Group of Friends of Neutrality (from ../shared/data/neutrality-group-facts.md,
only what is known, unknown facts left empty) and the Group of Friends of Mediation, to show one
installation serving several groups. Idempotent: what exists already is left alone."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from amity.core.actors import system_actor
from amity.members import services
from amity.members.models import (
    CoChair,
    DatePrecision,
    Group,
    Membership,
    Person,
    PersonRole,
    Rank,
    State,
)

NEUTRALITY = "neutrality"
MEDIATION = "mediation"

NEUTRALITY_NAMES = {
    "en": "Group of Friends of Neutrality for Peace, Security and Sustainable Development",
    "fr": "Groupe des Amis de la neutralité pour la paix, la sécurité et le développement durable",
    "es": "Grupo de Amigos de la Neutralidad para la Paz, la Seguridad y el Desarrollo Sostenible",
    "ru": "Группа друзей нейтралитета во имя мира, безопасности и устойчивого развития",
    "ar": "مجموعة أصدقاء الحياد من أجل السلام والأمن والتنمية المستدامة",
    "zh": "中立促进和平、安全与可持续发展之友小组",
}
NEUTRALITY_SHORT = {
    "en": "Group of Friends of Neutrality",
    "fr": "Groupe des Amis de la neutralité",
    "es": "Grupo de Amigos de la Neutralidad",
    "ru": "Группа друзей нейтралитета",
    "ar": "مجموعة أصدقاء الحياد",
    "zh": "中立之友小组",
}
NEUTRALITY_CAUSE = {
    "en": "An informal, open-ended group, initiated by Turkmenistan, to promote regular dialogue at "
    "the United Nations on the practical use of the peacemaking potential of States that build "
    "their policies on the principles of neutrality.",
    "ru": "Неформальная группа открытого состава, созданная по инициативе Туркменистана для "
    "регулярного диалога в ООН о практическом использовании миротворческого потенциала государств, "
    "строящих свою политику на принципах нейтралитета.",
}
NEUTRALITY_METHODS = {
    "en": "Set by the Final Declaration of the first ministerial meeting (10 December 2022): "
    "ambassador-level meetings in New York at least every six months; one meeting at the level of "
    "foreign ministers a year; two co-chairs — Turkmenistan and one volunteer member — for one "
    "year, then geographic rotation. States join by diplomatic note or letter.",
}
MEDIATION_NAMES = {
    "en": "Group of Friends of Mediation",
    "fr": "Groupe des Amis de la médiation",
    "es": "Grupo de Amigos de la Mediación",
    "ru": "Группа друзей посредничества",
    "ar": "مجموعة أصدقاء الوساطة",
    "zh": "调解之友小组",
}

# (ISO alpha-3, joined on, precision, note). Dates only as precise as the reports are; a year
# or a month is stored as its first day, or the founding date when that is later.
NEUTRALITY_MEMBERS: list[tuple[str, datetime.date | None, str, str]] = [
    ("TKM", datetime.date(2020, 8, 27), DatePrecision.DAY, "Initiator of the group"),
    ("KAZ", datetime.date(2020, 8, 27), DatePrecision.YEAR, ""),
    ("BFA", datetime.date(2023, 5, 1), DatePrecision.MONTH, ""),
    ("SYR", datetime.date(2023, 5, 1), DatePrecision.MONTH, ""),
    ("UGA", datetime.date(2023, 5, 1), DatePrecision.MONTH, ""),
    ("IRN", None, DatePrecision.DAY, "Reported as a member by December 2023"),
    ("TJK", datetime.date(2025, 1, 1), DatePrecision.YEAR, ""),
    ("AZE", datetime.date(2025, 1, 1), DatePrecision.YEAR, ""),
    ("SWZ", datetime.date(2025, 1, 1), DatePrecision.YEAR, ""),
]

NEUTRALITY_PEOPLE = [
    # state, honorific, given, family, title, rank, role, focal point
    (
        "TKM",
        "H.E. Ms.",
        "Aksoltan",
        "Ataeva",
        "Permanent Representative of Turkmenistan to the United Nations",
        Rank.AMBASSADOR,
        PersonRole.PERMANENT_REPRESENTATIVE,
        False,
    ),
    (
        "TKM",
        "Ms.",
        "M.",
        "Byashimova",
        "Deputy Minister of Foreign Affairs of Turkmenistan",
        Rank.DEPUTY_MINISTER,
        PersonRole.DEPUTY_MINISTER_FOREIGN_AFFAIRS,
        False,
    ),
    (
        "KAZ",
        "Mr.",
        "Alibek",
        "Bakayev",
        "Deputy Minister of Foreign Affairs of Kazakhstan",
        Rank.DEPUTY_MINISTER,
        PersonRole.DEPUTY_MINISTER_FOREIGN_AFFAIRS,
        False,
    ),
]

DEMO = system_actor("loaddemo")


def _state(code: str) -> State:
    return State.objects.get(iso3=code)


def _group(slug: str, create: Callable[[], Group]) -> Group:
    existing = Group.objects.filter(slug=slug).first()
    return existing if existing is not None else create()


def _membership(
    group: Group, code: str, joined: datetime.date | None, precision: str, note: str
) -> None:
    if not Membership.objects.filter(group=group, state__iso3=code).exists():
        services.membership_add(
            actor=DEMO,
            group=group,
            state=_state(code),
            joined_on=joined,
            joined_precision=precision,
            joined_note=note,
        )


def load() -> list[str]:
    done: list[str] = []
    neutrality = _group(
        NEUTRALITY,
        lambda: services.group_create(
            actor=DEMO,
            slug=NEUTRALITY,
            names=NEUTRALITY_NAMES,
            short_names=NEUTRALITY_SHORT,
            cause=NEUTRALITY_CAUSE,
            working_methods=NEUTRALITY_METHODS,
            founded_on=datetime.date(2020, 8, 27),
            founded_note="First meeting at ambassador level, New York, by videoconference "
            "(other reports say September 2020)",
            initiated_by=_state("TKM"),
        ),
    )
    for code, joined, precision, note in NEUTRALITY_MEMBERS:
        _membership(neutrality, code, joined, precision, note)
    if neutrality.reported_member_count is None:
        # "Today, 25 countries have joined this Group" (report of the meeting of 11 December
        # 2023); only the States above are named in public sources.
        neutrality = services.group_reported_members_set(
            actor=DEMO,
            group=neutrality,
            count=25,
            on=datetime.date(2023, 12, 11),
            source="Report of the meeting of 11 December 2023, Ministry of Foreign Affairs "
            "of Turkmenistan",
        )
    if not CoChair.objects.filter(group=neutrality).exists():
        services.cochair_add(
            actor=DEMO,
            group=neutrality,
            state=_state("TKM"),
            starts_on=None,
            note="The second co-chair is not found in public reports.",
        )
    for code, honorific, given, family, title, rank, role, focal in NEUTRALITY_PEOPLE:
        if not Person.objects.filter(
            group=neutrality, state__iso3=code, family_name=family
        ).exists():
            services.person_create(
                actor=DEMO,
                group=neutrality,
                state=_state(code),
                honorific=honorific,
                given_name=given,
                family_name=family,
                title=title,
                rank=rank,
                role=role,
                is_focal_point=focal,
            )
    done.append(
        f"{neutrality}: {Membership.objects.current().filter(group=neutrality).count()} members"
    )

    mediation = _group(
        MEDIATION,
        lambda: services.group_create(
            actor=DEMO,
            slug=MEDIATION,
            names=MEDIATION_NAMES,
            cause={
                "en": "Mediation as a means of the peaceful settlement of disputes, conflict prevention and resolution."
            },
            founded_on=datetime.date(2010, 9, 24),
        ),
    )
    for code in ("FIN", "TUR"):
        _membership(
            mediation,
            code,
            datetime.date(2010, 9, 24),
            DatePrecision.DAY,
            "Co-founder and co-chair",
        )
        if not CoChair.objects.filter(group=mediation, state__iso3=code).exists():
            services.cochair_add(
                actor=DEMO,
                group=mediation,
                state=_state(code),
                starts_on=datetime.date(2010, 9, 24),
            )
    done.append(f"{mediation}: co-chaired by Finland and Türkiye")

    return done
