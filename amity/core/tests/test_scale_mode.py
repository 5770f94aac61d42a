"""Scale mode for real: a Celery worker process on the Redis broker does the background work
that the embedded default does in-process. Runs in the PostgreSQL/Redis pass of CI."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from amity.celery_app import app

pytestmark = pytest.mark.skipif(
    not settings.REDIS_URL or settings.EMBEDDED,
    reason="scale mode only: needs REDIS_URL and PostgreSQL (DATABASE_URL)",
)


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def test_a_celery_worker_sends_the_invitations(
    transactional_db, group, coordinator, tmp_path: Path
):
    """Convening enqueues the e-mail task after commit; a separate worker process picks it
    up from Redis and sends one note verbale per focal point."""
    from amity.meetings import services
    from amity.meetings.tests.factories import make_meeting, person

    person(group, "KAZ", "Bakayev", focal=True, email="kaz@example.org")
    meeting = make_meeting(group, actor=coordinator)
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "AMITY_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "AMITY_EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "AMITY_SECRET_KEY": "test-worker",
    }
    log = (tmp_path / "worker.log").open("w")
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "amity",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    app.conf.task_always_eager = False
    try:
        services.meeting_convene(actor=coordinator, meeting=meeting)
        deadline = time.monotonic() + 60
        body = ""
        while time.monotonic() < deadline and "highest consideration" not in body:
            body = "".join(p.read_text() for p in (tmp_path / "mail").glob("*.log"))
            time.sleep(0.25)
        assert body, (
            "the worker sent nothing within 60 s:\n" + (tmp_path / "worker.log").read_text()
        )
        assert "kaz@example.org" in body and "presents its compliments" in body
    finally:
        app.conf.task_always_eager = True
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()
