"""Page benchmark: every public page and feed, and every members' page, next to the bare
``/healthz`` view measured in the same run, in one table (issue 17).

    .venv/bin/python bench/pages.py [--seconds 2] [--concurrency 8] [--languages en,ar]
                                     [--only REGEX] [--skip-members]

Starts its own server: a temporary var dir (SQLite, the embedded default), ``migrate`` and
``loaddemo``, then one uvicorn process on 127.0.0.1 at a free port, as in production's embedded
mode. Only 127.0.0.1 is ever asked.

Which URLs: the named URL patterns of the URL configuration, filled with the demo's objects by
the same table as ``amity/core/tests/test_pages_in_six_languages.py`` (so a new page cannot
escape: a pattern whose arguments cannot be filled is listed as NOT MEASURED at the end), plus
the machine formats outside the language prefix (calendar feeds public and private, sitemap,
the live state in the API that the live public view polls without a WebSocket) and the
query-string variants readers use (members on a date, search results). Each is asked once by
GET: what answers 200 to an anonymous reader is a public page, measured anonymous and as the
demo's focal point, in each language; what answers 200 only to the focal point is a members'
page, measured as the focal point.

How: each of the N workers keeps one HTTP/1.1 connection open and requests as fast as the
server answers, for ``--seconds`` per URL after a 0.5 s warm-up (a few seconds per URL: the
whole run is bounded by the number of URLs times that). Columns: requests/s, p50, p95, p99,
bytes of the answer, and the share of the bare view's requests/s. Targets (issue 17): public
pages and feeds >= 50 % and p95 <= 50 ms at 8 connections, members' pages >= 30 %, the calendar
feed >= 300 requests/s. The load average is printed before and after: other work on the
machine skews every figure.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# Run inside the demo's database: which URLs there are, and who answers 200 to whom.
DISCOVER = r"""
import json
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from amity.accounts.models import User
from amity.core.tests.test_pages_in_six_languages import _kwargs, _objects, site_pages

QUERIES = {
    "members:member_list": ["", "?on=2023-12-11"],
    "search:search": ["", "?q=neutrality"],
}
objects = _objects()
focal = User.objects.get(username="kazakhstan")
member = Client(HTTP_HOST="127.0.0.1")
member.force_login(focal)
anonymous = Client(HTTP_HOST="127.0.0.1")
found, unfilled = [], []
with translation.override("en"):
    for name, arguments in site_pages():
        try:
            kwargs = _kwargs(name, arguments, objects)
        except AssertionError:
            kwargs = None
        if kwargs is None:
            unfilled.append(name)
            continue
        path = reverse(name, kwargs=kwargs)
        for query in QUERIES.get(name, [""]):
            public = anonymous.get(path + query).status_code == 200
            members = member.get(path + query).status_code == 200
            if public or members:
                found.append(
                    {"name": name, "path": path + query, "public": public, "members": members}
                )
group = objects["group"].slug
for name, path in (
    ("calendar:public", f"/calendar/{group}.ics"),
    ("calendar:private", f"/calendar/{group}/{focal.calendar_token}.ics"),
    ("sitemap", "/sitemap.xml"),
    # What the live public view polls when its WebSocket cannot connect.
    ("api:get_live", reverse("api:get_live", kwargs={"meeting_id": objects["meeting"].pk})),
):
    assert anonymous.get(path).status_code == 200, path
    found.append({"name": name, "path": path, "public": True, "members": True, "bare": True})
print(json.dumps({
    "pages": found,
    "unfilled": unfilled,
    # What a signed-in browser sends: its session and the CSRF secret its first page set.
    "cookie": "; ".join(
        f"{name}={member.cookies[name].value}"
        for name in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
        if name in member.cookies
    ),
}))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(port: int, timeout: float = 60) -> None:
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


