"""Rendition jobs left behind by a process that died: resumed, or failed with a message the
user sees and started again from the page or the API. The process tests kill a real server
(embedded default) or a real Celery worker (scale mode) with SIGKILL during a package build."""

from __future__ import annotations

import datetime
import io
import os
import socket
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from amity.circulation import jobs, services
from amity.circulation.models import JobStatus, RenditionJob
from amity.circulation.tests.factories import circulated_document, latest
from amity.core.actors import SYSTEM
from amity.core.models import OutboxEntry
from amity.core.tests.processes import (
    api,
    celery_worker,
    environment,
    free_port,
    uvicorn_server,
    wait_for,
)
from amity.members.models import AuditEntry

SCALE = bool(settings.REDIS_URL) and not settings.EMBEDDED


def _dead_worker() -> str:
    """A process identity on this host whose process has ended: no live process started
    one clock tick after boot."""
    return f"{socket.gethostname()}:{os.getpid()}:1"


def _job(group: Any, coordinator: Any, *, document: Any = None, **fields: Any) -> RenditionJob:
    document = document or circulated_document(group, coordinator)
    values = {
        "document": document,
        "version": latest(document),
        "kind": "package",
        "requested_by": coordinator,
        "touched_at": timezone.now(),
    }
    values.update(fields)
    return RenditionJob.objects.create(**values)


