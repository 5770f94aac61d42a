#!/usr/bin/env python
"""Fan-out benchmark of the live session: how long a change takes to reach every connected
WebSocket client.

Starts a server (embedded: one uvicorn process on a throwaway SQLite database under a temporary
AMITY_VAR_DIR, migrated and loaded with the demo data; ``--scale``: two uvicorn nodes on the
PostgreSQL database and Redis given by DATABASE_URL / REDIS_URL, clients split between them and
changes made through the first), connects N clients to /ws/meetings/<id>/live/, drives 50
changes through the API (closing and reopening the speakers' list, each naming its version; the
next change is made once every client has the previous one), and prints for each N: latency
from the API call to each client's receipt (p50/p95/p99/max), the servers' CPU seconds while
the clients connect and during the changes, their peak memory (VmHWM) and memory per connected
client ((RSS with N clients - RSS with none) / N).

The server nodes are started afresh for each N, so that peak memory and memory per client
belong to that N alone. The clients run in several processes (``--client-processes``), each an
asyncio loop with its share of the sockets; they read only the version of each message (a
string search, no JSON parsing) and note the time of receipt (``time.time()``, comparable
across processes on one machine), so that the client side costs little next to the server.
The clients offer per-message compression as browsers do; whether it is used is the server's
choice (``--deflate`` turns it on, to compare).

    .venv/bin/python bench/live_fanout.py [--clients 100,500,2000] [--changes 50] [--scale]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import resource
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

import websockets
from websockets.typing import Origin

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv/bin/python")
HOST = "127.0.0.1"
SETUP = """
import datetime
from amity.members.models import GroupRole
from amity.accounts.services import api_token_create, user_create
from amity.members.services import group_role_assign
from amity.accounts.models import User
from amity.core.actors import system_actor
from amity.meetings.models import Meeting
from amity.members.models import Group, State
group = Group.objects.get(slug="neutrality")
meeting = Meeting.objects.get(group=group, starts_at__date=datetime.date(2023, 12, 11))
user = User.objects.filter(username="bench-chair").first()
if user is None:
    user = user_create(username="bench-chair", password="a-long-bench-password", email="b@example.org")
    group_role_assign(actor=system_actor("bench"), user=user, group=group, role="coordinator", state=State.objects.get(iso3="TKM"))
print(meeting.pk, api_token_create(user=user, name="bench")[1])
"""
CONNECT_TIMEOUT = 180  # seconds for all clients of a round to connect
CHANGE_TIMEOUT = 15  # seconds for one change to reach every client


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
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


def server_command(port: int, ws: str, deflate: bool) -> list[str]:
    return [
        str(ROOT / ".venv/bin/uvicorn"),
        "amity.asgi:application",
        "--host",
        HOST,
        "--port",
        str(port),
        "--ws",
        ws,
        "--ws-per-message-deflate",
        "true" if deflate else "false",
        "--ws-max-size",
        "65536",
        "--lifespan",
        "off",
        "--log-level",
        "warning",
        "--no-access-log",
        "--backlog",
        "4096",
    ]


def start_node(env: dict[str, str], port: int, ws: str, deflate: bool) -> subprocess.Popen[bytes]:
    node = subprocess.Popen(server_command(port, ws, deflate), cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=1)
            return node
        except OSError:
            time.sleep(0.2)
    node.kill()
    raise SystemExit(f"the server on port {port} did not start")


def api(port: int, path: str, token: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"http://{HOST}:{port}{path}",
        data=json.dumps(body).encode() if body is not None else None,
        method="POST" if body is not None else "GET",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def version_of(message: str | bytes) -> int:
    """The state's version, found without parsing the whole message."""
    text = message if isinstance(message, str) else message.decode()
    start = text.index('"version"') + 10
    while text[start] in ": ":
        start += 1
    end = start
    while text[end].isdigit():
        end += 1
    return int(text[start:end])


def origin_of(url: str) -> Origin:
    return Origin(url.replace("ws://", "http://").split("/ws/")[0])


# --- the client processes ---------------------------------------------------------------------


def client_process(conn: Connection, urls: list[str]) -> None:
    """Connect to every URL, report ``("ready", n)``, then ``("got", version)`` each time all of
    this process's clients have that version; on ``"stop"`` send back the receipt times."""
    try:
        asyncio.run(_clients(conn, urls))
    except Exception as error:  # reported to the parent, which stops the round
        conn.send(("error", repr(error)))


