#!/usr/bin/env python
"""Fan-out benchmark of the live session: how long a change takes to reach every connected
WebSocket client.

Starts a server (embedded: one uvicorn process on a throwaway SQLite database under a temporary
AMITY_VAR_DIR, migrated and loaded with the demo data; ``--scale``: two uvicorn nodes on the
PostgreSQL database and Redis given by DATABASE_URL / REDIS_URL, clients split between them and
changes made through the first), connects N clients to /ws/meetings/<id>/live/, drives 50
changes through the API (closing and reopening the speakers' list, each naming its version),
and prints for each N: latency from the API call to each client's receipt (p50/p95/p99/max),
the server's CPU seconds and peak memory (VmHWM), and memory per connected client.

The clients all run in this one process: at 2000 sockets it may itself be the bottleneck, so
the figures are an upper bound on the server's latency.

    .venv/bin/python bench/live_fanout.py [--clients 100,500,2000] [--changes 50] [--scale]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv/bin/python")
SETUP = """
import datetime
from amity.accounts.models import GroupRole
from amity.accounts.services import api_token_create, group_role_assign, user_create
from amity.accounts.models import User
from amity.meetings.models import Meeting
from amity.members.models import Group, State
group = Group.objects.get(slug="neutrality")
meeting = Meeting.objects.get(group=group, starts_at__date=datetime.date(2023, 12, 11))
user = User.objects.filter(username="bench-chair").first()
if user is None:
    user = user_create(username="bench-chair", password="a-long-bench-password", email="b@example.org")
    group_role_assign(actor=None, user=user, group=group, role="coordinator", state=State.objects.get(iso3="TKM"))
print(meeting.pk, api_token_create(user=user, name="bench")[1])
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def start_node(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    node = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/uvicorn"),
            "amity.asgi:application",
            "--port",
            str(port),
            "--ws",
            "websockets-sansio",
            "--lifespan",
            "off",
            "--log-level",
            "warning",
            "--backlog",
            "4096",
        ],
        cwd=ROOT,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return node
        except OSError:
            time.sleep(0.2)
    node.kill()
    raise SystemExit(f"the server on port {port} did not start")


def api(port: int, path: str, token: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=json.dumps(body).encode() if body is not None else None,
        method="POST" if body is not None else "GET",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


async def run_round(
    ports: list[int], pids: list[int], meeting: int, token: str, n: int, changes: int
) -> dict:
    received: dict[int, list[float]] = {}
    sent: dict[int, float] = {}
    counts: dict[int, int] = {}
    done = asyncio.Event()
    target = {"version": -1}
    rss_before = sum(proc_kb(pid, "VmRSS") for pid in pids)
    cpu_before = sum(proc_cpu(pid) for pid in pids)

    async def client(i: int, ready: asyncio.Event, connected: list[int]) -> None:
        port = ports[i % len(ports)]
        url = f"ws://127.0.0.1:{port}/ws/meetings/{meeting}/live/"
        async with websockets.connect(
            url,
            origin=f"http://127.0.0.1:{port}",
            open_timeout=60,
            max_queue=None,
            ping_interval=None,
        ) as ws:
            await ws.recv()
            connected[0] += 1
            if connected[0] == n:
                ready.set()
            async for message in ws:
                now = time.time()
                version = json.loads(message)["version"]
                received.setdefault(version, []).append(now)
                counts[version] = counts.get(version, 0) + 1
                if version == target["version"] and counts[version] == n:
                    done.set()

    ready = asyncio.Event()
    connected = [0]
    tasks = []
    for i in range(n):
        tasks.append(asyncio.create_task(client(i, ready, connected)))
        if i % 50 == 49:
            await asyncio.sleep(0.05)
    await asyncio.wait_for(ready.wait(), 120)
    await asyncio.sleep(0.5)
    rss_connected = sum(proc_kb(pid, "VmRSS") for pid in pids)
    state = await asyncio.to_thread(api, ports[0], f"/api/v1/meetings/{meeting}/live", token)
    version = state["version"]
    closed = state["list_closed"]
    missed = 0
    for _ in range(changes):
        done.clear()
        target["version"] = version + 1
        closed = not closed
        sent[version + 1] = time.time()
        await asyncio.to_thread(
            api,
            ports[0],
            f"/api/v1/meetings/{meeting}/live/close",
            token,
            {"version": version, "closed": closed},
        )
        try:
            await asyncio.wait_for(done.wait(), 15)
        except TimeoutError:
            missed += 1
        version += 1
    cpu = sum(proc_cpu(pid) for pid in pids) - cpu_before
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    latencies = [(t - sent[v]) * 1000 for v, times in received.items() if v in sent for t in times]
    return {
        "n": n,
        "p50": pct(latencies, 0.50),
        "p95": pct(latencies, 0.95),
        "p99": pct(latencies, 0.99),
        "max": max(latencies),
        "mean": statistics.fmean(latencies),
        "messages": len(latencies),
        "expected": n * changes,
        "missed_rounds": missed,
        "cpu": cpu,
        "hwm_mb": sum(proc_kb(pid, "VmHWM") for pid in pids) / 1024,
        "kb_per_client": (rss_connected - rss_before) / n,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", default="100,500,2000")
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--scale", action="store_true", help="two nodes on PostgreSQL and Redis")
    args = parser.parse_args()
    sizes = [int(x) for x in args.clients.split(",")]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 3 * max(sizes) + 1024)), hard))

    var = tempfile.mkdtemp(prefix="amity-bench-")
    env = {
        **os.environ,
        "AMITY_VAR_DIR": var,
        "AMITY_SECRET_KEY": "bench",
        "AMITY_LOG_LEVEL": "ERROR",
    }
    if args.scale:
        if not (env.get("DATABASE_URL", "").startswith("postgres") and env.get("REDIS_URL")):
            raise SystemExit("--scale needs DATABASE_URL (PostgreSQL) and REDIS_URL")
    else:
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PY, "manage.py", "loaddemo"],
        cwd=ROOT,
        env=env,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c", SETUP],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    meeting, token = int(out[-2]), out[-1]

    ports = [free_port() for _ in range(2 if args.scale else 1)]
    nodes = [start_node(env, port) for port in ports]
    mode = (
        "scale (2 nodes, PostgreSQL + Redis)"
        if args.scale
        else "embedded (1 node, SQLite, in-memory layer)"
    )
    print(f"mode: {mode}; {args.changes} changes per round; clients in this one process")
    print(
        f"{'N':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'recv/expected':>15} {'CPU s':>7} {'peak MB':>8} {'KB/client':>9}"
    )
    try:
        for n in sizes:
            r = asyncio.run(
                run_round(ports, [p.pid for p in nodes], meeting, token, n, args.changes)
            )
            print(
                f"{r['n']:>6} {r['p50']:>8.1f} {r['p95']:>8.1f} {r['p99']:>8.1f} {r['max']:>8.1f} "
                f"{r['messages']:>7}/{r['expected']:<7} {r['cpu']:>7.2f} {r['hwm_mb']:>8.1f} {r['kb_per_client']:>9.1f}",
                flush=True,
            )
    finally:
        for node in nodes:
            node.terminate()
            node.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