@pytest.mark.django_db
def test_a_running_job_whose_process_died_is_queued_again_and_started(
    group, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    started: list[int] = []
    monkeypatch.setattr(jobs, "enqueue", started.append)
    job = _job(group, coordinator, status=JobStatus.RUNNING, starts=1, worker=_dead_worker())
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.recover() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert job.progress == 0
    assert job.worker == ""
    assert "Resumed" in job.message
    assert started == [job.pk]
    assert AuditEntry.objects.filter(action="rendition.resumed", object_id=str(job.pk)).exists()
    assert OutboxEntry.objects.filter(handler="circulation.job_start").count() == 1


@pytest.mark.django_db
def test_a_job_whose_process_died_too_often_is_failed_with_a_message(group, coordinator):
    job = _job(
        group,
        coordinator,
        status=JobStatus.RUNNING,
        starts=settings.AMITY_JOB_MAX_STARTS,
        worker=_dead_worker(),
    )
    jobs.recover()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.finished_at is not None
    assert "stopped before it was done" in job.message
    assert "Start it again" in job.message


@pytest.mark.django_db
def test_running_jobs_alive_here_or_recently_heard_from_elsewhere_are_left_alone(
    group, coordinator
):
    mine = _job(group, coordinator, status=JobStatus.RUNNING, worker=jobs.process_identity())
    elsewhere = _job(
        group,
        coordinator,
        document=mine.document,
        status=JobStatus.RUNNING,
        worker="another-host:4242:99",
        starts=1,
    )
    assert jobs.recover() == 0
    # Silent for longer than the stale time: that other host's worker is taken as dead.
    RenditionJob.objects.filter(pk=elsewhere.pk).update(
        touched_at=timezone.now() - datetime.timedelta(seconds=settings.AMITY_JOB_STALE_SECONDS + 1)
    )
    assert jobs.recover() == 1
    assert RenditionJob.objects.get(pk=elsewhere.pk).status == JobStatus.QUEUED
    assert RenditionJob.objects.get(pk=mine.pk).status == JobStatus.RUNNING


@pytest.mark.django_db
def test_a_queued_job_nobody_took_is_handed_over_again(
    group, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    started: list[int] = []
    monkeypatch.setattr(jobs, "enqueue", started.append)
    stale = timezone.now() - datetime.timedelta(seconds=settings.AMITY_JOB_STALE_SECONDS + 1)
    job = _job(group, coordinator, status=JobStatus.QUEUED, touched_at=stale)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.recover()
    assert started == [job.pk]
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED
    assert job.touched_at > stale


@pytest.mark.django_db(transaction=True)
def test_a_failed_package_is_started_again_from_its_page(
    group, coordinator, coordinator_client, focal_client
):
    job = _job(group, coordinator, status=JobStatus.FAILED, message="The process stopped.")
    document = job.document
    page = f"/en/groups/{group.slug}/documents/{document.slug}/renditions/{job.pk}/"
    assert 'data-testid="job-retry"' in coordinator_client.get(page).content.decode()
    # A focal point may not know of the package (404, as for its page).
    assert focal_client.post(f"{page}retry/").status_code == 404
    response = coordinator_client.post(f"{page}retry/")
    assert response.status_code == 302
    jobs.wait_all()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.starts == 1
    assert job.filename.endswith(".zip")
    response = coordinator_client.post(f"{page}retry/", follow=True)
    assert "Only a failed rendition can be started again." in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_failed_rendition_is_started_again_through_the_api(
    group, coordinator, coordinator_client
):
    job = _job(group, coordinator, kind="pdf", language="fr", status=JobStatus.FAILED)
    url = f"/api/v1/documents/{job.document_id}/renditions/{job.pk}"
    response = coordinator_client.post(f"{url}/retry")
    assert response.status_code == 202
    assert response.json()["status"] == JobStatus.QUEUED
    jobs.wait_all()
    assert coordinator_client.get(url).json()["status"] == JobStatus.DONE
    assert coordinator_client.post(f"{url}/retry").status_code == 409


# --- real processes killed during a package build ------------------------------------------


def _six_language_document(group: Any, coordinator: Any) -> Any:
    """A circulated declaration in all six languages: a package of 18 files, long enough to
    be killed in the middle of."""
    document = circulated_document(group, coordinator)
    version = latest(document)
    texts = {
        "ru": ("Декларация о нейтралитете", "Ссылаясь на Устав,", "Решают встречаться;"),
        "es": ("Declaración sobre la neutralidad", "Recordando la Carta,", "Deciden reunirse;"),
        "ar": ("إعلان بشأن الحياد", "إذ تشير إلى الميثاق،", "تقرر أن تجتمع؛"),
        "zh": ("关于中立的宣言", "回顾《联合国宪章》，", "决定每六个月举行一次会议；"),
    }
    for language, (title, preamble, operative) in texts.items():
        services.translation_update(
            actor=SYSTEM,
            version=version,
            language=language,
            title=title,
            preamble=[preamble, preamble],
            operative=[operative, operative],
        )
    return document


def _status(job_id: int) -> tuple[str, int, int]:
    job = RenditionJob.objects.get(pk=job_id)
    return job.status, job.starts, job.progress


def _zip_files(job_id: int) -> int:
    job = RenditionJob.objects.get(pk=job_id)
    with zipfile.ZipFile(io.BytesIO(job.file.read())) as archive:
        return len([n for n in archive.namelist() if n != "manifest.json"])


@pytest.mark.skipif(SCALE, reason="embedded default: the server builds the packages")
def test_a_server_killed_during_a_package_build_resumes_it_fails_it_and_retries_it(
    transactional_db, group, coordinator, tmp_path: Path
):
    """SIGKILL the server (and its render processes) while it builds a package: the restarted
    server resumes the job; killed again while it builds it, the next start fails the job with
    a message (two starts are the limit), which the API shows and from where it is started
    again and built. No job is left queued or running."""
    from amity.accounts.services import api_token_create

    document = _six_language_document(group, coordinator)
    token = api_token_create(user=coordinator, name="faults")[1]
    port = free_port()
    env = environment(tmp_path)
    env.pop("REDIS_URL", None)
    log = tmp_path / "web.log"
    base = f"http://127.0.0.1:{port}/api/v1/documents/{document.pk}/renditions"
    server = uvicorn_server(port, env, log)
    try:
        status, body = api("POST", base, token, {"kind": "package"})
        assert status == 201, body
        job_id = body["id"]
        wait_for(
            lambda: _status(job_id)[:2] == ("running", 1), "the build did not start", 60, [log]
        )
        server.kill()
        assert _status(job_id)[0] == JobStatus.RUNNING  # what a dead server leaves

        server = uvicorn_server(port, env, log)
        wait_for(
            lambda: _status(job_id)[:2] == ("running", 2), "the job was not resumed", 60, [log]
        )
        server.kill()

        server = uvicorn_server(port, env, log)
        wait_for(lambda: _status(job_id)[0] == "failed", "the job was not failed", 60, [log])
        status, body = api("GET", f"{base}/{job_id}", token)
        assert status == 200
        assert body["status"] == "failed"
        assert "stopped before it was done" in body["message"]

        status, body = api("POST", f"{base}/{job_id}/retry", token)
        assert status == 202
        assert body["status"] == "queued"
        wait_for(lambda: _status(job_id)[0] == "done", "the retried job was not built", 180, [log])
        assert _zip_files(job_id) == 18
        assert not RenditionJob.objects.filter(status__in=["queued", "running"]).exists()
    finally:
        server.stop()


@pytest.mark.skipif(not SCALE, reason="scale mode: Celery workers build the packages")
def test_a_worker_killed_during_a_package_build_is_replaced_and_the_job_completes(
    transactional_db, group, coordinator, tmp_path: Path
):
    """SIGKILL the Celery worker (and its render processes) while it builds a package; the
    message was taken off the queue with it. A worker started afterwards finds the job
    running under a dead process, queues it again and builds it."""
    from amity.celery_app import app

    document = _six_language_document(group, coordinator)
    env = environment(tmp_path)
    log = tmp_path / "worker.log"
    worker = celery_worker(env, log)
    app.conf.task_always_eager = False
    try:
        with override_settings(CELERY_TASK_ALWAYS_EAGER=False):
            job = services.rendition_request(actor=coordinator, document=document, kind="package")
        wait_for(
            lambda: _status(job.pk)[:2] == ("running", 1), "the build did not start", 60, [log]
        )
        worker.kill()
        assert _status(job.pk)[0] == JobStatus.RUNNING

        worker = celery_worker(env, log)
        wait_for(lambda: _status(job.pk)[0] == "done", "the job was not resumed", 180, [log])
        job.refresh_from_db()
        assert job.starts == 2
        assert _zip_files(job.pk) == 18
        assert not RenditionJob.objects.filter(status__in=["queued", "running"]).exists()
    finally:
        app.conf.task_always_eager = True
        worker.stop()