async def _clients(conn: Connection, urls: list[str]) -> None:
    loop = asyncio.get_running_loop()
    n = len(urls)
    receipts: list[tuple[int, float]] = []
    counts: dict[int, int] = {}
    connected = 0
    stop = asyncio.Event()
    handshakes = asyncio.Semaphore(64)

    def on_command() -> None:
        if conn.recv() == "stop":
            stop.set()

    loop.add_reader(conn.fileno(), on_command)

    async def client(url: str) -> None:
        nonlocal connected
        async with handshakes:
            ws = await websockets.connect(
                url,
                origin=origin_of(url),
                open_timeout=CONNECT_TIMEOUT,
                max_queue=None,
                ping_interval=None,
            )
            await ws.recv()
        connected += 1
        if connected == n:
            conn.send(("ready", n))
        async for message in ws:
            now = time.time()
            if "heartbeat" in message[:40]:  # the periodic version note, not a change
                continue
            version = version_of(message)
            receipts.append((version, now))
            count = counts[version] = counts.get(version, 0) + 1
            if count == n:
                conn.send(("got", version))
        raise RuntimeError(f"the server closed a connection: {ws.close_code}")

    tasks = [asyncio.create_task(client(url)) for url in urls]
    stopping = asyncio.create_task(stop.wait())
    done, _ = await asyncio.wait([stopping, *tasks], return_when=asyncio.FIRST_COMPLETED)
    failed = [t for t in done if t is not stopping]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    loop.remove_reader(conn.fileno())
    if failed:
        raise failed[0].exception()  # type: ignore[misc]
    conn.send(("receipts", receipts))


# --- one round --------------------------------------------------------------------------------


def _expect(conns: list[Connection], kind: str, value: Any, timeout: float) -> bool:
    """Wait until every client process has sent ``(kind, value)`` (any value if None)."""
    waiting = set(conns)
    deadline = time.monotonic() + timeout
    while waiting:
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        for ready in wait(list(waiting), left):
            assert isinstance(ready, Connection)
            message = ready.recv()
            if message[0] == "error":
                raise SystemExit(f"a client process failed: {message[1]}")
            if message[0] == kind and (value is None or message[1] == value):
                waiting.discard(ready)
    return True


async def _warm_up(url: str) -> None:
    async with websockets.connect(url, origin=origin_of(url)) as ws:
        await ws.recv()


STAGES = [
    # (name, from, to): intervals of one change, from the server's trace (amity.live.trace)
    ("request", "api", "service"),  # HTTP, middleware, token, view, until the service
    ("lock", "service", "locked"),
    ("write", "locked", "written"),
    ("commit", "written", "committed"),
    ("serialize", "committed", "serialized"),
    ("to hub", "serialized", "received"),  # the channel layer, until a hub starts writing
    ("sockets", "received", "delivered"),  # until every socket of every node is written
]


def read_trace(path: Path, sent: dict[int, float], meeting: int) -> dict[str, Any]:
    """The stage intervals of each change (ms: p50, p99, max) and the oldest generation's
    garbage collections while the changes ran, from the servers' trace lines."""
    changes: dict[int, dict[str, float]] = {v: {"api": t} for v, t in sent.items()}
    gcs: list[tuple[float, float]] = []
    if path.exists():
        for line in path.read_text().splitlines():
            record = json.loads(line)
            if "gc" in record:
                gcs.append((record["start"], record["ms"]))
                continue
            if record.get("meeting") != meeting or record["version"] not in changes:
                continue
            stages = changes[record["version"]]
            for name, at in record["stages"].items():
                if name == "received":  # the first node to receive it
                    stages[name] = min(stages.get(name, at), at)
                elif name == "delivered":  # the last node to finish writing
                    stages[name] = max(stages.get(name, at), at)
                else:
                    stages[name] = at
        path.unlink()
    out: dict[str, Any] = {}
    for name, start, end in STAGES:
        values = [(c[end] - c[start]) * 1000 for c in changes.values() if start in c and end in c]
        if values:
            out[name] = (pct(values, 0.5), pct(values, 0.99), max(values))
    begin = min(sent.values()) if sent else 0.0
    during = [ms for at, ms in gcs if at >= begin]
    out["gc"] = (len(during), sum(during), max(during, default=0.0))
    return out


