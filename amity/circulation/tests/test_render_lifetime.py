"""Render processes end with their server (issue 11, item 5): a real uvicorn server starts its
render processes; the server alone (not its process group) is sent SIGTERM, or SIGKILL, and
within seconds no process it started is left."""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

import pytest

from amity.core.tests.processes import environment, free_port, uvicorn_server, wait_for


def _session(sid: int) -> dict[int, int]:
    """The live processes of session ``sid``: {pid: parent pid}."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        state, ppid, session = fields[0], int(fields[1]), int(fields[3])
        if session == sid and state != "Z":
            found[int(entry.name)] = ppid
    return found


def _described(sid: int) -> list[str]:
    described = []
    for pid in _session(sid):
        with contextlib.suppress(OSError):
            described.append(f"{pid}: {Path(f'/proc/{pid}/cmdline').read_bytes()[:200]!r}")
    return described


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux only (/proc)")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_render_processes_end_with_their_server(transactional_db, tmp_path: Path, how) -> None:
    env = environment(tmp_path)
    env.pop("REDIS_URL", None)  # packages built in the server: it starts the render processes
    log = tmp_path / "web.log"
    web = uvicorn_server(free_port(), env, log)
    try:
        server = web.pid

        def render_processes() -> list[int]:
            processes = _session(server)
            # The render processes are the forkserver's children: grandchildren of the server.
            return [pid for pid, parent in processes.items() if parent not in (server, 1)]

        wait_for(lambda: len(render_processes()) >= 1, "no render process started", 60, [log])
        assert len(_session(server)) >= 3  # the server, the forkserver, render processes

        os.kill(server, how)
        web.popen.wait(30)
        wait_for(
            lambda: not _session(server),
            f"processes left after {how.name} of the server: {_described(server)}",
            20,
            [log],
        )
    finally:
        web.stop()
