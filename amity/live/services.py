"""Every write of the live session: floor requests, the speakers' list, the floor and the
timer, the agenda item on the floor.

Each change locks the meeting's ``LiveState`` row (``select_for_update``), checks the version
the change was made on (a stale one is a ``Conflict``: two chairs pressing "next" at once, or a
double click, advance once), raises the version, records an audit entry and, after the commit,
sends the new state to every connected client (``core.outbox.after_commit`` + the channel
layer; ``live/handlers.py``).

A delegate's own floor request or withdrawal may leave out the version: it adds to the list or
takes its own entry off it, and does not decide on what the chair saw. The system (demo
loader) acts as a ``SystemActor`` (``amity.core.actors``), let through by name; never ``None``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime
import json
import time
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.core import outbox, ratelimit
from amity.core.actors import Actor, is_system, user_of
from amity.core.errors import Conflict, TooManyRequests
from amity.core.languages import translated
from amity.live import selectors, trace
from amity.live.models import (
    EntryStatus,
    Intervention,
    Level,
    LiveState,
    SpeakerEntry,
    SpeechKind,
)
from amity.live.ordering import level_of, speaking_order
from amity.meetings.models import AgendaItem, Meeting, MeetingStatus, Registration
from amity.members import permissions
from amity.members.audit import audit_record
from amity.members.models import Membership, StateStatus

WAITING = (EntryStatus.REQUESTED, EntryStatus.LISTED)


def group_name(meeting_id: int, audience: str) -> str:
    """The channel-layer group of a meeting's clients of one audience."""
    return f"live.{meeting_id}.{audience}"


# --- sending --------------------------------------------------------------------------------


def live_publish(*, meeting_id: int) -> None:
    """Send the state as it now is to both audiences (the outbox calls it after commit; a
    failure of the channel layer is raised, for the outbox to retry)."""
    committed = time.time()
    meeting = selectors.meeting_for_live(pk=meeting_id)
    layer = get_channel_layer()
    if meeting is None or layer is None:
        return
    snap = selectors.snapshot(meeting)
    # Serialized once per audience; each server process's hub (``amity.live.fanout``) receives
    # one message per audience and writes it to its own clients.
    messages = [
        {
            "type": "live.state",
            "group": group_name(meeting_id, audience),
            "version": snap.version,
            "text": json.dumps(selectors.state_json(meeting, snap, public=public)),
        }
        for audience, public in ((selectors.PARTICIPANT, False), (selectors.PUBLIC, True))
        if not public or selectors.audience(None, meeting) is not None
    ]
    serialized = time.time()

    def send() -> None:
        for message in messages:
            async_to_sync(layer.group_send)(message["group"], message)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        send()
    else:
        # Called from a thread that runs an event loop (a test driving a browser, say):
        # async_to_sync cannot run here, so send from a thread of its own.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(send).result()
    trace.finish(
        meeting_id=meeting_id,
        version=snap.version,
        stages={"committed": committed, "serialized": serialized, "sent": time.time()},
    )


def _changed(live: LiveState, *, actor: Actor, action: str, obj: Any, data: dict[str, Any]) -> None:
    live.version += 1
    live.save()
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        group=live.meeting.group,
        data={"version": live.version, **data},
    )
    trace.mark("written")
    trace.bind(meeting_id=live.meeting_id, version=live.version)
    # Not durable: tried at once after commit (milliseconds count here), recorded in the
    # outbox only if the channel layer fails; it always sends the latest state, so a retry or
    # the clients' periodic resync heals any lost message.
    outbox.after_commit(
        "live.publish",
        {"meeting_id": live.meeting_id},
        group_pk=live.meeting.group_id,
        subject=str(live.meeting),
        durable=False,
    )


# --- checks ---------------------------------------------------------------------------------


def _require_coordinator(actor: Actor, meeting: Meeting) -> None:
    if not is_system(actor) and not permissions.is_coordinator(actor, meeting.group):
        raise PermissionDenied(_("Only the chair (the group's coordinator) may do this."))