def run_round(
    ports: list[int],
    pids: list[int],
    meeting: int,
    token: str,
    n: int,
    changes: int,
    procs: int,
    trace_file: Path,
) -> dict[str, Any]:
    urls = [f"ws://{HOST}:{ports[i % len(ports)]}/ws/meetings/{meeting}/live/" for i in range(n)]
    for port in ports:  # load the code of the WebSocket path before measuring memory
        asyncio.run(_warm_up(f"ws://{HOST}:{port}/ws/meetings/{meeting}/live/"))
        api(port, f"/api/v1/meetings/{meeting}/live", token)
    time.sleep(0.5)
    rss_before = sum(proc_kb(pid, "VmRSS") for pid in pids)
    cpu_before = sum(proc_cpu(pid) for pid in pids)

    context = multiprocessing.get_context("spawn")
    conns: list[Connection] = []
    workers = []
    for k in range(min(procs, n)):
        parent, child = context.Pipe()
        worker = context.Process(target=client_process, args=(child, urls[k::procs]), daemon=True)
        worker.start()
        conns.append(parent)
        workers.append(worker)
    try:
        if not _expect(conns, "ready", None, CONNECT_TIMEOUT):
            raise SystemExit(f"{n} clients did not connect within {CONNECT_TIMEOUT} s")
        time.sleep(1.0)
        rss_connected = sum(proc_kb(pid, "VmRSS") for pid in pids)
        cpu_connected = sum(proc_cpu(pid) for pid in pids)
        clients_cpu_before = sum(proc_cpu(w.pid) for w in workers if w.pid)
        trace_file.unlink(missing_ok=True)  # the stages of the changes only

        state = api(ports[0], f"/api/v1/meetings/{meeting}/live", token)
        version = state["version"]
        closed = state["list_closed"]
        sent: dict[int, float] = {}
        missed = 0
        for _ in range(changes):
            closed = not closed
            sent[version + 1] = time.time()
            api(
                ports[0],
                f"/api/v1/meetings/{meeting}/live/close",
                token,
                {"version": version, "closed": closed},
            )
            version += 1
            if not _expect(conns, "got", version, CHANGE_TIMEOUT):
                missed += 1
        cpu_changes = sum(proc_cpu(pid) for pid in pids) - cpu_connected
        clients_cpu = sum(proc_cpu(w.pid) for w in workers if w.pid) - clients_cpu_before
        hwm = sum(proc_kb(pid, "VmHWM") for pid in pids)
        receipts: list[tuple[int, float]] = []
        for conn in conns:
            conn.send("stop")
        for conn in conns:
            while True:
                if not conn.poll(60):
                    raise SystemExit("a client process did not answer")
                message = conn.recv()
                if message[0] == "receipts":
                    receipts.extend(message[1])
                    break
                if message[0] == "error":
                    raise SystemExit(f"a client process failed: {message[1]}")
    finally:
        for worker in workers:
            worker.join(10)
            if worker.is_alive():
                worker.kill()
    latencies = [(t - sent[v]) * 1000 for v, t in receipts if v in sent]
    first: dict[int, float] = {}
    for v, t in receipts:
        if v in sent:
            first[v] = min(first.get(v, t), t)
    # How long the API call and the way to the first client took (not the fan-out).
    first_ms = sorted((t - sent[v]) * 1000 for v, t in first.items())
    return {
        "n": n,
        "p50": pct(latencies, 0.50),
        "p95": pct(latencies, 0.95),
        "p99": pct(latencies, 0.99),
        "max": max(latencies),
        "mean": statistics.fmean(latencies),
        "first_p50": pct(first_ms, 0.5),
        "first_max": first_ms[-1],
        "messages": len(latencies),
        "expected": n * changes,
        "missed_rounds": missed,
        "cpu_connect": cpu_connected - cpu_before,
        "first_p99": pct(first_ms, 0.99),
        "cpu": cpu_changes,
        "clients_cpu": clients_cpu,
        "stages": read_trace(trace_file, sent, meeting),
        "hwm_mb": hwm / 1024,
        "kb_per_client": (rss_connected - rss_before) / n,
    }


HEADER = (
    f"{'N / run':>13} {'load':>5} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7} "
    f"{'first p50':>9} {'first p99':>9} {'recv/expected':>15} {'srv CPU s':>9} "
    f"{'cli CPU s':>9} {'peak MB':>7} {'KB/cl':>6}"
)


