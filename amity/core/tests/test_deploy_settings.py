"""Settings from the environment (issue 13): the production profile passes Django's deployment
checks; a missing or contradictory setting stops start-up naming it; the client's address
believes X-Forwarded-For only from a trusted proxy; each database has its own Redis prefix."""

from __future__ import annotations

import ipaddress
import os
import subprocess
import sys
from typing import Any

import pytest
from django.test import RequestFactory, override_settings

from amity.core.audit import client_ip
from amity.core.tests.processes import ROOT

PRODUCTION = {
    "DATABASE_URL": "postgres://amity@db.internal:5432/amity",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "AMITY_SECRET_KEY": "k" * 20 + "-production-secret-key-of-fifty-and-more-characters",
    "AMITY_HTTPS": "1",
    "AMITY_SITE_URL": "https://amity.example.org",
    "AMITY_ALLOWED_HOSTS": "amity.example.org",
    "AMITY_CSRF_TRUSTED_ORIGINS": "https://amity.example.org",
}


def _amity(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``amity ARGS`` in a fresh process with ``env`` over a clean environment (no pytest,
    no AMITY_* of the test run)."""
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AMITY_", "PYTEST", "DATABASE_URL", "REDIS_URL"))
        # set by the browser tests' fixture for their own process only
        and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
    }
    return subprocess.run(
        [sys.executable, "-m", "amity.manage", *args],
        env={**base, "AMITY_VAR_DIR": str(ROOT / "var"), **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_profile_passes_the_deployment_checks():
    result = _amity("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"AMITY_SITE_URL": "http://amity.example.org"}, "AMITY_SITE_URL"),
        ({"AMITY_HTTPS": "0"}, "AMITY_HTTPS"),
        ({"AMITY_ALLOWED_HOSTS": "other.example.org"}, "AMITY_ALLOWED_HOSTS"),
        ({"AMITY_TRUSTED_PROXIES": "10.0.0.0/8,nginx"}, "AMITY_TRUSTED_PROXIES"),
        ({"AMITY_HSTS_SECONDS": "a year"}, "AMITY_HSTS_SECONDS"),
        ({"AMITY_SECRET_KEY": ""}, "AMITY_SECRET_KEY"),
        ({"DATABASE_URL": "mysql://amity@db.internal/amity"}, "DATABASE_URL"),
        ({"REDIS_URL": "127.0.0.1:6379"}, "REDIS_URL"),
        ({"AMITY_DB_POOL_MAX": "eight"}, "AMITY_DB_POOL_MAX"),
        ({"AMITY_DB_POOL_MAX": "0"}, "AMITY_DB_POOL_MAX"),
        ({"AMITY_UPLOAD_MAX_MB": "20MB"}, "AMITY_UPLOAD_MAX_MB"),
        ({"AMITY_OUTBOX_RETRY_SECONDS": "soon"}, "AMITY_OUTBOX_RETRY_SECONDS"),
        ({"AMITY_LOG_LEVEL": "LOUD"}, "AMITY_LOG_LEVEL"),
        ({"AMITY_RENDER_PROCESSES": "-1"}, "AMITY_RENDER_PROCESSES"),
        ({"AMITY_OIDC_ISSUER": "https://login.example.org"}, "AMITY_OIDC_CLIENT_ID"),
        ({"AMITY_OIDC_DOMAINS": "mfa.gov.tm=Turkmenistan"}, "AMITY_OIDC_DOMAINS"),
    ],
)
def test_a_missing_or_contradictory_setting_stops_start_up_naming_it(change, named):
    result = _amity("check", **{**PRODUCTION, **change})
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert named in last, result.stderr[-2000:]


def _request(remote: str, forwarded: str | None = None):
    extra: dict[str, Any] = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(
    AMITY_TRUSTED_PROXIES=[ipaddress.ip_network("10.0.0.0/24"), ipaddress.ip_network("::1")]
)
def test_forwarded_for_is_believed_only_from_a_trusted_proxy():
    # Straight from a client: its header is ignored, whatever it says.
    assert client_ip(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"
    # Through a trusted proxy: the hop it saw.
    assert client_ip(_request("10.0.0.5", "198.51.100.1")) == "198.51.100.1"
    # A client that writes its own header: the rightmost address not a trusted proxy wins.
    assert client_ip(_request("10.0.0.5", "1.2.3.4, 198.51.100.1, 10.0.0.9")) == "198.51.100.1"
    assert client_ip(_request("::1", "2001:db8::1")) == "2001:db8::1"
    # Only proxies in the chain, or no header: the proxy's own address.
    assert client_ip(_request("10.0.0.5", "10.0.0.6")) == "10.0.0.5"
    assert client_ip(_request("10.0.0.5")) == "10.0.0.5"
    assert client_ip(_request("10.0.0.5", "not-an-address")) == "10.0.0.5"


def test_each_database_has_its_own_redis_prefix():
    show = "from django.conf import settings; print(settings.AMITY_CACHE_PREFIX)"
    prefixes = set()
    for name in ("amity_one", "amity_two"):
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {show}"],
            env={
                **{k: v for k, v in os.environ.items() if k != "AMITY_CACHE_PREFIX"},
                "DJANGO_SETTINGS_MODULE": "amity.settings",
                "DATABASE_URL": f"postgres://amity@db.internal:5432/{name}",
                "REDIS_URL": "redis://127.0.0.1:6379/0",
                "AMITY_SECRET_KEY": "x",
            },
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        prefixes.add(result.stdout.strip())
    assert len(prefixes) == 2
    assert all(p.startswith("amity-") for p in prefixes)


def test_nginx_413_page_is_the_applications_clear_message(client, db):
    """nginx sends a body over its limit to /upload-too-large (deploy/nginx-amity.conf)."""
    response = client.get("/upload-too-large")
    assert response.status_code == 413
    assert "at most 20 MB" in response.content.decode()
    site = (ROOT / "deploy" / "nginx-amity.conf").read_text()
    assert "error_page 413 /upload-too-large;" in site
