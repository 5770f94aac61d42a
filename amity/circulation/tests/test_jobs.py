"""Rendition jobs: where they run (a Celery task in scale mode, a background thread of the
server otherwise), the states they pass through, and the package built by the pool of render
processes."""

from __future__ import annotations

import datetime
import io
import json
import threading
import zipfile

import pytest
from django.test import override_settings

from amity.circulation import jobs, package, selectors, services, tasks
from amity.circulation.models import JobStatus, RenditionJob
from amity.circulation.tests.factories import (
    circulated_document,
    latest,
)
from amity.members.models import AuditEntry

SCALE = {"REDIS_URL": "redis://127.0.0.1:6379/15", "CELERY_TASK_ALWAYS_EAGER": False}


def _manifest(job: RenditionJob) -> dict:
    with zipfile.ZipFile(io.BytesIO(job.file.read())) as archive:
        return json.loads(archive.read("manifest.json"))


@pytest.mark.django_db
def test_scale_mode_hands_the_job_to_the_celery_task_and_records_its_progress(
    group, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    """With REDIS_URL set the committed request goes to the ``render_job`` task (run eagerly
    by the tests); the job is queued until then, running while each file is reported (percent
    rising below 100, the file's name as message), and done at 100 with the zip stored."""
    document = circulated_document(group, coordinator)
    delayed = []
    original_apply_async = tasks.render_job.apply_async

    def apply_async(args, **options):
        delayed.append(args[0])
        return original_apply_async(args, **options)

    monkeypatch.setattr(tasks.render_job, "apply_async", apply_async)
    seen = []
    original_progress = services._job_progress

    def progress(job_id: int, percent: int, message: str) -> None:
        seen.append((RenditionJob.objects.get(pk=job_id).status, percent, message))
        original_progress(job_id, percent, message)

    monkeypatch.setattr(services, "_job_progress", progress)
    with override_settings(**SCALE):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            job = services.rendition_request(actor=coordinator, document=document, kind="package")
        assert RenditionJob.objects.get(pk=job.pk).status == JobStatus.QUEUED
        callbacks[0]()
    assert delayed == [job.pk]
    assert len(seen) == 6
    assert {status for status, _, _ in seen} == {JobStatus.RUNNING}
    percents = [percent for _, percent, _ in seen]
    assert percents == sorted(percents)
    assert percents[0] > 0
    assert percents[-1] == 95
    assert {message for _, _, message in seen} == {f["name"] for f in _manifest_of(job.pk)}
    job.refresh_from_db()
    assert (job.status, job.progress, job.message) == (JobStatus.DONE, 100, "")
    assert job.finished_at is not None
    assert job.filename.endswith("-package.zip")
    assert AuditEntry.objects.filter(
        action="rendition.done", object_id=str(job.pk), source="task"
    ).exists()


def _manifest_of(job_id: int) -> list[dict]:
    return _manifest(RenditionJob.objects.get(pk=job_id))["files"]


@pytest.mark.django_db
def test_the_celery_task_called_directly_renders_a_queued_job_once(
    group, coordinator, django_capture_on_commit_callbacks
):
    """The task function itself (what a Celery worker runs) renders the job and returns its
    id; a second delivery of the same job changes nothing."""
    document = circulated_document(group, coordinator)
    with django_capture_on_commit_callbacks(execute=False):
        job = services.rendition_request(
            actor=coordinator, document=document, kind="pdf", language="fr"
        )
    assert tasks.render_job(job.pk) == job.pk
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.file.read().startswith(b"%PDF-")
    finished_at = job.finished_at
    assert tasks.render_job.delay(job.pk).get() == job.pk
    job.refresh_from_db()
    assert job.finished_at == finished_at


@pytest.mark.django_db
def test_a_failing_rendition_marks_the_job_failed_with_the_reason(
    group, coordinator, monkeypatch, django_capture_on_commit_callbacks
):
    """When rendering raises, the job is failed with the error as its message and a finish
    time; the error still reaches the worker (so Celery records it too)."""
    document = circulated_document(group, coordinator)
    with django_capture_on_commit_callbacks(execute=False):
        job = services.rendition_request(
            actor=coordinator, document=document, kind="docx", language="en"
        )

    def broken(data, fmt):
        raise ValueError("the template is damaged")

    monkeypatch.setattr(package, "render_one", broken)
    with pytest.raises(ValueError, match="damaged"):
        tasks.render_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.message == "the template is damaged"
    assert job.finished_at is not None
    assert not job.file


@pytest.mark.django_db(transaction=True)
def test_embedded_mode_renders_the_package_in_a_background_thread(group, coordinator, monkeypatch):
    """Without REDIS_URL the committed request runs in the server's render thread (which
    hands the files to the render processes) and ends done with the package stored."""
    document = circulated_document(group, coordinator)
    threads = []
    original_run = services.rendition_run

    def run(*, job_id: int) -> RenditionJob:
        threads.append(threading.current_thread().name)
        return original_run(job_id=job_id)

    monkeypatch.setattr(services, "rendition_run", run)
    with override_settings(REDIS_URL=""):
        job = services.rendition_request(actor=coordinator, document=document, kind="package")
        jobs.wait_all()
    assert len(threads) == 1
    assert threads[0].startswith("amity-render")
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert job.progress == 100
    assert _manifest(job)["languages"] == ["en", "fr"]


@pytest.mark.django_db
def test_the_pool_and_a_single_process_give_the_same_files(group, coordinator, monkeypatch):
    """The package built by two render processes, by one, and by this process when no pool
    can be started holds byte-identical files (same checksums), listed in the same order."""
    document = circulated_document(group, coordinator)
    version = latest(document)
    inputs = [selectors.rendition_input(version=version, language=lang) for lang in ("en", "fr")]
    when = datetime.datetime(2023, 3, 1, tzinfo=datetime.UTC)

    def files(content: bytes) -> list[tuple[str, str]]:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            manifest = json.loads(archive.read("manifest.json"))
        return [(f["name"], f["sha256"]) for f in manifest["files"]]

    reported = []
    pooled = package.build(
        inputs, processes=2, generated_at=when, progress=lambda p, m: reported.append(p)
    )
    serial = package.build(inputs, processes=1, generated_at=when)

    def no_pool(size: int):
        raise OSError("processes may not be started here")

    monkeypatch.setattr(package, "_render_pool", no_pool)
    fallback = package.build(inputs, processes=2, generated_at=when)
    assert files(pooled) == files(serial) == files(fallback)
    assert [name.rsplit(".", 1)[-1] for name, _ in files(pooled)][:3] == ["docx", "pdf", "xml"]
    assert len(reported) == 6
    assert reported[-1] == 95


def test_a_daemonic_process_renders_the_package_itself(monkeypatch):
    """In a child of Celery's prefork pool (a daemonic process, which may not start processes
    of its own) the package is rendered in that process, without touching the pool."""
    import multiprocessing

    from amity.circulation.tests.test_renditions import make_input

    class Daemonic:
        daemon = True

    asked = []
    monkeypatch.setattr(multiprocessing, "current_process", lambda: Daemonic())
    monkeypatch.setattr(package, "_render_pool", lambda size: asked.append(size))
    content = package.build([make_input("en"), make_input("fr")], processes=2)
    assert asked == []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert len(json.loads(archive.read("manifest.json"))["files"]) == 6


def test_pdfs_and_docx_files_are_stored_in_the_package_as_they_are():
    """PDFs and .docx files are compressed already: the .zip stores them; the XML and the
    manifest are deflated. Every entry is dated when the package was generated (UTC), so a
    package built again from the same input at the same date has the same bytes."""
    from amity.circulation.tests.test_renditions import make_input

    ashgabat = datetime.timezone(datetime.timedelta(hours=5))
    when = datetime.datetime(2023, 3, 1, 9, 30, 14, tzinfo=ashgabat)
    content = package.build([make_input("en")], processes=1, generated_at=when)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        entries = archive.infolist()
    methods = {info.filename.rsplit(".", 1)[-1]: info.compress_type for info in entries}
    assert {info.date_time for info in entries} == {(2023, 3, 1, 4, 30, 14)}
    assert package.build([make_input("en")], processes=1, generated_at=when) == content
    assert methods == {
        "docx": zipfile.ZIP_STORED,
        "pdf": zipfile.ZIP_STORED,
        "xml": zipfile.ZIP_DEFLATED,
        "json": zipfile.ZIP_DEFLATED,
    }


def test_render_processes_started_ahead_are_warmed_and_then_build_the_package():
    """What a server does when it starts: one warm-up per render process (a short PDF in each
    of the six languages), in the pool that the next package then uses."""
    from amity.circulation.tests.test_renditions import make_input

    package.shutdown_pool()
    try:
        started = package.start_render_processes(processes=2)
        assert len(started) == 2
        assert [future.result(timeout=120) for future in started] == [None, None]
        pool = package._render_pool(2)
        inputs = [make_input("ar"), make_input("zh")]
        when = datetime.datetime(2023, 3, 1, tzinfo=datetime.UTC)
        pooled = package.build(inputs, processes=2, generated_at=when)
        assert pooled == package.build(inputs, processes=1, generated_at=when)
        assert package._render_pool(2) is pool
    finally:
        package.shutdown_pool()


def test_no_render_processes_are_started_where_a_package_would_not_use_them(monkeypatch):
    """One core, or a daemonic process (a child of Celery's prefork pool): nothing started."""
    import multiprocessing

    class Daemonic:
        daemon = True

    asked = []
    monkeypatch.setattr(package, "_render_pool", lambda size: asked.append(size))
    assert package.start_render_processes(processes=1) == []
    monkeypatch.setattr(multiprocessing, "current_process", lambda: Daemonic())
    assert package.start_render_processes(processes=2) == []
    assert asked == []


def test_the_server_starts_render_processes_only_where_it_builds_packages(monkeypatch):
    started = []
    monkeypatch.setattr(package, "start_render_processes", lambda: started.append(True))
    with override_settings(**SCALE):
        jobs.start_render_processes()
    assert started == []
    with override_settings(REDIS_URL=""):
        jobs.start_render_processes()
    assert started == [True]


def test_server_start_runs_through_the_asgi_lifespan(monkeypatch):
    """uvicorn's lifespan start-up starts the render processes in a background thread, and
    start-up and shutdown are acknowledged."""
    import asyncio

    from amity.asgi import application

    called = threading.Event()
    monkeypatch.setattr(jobs, "start_render_processes", called.set)
    incoming = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent = []

    async def receive():
        return incoming.pop(0)

    async def send(message):
        sent.append(message["type"])

    scope = {"type": "lifespan", "asgi": {"version": "3.0"}}
    # In a thread of its own: the browser tests may leave an event loop in this one.
    server = threading.Thread(target=asyncio.run, args=(application(scope, receive, send),))
    server.start()
    server.join(30)
    assert called.wait(10)
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


def test_a_celery_worker_runs_tasks_in_threads_and_starts_render_processes_when_ready(
    monkeypatch,
):
    from celery.signals import worker_ready

    from amity.celery_app import app

    started = []
    monkeypatch.setattr(package, "start_render_processes", lambda: started.append(True))
    assert app.conf.worker_pool == "threads"
    worker_ready.send(sender=None)
    assert started == [True]


def test_a_render_process_dying_midway_leaves_its_pdf_to_this_process(monkeypatch):
    """If the pool breaks while it renders (a process killed), the PDFs it did not deliver are
    rendered here and the package is whole, with the same files."""
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from amity.circulation.tests.test_renditions import make_input

    def broken(tasks, processes):
        died: Future[bytes] = Future()
        died.set_exception(BrokenProcessPool("a render process died"))
        return None, {died: next(i for i, (_, fmt) in enumerate(tasks) if fmt == "pdf")}

    inputs = [make_input("en"), make_input("fr")]
    when = datetime.datetime(2023, 3, 1, tzinfo=datetime.UTC)
    expected = package.build(inputs, processes=1, generated_at=when)
    monkeypatch.setattr(package, "_submit_pdfs", broken)
    reported = []
    content = package.build(
        inputs, processes=2, generated_at=when, progress=lambda p, m: reported.append(m)
    )
    assert content == expected
    assert len(reported) == 6
    assert len(set(reported)) == 6