def row(label: str, r: dict[str, Any]) -> str:
    """One line of the table; first p50/p99: the first client to receive each change."""
    return (
        f"{label:>13} {r['load']:>5.2f} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['p99']:>7.1f} "
        f"{r['max']:>7.1f} {r['first_p50']:>9.1f} {r['first_p99']:>9.1f} "
        f"{int(r['messages']):>7}/{int(r['expected']):<7} {r['cpu']:>9.2f} "
        f"{r['clients_cpu']:>9.2f} {r['hwm_mb']:>7.1f} {r['kb_per_client']:>6.1f}"
        + (f"  ({int(r['missed_rounds'])} changes timed out)" if r["missed_rounds"] else "")
    )


def stages_line(stages: dict[str, Any]) -> str:
    """Where each change's time went on the server, p50/p99 ms by stage, and the collections
    of the oldest generation during the changes."""
    parts = [
        f"{name} {stages[name][0]:.1f}/{stages[name][1]:.1f}"
        for name, _, _ in STAGES
        if name in stages
    ]
    count, total, longest = stages["gc"]
    return (
        "              stages p50/p99 ms: "
        + ", ".join(parts)
        + f"; gen-2 GC: {count} ({total:.0f} ms, longest {longest:.0f})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", default="100,500,2000")
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--scale", action="store_true", help="two nodes on PostgreSQL and Redis")
    parser.add_argument("--client-processes", type=int, default=3)
    parser.add_argument(
        "--runs", type=int, default=3, help="rounds per client count; the median is printed too"
    )
    parser.add_argument(
        "--ws",
        default="websockets-sansio",
        choices=["websockets-sansio", "websockets", "wsproto"],
        help="uvicorn's WebSocket implementation",
    )
    parser.add_argument(
        "--deflate", action="store_true", help="let the server compress messages (per client)"
    )
    args = parser.parse_args()
    sizes = [int(x) for x in args.clients.split(",")]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 3 * max(sizes) + 1024
    if hard != resource.RLIM_INFINITY and hard < wanted:
        print(f"warning: the open-files limit is {hard}; {max(sizes)} clients may not fit")
    resource.setrlimit(
        resource.RLIMIT_NOFILE,
        (wanted if hard == resource.RLIM_INFINITY else min(hard, max(soft, wanted)), hard),
    )

    var = tempfile.mkdtemp(prefix="amity-bench-")
    env = {
        **os.environ,
        "AMITY_VAR_DIR": var,
        "AMITY_SECRET_KEY": "bench",
        "AMITY_LOG_LEVEL": "ERROR",
    }
    if args.scale:
        if not (env.get("DATABASE_URL", "").startswith("postgres") and env.get("REDIS_URL")):
            raise SystemExit(
                "--scale needs DATABASE_URL (a PostgreSQL URL) and REDIS_URL, e.g.\n"
                "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/livebench "
                "REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/live_fanout.py --scale"
            )
    else:
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
    if subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env).returncode:
        raise SystemExit(
            "could not migrate the database (see above); with --scale, the database named in "
            "DATABASE_URL must exist (createdb) and Redis must run"
        )
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

    mode = (
        "scale (2 nodes, PostgreSQL + Redis)"
        if args.scale
        else "embedded (1 node, SQLite, in-memory layer)"
    )
    print(
        f"mode: {mode}; uvicorn --ws {args.ws}, per-message deflate "
        f"{'on' if args.deflate else 'off'}; {args.changes} changes per round; clients in "
        f"{args.client_processes} processes; load average {os.getloadavg()[0]:.2f}"
    )
    trace_file = Path(var) / "live-trace.jsonl"
    env["AMITY_LIVE_TRACE_FILE"] = str(trace_file)
    env["AMITY_REQUEST_LOG"] = "0"  # one log line per request is not what is measured
    print(HEADER)
    for n in sizes:
        results = []
        for run in range(1, args.runs + 1):
            load = os.getloadavg()[0]
            ports = [free_port() for _ in range(2 if args.scale else 1)]
            nodes = [start_node(env, port, args.ws, args.deflate) for port in ports]
            try:
                r = run_round(
                    ports,
                    [p.pid for p in nodes],
                    meeting,
                    token,
                    n,
                    args.changes,
                    args.client_processes,
                    trace_file,
                )
            finally:
                for node in nodes:
                    node.terminate()
                for node in nodes:
                    node.wait(timeout=10)
            r["load"] = load
            results.append(r)
            print(row(f"{n} #{run}", r), flush=True)
            print(stages_line(r["stages"]), flush=True)
        if len(results) > 1:
            median = {
                key: statistics.median(r[key] for r in results)
                for key, value in results[0].items()
                if isinstance(value, (int, float))
            }
            print(row(f"{n} median", median), flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
