"""API endpoints of groups, states and membership."""

from __future__ import annotations

import datetime
from typing import Literal, cast

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from amity.core.api import (
    DEFAULT_LIMIT,
    BoundedDate,
    Cursor,
    LanguageCode,
    Limit,
    PathId,
    Slug,
    paginate,
    public,
    require_user,
)
from amity.core.errors import NotFound
from amity.core.languages import content_language, translated
from amity.members import permissions, selectors, services
from amity.members.models import (
    ApplicationStatus,
    DatePrecision,
    Group,
    Membership,
    MembershipApplication,
    RegionalGroup,
    State,
    StateStatus,
)

router = Router(tags=["groups"])


class StateOut(Schema):
    iso3: str
    iso2: str
    m49: str
    status: StateStatus
    regional_group: RegionalGroup
    names: dict[str, str]

    @staticmethod
    def from_state(state: State) -> StateOut:
        return StateOut(
            iso3=state.iso3,
            iso2=state.iso2,
            m49=state.m49,
            status=StateStatus(state.status),
            regional_group=RegionalGroup(state.regional_group),
            names=state.names,
        )


class GroupOut(Schema):
    slug: str
    names: dict[str, str]
    name: str
    cause: dict[str, str]
    working_methods: dict[str, str]
    original_language: str
    founded_on: datetime.date | None
    member_count: int


class MemberOut(Schema):
    state: StateOut
    joined_on: datetime.date | None
    joined_precision: DatePrecision


class MembershipOut(Schema):
    """A member on the day asked, with its UN name in the language asked."""

    state: StateOut
    name: str
    name_language: LanguageCode
    joined_on: datetime.date | None
    joined_precision: DatePrecision
    left_on: datetime.date | None


class GroupDetailOut(GroupOut):
    members: list[MemberOut]


class ApplicationIn(Schema):
    state: str
    note_reference: str
    received_on: BoundedDate
    note_date: BoundedDate | None = None


class ApplicationDecisionIn(Schema):
    decision: Literal["admit", "decline"]
    decided_on: BoundedDate | None = None
    accession_date: BoundedDate | None = None
    note: str = ""


class ApplicationOut(Schema):
    id: int
    group: str
    state: StateOut
    note_reference: str
    note_date: datetime.date | None
    received_on: datetime.date
    status: ApplicationStatus
    decided_on: datetime.date | None
    accession_date: datetime.date | None


def _group_out(group: Group, member_count: int) -> dict[str, object]:
    return {
        "slug": group.slug,
        "names": group.names,
        "name": translated(group.names, fallback=group.original_language),
        "cause": group.cause,
        "working_methods": group.working_methods,
        "original_language": group.original_language,
        "founded_on": group.founded_on,
        "member_count": member_count,
    }


def _member_out(m: Membership) -> MemberOut:
    return MemberOut(
        state=StateOut.from_state(m.state),
        joined_on=m.joined_on,
        joined_precision=DatePrecision(m.joined_precision),
    )


def _application_out(a: MembershipApplication) -> ApplicationOut:
    return ApplicationOut(
        id=a.pk,
        group=a.group.slug,
        state=StateOut.from_state(a.state),
        note_reference=a.note_reference,
        note_date=a.note_date,
        received_on=a.received_on,
        status=ApplicationStatus(a.status),
        decided_on=a.decided_on,
        accession_date=a.membership.joined_on if a.membership else None,
    )


def _membership_out(m: Membership, language: str) -> MembershipOut:
    name, name_language = m.state.name_in(language)
    return MembershipOut(
        state=StateOut.from_state(m.state),
        name=name,
        name_language=cast(LanguageCode, name_language),
        joined_on=m.joined_on,
        joined_precision=DatePrecision(m.joined_precision),
        left_on=m.left_on,
    )


