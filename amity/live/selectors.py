"""Reads of the live session: the state every screen shows (as JSON, for the WebSocket and the
API), who may see it, and the record of who spoke. A fixed number of queries per call."""

from __future__ import annotations

import datetime
import functools
import json
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import get_language

from amity.live.models import (
    DEFAULT_SPEAKING_TIME,
    EntryStatus,
    Intervention,
    LiveState,
    SpeakerEntry,
)
from amity.live.ordering import speaking_order
from amity.meetings import selectors as meeting_selectors
from amity.meetings.models import (
    AUDIENCE_RULES,
    AgendaItem,
    Meeting,
    Registration,
    Statement,
)
from amity.members import permissions
from amity.members.cache import SITE_VERSION_SQL
from amity.members.models import GroupRole
from amity.members.permissions import Standing

PUBLIC = "public"
PARTICIPANT = "participant"
NEXT_ON_PROJECTOR = 5


def audience(user: Any, meeting: Meeting) -> str | None:
    """What of the live state the user may see: nothing if they may not see the meeting
    (``Meeting.is_visible_to``: a draft is the coordinator's alone); else everything
    (``participant``: coordinators, focal points, observers), or the public view
    (``public``)."""
    return audience_at(permissions.standing(user, meeting.group), meeting)


def audience_at(standing: Standing, meeting: Meeting) -> str | None:
    """``audience`` for a reader of this ``standing`` in the meeting's group."""
    if standing < meeting.audience:  # as Meeting.is_visible_to
        return None
    if standing >= Standing.PARTICIPANT:
        return PARTICIPANT
    return PUBLIC


def meeting_for_live(*, pk: int, agenda: bool = True) -> Meeting | None:
    """The meeting with its group, and its agenda unless ``agenda`` is False (a reader of
    the kept state needs none: ``snapshot`` reads it when it must)."""
    meetings = Meeting.objects.select_related("group").filter(pk=pk)
    return (meetings.prefetch_related("agenda_items") if agenda else meetings).first()


# What a poll of the state reads of a meeting: who may see it (``AUDIENCE_RULES``), its group,
# and what the state says of it; in the model's order of fields, as ``Model.from_db`` takes them.
_POLL_NEEDS = {"id", "group", "original_language", *(f for f, _, _ in AUDIENCE_RULES)}


@functools.cache
def _poll_fields() -> list[Any]:
    return [f for f in Meeting._meta.concrete_fields if f.name in _POLL_NEEDS]


@functools.cache
def _poll_sql() -> str:
    """The meeting's fields, its live version, the whole site's content version, and one row
    per role the reader holds in the meeting's group (one row with no role if none)."""
    quote = connection.ops.quote_name
    meeting, live, role = Meeting._meta, LiveState._meta, GroupRole._meta

    def column(options: Any, name: str) -> str:
        return quote(options.get_field(name).column)

    columns = ", ".join(f"m.{quote(f.column)}" for f in _poll_fields())
    return (
        f"SELECT {columns}, COALESCE(l.{column(live, 'version')}, 1), ({SITE_VERSION_SQL}), "  # noqa: S608 - names from the models; the values are parameters
        f"r.{column(role, 'role')} "
        f"FROM {quote(meeting.db_table)} m "
        f"LEFT JOIN {quote(live.db_table)} l "
        f"ON l.{column(live, 'meeting')} = m.{column(meeting, 'id')} "
        f"LEFT JOIN {quote(role.db_table)} r "
        f"ON r.{column(role, 'group')} = m.{column(meeting, 'group')} "
        f"AND r.{column(role, 'user')} = %s "
        f"WHERE m.{column(meeting, 'id')} = %s"
    )


# The content version under which ``core.edge`` keeps a poll's answer (``POLL_VERSION``,
# registered by the app): see ``poll_version``.
POLL_VERSION = "live-poll"


def _poll_version(site: int, live: int) -> int:
    return (int(site or 0) << 40) | int(live)


def poll_version(meeting_id: int) -> int:
    """What a poll's answer depends on beside the reader and the clock, as one number: the
    meeting's live version (every change of the state) and the whole site's content version
    (who may see the meeting, the reader's roles: audited writes). One query."""
    live = LiveState._meta
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ({SITE_VERSION_SQL}), (SELECT {live.get_field('version').column} "  # noqa: S608 - names from the models; the value is a parameter
            f"FROM {live.db_table} WHERE {live.get_field('meeting').column} = %s)",
            [meeting_id],
        )
        site, version = cursor.fetchone() or (0, None)
    return _poll_version(site, version or 1)


