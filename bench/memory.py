"""Benchmark: the memory of a whole Amity process tree (server and its render processes),
idle after start and after a circulation package, in the embedded default (SQLite, no Redis).

Run from the project root: .venv/bin/python bench/memory.py [--settle SECONDS]

A fresh installation in a temporary folder (migrate, the demo), a server started as
`make serve` starts it, the settings of the environment passed through (e.g.
AMITY_RENDER_START=eager to compare). Figures: RSS summed over the tree (counts shared pages
once per process, so an upper bound) and PSS (shared pages divided among their processes: what
the tree costs the machine), in MB, with the number of processes; then the package's time.
Target (issue 13): whole tree at most 250 MB idle.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def tree(pid: int) -> list[int]:
    """``pid`` and its descendants (children of any of its threads)."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        for child in children:
            found.extend(tree(int(child)))
    return found


def memory(pid: int) -> tuple[int, float, float]:
    """(processes, RSS MB, PSS MB) of the tree under ``pid``."""
    rss = pss = 0
    pids = tree(pid)
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:
            continue
    return len(pids), rss / 1024, pss / 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def call(method: str, url: str, token: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        url,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=120) as response:
        return json.loads(response.read())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--settle", type=float, default=8.0, help="seconds to wait before a reading"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="amity-memory-") as var:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "REDIS_URL", "AMITY_CACHE_PREFIX")
        }
        env.update(
            AMITY_VAR_DIR=var,
            AMITY_DEMO="1",
            PYTHONUNBUFFERED="1",
            AMITY_LOG_LEVEL="WARNING",
            AMITY_REQUEST_LOG="0",
        )
        amity = [str(BIN / "amity")]
        for command in (["migrate", "--no-input", "-v", "0"], ["loaddemo"]):
            subprocess.run(amity + command, env=env, cwd=ROOT, check=True, capture_output=True)
        token = subprocess.run(
            [*amity, "token", "create", "coordinator"],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout.strip()  # fmt: skip
        document = subprocess.run(
            [*amity, "shell", "-c",
             "from amity.documents.models import OutcomeDocument;"
             "print(OutcomeDocument.objects.get(slug='final-declaration-2022').pk)"],
            env=env, cwd=ROOT, check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]  # fmt: skip
        port = free_port()
        server = subprocess.Popen(
            [str(BIN / "uvicorn"), "amity.asgi:application", "--host", "127.0.0.1",
             "--port", str(port), "--ws", "websockets-sansio", "--ws-per-message-deflate",
             "false", "--ws-max-size", "65536", "--lifespan", "on", "--log-level", "warning"],
            env=env, cwd=ROOT,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    urllib.request.urlopen(f"{base}/healthz", timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
            urllib.request.urlopen(f"{base}/en/groups/neutrality/", timeout=30).read()
            time.sleep(args.settle)
            rows = [("idle after start", *memory(server.pid))]
            started = time.monotonic()
            job = call(
                "POST", f"{base}/api/v1/documents/{document}/renditions", token, {"kind": "package"}
            )
            while job["status"] not in ("done", "failed"):
                time.sleep(0.2)
                job = call(
                    "GET", f"{base}/api/v1/documents/{document}/renditions/{job['id']}", token
                )
            took = time.monotonic() - started
            rows.append(("after a package", *memory(server.pid)))
            time.sleep(args.settle)
            rows.append((f"{args.settle:.0f} s later", *memory(server.pid)))
        finally:
            server.terminate()
            server.wait(30)
    settings = {k: v for k, v in os.environ.items() if k.startswith("AMITY_RENDER")}
    print(f"embedded server, render settings {settings or 'default'}")
    print(f"{'':22}{'processes':>10}{'RSS MB':>10}{'PSS MB':>10}")
    for label, count, rss, pss in rows:
        print(f"{label:22}{count:>10}{rss:>10.0f}{pss:>10.0f}")
    print(f"package: {job['status']} in {took:.1f} s")


if __name__ == "__main__":
    main()