@router.get("/groups", response=list[GroupOut], summary="List groups (by slug)", auth=public)
def list_groups(
    request: HttpRequest,
    response: HttpResponse,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> list[dict[str, object]]:
    groups = paginate(
        request,
        response,
        selectors.group_list(),
        key=lambda g: (g.slug,),
        limit=limit,
        cursor=cursor,
    )
    return [_group_out(g, g.member_count) for g in groups]  # type: ignore[attr-defined]


@router.get(
    "/groups/{slug}",
    response=GroupDetailOut,
    summary="A group with its current members",
    auth=public,
)
def get_group(request: HttpRequest, slug: Slug) -> dict[str, object]:
    group = selectors.group_get(slug=slug)
    members = list(selectors.current_memberships(group=group))
    return {**_group_out(group, len(members)), "members": [_member_out(m) for m in members]}


@router.get(
    "/groups/{slug}/members",
    response=list[MembershipOut],
    summary="The members of a group on a day (today unless `on` is given), by ISO code",
    auth=public,
)
def list_members(
    request: HttpRequest,
    response: HttpResponse,
    slug: Slug,
    on: BoundedDate | None = None,
    language: LanguageCode | None = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> list[MembershipOut]:
    """Names are the UN names in `language` (by default the language of the request's
    `Accept-LanguageCode`); `name_language` says which language a name is in, English standing in
    where a name is missing. Members whose date of accession is unknown cannot be placed on a
    past day: they are listed for today only."""
    group = selectors.group_get(slug=slug)
    if on is None:
        rows = selectors.current_memberships(group=group)
    else:
        rows = selectors.members_on(group=group, day=on)
    page = paginate(
        request, response, rows, key=lambda m: (m.state.iso3, m.pk), limit=limit, cursor=cursor
    )
    lang = language or content_language()
    return [_membership_out(m, lang) for m in page]


@router.get(
    "/states",
    response=list[StateOut],
    summary="UN Member States and observer States (by ISO code)",
    auth=public,
)
def list_states(
    request: HttpRequest,
    response: HttpResponse,
    regional_group: RegionalGroup | None = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> list[StateOut]:
    qs = selectors.state_list()
    if regional_group:
        qs = qs.filter(regional_group=regional_group)
    page = paginate(request, response, qs, key=lambda s: (s.iso3,), limit=limit, cursor=cursor)
    return [StateOut.from_state(s) for s in page]


def _state(code: str) -> State:
    try:
        return selectors.state_get(code=code)
    except NotFound as exc:
        raise HttpError(
            400, f"Unknown state code {code!r}: use ISO 3166 alpha-3, alpha-2 or M49."
        ) from exc


@router.get(
    "/groups/{slug}/applications",
    response=list[ApplicationOut],
    summary="Membership applications (newest first)",
)
def list_applications(
    request: HttpRequest,
    response: HttpResponse,
    slug: Slug,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> list[ApplicationOut]:
    require_user(request)
    group = selectors.group_get(slug=slug)
    if permissions.is_coordinator(request.user, group):
        qs = selectors.applications(group=group)
    else:
        own = permissions.focal_point_state(request.user, group)
        if own is None:
            raise PermissionDenied("Only the coordinator and focal points may read applications.")
        qs = selectors.applications(group=group, state=own)
    page = paginate(
        request,
        response,
        qs.select_related("group", "membership"),
        key=lambda a: (a.pk,),
        limit=limit,
        cursor=cursor,
        newest_first=True,
    )
    return [_application_out(a) for a in page]


@router.post(
    "/groups/{slug}/applications",
    response={201: ApplicationOut},
    summary="Record an application (coordinator)",
)
def create_application(
    request: HttpRequest, slug: Slug, payload: ApplicationIn
) -> Status[ApplicationOut]:
    require_user(request)
    group = selectors.group_get(slug=slug)
    application = services.application_record(
        actor=request.user,
        group=group,
        state=_state(payload.state),
        note_reference=payload.note_reference,
        received_on=payload.received_on,
        note_date=payload.note_date,
    )
    return Status(201, _application_out(application))


@router.post(
    "/groups/{slug}/applications/{application_id}/decision",
    response=ApplicationOut,
    summary="Admit or decline an application (coordinator)",
)
def decide_application(
    request: HttpRequest, slug: Slug, application_id: PathId, payload: ApplicationDecisionIn
) -> ApplicationOut:
    require_user(request)
    group = selectors.group_get(slug=slug)
    application = selectors.application_get(group=group, pk=application_id)
    application = services.application_decide(
        actor=request.user,
        application=application,
        admit=payload.decision == "admit",
        decided_on=payload.decided_on,
        accession_date=payload.accession_date,
        note=payload.note,
    )
    return _application_out(application)