@dataclass(frozen=True)
class Poll:
    """What a poll of the live state needs before the state itself."""

    meeting: Meeting
    version: int
    # The reader's standing in the meeting's group (``permissions.standing_with``).
    standing: Standing
    # The whole site's content version, read with the meeting.
    site: int

    @property
    def kept_version(self) -> int:
        """``poll_version`` as read with the meeting, before the state."""
        return _poll_version(self.site, self.version)


def meeting_for_poll(*, pk: int, user: Any) -> Poll | None:
    """The meeting (with the fields ``audience_at`` and ``live_state_head`` need; any other
    is read if asked for, as after ``only()``), its current live version, the site's content
    version and the roles ``user`` holds in its group, in one indexed query written out once:
    the polling readers of a meeting ask every few seconds each, and building the ORM's
    queries cost more than running them."""
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    with connection.cursor() as cursor:
        cursor.execute(_poll_sql(), [user_id, pk])
        rows = cursor.fetchall()
    if not rows:
        return None
    *values, version, site, _ = rows[0]
    fields = _poll_fields()
    meeting = Meeting.from_db(connection.alias, [f.attname for f in fields], values)
    standing = permissions.standing_with(user, (row[-1] for row in rows if row[-1] is not None))
    return Poll(
        meeting=meeting,
        version=int(version),
        standing=standing,
        site=int(site or 0),
    )


def time_limit(item: AgendaItem | None) -> int:
    if item is None or not item.speaking_time_limit:
        return DEFAULT_SPEAKING_TIME
    return int(item.speaking_time_limit)


@dataclass
class Snapshot:
    """The live state as read from the database, before it is turned into JSON."""

    version: int
    item: AgendaItem | None
    items: list[AgendaItem]
    list_closed: bool
    list_closes_at: datetime.datetime | None
    current: SpeakerEntry | None
    started_at: datetime.datetime | None
    waiting: list[SpeakerEntry]
    requests: list[SpeakerEntry]


def list_is_closed(live: LiveState, item_id: int | None, now: datetime.datetime) -> bool:
    """Whether the list of ``item_id`` is closed: by the chair, or its closing time passed
    (a closing time applies to the item that was on the floor when it was set)."""
    if item_id is None:
        return False
    if item_id in (live.closed_items or []):
        return True
    return (
        live.list_closes_at is not None
        and live.current_item_id == item_id
        and now >= live.list_closes_at
    )


def _default_item(items: list[AgendaItem]) -> AgendaItem | None:
    return items[0] if items else None


def live_versions(meeting_ids: list[int]) -> dict[int, int]:
    """The current live version of each meeting (one query): what the clients' periodic
    heartbeat carries. A meeting whose session has not started has version 1."""
    found = dict(
        LiveState.objects.filter(meeting_id__in=meeting_ids).values_list("meeting_id", "version")
    )
    return {pk: int(found.get(pk, 1)) for pk in meeting_ids}


def snapshot(meeting: Meeting) -> Snapshot:
    """The live state of a meeting (three queries, plus the agenda if not prefetched). A
    meeting whose session has not started has version 1 on its first agenda item."""
    items = sorted(meeting.agenda_items.all(), key=lambda i: (i.position, i.pk))
    live = (
        LiveState.objects.select_related(
            "current_entry__state", "current_intervention", "current_item"
        )
        .filter(meeting=meeting)
        .first()
    )
    if live is None:
        item = _default_item(items)
        version, closed, current, started, closes_at = 1, False, None, None, None
    else:
        item = live.current_item
        version = live.version
        closed = item is not None and list_is_closed(live, item.pk, timezone.now())
        current = live.current_entry
        started = live.current_intervention.started_at if live.current_intervention else None
        closes_at = live.list_closes_at
    entries: list[SpeakerEntry] = []
    if item is not None:
        entries = list(
            SpeakerEntry.objects.filter(
                agenda_item=item, status__in=(EntryStatus.REQUESTED, EntryStatus.LISTED)
            ).select_related("state")
        )
    return Snapshot(
        version=version,
        item=item,
        items=items,
        list_closed=closed,
        list_closes_at=closes_at,
        current=current,
        started_at=started,
        waiting=speaking_order(e for e in entries if e.status == EntryStatus.LISTED),
        requests=sorted(
            (e for e in entries if e.status == EntryStatus.REQUESTED),
            key=lambda e: (e.requested_at, e.pk),
        ),
    )


def _ms(moment: datetime.datetime | None) -> int | None:
    return None if moment is None else int(moment.timestamp() * 1000)


