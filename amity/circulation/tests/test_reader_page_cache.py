"""The languages and circulation page and the translation editor, kept for each signed-in
reader's session (``core.cache``) under the document's circulation version
(``circulation.cache``): the site's audited writes and what its rendition jobs show, which move
without any audit entry (queued, running, progress, failed, resumed)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from amity.circulation import package, services, tasks
from amity.circulation.cache import circulation_version
from amity.circulation.models import JobStatus, RenditionJob
from amity.circulation.tests.factories import circulated_document, latest, make_document
from amity.core.actors import SYSTEM
from amity.members.audit import audit_record
from amity.members.models import Group

pytestmark = pytest.mark.django_db

# Who is asking (session, user, their second factor) and the document's version.
KEPT = 5


def overview(document) -> str:
    return f"/en/groups/{document.group.slug}/documents/{document.slug}/languages/"


def editor(document, lang: str = "fr") -> str:
    return f"{overview(document)}{lang}/"


def queries(client, page) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def warm(client, page) -> tuple[int, str]:
    """The first page sends the reader's CSRF secret; from the next, the page is kept."""
    client.get(page)
    return queries(client, page)


def _request(document, actor, kind="pdf", language="en", capture=None) -> RenditionJob:
    with capture(execute=False):
        return services.rendition_request(
            actor=actor, document=document, kind=kind, language=language
        )


@pytest.fixture
def document(group, coordinator):
    return circulated_document(group, coordinator)


def test_the_overview_is_kept_for_the_reader(document, coordinator_client):
    fresh_count, fresh = warm(coordinator_client, overview(document))
    kept_count, kept = queries(coordinator_client, overview(document))
    assert kept == fresh
    assert kept_count <= KEPT < fresh_count


def test_the_editor_is_kept_for_the_reader(document, coordinator_client):
    fresh_count, fresh = warm(coordinator_client, editor(document, "es"))
    kept_count, kept = queries(coordinator_client, editor(document, "es"))
    assert kept == fresh
    assert kept_count <= KEPT < fresh_count


def test_each_state_of_a_job_is_shown_at_once(
    document, coordinator, coordinator_client, monkeypatch, django_capture_on_commit_callbacks
):
    """Queued (an audited request), then failed by the worker (no audit entry), then queued
    again by a retry: the kept page never outlives one of them."""
    page = overview(document)
    warm(coordinator_client, page)
    job = _request(document, coordinator, capture=django_capture_on_commit_callbacks)
    assert "PDF EN</a> — Waiting" in queries(coordinator_client, page)[1]
    assert queries(coordinator_client, page)[0] <= KEPT

    def broken(data, fmt):
        raise ValueError("the template is damaged")

    monkeypatch.setattr(package, "render_one", broken)
    audits = _audit_count()
    with pytest.raises(ValueError, match="damaged"):
        tasks.render_job(job.pk)
    # The worker's failure records no audit entry: the site's version alone would miss it.
    assert _audit_count() == audits
    count, html = queries(coordinator_client, page)
    assert count > KEPT
    assert "PDF EN</a> — Failed" in html
    assert queries(coordinator_client, page)[0] <= KEPT
    with django_capture_on_commit_callbacks(execute=False):
        services.rendition_retry(actor=coordinator, job=job)
    assert "PDF EN</a> — Waiting" in queries(coordinator_client, page)[1]


def _audit_count() -> int:
    from amity.members.models import AuditEntry

    return AuditEntry.objects.count()


@pytest.mark.parametrize(
    "change",
    [
        {"status": JobStatus.RUNNING},
        {"progress": 40},
        {"message": "Rendering the Arabic version"},
        {"status": JobStatus.FAILED, "message": "stopped"},
        {"file": "renditions/1/1-x.pdf"},
    ],
)
def test_any_change_a_reader_may_see_of_a_job_renders_it_again(
    document, coordinator, coordinator_client, django_capture_on_commit_callbacks, change
):
    """Whoever writes it (a worker's raw update, the recovery, the admin): the version is read
    from the job's row itself."""
    job = _request(document, coordinator, capture=django_capture_on_commit_callbacks)
    page = overview(document)
    warm(coordinator_client, page)
    assert queries(coordinator_client, page)[0] <= KEPT
    before = circulation_version(document.pk)
    RenditionJob.objects.filter(pk=job.pk).update(**change)
    assert circulation_version(document.pk) != before
    assert queries(coordinator_client, page)[0] > KEPT