def _locked(meeting: Meeting, version: int | None) -> LiveState:
    """The meeting's live state, locked; created on the first change (on the first agenda
    item). ``version`` must be the current one, unless None."""
    trace.mark("service")
    if meeting.status != MeetingStatus.CONVENED:
        raise Conflict(_("Only a convened meeting can be held."))
    first = meeting.agenda_items.order_by("position", "id").first()
    LiveState.objects.get_or_create(meeting=meeting, defaults={"current_item": first})
    live = (
        LiveState.objects.select_for_update(of=("self",))
        .select_related("meeting__group", "current_entry", "current_intervention")
        .get(meeting=meeting)
    )
    trace.mark("locked")
    if version is not None and version != live.version:
        raise Conflict(
            _(
                "The live state changed meanwhile (now version %(now)s, you saw %(seen)s): "
                "look again and retry."
            )
            % {"now": live.version, "seen": version}
        )
    return live


def _entry_locked(entry: SpeakerEntry) -> SpeakerEntry:
    return (
        SpeakerEntry.objects.select_for_update(of=("self",))
        .select_related("state")
        .get(pk=entry.pk)
    )


def _is_member(meeting: Meeting, state: Any) -> bool:
    if state is None or state.status == StateStatus.OBSERVER:
        return False
    return Membership.objects.current().filter(group_id=meeting.group_id, state=state).exists()


def _end_current(live: LiveState, now: Any) -> None:
    """Close the running intervention and take the floor back."""
    intervention = live.current_intervention
    if intervention is not None and intervention.ended_at is None:
        intervention.ended_at = now
        intervention.duration_seconds = max(
            0, round((now - intervention.started_at).total_seconds())
        )
        intervention.save(update_fields=["ended_at", "duration_seconds"])
    if live.current_entry is not None:
        SpeakerEntry.objects.filter(pk=live.current_entry.pk).update(status=EntryStatus.DONE)
    live.current_entry = None
    live.current_intervention = None


def _waiting_statements(item: AgendaItem) -> list[SpeakerEntry]:
    return [
        e
        for e in speaking_order(
            SpeakerEntry.objects.select_for_update().filter(
                agenda_item=item, status=EntryStatus.LISTED
            )
        )
        if e.kind == SpeechKind.STATEMENT
    ]


def _leave_list(entry: SpeakerEntry) -> None:
    """An entry leaves the waiting list: entries moved by hand behind it move up one place,
    so that each keeps its place relative to the others."""
    if entry.kind != SpeechKind.STATEMENT or entry.status != EntryStatus.LISTED:
        return
    order = _waiting_statements(entry.agenda_item)
    index = next((i for i, e in enumerate(order) if e.pk == entry.pk), None)
    if index is None:
        return
    for other in order[index + 1 :]:
        if other.manual_position is not None and other.manual_position > 0:
            other.manual_position -= 1
            other.save(update_fields=["manual_position"])


# --- the speakers' list ---------------------------------------------------------------------


def _floor_requests_bounded(actor: Actor) -> None:
    """A token bucket per user for requests for the floor (the chair's own additions are not
    counted): AMITY_LIVE_FLOOR_BURST at once, then AMITY_LIVE_FLOOR_PER_MINUTE."""
    wait = ratelimit.take_shared(
        f"floor:{actor.pk}",
        burst=settings.AMITY_LIVE_FLOOR_BURST,
        per_minute=settings.AMITY_LIVE_FLOOR_PER_MINUTE,
    )
    if wait:
        raise TooManyRequests(
            _(
                "You asked for the floor too often in a short time; try again in %(seconds)s "
                "seconds."
            )
            % {"seconds": max(1, round(wait))},
            retry_after=wait,
        )


