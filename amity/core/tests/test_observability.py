"""Logs and metrics (issue 13): one JSON line per request with its id, user, group, status and
duration; the id handed to Celery tasks; /metrics closed unless configured, then the
application's own figures."""

from __future__ import annotations

import ipaddress
import json
import logging
import logging.config
import types

from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from amity.core.models import OutboxEntry, OutboxStatus
from amity.core.observability import current_request_id, reset_request_id, set_request_id


def test_each_request_is_logged_with_its_id_user_group_status_and_duration(
    client, coordinator, group, caplog
):
    client.force_login(coordinator)
    with caplog.at_level(logging.INFO, logger="amity.request"):
        response = client.get(reverse("members:members", args=[group.slug]))
    assert response.status_code == 200
    records = [r for r in caplog.records if r.name == "amity.request"]
    assert len(records) == 1
    record = records[0]
    assert record.status == 200
    assert record.method == "GET"
    assert record.user == coordinator.pk
    assert record.group == group.slug
    assert record.duration_ms > 0
    assert record.request_id == response["X-Request-ID"]
    assert len(record.request_id) == 32

    # Rendered by the configured formatter: one JSON object with those fields.
    formatter_config = settings.LOGGING["formatters"]["json"]
    factory = formatter_config["()"].rsplit(".", 1)
    module = __import__(factory[0], fromlist=[factory[1]])
    options = {k: v for k, v in formatter_config.items() if k != "()"}
    options["fmt"] = options.pop("format")
    formatter = getattr(module, factory[1])(**options)
    line = json.loads(formatter.format(record))
    assert line["message"] == "request"
    assert line["level"] == "INFO"
    assert line["request_id"] == record.request_id
    assert line["status"] == 200
    assert line["group"] == group.slug
    assert line["user"] == coordinator.pk


def test_a_proxys_request_id_is_kept_only_from_a_trusted_proxy(client):
    given = "abcdef0123456789"
    trusted = client.get("/healthz", HTTP_X_REQUEST_ID=given)  # REMOTE_ADDR 127.0.0.1
    assert trusted["X-Request-ID"] == given
    stranger = client.get("/healthz", HTTP_X_REQUEST_ID=given, REMOTE_ADDR="203.0.113.9")
    assert stranger["X-Request-ID"] != given


def test_the_request_id_travels_to_celery_tasks():
    from amity.celery_app import forget_request_id, receive_request_id, send_request_id

    token = set_request_id("req-0123456789")
    try:
        headers: dict[str, str] = {}
        send_request_id(headers=headers)
        assert headers == {"amity_request_id": "req-0123456789"}
    finally:
        reset_request_id(token)
    assert current_request_id() == ""
    task = types.SimpleNamespace(request=types.SimpleNamespace(**headers))
    receive_request_id(task_id="t1", task=task)
    assert current_request_id() == "req-0123456789"
    forget_request_id(task_id="t1")
    assert current_request_id() == ""


def test_noisy_libraries_log_warnings_only():
    for name in ("weasyprint", "fontTools"):
        assert settings.LOGGING["loggers"][name]["level"] == "WARNING"


def test_metrics_are_absent_unless_configured(client):
    assert client.get("/metrics").status_code == 404


@override_settings(AMITY_METRICS_TOKEN="s3cret-metrics-token")
def test_metrics_for_the_token_holder(client, group):
    OutboxEntry.objects.create(
        handler="test.pending", payload={}, status=OutboxStatus.PENDING, due_at=timezone.now()
    )
    OutboxEntry.objects.create(
        handler="test.failed", payload={}, status=OutboxStatus.FAILED, due_at=timezone.now()
    )
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-metrics-token")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'amity_outbox_entries{status="pending"} 1.0' in text
    assert 'amity_outbox_entries{status="failed"} 1.0' in text
    assert "amity_live_clients 0.0" in text
    assert "# TYPE amity_render_jobs_last_hour gauge" in text


@override_settings(AMITY_METRICS_ALLOW=[ipaddress.ip_network("10.1.0.0/16")])
def test_metrics_for_listed_addresses(client, db):
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.2.0.1").status_code == 403
