"""API of the live session: read the state (anyone who may see the meeting: the public view of
a public meeting, the full state for participants) and change it (the chair; a focal point,
registered participant or observer may ask for the floor and withdraw their own request).

Every change names the ``version`` of the state it was made on (409 if it is stale) and
answers with the new state."""

from __future__ import annotations

import time
from typing import Annotated, Any, Literal

import ninja
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Field, Query, Router, Schema

from amity.accounts import selectors as account_selectors
from amity.core.api import Id, LanguageCode, PathId, Version, public, require_user
from amity.core.cache import keep_at_edge
from amity.core.errors import NotFound
from amity.live import fanout, selectors, services
from amity.live.models import EntryStatus, SpeakerEntry, SpeechKind
from amity.meetings import selectors as meeting_selectors
from amity.meetings.models import Meeting

router = Router(tags=["live"])
# As the API's other answers say it.
JSON = "application/json; charset=utf-8"


class LiveChangeIn(Schema):
    """A change made on the state the caller saw (``version``; 409 if it is stale)."""

    version: Version


class SpeakerIn(Schema):
    kind: SpeechKind = SpeechKind.STATEMENT
    registration: Id | None = None
    observer: Id | None = None
    # Required of the chair; a delegate's own request may leave it out.
    version: Version | None = None


class MoveIn(LiveChangeIn):
    direction: Literal["up", "down"]


class NextIn(LiveChangeIn):
    entry: Id | None = None


class ItemIn(LiveChangeIn):
    item: Id | None = None


class CloseIn(LiveChangeIn):
    closed: bool = True


class LiveItemOut(Schema):
    id: int
    position: int
    titles: dict[str, str]


class LiveEntryOut(Schema):
    """A speaker or a request for the floor. The fields after ``level`` are for participants
    only: the public view leaves them out."""

    id: int
    name: str
    title: str
    kind: SpeechKind
    state: str | None
    state_names: dict[str, str]
    observer: bool
    level: int
    remote: bool | None = None
    moved: bool | None = None
    status: EntryStatus | None = None
    requested_at: int | None = Field(None, description="Milliseconds since 1970 (UTC).")
    observer_user: int | None = None
    requested_by: int | None = None


class LiveCurrentOut(LiveEntryOut):
    started_at: int | None = Field(description="When the time started: ms since 1970 (UTC).")


class LiveStateOut(Schema):
    """The live state of a meeting, as the WebSocket sends it, with the server's clock.
    ``requests`` (floor requests not yet accepted) is for participants only."""

    meeting: int
    version: int
    audience: Literal["public", "participant"]
    original_language: LanguageCode
    item: LiveItemOut | None
    list_closed: bool
    list_closes_at: int | None = Field(
        None, description="When the list closes by itself: ms since 1970 (UTC), or null."
    )
    time_limit: int = Field(description="Seconds the current item allows a speaker.")
    current: LiveCurrentOut | None
    speakers: list[LiveEntryOut]
    requests: list[LiveEntryOut] | None = None
    server_time: int = Field(description="The server's clock: ms since 1970 (UTC).")


class SpeakerOut(Schema):
    entry: int
    status: EntryStatus
    state: LiveStateOut


def _meeting(request: HttpRequest, meeting_id: PathId, *, agenda: bool = True) -> Meeting:
    meeting = selectors.meeting_for_live(pk=meeting_id, agenda=agenda)
    if meeting is None or selectors.audience(request.user, meeting) is None:
        raise NotFound(f"No meeting {meeting_id}.")
    return meeting


def _entry(meeting: Meeting, entry_id: PathId) -> SpeakerEntry:
    entry = selectors.speaker_entry(meeting=meeting, pk=entry_id)
    if entry is None:
        raise NotFound(f"No entry {entry_id} on the list of meeting {meeting.pk}.")
    return entry


