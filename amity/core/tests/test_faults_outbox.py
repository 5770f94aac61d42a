"""Fault injection with real processes, scale mode (PostgreSQL and a Redis of the test's own):
Redis killed (SIGKILL) in the middle of a convening. The convening answers success; once
Redis is back the invitations arrive, each exactly once; convening again is refused; a worker
killed and started again loses and repeats nothing. Runs in the PostgreSQL/Redis CI pass."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.conf import settings

from amity.core.models import OutboxEntry, OutboxStatus
from amity.core.tests.processes import (
    api,
    celery_worker,
    environment,
    free_port,
    mails,
    redis_server,
    uvicorn_server,
    wait_for,
)

pytestmark = pytest.mark.skipif(
    not settings.REDIS_URL or settings.EMBEDDED,
    reason="scale mode only: needs REDIS_URL and PostgreSQL (DATABASE_URL)",
)

ADDRESSES = ("kaz@example.org", "tkm@example.org")


def _each_once(tmp_path: Path) -> bool:
    sent = mails(tmp_path)
    return all(sent.count(f"To: {a}") == 1 for a in ADDRESSES)


def test_redis_killed_during_a_convening_loses_no_invitation_and_sends_none_twice(
    transactional_db, group, coordinator, tmp_path: Path
):
    from amity.accounts.services import api_token_create
    from amity.meetings.models import Meeting, MeetingStatus
    from amity.meetings.tests.factories import make_meeting, person

    for code, family, address in (
        ("KAZ", "Bakayev", ADDRESSES[0]),
        ("TKM", "Ataeva", ADDRESSES[1]),
    ):
        person(group, code, family, focal=True, email=address)
    meeting = make_meeting(group, actor=coordinator)
    token = api_token_create(user=coordinator, name="faults")[1]

    redis_port, web_port = free_port(), free_port()
    env = environment(
        tmp_path,
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        AMITY_CACHE_PREFIX=f"amity-faults-{redis_port}",
        AMITY_OUTBOX_SWEEP_SECONDS="1",
    )
    logs = [tmp_path / "redis.log", tmp_path / "worker.log", tmp_path / "web.log"]
    started = []
    try:
        redis = redis_server(redis_port, logs[0])
        started.append(redis)
        beat = ("-B", "--schedule", str(tmp_path / "beat-schedule"))
        worker = celery_worker(env, logs[1], *beat, one_core=True)
        started.append(worker)
        web = uvicorn_server(web_port, env, logs[2])
        started.append(web)

        redis.kill()
        status, body = api(
            "POST", f"http://127.0.0.1:{web_port}/api/v1/meetings/{meeting.pk}/convene", token
        )
        assert status == 200, body
        assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.CONVENED
        entry = OutboxEntry.objects.get(handler="meetings.emails")
        assert entry.status == OutboxStatus.PENDING
        assert entry.last_error
        assert mails(tmp_path) == ""

        redis = redis_server(redis_port, logs[0])
        started.append(redis)
        back = time.monotonic()
        wait_for(
            lambda: (
                not OutboxEntry.objects.exclude(status=OutboxStatus.DONE).exists()
                and _each_once(tmp_path)
            ),
            "the invitations were not sent after Redis came back",
            90,
            logs,
        )
        print(f"\nRedis back -> outbox empty, invitations sent: {time.monotonic() - back:.1f} s")

        status, body = api(
            "POST", f"http://127.0.0.1:{web_port}/api/v1/meetings/{meeting.pk}/convene", token
        )
        assert status == 409, body

        # A worker killed and started again: nothing is pending, nothing is sent again.
        worker.kill()
        worker = celery_worker(env, logs[1], *beat, one_core=True)
        started.append(worker)
        time.sleep(3)  # several sweeps
        assert _each_once(tmp_path)
        entry.refresh_from_db()
        assert entry.status == OutboxStatus.DONE
        assert entry.receipts.count() == 2
        assert OutboxEntry.objects.filter(handler="meetings.emails").count() == 1
    finally:
        for process in reversed(started):
            process.stop()
