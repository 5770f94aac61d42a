"""Prometheus metrics (issue 13), through prometheus_client: ``GET /metrics``.

What the application knows of itself: live WebSocket clients of this process, the outbox's
depth (pending, being delivered, failed entries), the database connection pool's use where
a pool is configured, and what the apps above core register (``metric_collectors``: the
rendition jobs' durations). Closed unless ``AMITY_METRICS_TOKEN`` (``Authorization: Bearer``)
or ``AMITY_METRICS_ALLOW`` (addresses or networks) is set: then 404, as if it were not there.
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from amity.core.audit import client_ip
from amity.core.registry import Hooks

REGISTRY = CollectorRegistry(auto_describe=False)

LIVE_CLIENTS = Gauge(
    "amity_live_clients",
    "WebSocket clients of live sessions connected to this process",
    registry=REGISTRY,
)
LIVE_DROPPED = Counter(
    "amity_live_clients_dropped",
    "Live WebSocket clients disconnected because they stopped reading",
    registry=REGISTRY,
)

# Apps above core add their own figures: each yields prometheus_client metric families.
metric_collectors: Hooks[Callable[[], Iterable[GaugeMetricFamily]]] = Hooks("metrics")


def _outbox() -> Iterator[GaugeMetricFamily]:
    from django.db.models import Count

    from amity.core.models import OutboxEntry, OutboxStatus

    depth = GaugeMetricFamily(
        "amity_outbox_entries",
        "Outbox entries by status (pending and running: waiting to be delivered; failed: given up)",
        labels=["status"],
    )
    counts = dict(
        OutboxEntry.objects.exclude(status=OutboxStatus.DONE)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    for status in (OutboxStatus.PENDING, OutboxStatus.RUNNING, OutboxStatus.FAILED):
        depth.add_metric([str(status)], counts.get(status, 0))
    yield depth


def _pool() -> Iterator[GaugeMetricFamily]:
    """The connection pool of this process (Django's psycopg pool), when one is configured."""
    pool = getattr(connection, "pool", None)
    if pool is None or not hasattr(pool, "get_stats"):
        return
    stats = pool.get_stats()
    family = GaugeMetricFamily(
        "amity_db_pool", "Database connection pool of this process", labels=["figure"]
    )
    for key in ("pool_size", "pool_available", "pool_max", "requests_waiting"):
        if key in stats:
            family.add_metric([key], stats[key])
    yield family


class _ApplicationCollector(Collector):
    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield from _outbox()
        yield from _pool()
        for hook in metric_collectors:
            yield from hook()


REGISTRY.register(_ApplicationCollector())


def _allowed(request: HttpRequest) -> bool:
    token = settings.AMITY_METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        if given.startswith("Bearer ") and hmac.compare_digest(given[7:].strip(), token):
            return True
    networks = settings.AMITY_METRICS_ALLOW
    address = client_ip(request)
    if networks and address:
        ip = ipaddress.ip_address(address)
        return any(ip in network for network in networks)
    return False


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not (settings.AMITY_METRICS_TOKEN or settings.AMITY_METRICS_ALLOW):
        raise Http404
    if not _allowed(request):
        return HttpResponse(status=403)
    return HttpResponse(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)
