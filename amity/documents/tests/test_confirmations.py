"""Breaking silence and adopting ask for confirmation first, with their consequences; the
confirmation keeps what was typed; only the confirmed POST acts."""

import datetime

import pytest
from django.utils import timezone

from amity.documents import services
from amity.documents.models import SilenceOutcome
from amity.documents.tests.factories import latest, make_document
from amity.meetings.tests.factories import add_items, convened_meeting


@pytest.fixture
def doc(group, coordinator):
    return make_document(group, actor=coordinator)


def test_breaking_silence_asks_first_and_keeps_the_reason(doc, coordinator, focal_client):
    services.silence_start(
        actor=coordinator,
        document=doc,
        version=latest(doc),
        deadline=timezone.now() + datetime.timedelta(hours=80),
        notify=False,
    )
    url = doc.get_absolute_url() + "silence/break/"
    first = focal_client.post(url, {"reason": "OP2 needs work"})
    assert first.status_code == 200
    page = first.content.decode()
    assert 'data-testid="confirm-page"' in page
    assert "returns to negotiation" in page
    assert "OP2 needs work" in page
    assert '<input type="hidden" name="reason" value="OP2 needs work">' in page
    procedure = doc.silences.get()
    assert procedure.outcome != SilenceOutcome.BROKEN
    assert not procedure.breaks.exists()
    done = focal_client.post(url, {"reason": "OP2 needs work", "confirm": "1"})
    assert done.status_code == 302
    procedure.refresh_from_db()
    assert procedure.outcome == SilenceOutcome.BROKEN
    assert procedure.breaks.get().reason == "OP2 needs work"


def test_adopting_asks_first_with_the_meeting_named(doc, group, coordinator, coordinator_client):
    past = timezone.now() - datetime.timedelta(days=2)
    meeting = convened_meeting(
        group,
        actor=coordinator,
        starts_at=past,
        ends_at=past + datetime.timedelta(hours=2),
    )
    (item,) = add_items(meeting, "Declaration")
    url = doc.get_absolute_url() + "adopt/"
    data = {"meeting": meeting.pk, "agenda_item": item.pk}
    first = coordinator_client.post(url, data)
    assert first.status_code == 200
    page = first.content.decode()
    assert 'data-testid="confirm-page"' in page
    assert "Meeting of the Group" in page
    assert "becomes final" in page
    doc.refresh_from_db()
    assert doc.status != "adopted"
    done = coordinator_client.post(url, {**data, "confirm": "1"})
    assert done.status_code == 302
    doc.refresh_from_db()
    assert doc.status == "adopted"