def _entry_json(entry: SpeakerEntry, *, public: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": entry.pk,
        "name": entry.name,
        "title": entry.title,
        "kind": entry.kind,
        "state": entry.state.iso3 if entry.state else None,
        "state_names": entry.state.names if entry.state else {},
        "observer": entry.is_observer,
        "level": entry.level,
    }
    if not public:
        data.update(
            {
                "remote": entry.remote,
                "moved": entry.manual_position is not None,
                "status": entry.status,
                "requested_at": _ms(entry.requested_at),
                "observer_user": entry.observer_id,
                "requested_by": entry.requested_by_id,
            }
        )
    return data


def state_json(meeting: Meeting, snap: Snapshot, *, public: bool) -> dict[str, Any]:
    """The state a client renders. The public view leaves out floor requests the chair has
    not accepted and who asked for what; it shows the list, the speaker and the timer."""
    item = snap.item
    data: dict[str, Any] = {
        "meeting": meeting.pk,
        "version": snap.version,
        "audience": PUBLIC if public else PARTICIPANT,
        "original_language": meeting.original_language,
        "item": None
        if item is None
        else {"id": item.pk, "position": item.position, "titles": item.titles},
        "list_closed": snap.list_closed,
        "list_closes_at": _ms(snap.list_closes_at),
        "time_limit": time_limit(item),
        "current": None
        if snap.current is None
        else {
            **_entry_json(snap.current, public=public),
            "started_at": _ms(snap.started_at),
        },
        "speakers": [_entry_json(e, public=public) for e in snap.waiting],
    }
    if not public:
        data["requests"] = [_entry_json(e, public=False) for e in snap.requests]
    return data


# How long a state read for one reader is given to the next at the same version (polling
# clients of one meeting ask together): names edited outside the live session do not raise
# the version, so not longer than the WebSocket hub keeps its state text.
KEPT_STATE_SECONDS = 2


def live_state_head(
    *, meeting: Meeting, public: bool, version: int | None = None, language: str | None = None
) -> str:
    """The state's JSON text without its closing brace (what ``fanout.with_server_time``
    completes with the server's clock), for the public view or for participants: read and
    serialized once per audience, language (the active one unless given) and version for all
    who ask within ``KEPT_STATE_SECONDS``, as the WebSocket hub does. ``version`` is the
    current version if the caller read it (``meeting_for_poll``); else it is read (one
    query)."""
    if version is None:
        version = live_versions([meeting.pk])[meeting.pk]
    key = f"live-state:{meeting.pk}:{int(public)}:{language or get_language()}:{version}"
    head: str | None = cache.get(key)
    if head is None:
        snap = snapshot(meeting)
        head = json.dumps(state_json(meeting, snap, public=public), separators=(",", ":"))[:-1]
        if snap.version == version:
            cache.set(key, head, KEPT_STATE_SECONDS)
    return head


@dataclass(frozen=True)
class Polled:
    """What a poll answers: the state's text without its closing brace (``live_state_head``)
    and the ``poll_version`` it was read under."""

    head: str
    kept_version: int


def polled_state(*, pk: int, user: Any, language: str) -> Polled | None:
    """What a poll answers (``live_state_head`` as ``user`` may see it, in ``language``), or
    None if there is no such meeting or ``user`` may not see it: one query while the state is
    kept (``meeting_for_poll``)."""
    poll = meeting_for_poll(pk=pk, user=user)
    seen = None if poll is None else audience_at(poll.standing, poll.meeting)
    if poll is None or seen is None:
        return None
    head = live_state_head(
        meeting=poll.meeting, public=seen != PARTICIPANT, version=poll.version, language=language
    )
    return Polled(head=head, kept_version=poll.kept_version)


def live_state(*, meeting: Meeting, user: Any) -> dict[str, Any]:
    """The state as ``user`` may see it (the caller has checked ``audience`` is not None),
    from the kept text (``live_state_head``)."""
    public = audience(user, meeting) != PARTICIPANT
    state: dict[str, Any] = json.loads(live_state_head(meeting=meeting, public=public) + "}")
    return state


def speaker_entry(*, meeting: Meeting, pk: int) -> SpeakerEntry | None:
    """An entry of this meeting's speakers' list, with what the services need, or None."""
    return (
        SpeakerEntry.objects.select_related("meeting__group", "registration__person", "agenda_item")
        .filter(pk=pk, meeting=meeting)
        .first()
    )


def agenda_item(*, meeting: Meeting, pk: int) -> AgendaItem | None:
    """An item of this meeting's agenda, or None."""
    return AgendaItem.objects.filter(pk=pk, meeting=meeting).first()


def speakable_registrations(*, meeting: Meeting, state: Any = None) -> list[Registration]:
    """Registered participants who may be put on the list, by protocol precedence."""
    return meeting_selectors.protocol_order(
        list(meeting_selectors.registrations(meeting=meeting, state=state))
    )


