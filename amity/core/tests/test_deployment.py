"""The deployment of deploy/, tested (issue 13): Debian's nginx (installed by
deploy/install-nginx.sh through `make system-deps`) with the site of deploy/nginx-amity.conf
(TLS with a self-signed certificate, unprivileged ports, a prefix of its own), two uvicorn
nodes, a Celery worker and beat, each started from the ExecStart line of its deploy/ unit
with the paths filled in. Through nginx: pages, static files, the API; a live change made on
node A reaches WebSocket clients of node B; a convening's e-mail is sent by the worker; a
package is built by the worker; node B killed, its clients reconnect through nginx to node A
and resync. Runs in the PostgreSQL/Redis pass (two processes need one shared database)."""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import shlex
import shutil
import ssl
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from amity.core.tests.processes import (
    ROOT,
    Process,
    environment,
    free_port,
    mails,
    running,
    wait_for,
)
from amity.live.tests.conftest import session  # noqa: F401 (a fixture)

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

pytestmark = [
    pytest.mark.skipif(
        not settings.REDIS_URL or settings.EMBEDDED,
        reason="scale mode only: needs REDIS_URL and PostgreSQL (DATABASE_URL)",
    ),
    pytest.mark.skipif(
        not Path(NGINX).exists(), reason="nginx missing: run deploy/install-nginx.sh as root"
    ),
]

DEPLOY = ROOT / "deploy"
TLS = ssl.create_default_context()
TLS.check_hostname = False
TLS.verify_mode = ssl.CERT_NONE
OPENER = urllib.request.build_opener(
    urllib.request.ProxyHandler({}), urllib.request.HTTPSHandler(context=TLS)
)


def exec_start(unit: str, env: dict[str, str], *, instance: str = "", var: Path) -> list[str]:
    """The unit's ExecStart, as systemd would run it here: the virtual environment of this
    checkout for /opt/amity/.venv, ``var`` for /var/lib/amity, %i and ${VARIABLES} filled in."""
    text = (DEPLOY / unit).read_text()
    line = re.search(r"^ExecStart=(.+)$", text, re.M)
    assert line, f"no ExecStart in {unit}"
    command = line.group(1).replace("/opt/amity/.venv/bin/", f"{Path(sys.executable).parent}/")
    command = command.replace("/var/lib/amity", str(var)).replace("%i", instance)
    command = re.sub(r"\$\{(\w+)\}", lambda m: env[m.group(1)], command)
    return shlex.split(command)


def nginx_site(**fill: str) -> str:
    text = (DEPLOY / "nginx-amity.conf").read_text()
    for name, value in fill.items():
        text = text.replace(f"@{name}@", value)
    assert "@" not in re.sub(r"#.*", "", text), "a placeholder of the site was not filled in"
    return text


def start_nginx(tmp: Path, site: str) -> Process:
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi", "logs"):
        (tmp / folder).mkdir(exist_ok=True)
    (tmp / "site.conf").write_text(site)
    (tmp / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"""daemon off;
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/logs/error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    access_log {tmp}/logs/access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/site.conf;
}}
"""
    )
    check = subprocess.run(
        [
            NGINX,
            "-t",
            "-p",
            str(tmp),
            "-c",
            str(tmp / "nginx.conf"),
            "-e",
            str(tmp / "logs/error.log"),
        ],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    return Process(
        [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "logs/error.log")],
        env=dict(os.environ),
        log=tmp / "logs" / "nginx.out",
    )


