"""Benchmark: the memory of whole Amity process trees (each process with its render
processes), idle after start and after a circulation package: the embedded default (SQLite, no
Redis: one server), or with ``--scale`` one scale-mode node, one Celery worker and beat.

Run from the project root: .venv/bin/python bench/memory.py [--settle SECONDS]
                           DATABASE_URL=postgres://… REDIS_URL=redis://… \
                               .venv/bin/python bench/memory.py --scale

A fresh installation (migrate, the demo) and the processes started as `make serve` and the
units of deploy/ start them, the settings of the environment passed through (e.g.
AMITY_RENDER_START=eager to compare). The embedded run uses a temporary folder; ``--scale``
uses the PostgreSQL database and Redis of DATABASE_URL and REDIS_URL (a database of its own:
it is migrated and the demo is loaded into it; AMITY_CACHE_PREFIX of its own too). Figures:
RSS summed over each tree (counts shared pages once per process, so an upper bound) and PSS
(shared pages divided among their processes: what the tree costs the machine), in MB, with the
number of processes; then the package's time.
Target (issue 13): embedded, whole tree at most 250 MB idle.
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


def wait_for_log(path: Path, text: str, seconds: float, process: subprocess.Popen) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + seconds
    while text not in (path.read_text(errors="replace") if path.exists() else ""):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{path.name}: no {text!r}:\n{path.read_text()[-3000:]}")
        time.sleep(0.3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--settle", type=float, default=8.0, help="seconds to wait before a reading"
    )
    parser.add_argument(
        "--scale",
        action="store_true",
        help="scale mode: a node, a Celery worker and beat on DATABASE_URL (PostgreSQL) and "
        "REDIS_URL",
    )
    args = parser.parse_args()
    if args.scale and not (
        os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get("REDIS_URL")
    ):
        raise SystemExit(
            "--scale needs DATABASE_URL (a PostgreSQL database of its own) and REDIS_URL, e.g.\n"
            "  DATABASE_URL=postgres://postgres@127.0.0.1:5432/amity_bench "
            "REDIS_URL=redis://127.0.0.1:6379/9 AMITY_CACHE_PREFIX=bench "
            ".venv/bin/python bench/memory.py --scale"
        )
    with tempfile.TemporaryDirectory(prefix="amity-memory-") as var:
        if args.scale:
            env = dict(os.environ)
            env.setdefault("AMITY_SECRET_KEY", "bench-memory-" + "x" * 40)
        else:
            env = {
                k: v
                for k, v in os.environ.items()
                if k not in ("DATABASE_URL", "REDIS_URL", "AMITY_CACHE_PREFIX")
            }
        env.pop("AMITY_TASKS_EAGER", None)
        env.update(
            # This checkout's code, whichever checkout the virtual environment was made for.
            PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
            AMITY_VAR_DIR=var,
            AMITY_MEDIA_ROOT=str(Path(var) / "media"),
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
        processes: dict[str, subprocess.Popen] = {}  # type: ignore[type-arg]
        logs = []
        try:
            processes["node" if args.scale else "server"] = subprocess.Popen(
                [str(BIN / "uvicorn"), "amity.asgi:application", "--host", "127.0.0.1",
                 "--port", str(port), "--ws", "websockets-sansio", "--ws-per-message-deflate",
                 "false", "--ws-max-size", "65536", "--lifespan", "on", "--log-level", "warning"],
                env=env, cwd=ROOT,
            )  # fmt: skip
            if args.scale:
                # As deploy/amity-worker.service and deploy/amity-beat.service start them.
                celery = [str(BIN / "celery"), "-A", "amity"]
                worker_log = Path(var) / "worker.log"
                logs.append(worker_log.open("w"))
                processes["worker"] = subprocess.Popen(
                    [*celery, "worker", "--loglevel", "INFO", "--without-gossip",
                     "--without-mingle", "--without-heartbeat"],
                    env={**env, "AMITY_LOG_FORMAT": "text", "AMITY_LOG_LEVEL": "INFO"},
                    cwd=ROOT, stdout=logs[-1],
                    stderr=subprocess.STDOUT,
                )  # fmt: skip
                logs.append((Path(var) / "beat.log").open("w"))
                processes["beat"] = subprocess.Popen(
                    [*celery, "beat", "--loglevel", "WARNING",
                     "--schedule", str(Path(var) / "celerybeat-schedule")],
                    env=env, cwd=ROOT, stdout=logs[-1], stderr=subprocess.STDOUT,
                )  # fmt: skip
                wait_for_log(worker_log, " ready.", 120, processes["worker"])
            base = f"http://127.0.0.1:{port}"
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

            def reading(label: str) -> list[tuple[str, str, int, float, float]]:
                return [(label, name, *memory(process.pid)) for name, process in processes.items()]

            rows = reading("idle after start")
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
            rows += reading("after a package")
            time.sleep(args.settle)
            rows += reading(f"{args.settle:.0f} s later")
        finally:
            for process in processes.values():
                process.terminate()
            for process in processes.values():
                process.wait(30)
            for log in logs:
                log.close()
    settings = {k: v for k, v in os.environ.items() if k.startswith("AMITY_RENDER")}
    mode = "scale mode (PostgreSQL, Redis)" if args.scale else "embedded server"
    print(f"{mode}, render settings {settings or 'default'}, {os.cpu_count()} core(s)")
    print(f"{'':20}{'':8}{'processes':>10}{'RSS MB':>10}{'PSS MB':>10}")
    for label, name, count, rss, pss in rows:
        print(f"{label:20}{name:8}{count:>10}{rss:>10.0f}{pss:>10.0f}")
    print(f"package: {job['status']} in {took:.1f} s")


if __name__ == "__main__":
    main()
