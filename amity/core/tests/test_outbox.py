"""The outbox: side effects recorded in the write's transaction, delivered at least once after
commit, retried with growing delays, failed for good only after the last attempt (and then
shown to the coordinator), never raised into the request that committed; e-mails reach each
address once."""

from __future__ import annotations

import datetime
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from amity.core import outbox
from amity.core.actors import SYSTEM
from amity.core.models import OutboxEntry, OutboxReceipt, OutboxStatus

ROOT = Path(__file__).resolve().parents[3]
calls: list[dict[str, Any]] = []
failures: dict[str, int] = {}


@outbox.register("tests.record", describe=lambda payload, subject: f"Recording {subject}")
def _record(payload: dict[str, Any], entry_id: int | None) -> None:
    if failures.get("tests.record", 0) > 0:
        failures["tests.record"] -= 1
        raise ConnectionError("the service is away")
    calls.append(payload)


@outbox.register("tests.broken", max_attempts=3)
def _broken(payload: dict[str, Any], entry_id: int | None) -> None:
    raise ConnectionError("the service is away for good")


@pytest.fixture(autouse=True)
def _clean() -> None:
    calls.clear()
    failures.clear()


def _dead_port() -> int:
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _make_due(**filters: Any) -> None:
    OutboxEntry.objects.filter(**filters).update(due_at=timezone.now())


@pytest.mark.django_db
def test_a_side_effect_is_recorded_with_the_write_and_delivered_once_it_commits(
    django_capture_on_commit_callbacks,
):
    """Inside the transaction the entry exists and nothing has run; after commit the handler
    has run once and the entry is delivered."""
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        outbox.after_commit("tests.record", {"n": 1}, group_pk=7, subject="one")
        entry = OutboxEntry.objects.get()
        assert (entry.status, entry.group_pk, entry.attempts) == (OutboxStatus.PENDING, 7, 0)
        assert calls == []
    assert calls == [{"n": 1}]
    entry.refresh_from_db()
    assert entry.status == OutboxStatus.DONE
    assert entry.attempts == 1
    assert entry.finished_at