def speaker_add(
    *,
    actor: Actor,
    meeting: Meeting,
    kind: str = SpeechKind.STATEMENT,
    registration: Registration | None = None,
    observer: Any = None,
    version: int | None = None,
) -> SpeakerEntry:
    """Put a speaker on the list of the agenda item on the floor. The chair adds a registered
    participant or an observer straight onto the list; a focal point (for their own
    delegation), a registered participant (for themselves) or an observer (for themselves)
    asks for the floor, and the chair accepts the request."""
    if kind not in SpeechKind.values:
        raise ValidationError(
            {"kind": _("Choose a statement, a point of order or a right of reply.")}
        )
    if (registration is None) == (observer is None):
        raise ValidationError(
            {"speaker": _("Name one speaker: a registered participant or an observer.")}
        )
    if (
        not is_system(actor)
        and getattr(actor, "is_authenticated", False)
        and not permissions.is_coordinator(actor, meeting.group)
    ):
        _floor_requests_bounded(actor)
    with transaction.atomic():
        is_chair = is_system(actor) or permissions.is_coordinator(actor, meeting.group)
        if version is None and is_chair and not is_system(actor):
            raise ValidationError({"version": _("Give the version of the state you saw.")})
        live = _locked(meeting, version)
        item = live.current_item
        if item is None:
            raise Conflict(_("The meeting has no agenda item on the floor."))
        if registration is not None:
            if registration.meeting_id != meeting.pk:
                raise ValidationError(
                    {"registration": _("This person is not registered for the meeting.")}
                )
            own_state = (
                permissions.acting_state(actor, meeting.group) if not is_system(actor) else None
            )
            if not is_chair and not (
                (own_state is not None and own_state.pk == registration.state_id)
                or (
                    registration.person.user_id is not None
                    and registration.person.user_id == actor.pk
                )
            ):
                raise PermissionDenied(_("You may ask for the floor only for your own delegation."))
            state = registration.state
            person = registration.person
            name = " ".join(p for p in (person.honorific, person.full_name) if p)
            # The title as read out in the room: in the meeting's original language.
            title = (
                translated(person.title, meeting.original_language, fallback="en")
                or person.get_rank_display()
            )
            level = level_of(person.rank, registration.is_head)
            is_observer = not _is_member(meeting, state)
            remote = registration.attendance_mode == "remote"
            existing = SpeakerEntry.objects.filter(registration=registration)
        else:
            if not permissions.is_observer(observer, meeting.group):
                raise ValidationError({"observer": _("This user is not an observer of the group.")})
            if not is_chair and observer.pk != actor.pk:
                raise PermissionDenied(_("An observer may ask for the floor only for themselves."))
            state = None
            name = observer.get_full_name() or observer.get_username()
            title = _("Observer")
            level = int(Level.DELEGATE)
            is_observer = True
            remote = False
            existing = SpeakerEntry.objects.filter(observer=observer)
        if kind == SpeechKind.STATEMENT and selectors.list_is_closed(live, item.pk, timezone.now()):
            raise Conflict(_("The list of speakers on this item is closed."))
        if existing.filter(agenda_item=item, kind=kind, status__in=WAITING).exists():
            raise Conflict(_("This speaker is already waiting for the floor on this item."))
        entry = SpeakerEntry.objects.create(
            meeting=meeting,
            agenda_item=item,
            kind=kind,
            status=EntryStatus.LISTED if is_chair else EntryStatus.REQUESTED,
            registration=registration,
            state=state,
            observer=observer,
            name=name[:300],
            title=str(title)[:300],
            level=level,
            is_observer=is_observer,
            requested_at=timezone.now(),
            requested_by=user_of(actor),
            remote=remote,
        )
        _changed(
            live,
            actor=actor,
            action="live.speaker_add" if is_chair else "live.floor_request",
            obj=entry,
            data={"kind": kind, "item": item.pk},
        )
    return entry


def speaker_accept(*, actor: Actor, entry: SpeakerEntry, version: int) -> SpeakerEntry:
    """The chair accepts a request for the floor: it joins the list in its place."""
    meeting = entry.meeting
    with transaction.atomic():
        _require_coordinator(actor, meeting)
        live = _locked(meeting, version)
        entry = _entry_locked(entry)
        if entry.status != EntryStatus.REQUESTED:
            raise Conflict(_("This request was already dealt with."))
        entry.status = EntryStatus.LISTED
        entry.save(update_fields=["status"])
        _changed(live, actor=actor, action="live.speaker_accept", obj=entry, data={})
    return entry