def _lower(headers: Any) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def get(url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, _lower(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, _lower(error.headers), error.read().decode()
    except OSError as error:  # not listening (yet, or any more)
        return 0, {}, str(error)


def api(method: str, url: str, token: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    """One API call; straight to a node (http://) as if nginx had forwarded it over TLS."""
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if url.startswith("http://"):
        headers["X-Forwarded-Proto"] = "https"
    request = urllib.request.Request(
        url,
        method=method,
        data=json.dumps(body or {}).encode() if method != "GET" else None,
        headers=headers,
    )
    try:
        with OPENER.open(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def live_clients(port: int) -> int:
    """The node's own count of live WebSocket clients (its /metrics)."""
    status, _h, text = get(f"http://127.0.0.1:{port}/metrics")
    assert status == 200, text
    found = re.search(r"^amity_live_clients (\S+)$", text, re.M)
    return int(float(found.group(1))) if found else -1


def test_deployment_through_nginx(transactional_db, group, coordinator, session, tmp_path):  # noqa: F811
    from websockets.sync.client import connect
    from websockets.typing import Origin

    from amity.accounts.services import api_token_create
    from amity.circulation.models import JobStatus, RenditionJob
    from amity.circulation.tests.factories import circulated_document
    from amity.meetings.tests.factories import make_meeting, person

    person(group, "KAZ", "Nurlanov", focal=True, email="kaz@example.org")
    to_convene = make_meeting(group, actor=coordinator)
    document = circulated_document(group, coordinator)
    token = api_token_create(user=coordinator, name="deployment")[1]
    meeting = session.meeting

    https, http_port, node_a, node_b = free_port(), free_port(), free_port(), free_port()
    site_url = f"https://127.0.0.1:{https}"
    var = tmp_path / "var"
    var.mkdir()
    env = environment(
        tmp_path,
        REDIS_URL=settings.REDIS_URL,
        AMITY_CACHE_PREFIX=f"amity-deploy-test-{https}",
        AMITY_VAR_DIR=str(var),
        AMITY_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        AMITY_HTTPS="1",
        AMITY_SITE_URL=site_url,
        AMITY_CSRF_TRUSTED_ORIGINS=site_url,
        AMITY_TRUSTED_PROXIES="127.0.0.1",
        AMITY_METRICS_ALLOW="127.0.0.1",
        AMITY_OUTBOX_SWEEP_SECONDS="1",
        AMITY_PUBLIC_PAGE_SECONDS="0",
    )
    subprocess.run(
        [shutil.which("openssl") or "/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", str(tmp_path / "key.pem"),
         "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    site = nginx_site(
        UPSTREAM_SERVERS=f"server 127.0.0.1:{node_a} max_fails=1 fail_timeout=30s;\n"
        f"    server 127.0.0.1:{node_b} max_fails=1 fail_timeout=30s;",
        SERVER_NAME="127.0.0.1",
        HTTP_LISTEN=f"127.0.0.1:{http_port}",
        HTTPS_LISTEN=f"127.0.0.1:{https}",
        TLS_CERTIFICATE=str(tmp_path / "cert.pem"),
        TLS_KEY=str(tmp_path / "key.pem"),
        CLIENT_MAX_BODY_SIZE=f"{int(settings.AMITY_REQUEST_MAX_MB)}m",
        STATIC_ROOT=str(ROOT / "amity" / "static"),
    )
    logs = tmp_path / "logs"
    logs.mkdir()
    nodes = {
        port: Process(
            exec_start("amity@.service", env, instance=str(port), var=var),
            env=env,
            log=logs / f"node-{port}.log",
        )
        for port in (node_a, node_b)
    }
    worker = Process(
        exec_start("amity-worker.service", env, var=var), env=env, log=logs / "worker.log",
        one_core=True,
    )  # fmt: skip
    beat = Process(exec_start("amity-beat.service", env, var=var), env=env, log=logs / "beat.log")
    (tmp_path / "nginx").mkdir()
    proxy = start_nginx(tmp_path / "nginx", site)
    all_logs = [*logs.glob("*.log"), tmp_path / "nginx" / "logs" / "error.log"]

    with running(proxy, beat, worker, *nodes.values()):

        def answers(port: int) -> bool:
            return get(f"http://127.0.0.1:{port}/healthz")[0] == 200

        for port in nodes:
            wait_for(
                lambda port=port: answers(port),  # type: ignore[misc]
                f"node {port} did not answer",
                60,
                all_logs,
            )
        wait_for(
            lambda: " ready." in (logs / "worker.log").read_text(), "worker not ready", 60, all_logs
        )

        # Pages, static files and the API, through nginx over TLS.
        status, headers, body = get(f"{site_url}/en/groups/{group.slug}/")
        assert status == 200, body[:500]
        assert "Group of Friends of Neutrality" in body
        assert "max-age=31536000" in headers.get("strict-transport-security", ""), headers
        assert "script-src 'self'" in headers.get("content-security-policy", "")
        assert headers.get("x-request-id")
        status, headers, _body = get(f"{site_url}/static/amity/amity.css")
        assert status == 200
        assert "x-request-id" not in headers
        status, payload = api("GET", f"{site_url}/api/v1/meetings/{meeting.pk}/live", token)
        assert status == 200, payload
        assert payload["version"] == 1
        # Plain HTTP is sent to HTTPS; /metrics is not served to the world.
        plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
        plain.request("GET", "/en/")
        moved = plain.getresponse()
        assert moved.status == 301
        assert moved.getheader("Location") == "https://127.0.0.1/en/"
        plain.close()
        assert get(f"{site_url}/metrics")[0] == 404
        # A body over nginx's limit: the application's own page.
        conn = http.client.HTTPSConnection("127.0.0.1", https, context=TLS, timeout=30)
        conn.putrequest("POST", "/en/")
        conn.putheader("Content-Length", str(int(settings.AMITY_REQUEST_MAX_MB + 5) * 1024 * 1024))
        conn.putheader("Content-Type", "application/octet-stream")
        conn.endheaders()
        too_large = conn.getresponse()
        text = too_large.read().decode()
        assert too_large.status == 413, text
        assert f"at most {settings.AMITY_UPLOAD_MAX_MB} MB" in text, text
        conn.close()

        # Live: clients through nginx spread over both nodes; a change made on node A reaches
        # every one of them, node B's included.
        ws_url = f"wss://127.0.0.1:{https}/ws/meetings/{meeting.pk}/live/"
        sockets = contextlib.ExitStack()

        def live_client() -> Any:
            # As live.js does: a connection that does not open is tried again (a node just
            # killed may still be tried by nginx first).
            for attempt in range(3):
                try:
                    return sockets.enter_context(
                        connect(
                            ws_url, ssl=TLS, origin=Origin(site_url), proxy=None, open_timeout=15
                        )
                    )
                except TimeoutError:
                    if attempt == 2:
                        raise
            raise AssertionError("unreachable")

        clients = []
        try:
            for _ in range(4):  # each reads its first state before the next opens, as pages do
                clients.append(live_client())
                assert json.loads(clients[-1].recv(30))["version"] == 1
            assert live_clients(node_a) >= 1
            assert live_clients(node_b) >= 1
            status, body = api(
                "POST",
                f"http://127.0.0.1:{node_a}/api/v1/meetings/{meeting.pk}/live/speakers",
                token,
                {"registration": session.ataeva.pk, "version": 1},
            )
            assert status == 201, body
            for client in clients:
                state = json.loads(client.recv(30))
                assert state["version"] == 2
                assert [s["name"] for s in state["speakers"]] == ["Ataeva"]

            # Convening through nginx: the worker sends the invitations.
            status, body = api("POST", f"{site_url}/api/v1/meetings/{to_convene.pk}/convene", token)
            assert status == 200, body
            # A package, built by the worker.
            status, body = api(
                "POST",
                f"{site_url}/api/v1/documents/{document.pk}/renditions",
                token,
                {"kind": "package"},
            )
            assert status == 201, body
            wait_for(
                lambda: "To: kaz@example.org" in mails(tmp_path), "no invitation sent", 60, all_logs
            )
            wait_for(
                lambda: RenditionJob.objects.get(pk=body["id"]).status in (JobStatus.DONE, JobStatus.FAILED),
                "the package was not built", 90, all_logs,
            )  # fmt: skip
            job = RenditionJob.objects.get(pk=body["id"])
            assert job.status == JobStatus.DONE, job.message
            assert job.worker
            assert str(nodes[node_a].pid) not in job.worker
            assert str(nodes[node_b].pid) not in job.worker

            # Node B dies: its clients reconnect through nginx (to node A) and resync; a change
            # made meanwhile is in the state they receive.
            on_b = live_clients(node_b)
            nodes[node_b].kill()
            status, body = api(
                "POST",
                f"{site_url}/api/v1/meetings/{meeting.pk}/live/speakers",
                token,
                {"registration": session.bakayev.pk, "version": 2},
            )
            assert status == 201, body
            reconnected = 0
            for i, client in enumerate(clients):
                try:
                    state = json.loads(client.recv(30))
                except Exception:  # closed with node B: reconnect as live.js does
                    clients[i] = live_client()
                    state = json.loads(clients[i].recv(30))
                    reconnected += 1
                assert state["version"] == 3, state
                assert sorted(s["name"] for s in state["speakers"]) == ["Ataeva", "Bakayev"]
            assert reconnected == on_b >= 1
            assert live_clients(node_a) == len(clients)
        finally:
            sockets.close()

    sent = mails(tmp_path)
    assert sent.count("To: kaz@example.org") == 1
    request_log = (logs / f"node-{node_a}.log").read_text()
    assert '"logger": "amity.request"' in request_log
    assert '"request_id"' in request_log
