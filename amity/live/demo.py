"""The recorded interventions of the meeting of 11 December 2023 (created by
``amity.meetings.demo``), from ../shared/data/neutrality-group-facts.md: Ambassador Aksoltan
Ataeva, M. Byashimova and Alibek Bakayev spoke, with the titles reported.

Not reported, and so not invented: when each spoke, for how long, and on which agenda item.
The interventions are stored without start, end or duration (the record says "not known"),
on the first agenda item, in the order the report names the speakers; each carries a note
saying so. Idempotent: a meeting that already has interventions is left alone.
"""

from __future__ import annotations

import datetime

from django.db import transaction

from amity.core.languages import translated
from amity.live.models import Intervention, SpeechKind
from amity.meetings.models import Meeting
from amity.members.models import Group, Person

NOTE = (
    "Reported as a speaker at this meeting. The time, the duration, the order of speaking and "
    "the agenda item are not reported: the order here is that of the published report."
)

# (state, family name) in the order the report names them.
SPEAKERS_2023 = [("TKM", "Ataeva"), ("TKM", "Byashimova"), ("KAZ", "Bakayev")]


def load() -> list[str]:
    group = Group.objects.filter(slug="neutrality").first()
    if group is None:
        return []
    meeting = (
        Meeting.objects.filter(group=group, starts_at__date=datetime.date(2023, 12, 11))
        .prefetch_related("agenda_items")
        .first()
    )
    if meeting is None:
        return []
    if Intervention.objects.filter(meeting=meeting).exists():
        return [f"{meeting}: interventions already recorded"]
    items = sorted(meeting.agenda_items.all(), key=lambda i: (i.position, i.pk))
    if not items:
        return []
    with transaction.atomic():
        for sequence, (code, family) in enumerate(SPEAKERS_2023, start=1):
            person = (
                Person.objects.filter(group=group, state__iso3=code, family_name=family)
                .select_related("state")
                .first()
            )
            if person is None:
                continue
            Intervention.objects.create(
                meeting=meeting,
                agenda_item=items[0],
                sequence=sequence,
                kind=SpeechKind.STATEMENT,
                state=person.state,
                person=person,
                name=" ".join(p for p in (person.honorific, person.full_name) if p),
                title=translated(person.title, meeting.original_language),
                note=NOTE,
            )
    return [f"{meeting}: {Intervention.objects.filter(meeting=meeting).count()} interventions"]