def speaker_remove(
    *, actor: Actor, entry: SpeakerEntry, version: int | None = None
) -> SpeakerEntry:
    """Take an entry off the list: the chair, or whoever asked (withdrawing their request)."""
    meeting = entry.meeting
    with transaction.atomic():
        is_chair = is_system(actor) or permissions.is_coordinator(actor, meeting.group)
        if not is_chair:
            own_state = permissions.acting_state(actor, meeting.group)
            reg = entry.registration
            mine = (
                (entry.observer_id is not None and entry.observer_id == actor.pk)
                or (own_state is not None and entry.state_id == own_state.pk)
                or (reg is not None and reg.person.user_id == actor.pk)
            )
            if not mine:
                raise PermissionDenied(_("You may withdraw only your own requests."))
        elif not is_system(actor) and version is None:
            raise ValidationError({"version": _("Give the version of the state you saw.")})
        live = _locked(meeting, version)
        entry = _entry_locked(entry)
        if entry.status not in WAITING:
            raise Conflict(_("This speaker is no longer waiting for the floor."))
        _leave_list(entry)
        entry.status = EntryStatus.WITHDRAWN
        entry.manual_position = None
        entry.save(update_fields=["status", "manual_position"])
        _changed(live, actor=actor, action="live.speaker_remove", obj=entry, data={})
    return entry


def speaker_move(
    *, actor: Actor, entry: SpeakerEntry, version: int, direction: str
) -> SpeakerEntry:
    """Move a statement one place up or down the list. The move is kept: both entries that
    changed places hold them whatever arrives later (see ``ordering``)."""
    if direction not in ("up", "down"):
        raise ValidationError({"direction": _("Move up or down.")})
    meeting = entry.meeting
    with transaction.atomic():
        _require_coordinator(actor, meeting)
        live = _locked(meeting, version)
        entry = _entry_locked(entry)
        if entry.status != EntryStatus.LISTED or entry.kind != SpeechKind.STATEMENT:
            raise Conflict(_("Only statements waiting on the list can be moved."))
        order = _waiting_statements(entry.agenda_item)
        index = next(i for i, e in enumerate(order) if e.pk == entry.pk)
        target = index - 1 if direction == "up" else index + 1
        if not 0 <= target < len(order):
            raise Conflict(_("This speaker is already at that end of the list."))
        order[index], order[target] = order[target], order[index]
        for position, moved in enumerate(order):
            if position in (index, target) or moved.manual_position is not None:
                moved.manual_position = position
                moved.save(update_fields=["manual_position"])
        _changed(
            live,
            actor=actor,
            action="live.speaker_move",
            obj=entry,
            data={"from": index, "to": target},
        )
    return entry


def speakers_list_close(
    *, actor: Actor, meeting: Meeting, version: int, closed: bool = True
) -> LiveState:
    """Close (or reopen) the list of speakers on the item on the floor: no new statements;
    points of order and rights of reply remain possible."""
    with transaction.atomic():
        _require_coordinator(actor, meeting)
        live = _locked(meeting, version)
        if live.current_item_id is None:
            raise Conflict(_("The meeting has no agenda item on the floor."))
        closed_items = set(live.closed_items or [])
        if closed:
            closed_items.add(live.current_item_id)
        else:
            closed_items.discard(live.current_item_id)
        live.closed_items = sorted(closed_items)
        _changed(
            live,
            actor=actor,
            action="live.list_close" if closed else "live.list_reopen",
            obj=meeting,
            data={"item": live.current_item_id},
        )
    return live


def speakers_list_close_at(
    *, actor: Actor, meeting: Meeting, version: int, at: datetime.datetime | None
) -> LiveState:
    """Announce when the list of speakers on the item on the floor closes (None: no closing
    time). From that moment new statements are refused as if the chair had closed it."""
    if at is not None and timezone.is_naive(at):
        raise ValidationError(_("The closing time must name its time zone."))
    with transaction.atomic():
        _require_coordinator(actor, meeting)
        live = _locked(meeting, version)
        if live.current_item_id is None:
            raise Conflict(_("The meeting has no agenda item on the floor."))
        live.list_closes_at = at
        _changed(
            live,
            actor=actor,
            action="live.list_close_at",
            obj=meeting,
            data={"item": live.current_item_id, "at": at.isoformat() if at else None},
        )
    return live


