"""A chair's change when the channel layer fails: the change is saved and answered, and the
broadcast is kept in the outbox and sent again once the layer is back."""

from __future__ import annotations

import json
import socket

import pytest
from django.test import override_settings
from django.utils import timezone

from amity.core import outbox
from amity.core.models import OutboxEntry, OutboxStatus
from amity.live.models import LiveState


def _dead_redis() -> dict:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [f"redis://127.0.0.1:{port}/0"]},
        }
    }


def post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


@pytest.mark.django_db(transaction=True)
def test_a_chairs_change_with_the_channel_layer_down_answers_success_and_is_sent_later(
    session, coordinator_client
):
    base = f"/api/v1/meetings/{session.meeting.pk}/live"
    with override_settings(CHANNEL_LAYERS=_dead_redis()):
        first = post(
            coordinator_client,
            f"{base}/speakers",
            {"registration": session.ataeva.pk, "version": 1},
        )
        second = post(coordinator_client, f"{base}/next", {"version": 2})
    assert first.status_code == 201
    assert second.status_code == 200
    assert second.json()["current"]["name"] == "Ataeva"
    assert LiveState.objects.get(meeting=session.meeting).version == 3
    # One entry for the meeting, however many broadcasts failed: each sends the latest state.
    entry = OutboxEntry.objects.get(handler="live.publish")
    assert entry.status == OutboxStatus.PENDING
    assert entry.attempts == 1
    assert entry.last_error
    assert entry.payload == {"meeting_id": session.meeting.pk}

    OutboxEntry.objects.filter(pk=entry.pk).update(due_at=timezone.now())
    assert outbox.sweep() == 1
    entry.refresh_from_db()
    assert entry.status == OutboxStatus.DONE