@pytest.mark.django_db
def test_a_rolled_back_write_leaves_no_entry_and_runs_nothing(django_capture_on_commit_callbacks):
    with (  # noqa: PT012 - the raise inside rolls back the transaction under test
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        outbox.after_commit("tests.record", {"n": 1})
        raise RuntimeError("the service refused")
    assert callbacks == []
    assert calls == []
    assert not OutboxEntry.objects.exists()


@pytest.mark.django_db
def test_an_unknown_handler_is_refused_before_anything_is_written():
    with pytest.raises(LookupError):
        outbox.after_commit("tests.nobody", {})
    assert not OutboxEntry.objects.exists()


def test_the_delay_between_attempts_doubles_up_to_the_cap():
    with override_settings(AMITY_OUTBOX_RETRY_SECONDS=10, AMITY_OUTBOX_RETRY_MAX_SECONDS=300):
        delays = [outbox.backoff(n) for n in range(1, 8)]
    for delay, expected in zip(delays, [10, 20, 40, 80, 160, 300, 300], strict=True):
        assert expected * 0.9 <= delay <= expected * 1.1


@pytest.mark.django_db
def test_a_handler_that_keeps_failing_is_retried_later_each_time_then_failed(
    django_capture_on_commit_callbacks,
):
    """Each failed attempt puts the next one further away; the sweep takes an entry only when
    it is due; after the last attempt the entry is failed with the error, not dropped."""
    with django_capture_on_commit_callbacks(execute=True):
        outbox.after_commit("tests.broken", {"n": 1}, group_pk=3)
    entry = OutboxEntry.objects.get()
    assert entry.status == OutboxStatus.PENDING
    assert entry.attempts == 1
    assert "away for good" in entry.last_error
    first_wait = (entry.due_at - timezone.now()).total_seconds()
    assert first_wait > settings.AMITY_OUTBOX_RETRY_SECONDS * 0.8
    assert outbox.sweep() == 0  # not due yet

    _make_due(pk=entry.pk)
    before = timezone.now()
    assert outbox.sweep() == 1
    entry.refresh_from_db()
    assert entry.status == OutboxStatus.PENDING
    assert entry.attempts == 2
    assert (entry.due_at - before).total_seconds() > first_wait * 1.5

    _make_due(pk=entry.pk)
    assert outbox.sweep() == 1
    entry.refresh_from_db()
    assert (entry.status, entry.attempts) == (OutboxStatus.FAILED, 3)
    assert entry.finished_at is not None
    assert "ConnectionError" in entry.last_error
    assert outbox.sweep() == 0  # a failed entry waits for a person


@pytest.mark.django_db
def test_a_failure_after_commit_is_retried_and_then_delivered(django_capture_on_commit_callbacks):
    failures["tests.record"] = 1
    with django_capture_on_commit_callbacks(execute=True):
        outbox.after_commit("tests.record", {"n": 2})
    entry = OutboxEntry.objects.get()
    assert entry.status == OutboxStatus.PENDING
    assert calls == []
    _make_due(pk=entry.pk)
    assert outbox.sweep() == 1
    entry.refresh_from_db()
    assert entry.status == OutboxStatus.DONE
    assert calls == [{"n": 2}]
    assert entry.last_error == ""


@pytest.mark.django_db
def test_an_entry_left_running_by_a_process_that_died_is_taken_again_after_its_lease():
    now = timezone.now()
    entry = OutboxEntry.objects.create(
        handler="tests.record",
        payload={"n": 3},
        status=OutboxStatus.RUNNING,
        attempts=1,
        due_at=now + datetime.timedelta(seconds=60),
    )
    assert outbox.sweep() == 0
    assert outbox.deliver(entry.pk) is False
    OutboxEntry.objects.filter(pk=entry.pk).update(due_at=now - datetime.timedelta(seconds=1))
    assert outbox.sweep() == 1
    entry.refresh_from_db()
    assert (entry.status, entry.attempts, calls) == (OutboxStatus.DONE, 2, [{"n": 3}])


@pytest.mark.django_db
def test_delivered_entries_are_forgotten_after_the_keeping_time():
    old = timezone.now() - datetime.timedelta(days=settings.AMITY_OUTBOX_KEEP_DAYS + 1)
    OutboxEntry.objects.create(handler="tests.record", status=OutboxStatus.DONE, due_at=old)
    failed = OutboxEntry.objects.create(
        handler="tests.broken", status=OutboxStatus.FAILED, due_at=old
    )
    outbox.sweep()
    assert list(OutboxEntry.objects.all()) == [failed]


# --- e-mail, once per address ----------------------------------------------------------------


def _convene_with_invitees(group: Any, coordinator: Any) -> Any:
    from amity.meetings.tests.factories import make_meeting, person

    person(group, "KAZ", "Bakayev", focal=True, email="kaz@example.org")
    person(group, "TKM", "Ataeva", focal=True, email="tkm@example.org")
    return make_meeting(group, actor=coordinator)


@pytest.mark.django_db
def test_the_same_invitation_entry_delivered_twice_sends_each_note_once(
    group, coordinator, django_capture_on_commit_callbacks
):
    """At-least-once delivery: the entry run again (a worker that died before it could say
    so, a duplicate hand-over) finds its receipts and sends nobody a second note."""
    from amity.meetings import services

    meeting = _convene_with_invitees(group, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_convene(actor=coordinator, meeting=meeting)
    sent = sorted(m.to[0] for m in mail.outbox)
    assert sent == ["kaz@example.org", "tkm@example.org"]
    entry = OutboxEntry.objects.get(handler="meetings.emails")
    assert entry.status == OutboxStatus.DONE
    assert set(entry.receipts.values_list("key", flat=True)) == {
        "mail:kaz@example.org",
        "mail:tkm@example.org",
    }
    OutboxEntry.objects.filter(pk=entry.pk).update(status=OutboxStatus.PENDING)
    assert outbox.deliver(entry.pk) is True
    outbox.handler("meetings.emails").func(entry.payload, entry.pk)
    assert len(mail.outbox) == 2


class FailingAfterOne(LocmemBackend):
    """A mail server that takes one message and then fails (as many times as ``budget``)."""

    budget = 1

    def send_messages(self, messages):
        if FailingAfterOne.budget > 0 and len(mail.outbox) >= 1:
            FailingAfterOne.budget -= 1
            raise ConnectionResetError("the mail server hung up")
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_mail_server_failing_midway_gets_only_the_rest_on_the_retry(
    group, coordinator, django_capture_on_commit_callbacks
):
    from amity.meetings import services

    meeting = _convene_with_invitees(group, coordinator)
    FailingAfterOne.budget = 1
    backend = f"{__name__}.FailingAfterOne"
    with override_settings(EMAIL_BACKEND=backend), django_capture_on_commit_callbacks(execute=True):
        services.meeting_convene(actor=coordinator, meeting=meeting)
    entry = OutboxEntry.objects.get(handler="meetings.emails")
    assert entry.status == OutboxStatus.PENDING
    assert "hung up" in entry.last_error
    assert len(mail.outbox) == 1
    assert OutboxReceipt.objects.filter(entry=entry).count() == 1
    _make_due(pk=entry.pk)
    with override_settings(EMAIL_BACKEND=backend):
        assert outbox.sweep() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["kaz@example.org", "tkm@example.org"]
    entry.refresh_from_db()
    assert entry.status == OutboxStatus.DONE


# --- a committed write never answers 5xx ----------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_convening_with_the_mail_server_down_answers_success_and_sends_when_it_is_back(
    group, coordinator, coordinator_client
):
    """SMTP refuses connections: the convening is saved and the page says so (a redirect,
    not an error); the invitations wait in the outbox with the reason, and leave once the
    mail server answers. Convening again is refused as already done."""
    from amity.meetings.models import MeetingStatus

    meeting = _convene_with_invitees(group, coordinator)
    smtp_down = {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": _dead_port(),
        "EMAIL_TIMEOUT": 2,
    }
    with override_settings(**smtp_down):
        response = coordinator_client.post(f"/en/meetings/{meeting.pk}/convene/", {"confirm": "1"})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED
    entry = OutboxEntry.objects.get(handler="meetings.emails")
    assert entry.status == OutboxStatus.PENDING
    assert entry.group_pk == group.pk
    assert "ConnectionRefusedError" in entry.last_error
    assert mail.outbox == []

    _make_due(pk=entry.pk)
    assert outbox.sweep() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["kaz@example.org", "tkm@example.org"]
    response = coordinator_client.post(
        f"/en/meetings/{meeting.pk}/convene/", {"confirm": "1"}, follow=True
    )
    assert response.status_code == 200
    assert len(mail.outbox) == 2
    assert OutboxEntry.objects.filter(handler="meetings.emails").count() == 1


@pytest.fixture
def broker_down() -> Any:
    """Scale mode with its Redis gone: e-mail handlers go to Celery, whose broker refuses
    connections (a real connection attempt to a port nothing listens on)."""
    from amity.celery_app import app

    saved = (app.conf.broker_url, app.conf.task_always_eager, app._pool)
    app.conf.broker_url = f"redis://127.0.0.1:{_dead_port()}/0"
    app.conf.task_always_eager = False
    app._pool = None
    app.amqp._producer_pool = None
    try:
        with override_settings(REDIS_URL=app.conf.broker_url, CELERY_TASK_ALWAYS_EAGER=False):
            yield
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        app.conf.broker_url, app.conf.task_always_eager, app._pool = saved
        app.amqp._producer_pool = None


@pytest.mark.django_db(transaction=True)
def test_convening_with_redis_down_answers_success_and_the_sweep_sends_the_invitations(
    group, coordinator, coordinator_client, broker_down
):
    """The hand-over to a worker fails: the answer is still a success, the entry is due at
    once for the sweep (which a worker runs when Redis is back), and it sends each note once."""
    meeting = _convene_with_invitees(group, coordinator)
    response = coordinator_client.post(f"/en/meetings/{meeting.pk}/convene/", {"confirm": "1"})
    assert response.status_code == 302
    entry = OutboxEntry.objects.get(handler="meetings.emails")
    assert entry.status == OutboxStatus.PENDING
    assert entry.attempts == 0
    assert entry.due_at <= timezone.now()
    assert entry.last_error
    assert mail.outbox == []
    assert outbox.sweep() == 1
    assert outbox.sweep() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["kaz@example.org", "tkm@example.org"]


@pytest.mark.django_db(transaction=True)
def test_a_document_change_with_search_indexing_failing_answers_success(
    group, coordinator, coordinator_client, monkeypatch
):
    """The index refuses the write (its table locked away, say): the document is saved and
    the page answers; the index entry waits in the outbox and is written on the retry."""
    from amity.documents.models import OutcomeDocument
    from amity.search import services as search_services
    from amity.search.models import SearchEntry

    original = search_services.search_entries_replace

    def refuse(**kwargs: Any) -> None:
        raise ConnectionError("the search index is unavailable")

    monkeypatch.setattr(search_services, "search_entries_replace", refuse)
    response = coordinator_client.post(
        f"/en/groups/{group.slug}/documents/new/",
        {
            "kind": "declaration",
            "slug": "final-declaration",
            "original_language": "en",
            "title": "Final Declaration of the Group",
            "preamble": "Recalling the Charter of the United Nations,",
            "operative": "Reaffirm the policy of neutrality.",
        },
    )
    assert response.status_code == 302, response.content[:500]
    document = OutcomeDocument.objects.get(slug="final-declaration")
    entry = OutboxEntry.objects.get(handler="documents.search_index")
    assert entry.status == OutboxStatus.PENDING
    assert "unavailable" in entry.last_error
    assert not SearchEntry.objects.filter(key__startswith=f"document:{document.pk}").exists()

    monkeypatch.setattr(search_services, "search_entries_replace", original)
    _make_due(pk=entry.pk)
    assert outbox.sweep() == 1
    assert SearchEntry.objects.filter(key__startswith=f"document:{document.pk}").exists()


# --- the coordinator sees what failed, and may retry ----------------------------------------


def _failed(group: Any, handler: str = "tests.record", n: int = 1) -> OutboxEntry:
    return OutboxEntry.objects.create(
        handler=handler,
        payload={"n": n},
        group_pk=group.pk,
        subject=f"thing {n}",
        status=OutboxStatus.FAILED,
        attempts=10,
        due_at=timezone.now(),
        finished_at=timezone.now(),
        last_error="ConnectionError: the service is away",
    )


@pytest.mark.django_db
def test_the_coordinator_sees_failed_deliveries_and_retries_one(
    group, coordinator_client, focal_client, django_capture_on_commit_callbacks
):
    entry = _failed(group)
    url = f"/en/groups/{group.slug}/manage/deliveries/"
    assert focal_client.get(url).status_code == 403
    page = coordinator_client.get(url).content.decode()
    assert "Recording thing 1" in page
    assert "the service is away" in page
    assert "Try again" in page
    manage = coordinator_client.get(f"/en/groups/{group.slug}/manage/").content.decode()
    assert 'data-testid="failed-deliveries"' in manage

    assert focal_client.post(f"{url}{entry.pk}/retry/").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(f"{url}{entry.pk}/retry/")
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == OutboxStatus.DONE
    assert calls == [{"n": 1}]
    page = coordinator_client.get(url).content.decode()
    assert "Everything went through." in page
    # Retrying what is not failed is refused with a message, not an error page.
    response = coordinator_client.post(f"{url}{entry.pk}/retry/", follow=True)
    assert "Only a delivery that failed can be tried again." in response.content.decode()


@pytest.mark.django_db
def test_another_groups_deliveries_are_neither_shown_nor_retried(group, coordinator_client):
    """A coordinator's page lists only their group's entries; another group's is not found."""
    from amity.members import services as member_services

    other = member_services.group_create(
        actor=SYSTEM, slug="mediation", names={"en": "Friends of Mediation"}
    )
    theirs = _failed(other)
    page = coordinator_client.get(f"/en/groups/{group.slug}/manage/deliveries/")
    assert "thing 1" not in page.content.decode()
    response = coordinator_client.post(
        f"/en/groups/{group.slug}/manage/deliveries/{theirs.pk}/retry/"
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == OutboxStatus.FAILED


@pytest.mark.django_db
def test_the_deliveries_page_costs_the_same_queries_for_one_or_many(
    group, coordinator_client, django_assert_max_num_queries
):
    _failed(group, n=1)
    with django_assert_max_num_queries(12) as one:
        coordinator_client.get(f"/en/groups/{group.slug}/manage/deliveries/")
    for n in range(2, 12):
        _failed(group, n=n)
    OutboxEntry.objects.create(
        handler="tests.record",
        group_pk=group.pk,
        attempts=2,
        due_at=timezone.now() + datetime.timedelta(minutes=5),
        last_error="ConnectionError",
    )
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = coordinator_client.get(f"/en/groups/{group.slug}/manage/deliveries/")
    assert page.content.decode().count('class="failed"') == 11
    assert page.content.decode().count('class="waiting"') == 1


# --- the outbox outlives the process -----------------------------------------------------------


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_pending_entries_survive_the_process_and_another_one_delivers_them_once(
    group, coordinator, tmp_path: Path
):
    """Invitations left waiting (the mail server was down when the server stopped) are
    delivered by a new process — ``amity outbox --deliver``, what the restarted server's
    background thread does — once; a second run sends nothing more."""
    from amity.meetings import services

    meeting = _convene_with_invitees(group, coordinator)
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=_dead_port(),
    ):
        services.meeting_convene(actor=coordinator, meeting=meeting)
    entry = OutboxEntry.objects.get(handler="meetings.emails")
    assert entry.status == OutboxStatus.PENDING
    _make_due(pk=entry.pk)
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "AMITY_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "AMITY_EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "AMITY_SECRET_KEY": "test-outbox",
        "AMITY_TASKS_EAGER": "1",
    }
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-m", "amity.manage", "outbox", "--deliver"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
    assert "pending: 0" in done.stdout
    assert "failed: 0" in done.stdout
    sent = "".join(p.read_text() for p in (tmp_path / "mail").glob("*.log"))
    assert sent.count("To: kaz@example.org") == 1
    assert sent.count("To: tkm@example.org") == 1
    entry.refresh_from_db()
    assert entry.status == OutboxStatus.DONE


def test_no_code_but_the_outbox_calls_on_commit():
    """One door for what happens after commit: ``transaction.on_commit`` appears in
    ``core/outbox.py`` only (tests aside), so no side effect escapes the outbox's record,
    retries and error handling."""
    import ast

    offenders = []
    for path in (ROOT / "amity").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts or path.name == "outbox.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Attribute) and node.attr == "on_commit":
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
