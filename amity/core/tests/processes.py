"""Real processes for the fault-injection tests: a Redis server of the test's own on a free
port, uvicorn and Celery workers on the test database, each killed as the test says."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_url() -> str:
    """The test database, for a process of its own."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(check: Callable[[], Any], what: str, seconds: float = 60, logs: Any = ()) -> Any:
    """Poll ``check`` until it returns something true; fail after ``seconds``, showing the
    processes' logs."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.2)
    text = "\n".join(f"--- {p}\n{Path(p).read_text()[-4000:]}" for p in logs if Path(p).exists())
    pytest.fail(f"{what} within {seconds:.0f} s\n{text}")


class Process:
    """A child process in a session of its own (so that killing it takes its children, the
    render processes, too), its output in ``log``."""

    def __init__(self, args: list[str], *, env: dict[str, str], log: Path, one_core: bool = False):
        self.log = log
        self._out = log.open("a")
        self.popen = subprocess.Popen(
            args,
            env=env,
            cwd=ROOT,
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # One core: a Celery worker then starts no render processes (not needed there).
            preexec_fn=(lambda: os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}))
            if one_core
            else None,
        )

    @property
    def pid(self) -> int:
        return self.popen.pid

    def kill(self) -> None:
        """SIGKILL the process and everything it started."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(30)
        self._out.close()

    def stop(self) -> None:
        if self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGTERM)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.popen.wait(20)
        self.kill()


def redis_server(port: int, log: Path) -> Process:
    """A Redis of the test's own, without persistence: what it held is gone when it dies."""
    process = Process(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        env=dict(os.environ),
        log=log,
    )

    def answers() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    wait_for(answers, "redis-server did not answer", 20, [log])
    return process


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "AMITY_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "AMITY_EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "AMITY_SECRET_KEY": "test-faults",
        "AMITY_ALLOWED_HOSTS": "127.0.0.1",
        "AMITY_LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("AMITY_TASKS_EAGER", None)
    env.update(extra)
    return env


def uvicorn_server(port: int, env: dict[str, str], log: Path) -> Process:
    process = Process(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "amity.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--lifespan",
            "on",
            "--log-level",
            "warning",
        ],
        env=env,
        log=log,
    )

    def answers() -> bool:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=5):
                return True
        except (OSError, urllib.error.URLError):
            return False

    wait_for(answers, "uvicorn did not answer", 60, [log])
    return process


def celery_worker(env: dict[str, str], log: Path, *options: str, one_core: bool = False) -> Process:
    """A worker (tasks in threads, as configured); ``-B`` among ``options`` runs beat in it.
    Returns once it says it is ready."""
    start = log.stat().st_size if log.exists() else 0
    process = Process(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "amity",
            "worker",
            *options,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ],
        env=env,
        log=log,
        one_core=one_core,
    )
    wait_for(
        lambda: " ready." in log.read_text()[start:],
        "the Celery worker was not ready",
        90,
        [log],
    )
    return process


def api(method: str, url: str, token: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    """One API call; (status, JSON body)."""
    import json

    request = urllib.request.Request(
        url,
        method=method,
        data=json.dumps(body or {}).encode() if method != "GET" else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        text = error.read()
        try:
            return error.code, json.loads(text)
        except ValueError:
            return error.code, text.decode(errors="replace")


def mails(tmp_path: Path) -> str:
    return "".join(p.read_text() for p in (tmp_path / "mail").glob("*.log"))


@contextlib.contextmanager
def running(*processes: Process) -> Iterator[None]:
    try:
        yield
    finally:
        for process in processes:
            process.stop()