def _state(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    # The server's clock, so that a polling client can count down like a WebSocket client.
    state = selectors.live_state(meeting=meeting, user=request.user)
    return {**state, "server_time": int(time.time() * 1000)}


@router.get(
    "/meetings/{meeting_id}/live",
    response=LiveStateOut,
    exclude_unset=True,
    summary="The live state",
    auth=public,
)
def get_live(request: HttpRequest, meeting_id: PathId) -> HttpResponse:
    """What the live public view polls without a WebSocket, every few seconds per reader: the
    meeting, its live version, the site's version and the reader's roles in one query, then
    the state's text kept at that version (``selectors.polled_state``) completed with the
    server's clock, as the WebSocket sends it. The text is ``LiveStateOut`` as the other
    operations answer it (tested), so it is not validated again on each poll.

    The answer is marked for ``core.edge`` under ``selectors.POLL_VERSION`` (the live version
    and the site's), for readers without cookies or for this reader's session, for
    ``KEPT_STATE_SECONDS`` (the state also moves with time: a speakers' list closing at an
    hour): the next polls are answered there, each with its own clock."""
    polled = selectors.polled_state(pk=meeting_id, user=request.user, language=get_language())
    if polled is None:
        raise NotFound(f"No meeting {meeting_id}.")
    response = HttpResponse(fanout.with_server_time(polled.head), content_type=JSON)
    keep_at_edge(
        request,
        response,
        kind=selectors.POLL_VERSION,
        scope=meeting_id,
        version=polled.kept_version,
        seconds=selectors.KEPT_STATE_SECONDS,
        clock=True,
    )
    return response


@router.post(
    "/meetings/{meeting_id}/live/speakers",
    response={201: SpeakerOut},
    exclude_unset=True,
    summary="Add a speaker (chair) or ask for the floor (focal point, participant, observer)",
)
def add_speaker(request: HttpRequest, meeting_id: PathId, payload: SpeakerIn) -> Any:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    registration = None
    observer = None
    if payload.registration is not None:
        registration = meeting_selectors.registration_of(meeting=meeting, pk=payload.registration)
        if registration is None:
            raise NotFound(f"No registration {payload.registration} for this meeting.")
    if payload.observer is not None:
        observer = account_selectors.user_by_pk(payload.observer)
        if observer is None:
            raise NotFound(f"No user {payload.observer}.")
    entry = services.speaker_add(
        actor=request.user,
        meeting=meeting,
        kind=payload.kind,
        registration=registration,
        observer=observer,
        version=payload.version,
    )
    return ninja.Status(
        201, {"entry": entry.pk, "status": entry.status, "state": _state(request, meeting)}
    )


@router.delete(
    "/meetings/{meeting_id}/live/speakers/{entry_id}",
    response=LiveStateOut,
    exclude_unset=True,
    summary="Take a speaker off the list (chair) or withdraw one's own request",
)
def remove_speaker(
    request: HttpRequest,
    meeting_id: PathId,
    entry_id: PathId,
    version: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    services.speaker_remove(actor=request.user, entry=_entry(meeting, entry_id), version=version)
    return _state(request, meeting)


@router.post(
    "/meetings/{meeting_id}/live/speakers/{entry_id}/accept",
    response=LiveStateOut,
    exclude_unset=True,
    summary="Accept a request for the floor (chair)",
)
def accept_speaker(
    request: HttpRequest, meeting_id: PathId, entry_id: PathId, payload: LiveChangeIn
) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    services.speaker_accept(
        actor=request.user, entry=_entry(meeting, entry_id), version=payload.version
    )
    return _state(request, meeting)


@router.post(
    "/meetings/{meeting_id}/live/speakers/{entry_id}/move",
    response=LiveStateOut,
    exclude_unset=True,
    summary="Move a speaker up or down the list (chair); the move is kept",
)
def move_speaker(
    request: HttpRequest, meeting_id: PathId, entry_id: PathId, payload: MoveIn
) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    services.speaker_move(
        actor=request.user,
        entry=_entry(meeting, entry_id),
        version=payload.version,
        direction=payload.direction,
    )
    return _state(request, meeting)


@router.post(
    "/meetings/{meeting_id}/live/next",
    response=LiveStateOut,
    exclude_unset=True,
    summary="Give the floor to the next speaker, or to the entry named (chair)",
)
def next_speaker(request: HttpRequest, meeting_id: PathId, payload: NextIn) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    entry = _entry(meeting, payload.entry) if payload.entry is not None else None
    services.floor_give(actor=request.user, meeting=meeting, version=payload.version, entry=entry)
    return _state(request, meeting)


@router.post(
    "/meetings/{meeting_id}/live/start",
    response=LiveStateOut,
    exclude_unset=True,
    summary="Start the speaker's time (chair)",
)
def start(request: HttpRequest, meeting_id: PathId, payload: LiveChangeIn) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    services.timer_start(actor=request.user, meeting=meeting, version=payload.version)
    return _state(request, meeting)


@router.post(
    "/meetings/{meeting_id}/live/stop",
    response=LiveStateOut,
    exclude_unset=True,
    summary="End the intervention (chair)",
)
def stop(request: HttpRequest, meeting_id: PathId, payload: LiveChangeIn) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    services.timer_stop(actor=request.user, meeting=meeting, version=payload.version)
    return _state(request, meeting)


@router.post(
    "/meetings/{meeting_id}/live/item",
    response=LiveStateOut,
    exclude_unset=True,
    summary="Take up an agenda item, or the next one (chair)",
)
def take_up_item(request: HttpRequest, meeting_id: PathId, payload: ItemIn) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    item = None
    if payload.item is not None:
        item = selectors.agenda_item(meeting=meeting, pk=payload.item)
        if item is None:
            raise NotFound(f"No agenda item {payload.item} in this meeting.")
    services.agenda_item_take_up(
        actor=request.user, meeting=meeting, version=payload.version, item=item
    )
    return _state(request, meeting)


@router.post(
    "/meetings/{meeting_id}/live/close",
    response=LiveStateOut,
    exclude_unset=True,
    summary="Close (or reopen) the list of speakers on the current item (chair)",
)
def close_list(request: HttpRequest, meeting_id: PathId, payload: CloseIn) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    services.speakers_list_close(
        actor=request.user, meeting=meeting, version=payload.version, closed=payload.closed
    )
    return _state(request, meeting)
