"""Demo data of publishing for the Group of Friends of Neutrality, from
../shared/data/neutrality-group-facts.md and ../shared/reference/source-article.txt.

Resolutions: the six in the facts file, with only the facts it gives (A/RES/75/28 is marked
unverified; co-sponsor lists are not reported, so none are recorded). Initiatives: the Global
Security Strategy and the Institute of Neutrality and Security, both proposed by Turkmenistan
and discussed at the meeting of 11 December 2023 (agenda items 2 and 3). Road map: the
International Year of Dialogue as a Guarantee of Peace, 2023, under resolution 77/32, with the
one activity of that year the facts support: the meeting of 11 December 2023. The meeting of
parliament speakers of 15 February 2024 falls outside the 2023 year and is not on that road map.
Idempotent.
"""

from __future__ import annotations

import datetime

from amity.core.actors import system_actor
from amity.meetings.models import Meeting
from amity.members.models import Group, State
from amity.publishing import services
from amity.publishing.demo_press import load_press_release
from amity.publishing.models import (
    ActivityStatus,
    Adoption,
    Initiative,
    InitiativeStatus,
    Resolution,
    RoadMap,
)

# (symbol, date, session, agenda item, agenda item title, adoption, co-sponsor count, verified,
# titles, note)
RESOLUTIONS = [
    (
        "A/RES/50/80 A",
        datetime.date(1995, 12, 12),
        50,
        None,
        None,
        Adoption.UNKNOWN,
        None,
        True,
        {"en": "Maintenance of international security: permanent neutrality of Turkmenistan"},
        "",
    ),
    (
        "A/RES/69/285",
        datetime.date(2015, 6, 3),
        69,
        None,
        None,
        Adoption.UNKNOWN,
        None,
        True,
        {"en": "Permanent neutrality of Turkmenistan"},
        "",
    ),
    (
        "A/RES/71/275",
        datetime.date(2017, 2, 2),
        71,
        None,
        None,
        Adoption.WITHOUT_VOTE,
        None,
        True,
        {"en": "International Day of Neutrality", "ru": "Международный день нейтралитета"},
        "Proclaims 12 December the International Day of Neutrality.",
    ),
    (
        "A/RES/75/28",
        datetime.date(2020, 12, 7),
        75,
        None,
        None,
        Adoption.CONSENSUS,
        None,
        False,
        {
            "en": "The role and importance of a policy of neutrality in maintaining and "
            "strengthening international peace, security and sustainable development"
        },
        "Symbol reported but unverified. Notes the initiative to create the Group.",
    ),
    (
        "A/RES/77/32",
        datetime.date(2022, 12, 6),
        77,
        14,
        {"en": "Culture of peace"},
        Adoption.UNKNOWN,
        68,
        True,
        {"en": "International Year of Dialogue as a Guarantee of Peace, 2023"},
        "",
    ),
    (
        "A/RES/79/274",
        datetime.date(2025, 3, 21),
        79,
        61,
        {"en": "Peacebuilding and sustaining peace"},
        Adoption.UNKNOWN,
        67,
        True,
        {"en": "Permanent neutrality of Turkmenistan"},
        "",
    ),
]

INITIATIVES = [
    (
        2,
        {
            "en": "Global Security Strategy",
            "ru": "Глобальная стратегия безопасности",
        },
        {
            "en": "The initiative of Turkmenistan on a Global Security Strategy based on the "
            "principles of the Charter of the United Nations and the generally recognized norms "
            "of international law, taking into account current realities and trends of world "
            "development."
        },
    ),
    (
        3,
        {
            "en": "Institute of Neutrality and Security",
            "ru": "Институт нейтралитета и безопасности",
        },
        {
            "en": "An exchange of ideas on the possibility of establishing an Institute of "
            "Neutrality and Security in Ashgabat."
        },
    ),
]

MEETING_DAY = datetime.date(2023, 12, 11)

DEMO = system_actor("loaddemo")


def _meeting(group: Group) -> Meeting | None:
    return (
        Meeting.objects.filter(group=group, starts_at__date=MEETING_DAY)
        .prefetch_related("agenda_items")
        .first()
    )


def load() -> list[str]:
    group = Group.objects.filter(slug="neutrality").first()
    if group is None:
        return []
    done: list[str] = []
    for (
        symbol,
        day,
        session,
        item,
        item_titles,
        adoption,
        count,
        verified,
        titles,
        note,
    ) in RESOLUTIONS:
        existing = Resolution.objects.filter(symbol=symbol).first()
        if existing is None or not existing.groups.filter(pk=group.pk).exists():
            services.resolution_create(
                actor=DEMO,
                group=group,
                symbol=symbol,
                adopted_on=day,
                titles=titles,
                ga_session=session,
                agenda_item=item,
                agenda_item_titles=item_titles,
                adoption=adoption,
                cosponsor_count=count,
                symbol_verified=verified,
                note=note,
            )
    done.append(f"{Resolution.objects.filter(groups=group).count()} resolutions")

    turkmenistan = State.objects.get(iso3="TKM")
    meeting = _meeting(group)
    items = {i.position: i for i in meeting.agenda_items.all()} if meeting else {}
    for position, titles, descriptions in INITIATIVES:
        if Initiative.objects.filter(group=group, titles__en=titles["en"]).exists():
            continue
        # When Turkmenistan first proposed it is not reported: the history starts with the
        # meeting where it was discussed.
        initiative = services.initiative_create(
            actor=DEMO,
            group=group,
            titles=titles,
            descriptions=descriptions,
            proposed_by=turkmenistan,
            proposed_on=MEETING_DAY,
            meeting=meeting,
            agenda_item=items.get(position),
            note={"en": "Put on the agenda of the meeting by Turkmenistan."},
        )
        services.initiative_status_change(
            actor=DEMO,
            initiative=initiative,
            status=InitiativeStatus.UNDER_DISCUSSION,
            on=MEETING_DAY,
            meeting=meeting,
            agenda_item=items.get(position),
            note={"en": "Discussed at the meeting of 11 December 2023."},
        )
    done.append(f"{Initiative.objects.filter(group=group).count()} initiatives")

    if not RoadMap.objects.filter(group=group, starts_on=datetime.date(2023, 1, 1)).exists():
        road_map = services.road_map_create(
            actor=DEMO,
            group=group,
            titles={
                "en": "Road Map of the International Year of Dialogue as a Guarantee of Peace, 2023",
                "ru": "Дорожная карта Международного года диалога как гарантии мира, 2023",
            },
            starts_on=datetime.date(2023, 1, 1),
            ends_on=datetime.date(2023, 12, 31),
            resolution=Resolution.objects.filter(symbol="A/RES/77/32").first(),
            note={
                "en": "The activities of the Road Map are not listed in public reports; only "
                "those the facts support are recorded."
            },
        )
        if meeting is not None:
            services.activity_add(
                actor=DEMO,
                road_map=road_map,
                titles={"en": "Meeting of the Group of Friends of Neutrality"},
                on=MEETING_DAY,
                place="Ministry of Foreign Affairs of Turkmenistan, Ashgabat",
                lead_states=[turkmenistan],
                status=ActivityStatus.DONE,
                outcome={
                    "en": "The Group discussed its enlargement, the Global Security Strategy and "
                    "an Institute of Neutrality and Security; joint achievements of the Year "
                    "were recalled."
                },
                meeting=meeting,
            )
        done.append("road map 2023")
    if meeting is not None:
        done.append(load_press_release(meeting))
    return done