def worker(
    port: int, path: str, headers: dict[str, str], stop_at: float, warm_until: float
) -> tuple[list[float], int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    timings: list[float] = []
    size = 0
    while True:
        start = time.perf_counter()
        if start >= stop_at:
            break
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{path}: HTTP {response.status}")
        size = len(body)
        if start >= warm_until:
            timings.append(time.perf_counter() - start)
    conn.close()
    return timings, size


def _percentile(timings: list[float], share: float) -> float:
    return timings[min(len(timings) - 1, round(share * (len(timings) - 1)))] * 1000


def measure(
    port: int, path: str, headers: dict[str, str], seconds: float, concurrency: int
) -> dict[str, float]:
    warm_until = time.perf_counter() + 0.5
    stop_at = warm_until + seconds
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(
            pool.map(lambda _: worker(port, path, headers, stop_at, warm_until), range(concurrency))
        )
    timings = sorted(t for r, _ in results for t in r)
    if not timings:
        raise RuntimeError(f"{path}: no answer within the time")
    return {
        "rps": len(timings) / seconds,
        "p50": _percentile(timings, 0.50),
        "p95": _percentile(timings, 0.95),
        "p99": _percentile(timings, 0.99),
        "bytes": max(size for _, size in results),
    }


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


# Sign-in, sign-up and account settings (django-allauth's and ours): not what the public or the
# members read, measured only with --accounts.
ACCOUNT_PAGES = re.compile(r"^(account|accounts:|mfa_|socialaccount|openid|headless)")


# Probes for the operators, not pages: /healthz is the bare view itself.
NOT_READ = {"ready", "metrics", "upload_too_large"}


def _targets(
    pages: list[dict[str, object]], languages: list[str], cookie: str, members_too: bool
) -> list[tuple[str, str, str, dict[str, str], float]]:
    """(name, audience, path, headers, share of the bare view aimed at) to measure."""
    targets = []
    for page in pages:
        path = str(page["path"])
        name = str(page["name"])
        variants = (
            [(path, languages[0])]
            if page.get("bare") or not path.startswith("/en/")
            else [(re.sub(r"^/en/", f"/{lang}/", path), lang) for lang in languages]
        )
        for url, lang in variants:
            headers = {"Accept-Language": lang}
            if "private" in name:
                # A calendar program polls its secret address with no cookie of the site.
                targets.append((name, f"token {lang}", url, headers, 0.5))
                continue
            if page["public"]:
                targets.append((name, f"anon {lang}", url, headers, 0.5))
            if page["members"] and (members_too or not page["public"]):
                member_headers = {**headers, "Cookie": cookie}
                share = 0.5 if page["public"] else 0.3
                targets.append((name, f"focal {lang}", url, member_headers, share))
    return targets


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--seconds", type=float, default=2, help="measured seconds per URL")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--languages", default="en,ar", help="interface languages, comma-separated")
    parser.add_argument("--only", default="", help="measure only URL names matching this regex")
    parser.add_argument("--accounts", action="store_true", help="also the account pages")
    parser.add_argument(
        "--skip-members", action="store_true", help="public pages anonymous only, no focal point"
    )
    args = parser.parse_args()
    languages = [code.strip() for code in args.languages.split(",") if code.strip()]

    with tempfile.TemporaryDirectory(prefix="amity-bench-pages-") as var:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "REDIS_URL", "AMITY_DEBUG")
        }
        env["AMITY_VAR_DIR"] = var
        env["DJANGO_SETTINGS_MODULE"] = "amity.settings"
        env["PYTHONPATH"] = str(ROOT)
        run = {"env": env, "cwd": ROOT, "check": True, "capture_output": True, "text": True}
        django = [PYTHON, "-m", "django"]
        subprocess.run([*django, "migrate", "-v0"], timeout=300, **run)  # type: ignore[call-overload]
        subprocess.run([*django, "loaddemo"], timeout=300, **run)  # type: ignore[call-overload]
        found = subprocess.run(  # type: ignore[call-overload]
            [*django, "shell", "-c", DISCOVER], timeout=300, **run
        )
        discovered = json.loads(found.stdout.strip().splitlines()[-1])
        pages = [
            p
            for p in discovered["pages"]
            if (not args.only or re.search(args.only, p["name"]))
            and (args.accounts or not ACCOUNT_PAGES.search(p["name"]))
            and p["name"] not in NOT_READ
        ]
        targets = _targets(pages, languages, discovered["cookie"], not args.skip_members)
        port = free_port()
        server = subprocess.Popen(
            [
                *(PYTHON, "-m", "uvicorn"),
                "amity.asgi:application",
                *("--host", "127.0.0.1", "--port", str(port)),
                *("--log-level", "warning", "--no-access-log"),
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            wait_for(port)
            cache_seconds = env.get("AMITY_PUBLIC_PAGE_SECONDS", "60")
            print(
                f"uvicorn, 1 process, SQLite; {args.concurrency} connections, "
                f"{args.seconds:g} s per URL after 0.5 s warm-up; public page cache "
                f"{cache_seconds} s; {len(targets)} URLs; load average {_load()}\n"
            )
            header = (
                f"{'page':<34}{'reader':<9}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}"
                f"{'bytes':>9}{'% bare':>8}  url"
            )
            print(header)
            bare = measure(port, "/healthz", {}, args.seconds, args.concurrency)
            below = []

            def line(name: str, reader: str, figures: dict[str, float], mark: str, url: str):
                share = figures["rps"] / bare["rps"]
                print(
                    f"{name[:33]:<34}{reader:<9}{figures['rps']:>8.0f}{figures['p50']:>7.1f}"
                    f"{figures['p95']:>7.1f}{figures['p99']:>7.1f}{figures['bytes']:>9.0f}"
                    f"{share:>8.0%}{mark}  {url}",
                    flush=True,
                )

            line("healthz (bare view)", "-", bare, " ", "/healthz")
            for name, reader, url, headers, aim in targets:
                try:
                    figures = measure(port, url, headers, args.seconds, args.concurrency)
                except (RuntimeError, OSError) as error:
                    below.append(f"{name} {reader}")
                    print(f"{name[:33]:<34}{reader:<9}  FAILED: {error}", flush=True)
                    continue
                share = figures["rps"] / bare["rps"]
                missed = share < aim or (aim >= 0.5 and figures["p95"] > 50)
                if name.startswith("calendar:") and figures["rps"] < 300:
                    missed = True
                if missed:
                    below.append(f"{name} {reader}")
                line(name, reader, figures, "*" if missed else " ", url)
            print(
                f"\n* below its target (public >= 50 % and p95 <= 50 ms, members' >= 30 %, "
                f"calendar >= 300 req/s): {len(below)} of {len(targets)}"
            )
            if discovered["unfilled"]:
                print("NOT MEASURED (no demo object fills the pattern's arguments):")
                for name in discovered["unfilled"]:
                    print(f"  {name}")
            print(f"\nload average afterwards {_load()}")
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=15)


if __name__ == "__main__":
    threading.stack_size(1 << 20)
    # Stopped from outside: still stop the server (the ``finally`` above).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    sys.exit(main())
