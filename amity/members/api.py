"""API endpoints of groups, states and membership."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from amity.core.api import require_user
from amity.core.errors import NotFound
from amity.core.languages import translated
from amity.members import permissions, selectors, services
from amity.members.models import Group, Membership, MembershipApplication, State

router = Router(tags=["groups"])


class StateOut(Schema):
    iso3: str
    iso2: str
    m49: str
    status: str
    regional_group: str
    names: dict[str, str]

    @staticmethod
    def from_state(state: State) -> StateOut:
        return StateOut(
            iso3=state.iso3,
            iso2=state.iso2,
            m49=state.m49,
            status=state.status,
            regional_group=state.regional_group,
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
    joined_precision: str


class GroupDetailOut(GroupOut):
    members: list[MemberOut]


class ApplicationIn(Schema):
    state: str
    note_reference: str
    received_on: datetime.date
    note_date: datetime.date | None = None


class DecisionIn(Schema):
    decision: str
    decided_on: datetime.date | None = None
    accession_date: datetime.date | None = None
    note: str = ""


class ApplicationOut(Schema):
    id: int
    group: str
    state: StateOut
    note_reference: str
    note_date: datetime.date | None
    received_on: datetime.date
    status: str
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
        joined_precision=m.joined_precision,
    )


def _application_out(a: MembershipApplication) -> ApplicationOut:
    return ApplicationOut(
        id=a.pk,
        group=a.group.slug,
        state=StateOut.from_state(a.state),
        note_reference=a.note_reference,
        note_date=a.note_date,
        received_on=a.received_on,
        status=a.status,
        decided_on=a.decided_on,
        accession_date=a.membership.joined_on if a.membership else None,
    )


@router.get("/groups", response=list[GroupOut], summary="List groups")
def list_groups(request: HttpRequest) -> list[dict[str, object]]:
    return [_group_out(g, g.member_count) for g in selectors.group_list()]  # type: ignore[attr-defined]


@router.get("/groups/{slug}", response=GroupDetailOut, summary="A group with its current members")
def get_group(request: HttpRequest, slug: str) -> dict[str, object]:
    group = selectors.group_get(slug=slug)
    members = list(selectors.current_memberships(group=group))
    return {**_group_out(group, len(members)), "members": [_member_out(m) for m in members]}


@router.get("/states", response=list[StateOut], summary="UN Member States and observer States")
def list_states(request: HttpRequest, regional_group: str | None = None) -> list[StateOut]:
    qs = selectors.state_list()
    if regional_group:
        qs = qs.filter(regional_group=regional_group)
    return [StateOut.from_state(s) for s in qs]


def _state(code: str) -> State:
    try:
        return selectors.state_get(code=code)
    except NotFound as exc:
        raise HttpError(
            400, f"Unknown state code {code!r}: use ISO 3166 alpha-3, alpha-2 or M49."
        ) from exc


@router.get(
    "/groups/{slug}/applications", response=list[ApplicationOut], summary="Membership applications"
)
def list_applications(request: HttpRequest, slug: str) -> list[ApplicationOut]:
    require_user(request)
    group = selectors.group_get(slug=slug)
    if permissions.is_coordinator(request.user, group):
        qs = selectors.applications(group=group)
    else:
        own = permissions.focal_point_state(request.user, group)
        if own is None:
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied("Only the coordinator and focal points may read applications.")
        qs = selectors.applications(group=group, state=own)
    return [_application_out(a) for a in qs.select_related("group", "membership")]


@router.post(
    "/groups/{slug}/applications",
    response={201: ApplicationOut},
    summary="Record an application (coordinator)",
)
def create_application(
    request: HttpRequest, slug: str, payload: ApplicationIn
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
    request: HttpRequest, slug: str, application_id: int, payload: DecisionIn
) -> ApplicationOut:
    require_user(request)
    group = selectors.group_get(slug=slug)
    application = MembershipApplication.objects.filter(pk=application_id, group=group).first()
    if application is None:
        raise NotFound(f"No application {application_id} in group {slug!r}.")
    if payload.decision not in ("admit", "decline"):
        raise HttpError(400, "decision must be 'admit' or 'decline'.")
    application = services.application_decide(
        actor=request.user,
        application=application,
        admit=payload.decision == "admit",
        decided_on=payload.decided_on,
        accession_date=payload.accession_date,
        note=payload.note,
    )
    return _application_out(application)
