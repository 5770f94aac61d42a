#!/usr/bin/env python
"""Faults benchmark (issue 11): what a Redis outage costs, and how many PostgreSQL connections
two nodes hold under load.

Scale mode on the PostgreSQL database named by DATABASE_URL (migrated and loaded with the demo
data by this script), a Redis server of its own on a free port (``redis-server``, no
persistence), one Celery worker with beat, and two uvicorn nodes.

1. Redis outage: ``--clients`` live WebSocket clients (split between the nodes, behaving as
   live.js does: they resync when a heartbeat carries another version) watch a meeting; four
   threads keep requesting pages and the API on both nodes and making the chair's changes
   (closing and reopening the speakers' list). Redis is killed (SIGKILL) for ``--outage``
   seconds, then started again. Printed: requests answered non-2xx during the outage (of how
   many), and seconds from Redis's return until the outbox is empty and every live client holds
   the latest version.
2. Load: ``--connections`` threads request pages and the API on both nodes for ``--duration``
   seconds (the issue's figure is 60 s and 16 connections); printed: peak PostgreSQL
   connections to the database (``pg_stat_activity``, sampled every 50 ms) and the bound
   (AMITY_DB_POOL_MAX per process).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/amity_bench \\
        .venv/bin/python bench/faults.py [--outage 10] [--duration 10] [--connections 16]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import psycopg
from _common import HOST, PY, ROOT, SETUP, free_port


def wait(check: Any, what: str, seconds: float) -> float:
    """Poll until ``check()``; the seconds it took. Exits if it never does."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if check():
            return time.monotonic() - start
        time.sleep(0.1)
    raise SystemExit(f"{what} within {seconds:.0f} s")


def redis_up(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        args,
        cwd=ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(15)


def redis_server(port: int, log: Path) -> subprocess.Popen[bytes]:
    process = start(
        ["redis-server", "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"],
        dict(os.environ),
        log,
    )
    wait(lambda: redis_up(port), "redis-server did not answer", 20)
    return process


def status_of(url: str, token: str | None = None, body: dict | None = None) -> int:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode() if body is not None else None,
        method="POST" if body is not None else "GET",
        headers=headers,
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError:
        return 0  # no answer at all


def api_get(port: int, path: str, token: str) -> dict:
    request = urllib.request.Request(
        f"http://{HOST}:{port}{path}", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


class LiveClients:
    """``n`` WebSocket clients in one asyncio loop (a thread), each keeping the newest version
    it received and resyncing when a heartbeat carries another, as live.js does."""

    def __init__(self, urls: list[str]) -> None:
        self.versions = [0] * len(urls)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=lambda: asyncio.run(self._all(urls)), daemon=True)
        self.thread.start()

    async def _all(self, urls: list[str]) -> None:
        await asyncio.gather(*(self._one(k, url) for k, url in enumerate(urls)))

    async def _one(self, k: int, url: str) -> None:
        import websockets
        from websockets.typing import Origin

        while not self.stop.is_set():
            try:
                origin = Origin("http" + url.split("/ws/")[0].removeprefix("ws"))  # same origin
                async with websockets.connect(url, origin=origin) as ws:
                    while not self.stop.is_set():
                        try:
                            data = json.loads(await asyncio.wait_for(ws.recv(), 0.5))
                        except TimeoutError:
                            continue
                        if data.get("type") == "heartbeat":
                            if data["version"] != self.versions[k]:
                                await ws.send(json.dumps({"type": "resync"}))
                        else:
                            self.versions[k] = data["version"]
            except Exception:
                await asyncio.sleep(1.0)  # reconnect, as live.js does (it polls meanwhile)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(10)


def pending_outbox(db_url: str) -> int:
    with psycopg.connect(db_url) as conn:
        row = conn.execute(
            "SELECT count(*) FROM core_outboxentry WHERE status <> 'done'"
        ).fetchone()
        return int(row[0]) if row else 0


def pg_connections(conn: psycopg.Connection[Any]) -> int:
    row = conn.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid()"
    ).fetchone()
    return int(row[0]) if row else 0


