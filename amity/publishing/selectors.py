"""Reads of publishing, shaped for the pages, the feed and the API (fixed query counts)."""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from amity.core.collation import sorted_by
from amity.core.errors import NotFound
from amity.core.languages import content_language
from amity.meetings import selectors as meeting_selectors
from amity.meetings.models import AgendaItem, Meeting, MeetingStatus, Visibility
from amity.members import permissions
from amity.members import selectors as member_selectors
from amity.members.models import Group, Membership, State
from amity.publishing.models import (
    Activity,
    ActivityStatus,
    Initiative,
    InitiativeStatusChange,
    PressRelease,
    PressStatus,
    Resolution,
    RoadMap,
)


def resolutions(*, group: Group) -> QuerySet[Resolution]:
    return Resolution.objects.filter(groups=group).prefetch_related("cosponsors")


@dataclass(frozen=True)
class ResolutionRow:
    resolution: Resolution
    member_cosponsors: list[Any]
    cosponsors_recorded: bool


def resolutions_with_member_cosponsors(*, group: Group) -> list[ResolutionRow]:
    """Each resolution with the group's current members that co-sponsored it."""
    members = set(
        member_selectors.current_memberships(group=group).values_list("state_id", flat=True)
    )
    rows = []
    for resolution in resolutions(group=group):
        cosponsors = list(resolution.cosponsors.all())
        rows.append(
            ResolutionRow(
                resolution=resolution,
                member_cosponsors=sorted_by(
                    (s for s in cosponsors if s.pk in members), lambda s: s.name
                ),
                cosponsors_recorded=bool(cosponsors),
            )
        )
    return rows


def initiatives(*, group: Group) -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(group=group)
        .select_related("proposed_by", "group")
        .prefetch_related(
            Prefetch(
                "history",
                queryset=InitiativeStatusChange.objects.select_related(
                    "meeting", "agenda_item"
                ).order_by("on", "id"),
            )
        )
    )


def road_maps(*, group: Group) -> QuerySet[RoadMap]:
    return (
        RoadMap.objects.filter(group=group)
        .select_related("resolution")
        .prefetch_related(
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("meeting")
                .prefetch_related("lead_states")
                .order_by("on", "id"),
            )
        )
        .order_by("-starts_on", "id")
    )


# --- what the coordinator's forms edit and choose from ---------------------------------------


def resolution_get(*, group: Group, pk: int) -> Resolution:
    """A resolution the group builds on, with its co-sponsors."""
    resolution = resolutions(group=group).filter(pk=pk).first()
    if resolution is None:
        raise NotFound("No such resolution.")
    return resolution


def initiative_get(*, group: Group, pk: int) -> Initiative:
    initiative = initiatives(group=group).filter(pk=pk).first()
    if initiative is None:
        raise NotFound("No such initiative.")
    return initiative


def road_map_get(*, group: Group, pk: int) -> RoadMap:
    road_map = RoadMap.objects.filter(group=group, pk=pk).select_related("resolution").first()
    if road_map is None:
        raise NotFound("No such road map.")
    return road_map


def activity_get(*, group: Group, pk: int) -> Activity:
    activity = (
        Activity.objects.filter(road_map__group=group, pk=pk)
        .select_related("road_map", "meeting")
        .prefetch_related("lead_states")
        .first()
    )
    if activity is None:
        raise NotFound("No such activity.")
    return activity


def states_by_name() -> list[State]:
    """Every state of the registry, sorted by its name in the page's language."""
    return sorted_by(member_selectors.state_list(), lambda s: s.name)


def group_meetings(*, group: Group) -> QuerySet[Meeting]:
    """The group's meetings, latest first, to link a record to."""
    return Meeting.objects.filter(group=group).order_by("-starts_at", "-id")


def group_agenda_items(*, group: Group) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(meeting__group=group)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "meeting_id", "position", "id")
    )


def published_news(*, group: Group, language: str) -> QuerySet[PressRelease]:
    return (
        PressRelease.objects.filter(group=group, language=language, status=PressStatus.PUBLISHED)
        .select_related("group", "meeting")
        .order_by("-published_at", "-id")
    )


def news_get(*, group: Group, key: str | uuid.UUID, language: str, user: Any) -> PressRelease:
    """The version of a press release in ``language``: the public sees it once published, the
    coordinator also as a draft (preview)."""
    try:
        key = uuid.UUID(str(key))
    except ValueError as exc:
        raise NotFound("No such press release.") from exc
    release = (
        PressRelease.objects.filter(group=group, translation_key=key, language=language)
        .select_related("group", "meeting")
        .first()
    )
    if release is None:
        raise NotFound("No such press release.")
    if release.status != PressStatus.PUBLISHED and not permissions.is_coordinator(user, group):
        raise NotFound("No such press release.")
    return release


def news_siblings(*, release: PressRelease, user: Any) -> list[PressRelease]:
    """The other language versions the user may read."""
    qs = PressRelease.objects.filter(translation_key=release.translation_key).exclude(pk=release.pk)
    if not permissions.is_coordinator(user, release.group):
        qs = qs.filter(status=PressStatus.PUBLISHED)
    return list(qs.order_by("language"))


