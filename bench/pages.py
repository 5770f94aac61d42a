"""Page benchmark: requests per second and p95 latency of the public group page and a public
meeting page under 8 concurrent connections, next to ``/healthz`` (a bare Django view returning
JSON, on the same server) as the ceiling. Target: each page at least half the ceiling's
throughput.

    .venv/bin/python bench/pages.py [--seconds 10] [--concurrency 8]

Starts its own server: a temporary var dir (SQLite, the embedded default), ``migrate`` and
``loaddemo``, then one uvicorn process on 127.0.0.1 at a free port, as in production's embedded
mode. Each of the 8 workers keeps one HTTP/1.1 connection open and requests as fast as the
server answers, for a bounded time per page, after a short warm-up. Anonymous visitors, so
the pages come from the public page cache (``amity.core.cache``) once rendered;
``AMITY_PUBLIC_PAGE_SECONDS=0`` in the environment measures them rendered on every request.
The load average is printed before and after: other work on the machine skews the figures.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AMITY = str(ROOT / ".venv" / "bin" / "amity")

FIND_PAGES = """
import json
from amity.meetings.models import Meeting
m = (Meeting.objects.filter(visibility="public", status="convened")
     .select_related("group").order_by("-starts_at").first())
print(json.dumps({"group": m.group.slug, "meeting": m.pk}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not start")


def worker(port: int, path: str, stop_at: float, warm_until: float) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    timings: list[float] = []
    while True:
        start = time.perf_counter()
        if start >= stop_at:
            break
        conn.request("GET", path, headers={"Accept-Language": "en"})
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        if start >= warm_until:
            timings.append(time.perf_counter() - start)
    conn.close()
    return timings


def measure(port: int, path: str, seconds: float, concurrency: int) -> dict[str, float]:
    warm = 1.0
    begin = time.perf_counter()
    warm_until = begin + warm
    stop_at = warm_until + seconds
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(
            pool.map(lambda _: worker(port, path, stop_at, warm_until), range(concurrency))
        )
    timings = sorted(t for r in results for t in r)
    return {
        "requests": len(timings),
        "rps": len(timings) / seconds,
        "p50": statistics.median(timings) * 1000,
        "p95": timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))] * 1000,
    }


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10, help="measured seconds per page")
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="amity-bench-pages-") as var:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "REDIS_URL", "AMITY_DEBUG")
        }
        env["AMITY_VAR_DIR"] = var
        run = {"env": env, "cwd": ROOT, "check": True, "capture_output": True, "text": True}
        subprocess.run([AMITY, "migrate", "-v0"], timeout=300, **run)  # type: ignore[call-overload]
        subprocess.run([AMITY, "loaddemo"], timeout=300, **run)  # type: ignore[call-overload]
        found = subprocess.run(  # type: ignore[call-overload]
            [AMITY, "shell", "-c", FIND_PAGES], timeout=60, **run
        )
        pages = json.loads(found.stdout.strip().splitlines()[-1])
        port = free_port()
        server = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "uvicorn"),
                "amity.asgi:application",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            wait_for(port)
            targets = [
                ("ceiling: /healthz (bare Django view)", "/healthz"),
                ("public group page", f"/en/groups/{pages['group']}/"),
                ("meeting page", f"/en/meetings/{pages['meeting']}/"),
            ]
            cache_seconds = env.get("AMITY_PUBLIC_PAGE_SECONDS", "60")
            print(
                f"uvicorn, 1 process, SQLite; {args.concurrency} connections, "
                f"{args.seconds:.0f} s per page after 1 s warm-up; "
                f"public page cache {cache_seconds} s; "
                f"load average {_load()}\n"
            )
            print(f"{'page':<40}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'of ceiling':>12}")
            ceiling = 0.0
            for label, path in targets:
                figures = measure(port, path, args.seconds, args.concurrency)
                ceiling = ceiling or figures["rps"]
                share = figures["rps"] / ceiling
                verdict = "" if path == "/healthz" else ("  ok" if share >= 0.5 else "  BELOW HALF")
                print(
                    f"{label:<40}{figures['rps']:>9.0f}{figures['p50']:>9.1f}"
                    f"{figures['p95']:>9.1f}{share:>11.0%}{verdict}"
                )
                print(f"{'':<4}{path}")
            print(f"\nload average afterwards {_load()}")
        finally:
            server.terminate()
            server.wait(timeout=15)


if __name__ == "__main__":
    threading.stack_size(1 << 20)
    sys.exit(main())