def own_registrations(*, meeting: Meeting, user: Any) -> list[Registration]:
    """The registrations a user may request the floor for: their state's, as focal point or
    coordinator, or their own as a registered participant."""
    if not getattr(user, "is_authenticated", False):
        return []
    own_state = permissions.acting_state(user, meeting.group)
    cond = Q(person__user=user)
    if own_state is not None:
        cond |= Q(state=own_state)
    return meeting_selectors.protocol_order(
        list(
            Registration.objects.filter(meeting=meeting)
            .filter(cond)
            .select_related("state", "person")
        )
    )


@dataclass(frozen=True)
class RecordLine:
    intervention: Intervention
    statement: Statement | None


def interventions(*, meeting: Meeting) -> list[RecordLine]:
    """Who spoke, in order, each with the statement the delegation uploaded for that agenda
    item (the one linked when the intervention started, else the latest uploaded)."""
    lines = list(
        Intervention.objects.filter(meeting=meeting)
        .select_related("state", "agenda_item", "statement", "person")
        .order_by("sequence", "id")
    )
    if not lines:
        return []
    uploaded: dict[tuple[int, int], Statement] = {}
    for s in Statement.objects.filter(meeting=meeting).order_by("uploaded_at", "id"):
        uploaded[(s.agenda_item_id, s.state_id)] = s
    return [
        RecordLine(
            intervention=line,
            statement=line.statement
            or (uploaded.get((line.agenda_item_id, line.state_id)) if line.state_id else None),
        )
        for line in lines
    ]


def next_sequence(meeting: Meeting) -> int:
    return (
        int(Intervention.objects.filter(meeting=meeting).aggregate(m=Max("sequence"))["m"] or 0) + 1
    )


def statement_for(*, meeting: Meeting, item: AgendaItem, state: Any) -> Statement | None:
    if state is None:
        return None
    return (
        Statement.objects.filter(meeting=meeting, agenda_item=item, state=state)
        .order_by("-uploaded_at", "-id")
        .first()
    )


# A meeting's record keeps what was said during the meeting (an overrun of a few hours
# included); what a live session records later (a rehearsal, a demonstration on a past
# meeting) is shown apart.
RECORD_OVERRUN = datetime.timedelta(hours=6)


def _record_limit(meeting: Meeting) -> datetime.datetime:
    """The end of the meeting with the overrun allowed; at the edge of the calendar (a stray
    year 9999) the last moment there is, never an OverflowError that takes a page down."""
    try:
        return meeting.ends_at + RECORD_OVERRUN
    except OverflowError:
        return datetime.datetime.max.replace(tzinfo=datetime.UTC)


def is_past(meeting: Meeting, now: datetime.datetime | None = None) -> bool:
    """Whether the meeting ended (more than the overrun allowed ago): a live session on it
    would not be the meeting itself."""
    return _record_limit(meeting) < (now or timezone.now())


def split_record(
    meeting: Meeting, lines: list[RecordLine]
) -> tuple[list[RecordLine], list[RecordLine]]:
    """(the meeting's record, what was recorded after it): an intervention belongs to the
    record if it has no time (a historical record, times not reported) or started before the
    meeting ended (with the overrun)."""
    limit = _record_limit(meeting)
    record = [
        line
        for line in lines
        if line.intervention.started_at is None or line.intervention.started_at <= limit
    ]
    later = [line for line in lines if line not in record]
    return record, later


@dataclass
class SpeakingTotal:
    """How long one delegation (a state, or an observer by name) has spoken in a meeting."""

    state: Any
    name: str
    interventions: int
    seconds: int


def speaking_totals(*, meeting: Meeting) -> list[SpeakingTotal]:
    """Speaking time per delegation over the whole meeting, longest first (one query). Only
    interventions with a known start and end count; the one running now counts up to now."""
    now = timezone.now()
    totals: dict[Any, SpeakingTotal] = {}
    for intervention in Intervention.objects.filter(
        meeting=meeting, started_at__isnull=False
    ).select_related("state"):
        key = intervention.state_id or f"name:{intervention.name}"
        total = totals.get(key)
        if total is None:
            total = totals[key] = SpeakingTotal(
                state=intervention.state, name=intervention.name, interventions=0, seconds=0
            )
        start, end = intervention.started_at, intervention.ended_at or now
        total.interventions += 1
        if start is not None:
            total.seconds += max(0, int((end - start).total_seconds()))
    return sorted(totals.values(), key=lambda t: (-t.seconds, t.name))
