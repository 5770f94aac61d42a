"""API endpoints of meetings: list and read (agenda, registrations as permissions allow);
create, update, convene, cancel (coordinator); add agenda items (with the agenda's version);
register a delegation (focal point)."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from amity.core.api import (
    DEFAULT_LIMIT,
    BoundedDateTime,
    Cursor,
    Id,
    LanguageCode,
    Limit,
    PathId,
    Slug,
    Version,
    paginate,
    public,
    require_user,
)
from amity.core.errors import NotFound
from amity.meetings import selectors, services
from amity.meetings.models import (
    AgendaItemKind,
    AttendanceMode,
    Meeting,
    MeetingFormat,
    MeetingLevel,
    MeetingStatus,
    Presence,
    Registration,
    Visibility,
)
from amity.members import permissions
from amity.members import selectors as member_selectors
from amity.members.models import State

router = Router(tags=["meetings"])


class AgendaItemOut(Schema):
    id: int
    position: int
    titles: dict[str, str]
    title: str
    kind: AgendaItemKind
    speaking_time_limit: int | None
    decision: dict[str, str]


class RegistrationOut(Schema):
    id: int
    state: str
    person_id: int
    name: str
    title: dict[str, str]
    rank: int
    role: str
    attendance_mode: AttendanceMode
    is_head: bool
    presence: Presence | Literal[""]


class MeetingOut(Schema):
    id: int
    group: str
    titles: dict[str, str]
    title: str
    original_language: LanguageCode
    level: MeetingLevel
    format: MeetingFormat
    venue_name: dict[str, str]
    venue_city: dict[str, str]
    venue_country: str | None
    time_zone: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    online_url: str | None
    ga_session: int | None
    visibility: Visibility
    status: MeetingStatus
    cancel_reason: dict[str, str]
    registration_deadline: datetime.datetime | None
    ical_uid: str
    ical_sequence: int
    agenda_version: int
    agenda_adopted: bool
    version: int


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]
    summary_record: dict[str, str]
    registrations: list[RegistrationOut] | None


GaSession = Annotated[int, Field(ge=1, le=1000)]


class MeetingIn(Schema):
    titles: dict[LanguageCode, str]
    level: MeetingLevel
    format: MeetingFormat
    time_zone: str
    starts_at: BoundedDateTime
    ends_at: BoundedDateTime
    venue_name: dict[str, str] | str = ""
    venue_city: dict[str, str] | str = ""
    venue_country: str | None = None
    online_url: str = ""
    ga_session: GaSession | None = None
    visibility: Visibility = Visibility.PUBLIC
    registration_deadline: BoundedDateTime | None = None
    original_language: LanguageCode | None = None
    invitation_language: LanguageCode | None = None
    notes: dict[str, str] | str = ""


class MeetingPatch(Schema):
    """The fields to change; a field left out, or null, stays as it is (null clears
    `venue_country`, `ga_session` and `registration_deadline`). `version` is required: the
    meeting's version the change is based on (as read); if someone saved the meeting since,
    nothing is written and the answer is 409 `conflict` (without it, 400: no client overwrites
    a newer edit unseen)."""

    version: Version

    titles: dict[LanguageCode, str] | None = None
    level: MeetingLevel | None = None
    format: MeetingFormat | None = None
    time_zone: str | None = None
    starts_at: BoundedDateTime | None = None
    ends_at: BoundedDateTime | None = None
    venue_name: dict[str, str] | str | None = None
    venue_city: dict[str, str] | str | None = None
    venue_country: str | None = None
    online_url: str | None = None
    ga_session: GaSession | None = None
    visibility: Visibility | None = None
    registration_deadline: BoundedDateTime | None = None
    invitation_language: LanguageCode | None = None
    notes: dict[str, str] | str | None = None


NULLABLE = {"venue_country", "ga_session", "registration_deadline"}


class CancelIn(Schema):
    """Why, as ``{lang: text}`` (a plain string: the text in the meeting's original
    language)."""

    reason: dict[str, str] | str = ""


class AgendaItemIn(Schema):
    version: Version
    titles: dict[LanguageCode, str]
    kind: AgendaItemKind = AgendaItemKind.DISCUSSION
    speaking_time_limit: Annotated[int, Field(ge=1, le=86400)] | None = None


class RegistrationIn(Schema):
    person_id: Id
    attendance_mode: AttendanceMode
    is_head: bool = False


def _state(code: str | None) -> State | None:
    if not code:
        return None
    try:
        return member_selectors.state_get(code=code)
    except NotFound as exc:
        raise HttpError(
            400, f"Unknown state code {code!r}: use ISO 3166 alpha-3, alpha-2 or M49."
        ) from exc


def _meeting_out(meeting: Meeting, user: Any) -> dict[str, Any]:
    member = permissions.is_participant(user, meeting.group)
    return {
        "id": meeting.pk,
        "group": meeting.group.slug,
        "titles": meeting.titles,
        "title": meeting.title,
        "original_language": meeting.original_language,
        "level": meeting.level,
        "format": meeting.format,
        "venue_name": meeting.venue_name,
        "venue_city": meeting.venue_city,
        "venue_country": meeting.venue_country.iso3 if meeting.venue_country else None,
        "time_zone": meeting.time_zone,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        # The link is for those invited, not the public.
        "online_url": meeting.online_url if member else None,
        "ga_session": meeting.ga_session,
        "visibility": meeting.visibility,
        "status": meeting.status,
        "cancel_reason": meeting.cancel_reason,
        "registration_deadline": meeting.registration_deadline,
        "ical_uid": meeting.ical_uid,
        "ical_sequence": meeting.ical_sequence,
        "agenda_version": meeting.agenda_version,
        "agenda_adopted": meeting.agenda_adopted_at is not None,
        "version": meeting.version,
    }


def _registration_out(r: Registration) -> dict[str, Any]:
    return {
        "id": r.pk,
        "state": r.state.iso3,
        "person_id": r.person_id,
        "name": r.person.full_name,
        "title": r.person.title,
        "rank": r.person.rank,
        "role": r.person.role,
        "attendance_mode": r.attendance_mode,
        "is_head": r.is_head,
        "presence": r.presence,
    }


def _detail_out(meeting: Meeting, user: Any) -> dict[str, Any]:
    """Registrations: all for the coordinator, the own delegation's for a focal point, the
    list of participants for observers, none for the public."""
    group = meeting.group
    regs: list[dict[str, Any]] | None = None
    if permissions.is_coordinator(user, group):
        regs = [
            _registration_out(r)
            for r in selectors.protocol_order(list(selectors.registrations(meeting=meeting)))
        ]
    elif permissions.focal_point_state(user, group) is not None:
        own = permissions.focal_point_state(user, group)
        regs = [_registration_out(r) for r in selectors.registrations(meeting=meeting, state=own)]
    elif permissions.is_participant(user, group):
        regs = [
            _registration_out(r)
            for r in selectors.protocol_order(list(selectors.registrations(meeting=meeting)))
        ]
    return {
        **_meeting_out(meeting, user),
        "agenda": [
            {
                "id": i.pk,
                "position": i.position,
                "titles": i.titles,
                "title": i.title,
                "kind": i.kind,
                "speaking_time_limit": i.speaking_time_limit,
                "decision": i.decision,
            }
            for i in meeting.agenda_items.all()
        ],
        "summary_record": meeting.summary_record,
        "registrations": regs,
    }


def _get(request: HttpRequest, meeting_id: PathId) -> Meeting:
    return selectors.meeting_get(pk=meeting_id, user=request.user)


@router.get(
    "/groups/{slug}/meetings",
    response=list[MeetingOut],
    summary="Meetings of a group (by start, then id)",
    auth=public,
)
def list_meetings(
    request: HttpRequest,
    response: HttpResponse,
    slug: Slug,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> list[dict[str, Any]]:
    group = member_selectors.group_get(slug=slug)
    qs = selectors.visible_meetings(user=request.user, group=group).select_related(
        "group", "venue_country"
    )
    page = paginate(
        request,
        response,
        qs,
        key=lambda m: (m.starts_at.timestamp(), m.pk),
        limit=limit,
        cursor=cursor,
    )
    return [_meeting_out(m, request.user) for m in page]


@router.post(
    "/groups/{slug}/meetings",
    response={201: MeetingDetailOut},
    summary="Create a meeting (coordinator)",
)
def create_meeting(request: HttpRequest, slug: Slug, payload: MeetingIn) -> Status[dict[str, Any]]:
    require_user(request)
    group = member_selectors.group_get(slug=slug)
    data = payload.dict()
    data["venue_country"] = _state(data.pop("venue_country"))
    meeting = services.meeting_create(actor=request.user, group=group, **data)
    return Status(201, _detail_out(selectors.meeting_get(pk=meeting.pk), request.user))


@router.get(
    "/meetings/{meeting_id}",
    response=MeetingDetailOut,
    summary="A meeting with its agenda and registrations",
    auth=public,
)
def get_meeting(request: HttpRequest, meeting_id: PathId) -> dict[str, Any]:
    return _detail_out(_get(request, meeting_id), request.user)


@router.patch(
    "/meetings/{meeting_id}",
    response=MeetingDetailOut,
    summary="Change a meeting (coordinator); `version` required, 409 if it changed since; a "
    "convened meeting's invitees receive the update",
)
def update_meeting(
    request: HttpRequest, meeting_id: PathId, payload: MeetingPatch
) -> dict[str, Any]:
    require_user(request)
    meeting = _get(request, meeting_id)
    # null leaves a field as it is, except where null is a value (no country, no session, no
    # registration deadline).
    changes = {
        field: value
        for field, value in payload.dict(exclude_unset=True).items()
        if value is not None or field in NULLABLE
    }
    if "venue_country" in changes:
        changes["venue_country"] = _state(changes["venue_country"])
    services.meeting_update(actor=request.user, meeting=meeting, **changes)
    return _detail_out(selectors.meeting_get(pk=meeting.pk), request.user)


@router.post(
    "/meetings/{meeting_id}/convene", response=MeetingDetailOut, summary="Convene (coordinator)"
)
def convene_meeting(request: HttpRequest, meeting_id: PathId) -> dict[str, Any]:
    require_user(request)
    meeting = services.meeting_convene(actor=request.user, meeting=_get(request, meeting_id))
    return _detail_out(selectors.meeting_get(pk=meeting.pk), request.user)


@router.post(
    "/meetings/{meeting_id}/cancel", response=MeetingDetailOut, summary="Cancel (coordinator)"
)
def cancel_meeting(request: HttpRequest, meeting_id: PathId, payload: CancelIn) -> dict[str, Any]:
    require_user(request)
    meeting = services.meeting_cancel(
        actor=request.user, meeting=_get(request, meeting_id), reason=payload.reason
    )
    return _detail_out(selectors.meeting_get(pk=meeting.pk), request.user)


@router.post(
    "/meetings/{meeting_id}/agenda",
    response={201: AgendaItemOut},
    summary="Add an agenda item (coordinator); 409 if the agenda changed since `version`",
)
def add_agenda_item(
    request: HttpRequest, meeting_id: PathId, payload: AgendaItemIn
) -> Status[dict[str, Any]]:
    require_user(request)
    meeting = _get(request, meeting_id)
    item = services.agenda_item_add(
        actor=request.user,
        meeting=meeting,
        version=payload.version,
        titles={str(code): text for code, text in payload.titles.items()},
        kind=payload.kind,
        speaking_time_limit=payload.speaking_time_limit,
    )
    return Status(
        201,
        {
            "id": item.pk,
            "position": item.position,
            "titles": item.titles,
            "title": item.title,
            "kind": item.kind,
            "speaking_time_limit": item.speaking_time_limit,
            "decision": item.decision,
        },
    )


@router.post(
    "/meetings/{meeting_id}/registrations",
    response={201: RegistrationOut},
    summary="Register a person of the delegation (focal point)",
)
def register(
    request: HttpRequest, meeting_id: PathId, payload: RegistrationIn
) -> Status[dict[str, Any]]:
    require_user(request)
    meeting = _get(request, meeting_id)
    try:
        person = member_selectors.person_get(group=meeting.group, pk=payload.person_id)
    except NotFound as exc:
        raise HttpError(400, f"No person {payload.person_id} in the group's delegations.") from exc
    registration = services.registration_submit(
        actor=request.user,
        meeting=meeting,
        person=person,
        attendance_mode=payload.attendance_mode,
        is_head=payload.is_head,
    )
    return Status(201, _registration_out(registration))