def test_a_heartbeat_keeps_the_page(
    document, coordinator, coordinator_client, django_capture_on_commit_callbacks
):
    """A running job's sign of life changes nothing a reader sees."""
    job = _request(document, coordinator, capture=django_capture_on_commit_callbacks)
    page = overview(document)
    warm(coordinator_client, page)
    before = circulation_version(document.pk)
    RenditionJob.objects.filter(pk=job.pk).update(touched_at=timezone.now())
    assert circulation_version(document.pk) == before
    assert queries(coordinator_client, page)[0] <= KEPT


def test_another_documents_job_keeps_the_page(
    document, group, coordinator, coordinator_client, django_capture_on_commit_callbacks
):
    other = make_document(group, slug="other")
    job = _request(other, coordinator, capture=django_capture_on_commit_callbacks)
    page = overview(document)
    warm(coordinator_client, page)
    RenditionJob.objects.filter(pk=job.pk).update(progress=50)
    assert queries(coordinator_client, page)[0] <= KEPT


def test_an_audited_write_anywhere_renders_it_again(document, coordinator_client):
    """The page shows roles, references and memory from anywhere: the site's version."""
    page = editor(document)
    warm(coordinator_client, page)
    assert queries(coordinator_client, page)[0] <= KEPT
    elsewhere = Group.objects.create(slug="elsewhere", names={"en": "Elsewhere"})
    audit_record(actor=SYSTEM, action="test.write", obj=elsewhere, group=elsewhere, data={})
    assert queries(coordinator_client, page)[0] > KEPT


def test_a_translation_saved_shows_at_once(document, coordinator, coordinator_client):
    page = overview(document)
    warm(coordinator_client, page)
    services.translation_update(
        actor=coordinator,
        version=latest(document),
        language="es",
        title="Declaración",
        preamble=["Recordando la Carta,", ""],
        operative=["", ""],
    )
    count, html = queries(coordinator_client, page)
    assert count > KEPT
    assert "1 / 4" in html


def test_machine_translation_configured_renders_the_editor_again(document, coordinator_client):
    page = editor(document, "es")
    _count, before = warm(coordinator_client, page)
    assert "No machine translation service is configured" in before
    with override_settings(AMITY_MT_URL="http://127.0.0.1:9/"):
        count, html = queries(coordinator_client, page)
    assert count > KEPT
    assert "No machine translation service is configured" not in html


def test_another_reader_never_gets_it(
    document, coordinator, coordinator_client, focal_client, django_capture_on_commit_callbacks
):
    """The coordinator's page lists the circulation package and the coordinator's forms; the
    focal point's, kept for them, does not."""
    _request(document, coordinator, kind="package", capture=django_capture_on_commit_callbacks)
    page = overview(document)
    _count, mine = warm(coordinator_client, page)
    assert "Circulation package (.zip)" in mine
    assert "Record submission" in mine
    for _ in range(2):
        theirs = focal_client.get(page).content.decode()
        assert "Circulation package (.zip)" not in theirs
        assert "Record submission" not in theirs
    # Another session of the same account is another reader.
    other = Client()
    other.force_login(coordinator)
    assert warm(other, page)[0] > KEPT


def test_a_reader_who_may_not_see_drafts_is_refused_each_time(
    document, coordinator_client, observer_client
):
    page = overview(document)
    warm(coordinator_client, page)
    assert observer_client.get(page).status_code in (403, 404)
    assert observer_client.get(page).status_code in (403, 404)


def test_anonymous_readers_are_sent_to_sign_in(document, client):
    for _ in range(2):
        assert client.get(overview(document)).status_code == 302


def test_a_post_is_never_answered_from_the_kept_page(document, coordinator_client):
    page = editor(document, "es")
    warm(coordinator_client, page)
    response = coordinator_client.post(
        page, {"action": "save", "title": "Declaración", "pp1": "Recordando", "revision": ""}
    )
    assert response.status_code == 302
    # The message waiting is the reader's own: that page is rendered, not kept.
    assert "Translation saved." in coordinator_client.get(page).content.decode()
    _count, html = queries(coordinator_client, page)
    assert "Translation saved." not in html
    assert "Declaración" in html


def test_a_finished_job_is_shown_ready(
    document, coordinator, coordinator_client, django_capture_on_commit_callbacks
):
    """The worker's run from queued to running to done, as the Celery task or the embedded
    runner does it (``rendition_run``)."""
    job = _request(document, coordinator, kind="akn", capture=django_capture_on_commit_callbacks)
    page = overview(document)
    warm(coordinator_client, page)
    assert "Akoma Ntoso (.xml) EN</a> — Waiting" in queries(coordinator_client, page)[1]
    tasks.render_job(job.pk)
    count, html = queries(coordinator_client, page)
    assert count > KEPT
    assert "Akoma Ntoso (.xml) EN</a> — Ready" in html