def outage(
    args: argparse.Namespace,
    env: dict[str, str],
    ports: list[int],
    meeting: int,
    token: str,
    redis_port: int,
    var: Path,
) -> None:
    urls = [f"ws://{HOST}:{ports[k % 2]}/ws/meetings/{meeting}/live/" for k in range(args.clients)]
    clients = LiveClients(urls)
    wait(lambda: all(v > 0 for v in clients.versions), "the live clients did not connect", 60)
    results: list[tuple[float, int]] = []  # (time, status)
    lock = threading.Lock()
    done = threading.Event()

    def load(n: int) -> None:
        port = ports[n % 2]
        base = f"http://{HOST}:{port}"
        pages = [f"{base}/en/groups/neutrality/", f"{base}/en/meetings/{meeting}/"]
        i = 0
        while not done.is_set():
            if n == 0 and i % 4 == 0:  # the chair's change, naming the version it saw
                try:
                    state = api_get(port, f"/api/v1/meetings/{meeting}/live", token)
                    code = status_of(
                        f"{base}/api/v1/meetings/{meeting}/live/close",
                        token,
                        {"version": state["version"], "closed": not state["list_closed"]},
                    )
                except (OSError, urllib.error.HTTPError):
                    code = 0
            elif i % 2:
                code = status_of(f"{base}/api/v1/meetings/{meeting}/live", token)
            else:
                code = status_of(pages[i % 4 // 2])
            with lock:
                results.append((time.monotonic(), code))
            i += 1
            time.sleep(0.05)

    threads = [threading.Thread(target=load, args=(n,), daemon=True) for n in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(2)
    redis = outage.redis  # type: ignore[attr-defined]
    os.killpg(redis.pid, signal.SIGKILL)
    redis.wait(10)
    down = time.monotonic()
    time.sleep(args.outage)
    outage.redis = redis_server(redis_port, var / "redis.log")  # type: ignore[attr-defined]
    back = time.monotonic()
    done.set()  # no more changes: "the latest version" is now fixed
    for thread in threads:
        thread.join(60)
    during = [code for at, code in results if down <= at < back]
    bad = [code for code in during if not 200 <= code < 300]
    latest = api_get(ports[0], f"/api/v1/meetings/{meeting}/live", token)["version"]
    wait(lambda: pending_outbox(args.db) == 0, "the outbox did not empty", 300)
    outbox_s = time.monotonic() - back
    wait(
        lambda: all(v == latest for v in clients.versions),
        "the live clients did not converge",
        300,
    )
    elapsed = time.monotonic() - back
    clients.close()
    codes: dict[int, int] = {}
    for code in bad:
        codes[code] = codes.get(code, 0) + 1
    print(f"Redis outage of {args.outage:.0f} s, {args.clients} live clients on 2 nodes:")
    print(f"  requests during the outage: {len(during)}, non-2xx: {len(bad)} {codes or ''}")
    print(
        f"  from Redis's return: outbox empty after {outbox_s:.1f} s; outbox empty and every "
        f"client at the latest version ({latest}) after {elapsed:.1f} s"
    )


def load_run(args: argparse.Namespace, ports: list[int], meeting: int, token: str) -> None:
    done = threading.Event()
    peak = 0
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def sample() -> None:
        nonlocal peak
        with psycopg.connect(args.db) as conn:
            conn.autocommit = True
            while not done.is_set():
                peak = max(peak, pg_connections(conn))
                time.sleep(0.05)

    def load(n: int) -> None:
        base = f"http://{HOST}:{ports[n % 2]}"
        urls = [
            (f"{base}/en/groups/neutrality/", None),
            (f"{base}/en/meetings/{meeting}/", None),
            (f"{base}/api/v1/meetings/{meeting}/live", token),
            (f"{base}/api/v1/groups/neutrality/meetings", token),
        ]
        i = n
        while not done.is_set():
            url, auth = urls[i % len(urls)]
            code = status_of(url, auth)
            with lock:
                statuses[code] = statuses.get(code, 0) + 1
            i += 1

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    threads = [
        threading.Thread(target=load, args=(n,), daemon=True) for n in range(args.connections)
    ]
    for thread in threads:
        thread.start()
    time.sleep(args.duration)
    done.set()
    for thread in threads:
        thread.join(60)
    sampler.join(10)
    total = sum(statuses.values())
    bound = int(os.environ.get("AMITY_DB_POOL_MAX", "8"))
    print(
        f"Load: {args.connections} connections on 2 nodes for {args.duration:.0f} s: {total} "
        f"requests ({total / args.duration:.0f}/s), statuses {dict(sorted(statuses.items()))}"
    )
    print(
        f"  peak PostgreSQL connections: {peak} (bound: {bound} per process x 2 nodes + worker "
        f"and beat = {bound * 3})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--outage", type=float, default=10.0, help="seconds Redis stays down")
    parser.add_argument("--clients", type=int, default=20, help="live clients during the outage")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of the load run")
    parser.add_argument("--connections", type=int, default=16, help="concurrent HTTP clients")
    args = parser.parse_args()
    args.db = os.environ.get("DATABASE_URL", "")
    if not args.db.startswith("postgres"):
        raise SystemExit(
            "needs DATABASE_URL (a PostgreSQL database of its own, created with createdb), e.g.\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/amity_bench "
            ".venv/bin/python bench/faults.py"
        )
    var = Path(tempfile.mkdtemp(prefix="amity-faults-"))
    redis_port = free_port()
    env = {
        **os.environ,
        "AMITY_VAR_DIR": str(var),
        "AMITY_SECRET_KEY": "bench",
        "AMITY_LOG_LEVEL": "ERROR",
        "REDIS_URL": f"redis://{HOST}:{redis_port}/0",
        "AMITY_CACHE_PREFIX": f"amity-faults-{redis_port}",
        "AMITY_OUTBOX_SWEEP_SECONDS": "1",
        "AMITY_LIVE_HEARTBEAT_SECONDS": os.environ.get("AMITY_LIVE_HEARTBEAT_SECONDS", "5"),
        "AMITY_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    outage.redis = redis_server(redis_port, var / "redis.log")  # type: ignore[attr-defined]
    processes: list[subprocess.Popen[bytes]] = []
    try:
        if subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env).returncode:
            raise SystemExit("could not migrate the database named in DATABASE_URL")
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
        worker_log = var / "worker.log"
        processes.append(
            start(
                [
                    PY,
                    "-m",
                    "celery",
                    "-A",
                    "amity",
                    "worker",
                    "-B",
                    "--schedule",
                    str(var / "beat-schedule"),
                    "--without-heartbeat",
                    "--without-gossip",
                    "--without-mingle",
                    "--loglevel=INFO",
                ],
                env,
                worker_log,
            )
        )
        wait(lambda: " ready." in worker_log.read_text(), "the Celery worker was not ready", 120)
        ports = [free_port(), free_port()]
        for port in ports:
            processes.append(
                start(
                    [
                        PY,
                        "-m",
                        "uvicorn",
                        "amity.asgi:application",
                        "--host",
                        HOST,
                        "--port",
                        str(port),
                        "--lifespan",
                        "on",
                        "--log-level",
                        "warning",
                        "--no-access-log",
                    ],
                    env,
                    var / f"web-{port}.log",
                )
            )
        for port in ports:
            wait(
                lambda port=port: status_of(f"http://{HOST}:{port}/healthz") == 200,
                f"the node on port {port} did not start",
                60,
            )
        print(f"load average {os.getloadavg()[0]:.2f}; logs in {var}")
        outage(args, env, ports, meeting, token, redis_port, var)
        load_run(args, ports, meeting, token)
    finally:
        for process in reversed(processes):
            stop(process)
        stop(outage.redis)  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
