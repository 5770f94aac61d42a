"""Scale mode for real: a Celery worker process on the Redis broker does the background work
that the embedded default does in-process. Runs in the PostgreSQL/Redis pass of CI."""

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from amity.celery_app import app

pytestmark = pytest.mark.skipif(
    not settings.REDIS_URL or settings.EMBEDDED,
    reason="scale mode only: needs REDIS_URL and PostgreSQL (DATABASE_URL)",
)


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextlib.contextmanager
def celery_worker(tmp_path: Path, *options: str) -> Iterator[subprocess.Popen]:
    """A worker process on this test's database and Redis; the tests' tasks go to it (not run
    eagerly) while it runs. Its output is in ``tmp_path / "worker.log"``."""
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
            *options,
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
        with override_settings(CELERY_TASK_ALWAYS_EAGER=False):
            yield worker
    finally:
        app.conf.task_always_eager = True
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()


def _wait_for(check: Callable[[], bool], tmp_path: Path, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.25)
    pytest.fail(f"{what} within {seconds:.0f} s:\n" + (tmp_path / "worker.log").read_text())


def _descendants(pid: int) -> list[str]:
    """The command lines of a process's children and their children (Linux /proc)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            cmdline = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ")
            found.append(cmdline.decode(errors="replace"))
            found.extend(_descendants(int(child)))
    return found


def test_a_celery_worker_sends_the_invitations(
    transactional_db, group, coordinator, tmp_path: Path
):
    """Convening enqueues the e-mail task after commit; a separate worker process picks it
    up from Redis and sends one note verbale per focal point."""
    from amity.meetings import services
    from amity.meetings.tests.factories import make_meeting, person

    person(group, "KAZ", "Bakayev", focal=True, email="kaz@example.org")
    meeting = make_meeting(group, actor=coordinator)
    with celery_worker(tmp_path, "--pool=solo", "--concurrency=1"):
        services.meeting_convene(actor=coordinator, meeting=meeting)

        def sent() -> str:
            return "".join(p.read_text() for p in (tmp_path / "mail").glob("*.log"))

        _wait_for(lambda: "highest consideration" in sent(), tmp_path, "the worker sent nothing")
    body = sent()
    assert "kaz@example.org" in body
    assert "presents its compliments" in body


def test_a_celery_worker_builds_the_package_with_its_render_processes(
    transactional_db, group, coordinator, tmp_path: Path
):
    """A worker as configured (tasks in threads) starts its render processes when it is ready,
    and a package requested on the site is built there: the job ends done with the .zip."""
    import io
    import json
    import zipfile

    from amity.circulation import services
    from amity.circulation.models import JobStatus, RenditionJob
    from amity.circulation.tests.factories import circulated_document

    document = circulated_document(group, coordinator)
    with celery_worker(tmp_path) as worker:
        _wait_for(
            lambda: any("forkserver" in line for line in _descendants(worker.pid)),
            tmp_path,
            "the worker started no render processes",
        )
        job = services.rendition_request(actor=coordinator, document=document, kind="package")
        _wait_for(
            lambda: (
                RenditionJob.objects.get(pk=job.pk).status in (JobStatus.DONE, JobStatus.FAILED)
            ),
            tmp_path,
            "the package was not built",
            seconds=120,
        )
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.message
    with zipfile.ZipFile(io.BytesIO(job.file.read())) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["languages"] == ["en", "fr"]
    assert len(manifest["files"]) == 6
