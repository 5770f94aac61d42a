"""The live pages: console (chair), delegate's view, projector, public view, meeting record."""

from __future__ import annotations

from django.test import Client

from amity.live import services
from amity.live.models import EntryStatus, Intervention, SpeakerEntry
from amity.live.tests.conftest import version
from amity.meetings import services as meeting_services


def test_console_is_for_the_chair_only(session, coordinator_client, focal_client):
    url = f"/en/meetings/{session.meeting.pk}/live/console/"
    assert coordinator_client.get(url).status_code == 200
    assert focal_client.get(url).status_code == 403


def test_console_query_count_does_not_grow(
    session, coordinator, coordinator_client, django_assert_max_num_queries
):
    m = session.meeting
    for reg in (session.bakayev, session.ataeva, session.seitkali):
        services.speaker_add(actor=coordinator, meeting=m, registration=reg, version=version(m))
    with django_assert_max_num_queries(14):
        page = coordinator_client.get(f"/en/meetings/{m.pk}/live/console/")
    assert page.status_code == 200
    assert page.content.decode().count('class="live-entry"') == 3


def test_chair_forms_post_with_the_version_and_redirect(session, coordinator, coordinator_client):
    """Without JavaScript: add, next, start, stop — and a stale form says so."""
    m = session.meeting
    base = f"/en/meetings/{m.pk}/live/do"
    r = coordinator_client.post(
        f"{base}/add/", {"version": 1, "registration": session.ataeva.pk, "kind": "statement"}
    )
    assert r.status_code == 302
    coordinator_client.post(f"{base}/next/", {"version": 2})
    coordinator_client.post(f"{base}/start/", {"version": 3})
    r = coordinator_client.post(f"{base}/start/", {"version": 3}, follow=True)
    assert "changed meanwhile" in r.content.decode()
    coordinator_client.post(f"{base}/stop/", {"version": 4})
    assert Intervention.objects.get().ended_at is not None


def test_delegate_requests_the_floor_sees_place_and_withdraws(session, coordinator, focal_client):
    m = session.meeting
    r = focal_client.post(
        f"/en/meetings/{m.pk}/live/request/",
        {"registration": session.bakayev.pk, "kind": "statement"},
        follow=True,
    )
    assert "waiting for the chair to accept" in r.content.decode()
    entry = SpeakerEntry.objects.get()
    services.speaker_accept(actor=coordinator, entry=entry, version=version(m))
    assert "number 1 on the list" in focal_client.get(f"/en/meetings/{m.pk}/live/").content.decode()
    focal_client.post(f"/en/meetings/{m.pk}/live/withdraw/{entry.pk}/")
    entry.refresh_from_db()
    assert entry.status == EntryStatus.WITHDRAWN


def test_projector_and_public_views(session, coordinator):
    m = session.meeting
    services.speaker_add(actor=coordinator, meeting=m, registration=session.ataeva, version=1)
    services.floor_give(actor=coordinator, meeting=m, version=2)
    page = Client().get(f"/ar/meetings/{m.pk}/live/projector/").content.decode()
    assert 'dir="rtl"' in page
    assert "Ataeva" in page
    assert "data-live-timer" in page
    assert "Ataeva" in Client().get(f"/en/meetings/{m.pk}/live/public/").content.decode()


def test_members_only_meeting_has_no_public_view(session, coordinator, observer_client):
    meeting_services.meeting_update(
        actor=coordinator, meeting=session.meeting, visibility="members"
    )
    assert Client().get(f"/en/meetings/{session.meeting.pk}/live/public/").status_code == 404
    assert observer_client.get(f"/en/meetings/{session.meeting.pk}/live/public/").status_code == 404
    assert (
        observer_client.get(f"/en/meetings/{session.meeting.pk}/live/projector/").status_code == 200
    )


def test_meeting_page_shows_who_spoke_in_order(session, coordinator):
    m = session.meeting
    for n, reg in enumerate((session.ataeva, session.bakayev), start=0):
        services.speaker_add(actor=coordinator, meeting=m, registration=reg, version=1 + 4 * n)
        services.floor_give(actor=coordinator, meeting=m, version=2 + 4 * n)
        services.timer_start(actor=coordinator, meeting=m, version=3 + 4 * n)
        services.timer_stop(actor=coordinator, meeting=m, version=4 + 4 * n)
    page = Client().get(f"/en/meetings/{m.pk}/").content.decode()
    assert page.index("Ataeva") < page.index("Bakayev")
    assert "Who spoke" in page
    assert f"/en/meetings/{m.pk}/live/public/" in page


def test_demo_records_the_2023_speakers_without_inventing_times(db):
    from amity.live import demo as live_demo
    from amity.meetings import demo as meeting_demo
    from amity.members import demo as member_demo

    member_demo.load()
    meeting_demo.load()
    live_demo.load()
    live_demo.load()
    lines = list(Intervention.objects.order_by("sequence"))
    assert [i.name.split()[-1] for i in lines] == ["Ataeva", "Byashimova", "Bakayev"]
    assert all(i.started_at is None and i.duration_seconds is None and i.note for i in lines)
    assert lines[0].title == "Permanent Representative of Turkmenistan to the United Nations"
