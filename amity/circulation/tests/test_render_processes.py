"""The render processes' start and idle lifetime are settings (issue 13): started lazily by
default in the embedded mode, stopped after AMITY_RENDER_IDLE_SECONDS without a package."""

from __future__ import annotations

import time

from django.test import override_settings

from amity.circulation import jobs, package


@override_settings(AMITY_RENDER_START="lazy")
def test_lazy_start_leaves_the_server_without_render_processes():
    package.shutdown_pool()
    jobs.start_render_processes()
    assert package._pool is None


@override_settings(AMITY_RENDER_IDLE_SECONDS=1, AMITY_RENDER_PROCESSES=2)
def test_render_processes_stop_when_idle_and_start_again():
    assert package.render_processes() == 2
    pool = package._render_pool(2)
    assert pool.submit(sum, [1, 2]).result(timeout=60) == 3  # real processes running
    package._idle_busy(+1)
    package._idle_busy(-1)  # the last package ended: the timer runs
    deadline = time.monotonic() + 10
    while package._pool is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert package._pool is None
    again = package._render_pool(2)
    assert again is not pool
    assert again.submit(sum, [2, 2]).result(timeout=60) == 4
    package.shutdown_pool()
