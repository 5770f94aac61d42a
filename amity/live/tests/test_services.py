"""The live session's services: the list, the floor, the timer, permissions and versions."""

from __future__ import annotations

import datetime
import json
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection

from amity.core.errors import Conflict
from amity.live import selectors, services
from amity.live.models import EntryStatus, Intervention, Level, LiveState, SpeechKind
from amity.live.tests.conftest import version
from amity.meetings import services as meeting_services
from amity.meetings.tests.factories import upload
from amity.members.models import AuditEntry


def test_chair_adds_speakers_and_the_list_follows_precedence(session, coordinator):
    """The chair's entries go straight onto the list, in order of level of representation."""
    m = session.meeting
    services.speaker_add(actor=coordinator, meeting=m, registration=session.ataeva, version=1)
    services.speaker_add(actor=coordinator, meeting=m, registration=session.seitkali, version=2)
    services.speaker_add(actor=coordinator, meeting=m, registration=session.bakayev, version=3)
    snap = selectors.snapshot(m)
    assert [e.name for e in snap.waiting] == ["Bakayev", "Ataeva", "Seitkali"]
    assert [e.level for e in snap.waiting] == [
        Level.DEPUTY_MINISTER,
        Level.HEAD_OF_DELEGATION,
        Level.DELEGATE,
    ]
    assert snap.version == 4
    assert AuditEntry.objects.filter(action="live.speaker_add").count() == 3


def test_focal_point_requests_for_own_delegation_and_the_chair_accepts(
    session, coordinator, focal_point
):
    m = session.meeting
    entry = services.speaker_add(actor=focal_point, meeting=m, registration=session.bakayev)
    assert entry.status == EntryStatus.REQUESTED
    assert entry.remote
    assert selectors.snapshot(m).waiting == []
    services.speaker_accept(actor=coordinator, entry=entry, version=version(m))
    assert [e.pk for e in selectors.snapshot(m).waiting] == [entry.pk]


def test_focal_point_cannot_add_another_states_delegate(session, focal_point):
    with pytest.raises(PermissionDenied):
        services.speaker_add(
            actor=focal_point, meeting=session.meeting, registration=session.ataeva
        )


def test_focal_point_cannot_give_the_floor_start_or_accept(session, coordinator, focal_point):
    m = session.meeting
    entry = services.speaker_add(actor=focal_point, meeting=m, registration=session.bakayev)
    with pytest.raises(PermissionDenied):
        services.floor_give(actor=focal_point, meeting=m, version=version(m))
    with pytest.raises(PermissionDenied):
        services.speaker_accept(actor=focal_point, entry=entry, version=version(m))
    with pytest.raises(PermissionDenied):
        services.timer_start(actor=focal_point, meeting=m, version=version(m))


def test_focal_point_withdraws_own_request_but_not_anothers(session, coordinator, focal_point):
    m = session.meeting
    other = services.speaker_add(
        actor=coordinator, meeting=m, registration=session.ataeva, version=version(m)
    )
    mine = services.speaker_add(actor=focal_point, meeting=m, registration=session.bakayev)
    with pytest.raises(PermissionDenied):
        services.speaker_remove(actor=focal_point, entry=other)
    services.speaker_remove(actor=focal_point, entry=mine)
    mine.refresh_from_db()
    assert mine.status == EntryStatus.WITHDRAWN


def test_observer_asks_for_the_floor_and_speaks_after_members(session, coordinator, observer):
    m = session.meeting
    obs = services.speaker_add(actor=observer, meeting=m, observer=observer)
    services.speaker_accept(actor=coordinator, entry=obs, version=version(m))
    services.speaker_add(
        actor=coordinator, meeting=m, registration=session.seitkali, version=version(m)
    )
    assert [e.is_observer for e in selectors.snapshot(m).waiting] == [False, True]


def test_stale_version_is_a_conflict(session, coordinator):
    m = session.meeting
    services.speaker_add(actor=coordinator, meeting=m, registration=session.ataeva, version=1)
    with pytest.raises(Conflict):
        services.floor_give(actor=coordinator, meeting=m, version=1)