def press_set(*, group: Group, key: str | uuid.UUID) -> list[PressRelease]:
    """All the language versions of one press release, in the UN's order of languages."""
    try:
        key = uuid.UUID(str(key))
    except ValueError as exc:
        raise NotFound("No such press release.") from exc
    from amity.core.languages import CONTENT_LANGUAGES

    rows = list(
        PressRelease.objects.filter(group=group, translation_key=key).select_related(
            "meeting", "group"
        )
    )
    if not rows:
        raise NotFound("No such press release.")
    return sorted(rows, key=lambda r: CONTENT_LANGUAGES.index(r.language))


@dataclass(frozen=True)
class PressSet:
    key: uuid.UUID
    meeting: Meeting | None
    versions: list[PressRelease]

    @property
    def english(self) -> PressRelease:
        return next((v for v in self.versions if v.language == "en"), self.versions[0])


def press_sets(*, group: Group) -> list[PressSet]:
    """Every press release of the group (drafts included) for the coordinator, latest first."""
    rows = (
        PressRelease.objects.filter(group=group)
        .select_related("meeting")
        .order_by("-created_at", "language")
    )
    sets: dict[uuid.UUID, PressSet] = {}
    for row in rows:
        if row.translation_key not in sets:
            sets[row.translation_key] = PressSet(
                key=row.translation_key, meeting=row.meeting, versions=[]
            )
        sets[row.translation_key].versions.append(row)
    return list(sets.values())


def press_key_for_meeting(*, meeting: Meeting) -> uuid.UUID | None:
    return (
        PressRelease.objects.filter(meeting=meeting)
        .values_list("translation_key", flat=True)
        .first()
    )


def next_meetings(*, group: Group, user: Any, limit: int = 3) -> list[Meeting]:
    now = timezone.now()
    return list(
        meeting_selectors.visible_meetings(user=user, group=group)
        .filter(ends_at__gte=now)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("venue_country")
        .order_by("starts_at")[:limit]
    )


@dataclass(frozen=True)
class YearReport:
    group: Group
    year: int
    meetings: list[Meeting]
    joined: list[Membership]
    activities_done: list[Activity]
    activities_other: list[Activity]
    documents: list[Any]


def year_report(*, group: Group, year: int) -> YearReport:
    """What the group did in a year, from what is public: meetings held, members that joined,
    road-map activities."""
    start = datetime.date(year, 1, 1)
    end = datetime.date(year, 12, 31)
    meetings = list(
        Meeting.objects.filter(
            group=group,
            status=MeetingStatus.CONVENED,
            visibility=Visibility.PUBLIC,
            starts_at__date__gte=start,
            starts_at__date__lte=end,
        )
        .select_related("venue_country")
        .order_by("starts_at")
    )
    joined = list(
        Membership.objects.filter(group=group, joined_on__gte=start, joined_on__lte=end)
        .select_related("state")
        .order_by("joined_on", "state__iso3")
    )
    activities = list(
        Activity.objects.filter(road_map__group=group, on__gte=start, on__lte=end)
        .select_related("road_map", "meeting")
        .prefetch_related("lead_states")
        .order_by("on", "id")
    )
    return YearReport(
        group=group,
        year=year,
        meetings=meetings,
        joined=joined,
        activities_done=[a for a in activities if a.status == ActivityStatus.DONE],
        activities_other=[a for a in activities if a.status != ActivityStatus.DONE],
        documents=adopted_documents(group=group, language=content_language(), year=year),
    )


def report_years(*, group: Group) -> list[int]:
    """Years from the group's founding to this one, latest first."""
    first = group.founded_on.year if group.founded_on else timezone.localdate().year
    return list(range(timezone.localdate().year, first - 1, -1))


@dataclass(frozen=True)
class AdoptedDocument:
    document: Any
    title: str
    adopted_at: datetime.datetime | None


def adopted_documents(
    *,
    group: Group,
    language: str,
    meeting: Meeting | None = None,
    year: int | None = None,
    limit: int | None = None,
) -> list[AdoptedDocument]:
    """The group's adopted, published outcome documents (from ``amity.documents``), titled in
    ``language`` where that language version exists, else in the original; the latest
    ``limit`` only, if given (cut in SQL: the texts of the others are not read)."""
    from django.contrib.auth.models import AnonymousUser

    from amity.documents import selectors as document_selectors
    from amity.documents.models import DocumentStatus

    qs = (
        document_selectors.visible_documents(user=AnonymousUser(), group=group)
        .filter(status=DocumentStatus.ADOPTED)
        .select_related("group", "adoption__version__document")
        .prefetch_related("adoption__version__texts")
        .order_by("-adopted_at", "-id")
    )
    if meeting is not None:
        qs = qs.filter(meeting=meeting)
    if year is not None:
        qs = qs.filter(adopted_at__year=year)
    if limit is not None:
        qs = qs[:limit]
    found = []
    for doc in qs:
        adoption = document_selectors.adoption_of(doc)
        title = document_selectors.text_of(adoption.version, language).title if adoption else ""
        found.append(
            AdoptedDocument(document=doc, title=title or doc.slug, adopted_at=doc.adopted_at)
        )
    return found


def resolution_shared_beyond(*, resolution: Resolution, group: Group) -> bool:
    """Whether other groups than ``group`` also follow ``resolution`` (an edit shows to them)."""
    return resolution.groups.exclude(pk=group.pk).exists()
