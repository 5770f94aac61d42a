"""The chair's console without reloads: a closing time for the list, speaking time per
delegation, and buttons that answer with the console's body (htmx) instead of a redirect."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from amity.core.errors import Conflict
from amity.live import selectors, services
from amity.live.models import Intervention, SpeechKind
from amity.live.tests.conftest import version


def test_a_closing_time_closes_the_list_when_it_passes(session, coordinator):
    m = session.meeting
    soon = timezone.now() + datetime.timedelta(minutes=5)
    services.speakers_list_close_at(actor=coordinator, meeting=m, version=1, at=soon)
    snap = selectors.snapshot(m)
    assert not snap.list_closed
    assert snap.list_closes_at == soon
    # Before the time: statements are taken.
    services.speaker_add(actor=coordinator, meeting=m, registration=session.ataeva, version=2)
    # After it: refused as if the chair had closed the list; points of order still come.
    past = timezone.now() - datetime.timedelta(seconds=1)
    services.speakers_list_close_at(actor=coordinator, meeting=m, version=3, at=past)
    assert selectors.snapshot(m).list_closed
    with pytest.raises(Conflict):
        services.speaker_add(actor=coordinator, meeting=m, registration=session.bakayev, version=4)
    services.speaker_add(
        actor=coordinator,
        meeting=m,
        registration=session.bakayev,
        kind=SpeechKind.POINT_OF_ORDER,
        version=4,
    )
    # The closing time belonged to that item: the next item's list is open.
    services.agenda_item_take_up(actor=coordinator, meeting=m, version=5)
    snap = selectors.snapshot(m)
    assert not snap.list_closed
    assert snap.list_closes_at is None


def test_a_closing_time_must_be_aware(session, coordinator):
    with pytest.raises(ValidationError):
        services.speakers_list_close_at(
            actor=coordinator,
            meeting=session.meeting,
            version=1,
            at=datetime.datetime(2030, 1, 1),  # noqa: DTZ001 (naive on purpose)
        )


def test_speaking_time_is_totalled_per_delegation(session, coordinator):
    m = session.meeting
    for registration in (session.ataeva, session.bakayev):
        services.speaker_add(
            actor=coordinator, meeting=m, registration=registration, version=version(m)
        )
    services.floor_give(actor=coordinator, meeting=m, version=version(m))
    services.timer_start(actor=coordinator, meeting=m, version=version(m))
    services.floor_give(actor=coordinator, meeting=m, version=version(m))
    services.timer_start(actor=coordinator, meeting=m, version=version(m))
    services.timer_stop(actor=coordinator, meeting=m, version=version(m))
    # Make the durations known: 90 s and 45 s.
    start = timezone.now() - datetime.timedelta(minutes=10)
    for seconds, intervention in zip(
        (90, 45), Intervention.objects.filter(meeting=m).order_by("sequence"), strict=True
    ):
        intervention.started_at = start
        intervention.ended_at = start + datetime.timedelta(seconds=seconds)
        intervention.save()
    totals = selectors.speaking_totals(meeting=m)
    assert [(t.state, t.interventions, t.seconds) for t in totals] == [
        (session.bakayev.state, 1, 90),
        (session.ataeva.state, 1, 45),
    ]


def test_console_buttons_answer_htmx_with_the_body_and_its_messages(session, coordinator_client):
    m = session.meeting
    url = f"/en/meetings/{m.pk}/live/do/close_at/"
    # A closing time still to come today at the venue (a past one shows the list closed).
    now = timezone.now().astimezone(m.zone)
    later = now + datetime.timedelta(minutes=30)
    closes = later.strftime("%H:%M") if later.date() == now.date() else "23:59"
    response = coordinator_client.post(
        url, {"version": version(m), "closes_at": closes}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-body-version" in html
    assert "<html" not in html
    assert f"closes at {closes}" in html
    assert "state " not in html.split("live-item-h", 1)[1].split("</h2>", 1)[0]
    # A stale version is reported in the body, not lost in a redirect.
    stale = coordinator_client.post(url, {"version": 1, "closes_at": ""}, HTTP_HX_REQUEST="true")
    assert stale.status_code == 200
    assert 'class="messages"' in stale.content.decode()
    # A time that is not a time says how to write it.
    wrong = coordinator_client.post(
        url, {"version": version(m), "closes_at": "half past"}, HTTP_HX_REQUEST="true"
    )
    assert "11:30" in wrong.content.decode()
    assert 'class="messages"' in wrong.content.decode()
    # Without htmx the same button posts and comes back to the console.
    plain = coordinator_client.post(url, {"version": version(m), "closes_at": ""})
    assert plain.status_code == 302


def test_the_console_shows_speaking_totals(session, coordinator_client, coordinator):
    m = session.meeting
    response = coordinator_client.get(f"/en/meetings/{m.pk}/live/console/")
    assert "Speaking time by delegation" in response.content.decode()
    assert "hx-boost" in response.content.decode()
