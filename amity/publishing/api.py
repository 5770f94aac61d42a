"""API endpoints of publishing (read): the resolutions a group builds on, its initiatives with
their history, its road maps, and its published news in one language."""

from __future__ import annotations

import datetime
import uuid

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from amity.core.api import DEFAULT_LIMIT, Cursor, LanguageCode, Limit, Slug, paginate, public
from amity.members import selectors as member_selectors
from amity.members.models import Group
from amity.publishing import selectors
from amity.publishing.models import Activity, Initiative, PressRelease, RoadMap

router = Router(tags=["publishing"])


class ResolutionOut(Schema):
    symbol: str
    symbol_verified: bool
    url: str
    adopted_on: datetime.date
    titles: dict[str, str]
    ga_session: int
    agenda_item: int | None
    adoption: str
    cosponsor_count: int | None
    cosponsors: list[str]
    member_cosponsors: list[str]
    note: dict[str, str]


class StatusChangeOut(Schema):
    status: str
    on: datetime.date
    note: dict[str, str]
    meeting_id: int | None
    agenda_item_position: int | None


class InitiativeOut(Schema):
    id: int
    titles: dict[str, str]
    descriptions: dict[str, str]
    proposed_by: str | None
    status: str
    history: list[StatusChangeOut]


class ActivityOut(Schema):
    id: int
    titles: dict[str, str]
    on: datetime.date
    place: dict[str, str]
    lead_states: list[str]
    status: str
    outcome: dict[str, str]
    meeting_id: int | None


class RoadMapOut(Schema):
    id: int
    titles: dict[str, str]
    starts_on: datetime.date
    ends_on: datetime.date
    resolution: str | None
    activities: list[ActivityOut]


class NewsOut(Schema):
    translation_key: uuid.UUID
    language: str
    headline: str
    body: str
    published_at: datetime.datetime
    meeting_id: int | None


def _group(slug: str) -> Group:
    return member_selectors.group_get(slug=slug)


@router.get(
    "/groups/{slug}/resolutions",
    response=list[ResolutionOut],
    summary="The General Assembly resolutions the group builds on (by adoption)",
    auth=public,
)
def resolution_list(
    request: HttpRequest,
    response: HttpResponse,
    slug: Slug,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> list[ResolutionOut]:
    group = _group(slug)
    rows = paginate(
        request,
        response,
        selectors.resolutions_with_member_cosponsors(group=group),
        key=lambda row: (
            row.resolution.adopted_on.isoformat(),
            row.resolution.symbol,
            row.resolution.pk,
        ),
        limit=limit,
        cursor=cursor,
    )
    return [
        ResolutionOut(
            symbol=row.resolution.symbol,
            symbol_verified=row.resolution.symbol_verified,
            url=row.resolution.ods_url,
            adopted_on=row.resolution.adopted_on,
            titles=row.resolution.titles,
            ga_session=row.resolution.ga_session,
            agenda_item=row.resolution.agenda_item,
            adoption=row.resolution.adoption,
            cosponsor_count=row.resolution.cosponsor_count,
            cosponsors=sorted(s.iso3 for s in row.resolution.cosponsors.all()),
            member_cosponsors=[s.iso3 for s in row.member_cosponsors],
            note=row.resolution.note,
        )
        for row in rows
    ]


def _initiative(i: Initiative) -> InitiativeOut:
    return InitiativeOut(
        id=i.pk,
        titles=i.titles,
        descriptions=i.descriptions,
        proposed_by=i.proposed_by.iso3 if i.proposed_by else None,
        status=i.status,
        history=[
            StatusChangeOut(
                status=h.status,
                on=h.on,
                note=h.note,
                meeting_id=h.meeting_id,
                agenda_item_position=h.agenda_item.position if h.agenda_item else None,
            )
            for h in i.history.all()
        ],
    )


@router.get(
    "/groups/{slug}/initiatives",
    response=list[InitiativeOut],
    summary="The group's initiatives with their history (oldest first)",
    auth=public,
)
def initiative_list(
    request: HttpRequest,
    response: HttpResponse,
    slug: Slug,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> list[InitiativeOut]:
    rows = paginate(
        request,
        response,
        selectors.initiatives(group=_group(slug)),
        key=lambda i: (i.created_at.timestamp(), i.pk),
        limit=limit,
        cursor=cursor,
    )
    return [_initiative(i) for i in rows]


def _activity(a: Activity) -> ActivityOut:
    return ActivityOut(
        id=a.pk,
        titles=a.titles,
        on=a.on,
        place=a.place,
        lead_states=[s.iso3 for s in a.lead_states.all()],
        status=a.status,
        outcome=a.outcome,
        meeting_id=a.meeting_id,
    )


def _road_map(rm: RoadMap) -> RoadMapOut:
    return RoadMapOut(
        id=rm.pk,
        titles=rm.titles,
        starts_on=rm.starts_on,
        ends_on=rm.ends_on,
        resolution=rm.resolution.symbol if rm.resolution else None,
        activities=[_activity(a) for a in rm.activities.all()],
    )


@router.get(
    "/groups/{slug}/road-maps",
    response=list[RoadMapOut],
    summary="The group's road maps with their activities (latest start first)",
    auth=public,
)
def road_map_list(
    request: HttpRequest,
    response: HttpResponse,
    slug: Slug,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> list[RoadMapOut]:
    rows = paginate(
        request,
        response,
        selectors.road_maps(group=_group(slug)),
        key=lambda rm: (rm.starts_on.toordinal(), -rm.pk),
        limit=limit,
        cursor=cursor,
        newest_first=True,
    )
    return [_road_map(rm) for rm in rows]


def _news(r: PressRelease) -> NewsOut:
    if r.published_at is None:  # the selector lists published releases only
        raise ValueError(f"press release {r.pk} is not published")
    return NewsOut(
        translation_key=r.translation_key,
        language=r.language,
        headline=r.headline,
        body=r.body,
        published_at=r.published_at,
        meeting_id=r.meeting_id,
    )


@router.get(
    "/groups/{slug}/news",
    response=list[NewsOut],
    summary="Published press releases in one language (newest first)",
    auth=public,
)
def news_list(
    request: HttpRequest,
    response: HttpResponse,
    slug: Slug,
    language: LanguageCode = "en",
    limit: Limit = 100,
    cursor: Cursor = None,
) -> list[NewsOut]:
    """Published press releases in one of the six languages (ar zh en fr ru es), latest first
    (100 a page unless `limit` says otherwise)."""
    group = _group(slug)
    rows = paginate(
        request,
        response,
        selectors.published_news(group=group, language=language),
        key=lambda r: (r.published_at.timestamp() if r.published_at else 0.0, r.pk),
        limit=limit,
        cursor=cursor,
        newest_first=True,
    )
    return [_news(r) for r in rows]
