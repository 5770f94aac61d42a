"""API of the live session: read the state (anyone who may see the meeting: the public view of
a public meeting, the full state for participants) and change it (the chair; a focal point,
registered participant or observer may ask for the floor and withdraw their own request).

Every change names the ``version`` of the state it was made on (409 if it is stale) and
answers with the new state."""

from __future__ import annotations

import time
from typing import Any

import ninja
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from ninja import Router, Schema

from amity.core.api import require_user
from amity.core.errors import NotFound
from amity.live import selectors, services
from amity.live.models import SpeakerEntry, SpeechKind
from amity.meetings.models import Meeting, Registration

router = Router(tags=["live"])


class VersionIn(Schema):
    version: int


class SpeakerIn(Schema):
    kind: str = SpeechKind.STATEMENT
    registration: int | None = None
    observer: int | None = None
    # Required of the chair; a delegate's own request may leave it out.
    version: int | None = None


class MoveIn(VersionIn):
    direction: str


class NextIn(VersionIn):
    entry: int | None = None


class ItemIn(VersionIn):
    item: int | None = None


class CloseIn(VersionIn):
    closed: bool = True


class SpeakerOut(Schema):
    entry: int
    status: str
    state: dict[str, Any]


def _meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    meeting = selectors.meeting_for_live(pk=meeting_id)
    if meeting is None or selectors.audience(request.user, meeting) is None:
        raise NotFound(f"No meeting {meeting_id}.")
    return meeting


def _entry(meeting: Meeting, entry_id: int) -> SpeakerEntry:
    entry = selectors.speaker_entry(meeting=meeting, pk=entry_id)
    if entry is None:
        raise NotFound(f"No entry {entry_id} on the list of meeting {meeting.pk}.")
    return entry


def _state(request: HttpRequest, meeting: Meeting) -> dict[str, Any]:
    # The server's clock, so that a polling client can count down like a WebSocket client.
    state = selectors.live_state(meeting=meeting, user=request.user)
    return {**state, "server_time": int(time.time() * 1000)}


@router.get("/meetings/{meeting_id}/live", response=dict[str, Any], summary="The live state")
def get_live(request: HttpRequest, meeting_id: int) -> dict[str, Any]:
    return _state(request, _meeting(request, meeting_id))


@router.post(
    "/meetings/{meeting_id}/live/speakers",
    response={201: SpeakerOut},
    summary="Add a speaker (chair) or ask for the floor (focal point, participant, observer)",
)
def add_speaker(request: HttpRequest, meeting_id: int, payload: SpeakerIn) -> Any:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    registration = None
    observer = None
    if payload.registration is not None:
        registration = (
            Registration.objects.select_related("state", "person")
            .filter(pk=payload.registration, meeting=meeting)
            .first()
        )
        if registration is None:
            raise NotFound(f"No registration {payload.registration} for this meeting.")
    if payload.observer is not None:
        observer = get_user_model().objects.filter(pk=payload.observer).first()
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
    response=dict[str, Any],
    summary="Take a speaker off the list (chair) or withdraw one's own request",
)
def remove_speaker(
    request: HttpRequest, meeting_id: int, entry_id: int, version: int | None = None
) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    services.speaker_remove(actor=request.user, entry=_entry(meeting, entry_id), version=version)
    return _state(request, meeting)


@router.post(
    "/meetings/{meeting_id}/live/speakers/{entry_id}/accept",
    response=dict[str, Any],
    summary="Accept a request for the floor (chair)",
)
def accept_speaker(
    request: HttpRequest, meeting_id: int, entry_id: int, payload: VersionIn
) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    services.speaker_accept(
        actor=request.user, entry=_entry(meeting, entry_id), version=payload.version
    )
    return _state(request, meeting)


@router.post(
    "/meetings/{meeting_id}/live/speakers/{entry_id}/move",
    response=dict[str, Any],
    summary="Move a speaker up or down the list (chair); the move is kept",
)
def move_speaker(
    request: HttpRequest, meeting_id: int, entry_id: int, payload: MoveIn
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
    response=dict[str, Any],
    summary="Give the floor to the next speaker, or to the entry named (chair)",
)
def next_speaker(request: HttpRequest, meeting_id: int, payload: NextIn) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    entry = _entry(meeting, payload.entry) if payload.entry is not None else None
    services.floor_give(actor=request.user, meeting=meeting, version=payload.version, entry=entry)
    return _state(request, meeting)


@router.post(
    "/meetings/{meeting_id}/live/start",
    response=dict[str, Any],
    summary="Start the speaker's time (chair)",
)
def start(request: HttpRequest, meeting_id: int, payload: VersionIn) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    services.timer_start(actor=request.user, meeting=meeting, version=payload.version)
    return _state(request, meeting)


@router.post(
    "/meetings/{meeting_id}/live/stop",
    response=dict[str, Any],
    summary="End the intervention (chair)",
)
def stop(request: HttpRequest, meeting_id: int, payload: VersionIn) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    services.timer_stop(actor=request.user, meeting=meeting, version=payload.version)
    return _state(request, meeting)


@router.post(
    "/meetings/{meeting_id}/live/item",
    response=dict[str, Any],
    summary="Take up an agenda item, or the next one (chair)",
)
def take_up_item(request: HttpRequest, meeting_id: int, payload: ItemIn) -> dict[str, Any]:
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
    response=dict[str, Any],
    summary="Close (or reopen) the list of speakers on the current item (chair)",
)
def close_list(request: HttpRequest, meeting_id: int, payload: CloseIn) -> dict[str, Any]:
    require_user(request)
    meeting = _meeting(request, meeting_id)
    services.speakers_list_close(
        actor=request.user, meeting=meeting, version=payload.version, closed=payload.closed
    )
    return _state(request, meeting)