def test_chair_must_name_the_version(session, coordinator):
    with pytest.raises(ValidationError):
        services.speaker_add(
            actor=coordinator, meeting=session.meeting, registration=session.ataeva
        )


def test_double_next_advances_once(session, coordinator):
    """Two presses of "next" made on the same version: the second is refused, the list
    advanced by one speaker only."""
    m = session.meeting
    services.speaker_add(actor=coordinator, meeting=m, registration=session.ataeva, version=1)
    services.speaker_add(actor=coordinator, meeting=m, registration=session.seitkali, version=2)
    services.floor_give(actor=coordinator, meeting=m, version=3)
    with pytest.raises(Conflict):
        services.floor_give(actor=coordinator, meeting=m, version=3)
    snap = selectors.snapshot(m)
    assert snap.current.name == "Ataeva"
    assert [e.name for e in snap.waiting] == ["Seitkali"]


@pytest.mark.django_db(transaction=True)
def test_two_chairs_pressing_next_at_once_advance_once(session, coordinator):
    """Two threads, each its own database connection, press "next" on the same version at
    the same moment: exactly one succeeds."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serializes writers at BEGIN IMMEDIATE; the race runs on PostgreSQL")
    m = session.meeting
    services.speaker_add(actor=coordinator, meeting=m, registration=session.ataeva, version=1)
    services.speaker_add(actor=coordinator, meeting=m, registration=session.seitkali, version=2)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def press() -> None:
        barrier.wait()
        try:
            services.floor_give(actor=coordinator, meeting=m, version=3)
            results.append("ok")
        except Conflict:
            results.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=press) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["conflict", "ok"]
    assert LiveState.objects.get(meeting=m).version == 4


def test_timer_records_the_intervention_with_its_statement(session, coordinator, focal_point):
    """Start and stop record who spoke, the kind, start, end and duration, linked to the
    statement the delegation uploaded for that item."""
    m = session.meeting
    statement = meeting_services.statement_upload(
        actor=focal_point,
        meeting=m,
        agenda_item=session.items[0],
        state=session.bakayev.state,
        file=upload("kaz.txt", b"Statement of Kazakhstan"),
        original_language="en",
    )
    services.speaker_add(actor=coordinator, meeting=m, registration=session.bakayev, version=1)
    services.floor_give(actor=coordinator, meeting=m, version=2)
    intervention = services.timer_start(actor=coordinator, meeting=m, version=3)
    assert intervention.time_limit == 120
    assert intervention.statement == statement
    assert selectors.snapshot(m).started_at == intervention.started_at
    Intervention.objects.filter(pk=intervention.pk).update(
        started_at=intervention.started_at - datetime.timedelta(seconds=95)
    )
    services.timer_stop(actor=coordinator, meeting=m, version=4)
    intervention.refresh_from_db()
    assert intervention.ended_at is not None
    assert 95 <= intervention.duration_seconds <= 97
    assert intervention.kind == SpeechKind.STATEMENT
    assert intervention.name == "Bakayev"
    snap = selectors.snapshot(m)
    assert snap.current is None
    assert snap.started_at is None
    lines = selectors.interventions(meeting=m)
    assert [(line.intervention.sequence, line.statement) for line in lines] == [(1, statement)]


def test_timer_start_twice_is_a_conflict_and_needs_a_speaker(session, coordinator):
    m = session.meeting
    with pytest.raises(Conflict):
        services.timer_start(actor=coordinator, meeting=m, version=1)
    services.speaker_add(actor=coordinator, meeting=m, registration=session.ataeva, version=1)
    services.floor_give(actor=coordinator, meeting=m, version=2)
    services.timer_start(actor=coordinator, meeting=m, version=3)
    with pytest.raises(Conflict):
        services.timer_start(actor=coordinator, meeting=m, version=4)


def test_next_ends_the_running_intervention(session, coordinator):
    m = session.meeting
    services.speaker_add(actor=coordinator, meeting=m, registration=session.ataeva, version=1)
    services.speaker_add(actor=coordinator, meeting=m, registration=session.seitkali, version=2)
    services.floor_give(actor=coordinator, meeting=m, version=3)
    first = services.timer_start(actor=coordinator, meeting=m, version=4)
    services.floor_give(actor=coordinator, meeting=m, version=5)
    first.refresh_from_db()
    assert first.ended_at is not None
    assert selectors.snapshot(m).current.name == "Seitkali"


def test_manual_move_is_kept_and_logged(session, coordinator):
    m = session.meeting
    for n, reg in enumerate((session.bakayev, session.ataeva, session.seitkali), start=1):
        services.speaker_add(actor=coordinator, meeting=m, registration=reg, version=n)
    seitkali = selectors.snapshot(m).waiting[2]
    services.speaker_move(actor=coordinator, entry=seitkali, version=4, direction="up")
    services.speaker_move(actor=coordinator, entry=seitkali, version=5, direction="up")
    assert [e.name for e in selectors.snapshot(m).waiting] == ["Seitkali", "Bakayev", "Ataeva"]
    assert AuditEntry.objects.filter(action="live.speaker_move").count() == 2
    with pytest.raises(Conflict):
        services.speaker_move(actor=coordinator, entry=seitkali, version=6, direction="up")
    # The first speaker leaves the list: the moved order holds for the rest.
    services.floor_give(actor=coordinator, meeting=m, version=6)
    assert [e.name for e in selectors.snapshot(m).waiting] == ["Bakayev", "Ataeva"]


def test_closed_list_refuses_statements_but_not_points_of_order(session, coordinator):
    m = session.meeting
    services.speakers_list_close(actor=coordinator, meeting=m, version=1)
    with pytest.raises(Conflict):
        services.speaker_add(actor=coordinator, meeting=m, registration=session.ataeva, version=2)
    services.speaker_add(
        actor=coordinator,
        meeting=m,
        registration=session.ataeva,
        kind=SpeechKind.POINT_OF_ORDER,
        version=2,
    )
    assert selectors.snapshot(m).list_closed


def test_next_agenda_item_takes_the_floor_back(session, coordinator):
    m = session.meeting
    services.speaker_add(actor=coordinator, meeting=m, registration=session.ataeva, version=1)
    services.floor_give(actor=coordinator, meeting=m, version=2)
    services.agenda_item_take_up(actor=coordinator, meeting=m, version=3)
    snap = selectors.snapshot(m)
    assert snap.item == session.items[1]
    assert snap.current is None
    assert snap.waiting == []
    assert selectors.state_json(m, snap, public=True)["time_limit"] == 180
    with pytest.raises(Conflict):
        services.agenda_item_take_up(actor=coordinator, meeting=m, version=4)


def test_duplicate_request_is_a_conflict(session, focal_point):
    m = session.meeting
    services.speaker_add(actor=focal_point, meeting=m, registration=session.bakayev)
    with pytest.raises(Conflict):
        services.speaker_add(actor=focal_point, meeting=m, registration=session.bakayev)


def test_public_state_leaves_out_requests(session, focal_point):
    m = session.meeting
    services.speaker_add(actor=focal_point, meeting=m, registration=session.bakayev)
    snap = selectors.snapshot(m)
    assert "requests" not in selectors.state_json(m, snap, public=True)
    assert len(selectors.state_json(m, snap, public=False)["requests"]) == 1


def test_changes_are_sent_after_commit(
    session, coordinator, django_capture_on_commit_callbacks, monkeypatch
):
    """Nothing leaves before the transaction commits; after it, one message per change and
    audience (to each server process's hub), carrying the new version and the state's text."""
    m = session.meeting
    sent: list[tuple[str, dict]] = []

    class Layer:
        async def group_send(self, group: str, message: dict) -> None:
            sent.append((group, message))

    monkeypatch.setattr(services, "get_channel_layer", Layer)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.speaker_add(actor=coordinator, meeting=m, registration=session.ataeva, version=1)
    assert sent == []
    for callback in callbacks:
        callback()
    assert [group for group, _ in sent] == [f"live.{m.pk}.participant", f"live.{m.pk}.public"]
    for group, message in sent:
        assert message["group"] == group
        assert message["version"] == 2
        assert json.loads(message["text"])["version"] == 2