# --- the floor and the timer ----------------------------------------------------------------


def floor_give(
    *, actor: Actor, meeting: Meeting, version: int, entry: SpeakerEntry | None = None
) -> LiveState:
    """Give the floor to ``entry`` or, if None, to the next on the list ("next speaker").
    Whoever had the floor is done: a running intervention ends and is recorded. With nobody
    waiting the floor is simply taken back."""
    with transaction.atomic():
        _require_coordinator(actor, meeting)
        live = _locked(meeting, version)
        now = timezone.now()
        if entry is not None:
            entry = _entry_locked(entry)
            if entry.meeting_id != meeting.pk or entry.status != EntryStatus.LISTED:
                raise Conflict(_("This speaker is not waiting on the list."))
        else:
            waiting = speaking_order(
                SpeakerEntry.objects.select_for_update().filter(
                    agenda_item_id=live.current_item_id, status=EntryStatus.LISTED
                )
            )
            entry = waiting[0] if waiting else None
        _end_current(live, now)
        if entry is not None:
            _leave_list(entry)
            entry.status = EntryStatus.SPEAKING
            entry.manual_position = None
            entry.save(update_fields=["status", "manual_position"])
            live.current_entry = entry
        _changed(
            live,
            actor=actor,
            action="live.floor_give",
            obj=entry if entry is not None else meeting,
            data={"entry": entry.pk if entry else None},
        )
    return live


def timer_start(*, actor: Actor, meeting: Meeting, version: int) -> Intervention:
    """The speaker with the floor begins: the intervention is recorded from now, and every
    screen counts down the item's time limit from the server's start time."""
    with transaction.atomic():
        _require_coordinator(actor, meeting)
        live = _locked(meeting, version)
        entry = live.current_entry
        if entry is None:
            raise Conflict(_("Nobody has the floor: give the floor first."))
        if live.current_intervention is not None:
            raise Conflict(_("The timer is already running."))
        item = entry.agenda_item
        intervention = Intervention.objects.create(
            meeting=meeting,
            agenda_item=item,
            entry=entry,
            sequence=selectors.next_sequence(meeting),
            kind=entry.kind,
            state=entry.state,
            person=entry.registration.person if entry.registration else None,
            name=entry.name,
            title=entry.title,
            time_limit=selectors.time_limit(item),
            started_at=timezone.now(),
            statement=selectors.statement_for(meeting=meeting, item=item, state=entry.state),
        )
        live.current_intervention = intervention
        _changed(live, actor=actor, action="live.timer_start", obj=intervention, data={})
    return intervention


def timer_stop(*, actor: Actor, meeting: Meeting, version: int) -> Intervention | None:
    """End the intervention: its end and duration are recorded and the floor is taken back."""
    with transaction.atomic():
        _require_coordinator(actor, meeting)
        live = _locked(meeting, version)
        if live.current_entry is None:
            raise Conflict(_("Nobody has the floor."))
        intervention = live.current_intervention
        _end_current(live, timezone.now())
        _changed(
            live,
            actor=actor,
            action="live.timer_stop",
            obj=intervention or meeting,
            data={"duration": intervention.duration_seconds if intervention else None},
        )
    return intervention


def agenda_item_take_up(
    *, actor: Actor, meeting: Meeting, version: int, item: AgendaItem | None = None
) -> LiveState:
    """Move the meeting to ``item``, or to the next agenda item if None. Whoever had the
    floor is done."""
    with transaction.atomic():
        _require_coordinator(actor, meeting)
        live = _locked(meeting, version)
        items = list(meeting.agenda_items.order_by("position", "id"))
        if item is None:
            current = live.current_item
            later = [
                i
                for i in items
                if current is None or (i.position, i.pk) > (current.position, current.pk)
            ]
            if not later:
                raise Conflict(_("This is the last agenda item."))
            item = later[0]
        elif item.meeting_id != meeting.pk:
            raise ValidationError({"item": _("This item is not on the meeting's agenda.")})
        _end_current(live, timezone.now())
        live.current_item = item
        live.list_closes_at = None
        _changed(live, actor=actor, action="live.item", obj=item, data={"item": item.pk})
    return live
