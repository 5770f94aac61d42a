"""The rendition jobs' figures for /metrics (amity.core.metrics): jobs ended in the last hour
by kind and status, and their durations (from request to end: queue and rendering)."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client.core import GaugeMetricFamily

from amity.circulation import selectors


def collect() -> Iterator[GaugeMetricFamily]:
    rows = selectors.recent_job_durations(seconds=3600)
    ended = GaugeMetricFamily(
        "amity_render_jobs_last_hour",
        "Rendition jobs ended in the last hour",
        labels=["kind", "status"],
    )
    counts: dict[tuple[str, str], int] = {}
    for kind, status, _seconds in rows:
        counts[kind, status] = counts.get((kind, status), 0) + 1
    for (kind, status), n in sorted(counts.items()):
        ended.add_metric([kind, status], n)
    yield ended
    durations = sorted(seconds for _k, _s, seconds in rows)
    spread = GaugeMetricFamily(
        "amity_render_job_seconds_last_hour",
        "Duration of the rendition jobs ended in the last hour (request to end)",
        labels=["quantile"],
    )
    if durations:
        for label, q in (("0.5", 0.5), ("0.95", 0.95), ("1", 1.0)):
            spread.add_metric([label], durations[min(len(durations) - 1, int(q * len(durations)))])
    yield spread
