"""Single sign-on end to end against a REAL OpenID Connect provider: npm's oidc-provider, run
by node as its own process on 127.0.0.1 (amity/accounts/tests/oidc/provider.mjs; `make test`
installs it with `npm ci`). Amity is driven by Django's test client, the provider's pages by
plain HTTP (requests): authorization code flow with PKCE, the first sign-in links the
invitation, a wrong audience or an expired ID token is refused, an address without an
invitation creates no account and is told whom to ask."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import Client

from amity.accounts import services
from amity.accounts.models import Invitation, User
from amity.members.models import AuditEntry, GroupRole, State

pytestmark = pytest.mark.django_db

HERE = Path(__file__).resolve().parent / "oidc"
CLIENT_ID = "amity-test"
CLIENT_SECRET = "a-test-client-secret"
CALLBACK = "http://testserver/en/accounts/oidc/sso/login/callback/"


@pytest.fixture(scope="module")
def provider() -> Iterator[dict[str, Any]]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed (the OpenID provider of this test runs on node)")
    if not (HERE / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("The test provider is not installed: run `make oidc-provider` (npm ci).")
    env = {
        **os.environ,
        "OIDC_PORT": "0",
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_URI": CALLBACK,
    }
    process = subprocess.Popen(
        [shutil.which("node") or "node", str(HERE / "provider.mjs")],
        cwd=HERE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        found = re.match(r"listening (\d+)", line)
        assert found, f"the provider did not start: {line!r}"
        issuer = f"http://127.0.0.1:{found.group(1)}"
        yield {"issuer": issuer, "process": process}
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def sso(provider, settings) -> dict[str, Any]:
    """Amity configured as AMITY_OIDC_* would configure it, against the test provider."""
    settings.AMITY_OIDC_ISSUER = provider["issuer"]
    settings.AMITY_OIDC_DOMAINS = {"mfa.gov.kz": "KZ", "mfa.gov.tm": "TKM"}
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "OAUTH_PKCE_ENABLED": True,
            "APPS": [
                {
                    "provider_id": "sso",
                    "name": "Ministry sign-in",
                    "client_id": CLIENT_ID,
                    "secret": CLIENT_SECRET,
                    "settings": {"server_url": provider["issuer"], "oauth_pkce_enabled": True},
                }
            ],
        }
    }
    _mode(provider, "normal")
    return provider


def _mode(provider: dict[str, Any], mode: str) -> None:
    response = requests.get(f"{provider['issuer']}/__test/mode", params={"set": mode}, timeout=5)
    assert response.json() == {"mode": mode}


def _action(html: str) -> str:
    found = re.search(r'<form[^>]*action="([^"]+)"', html)
    assert found, html[:1500]
    return found.group(1)


def sign_in_through_provider(amity: Client, provider: dict[str, Any], login: str) -> Any:
    """Amity's button → the provider's sign-in and consent pages → back to Amity's callback.
    Returns Amity's answer to the callback."""
    start = amity.post("/en/accounts/oidc/sso/login/", {"process": "login"})
    assert start.status_code == 302, start.content.decode()[:1500]
    authorize = start["Location"]
    query = parse_qs(urlsplit(authorize).query)
    assert authorize.startswith(provider["issuer"] + "/auth")
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert query["client_id"] == [CLIENT_ID]
    assert query["redirect_uri"] == [CALLBACK]

    browser = requests.Session()
    page = browser.get(authorize, timeout=10)
    assert 'name="login"' in page.text, page.text[:1500]
    page = browser.post(
        provider["issuer"] + _action(page.text)
        if _action(page.text).startswith("/")
        else _action(page.text),
        data={"prompt": "login", "login": login, "password": "any"},
        timeout=10,
        allow_redirects=False,
    )
    location = ""
    for _ in range(8):  # follow the provider's own redirects until it sends back to Amity
        location = page.headers.get("Location", "")
        if location.startswith(CALLBACK):
            break
        if location:
            page = browser.get(_absolute(provider, location), timeout=10, allow_redirects=False)
            continue
        assert 'name="prompt" value="consent"' in page.text, page.text[:1500]
        page = browser.post(
            _absolute(provider, _action(page.text)),
            data={"prompt": "consent"},
            timeout=10,
            allow_redirects=False,
        )
    assert location.startswith(CALLBACK), location
    callback = urlsplit(location)
    assert "code" in parse_qs(callback.query)
    return amity.get(f"{callback.path}?{callback.query}")


def _absolute(provider: dict[str, Any], url: str) -> str:
    return provider["issuer"] + url if url.startswith("/") else url


def _invite(group, coordinator, email, role="focal_point", state="KAZ"):
    return services.invitation_create(
        actor=coordinator,
        group=group,
        email=email,
        role=role,
        state=State.objects.get(iso3=state) if state else None,
    )


def test_first_sign_in_links_the_invitation_and_the_next_finds_the_account(sso, group, coordinator):
    invitation = _invite(group, coordinator, "aigerim@mfa.gov.kz")
    amity = Client()
    assert amity.get(f"/en/accounts/invitation/{invitation.key}/").status_code == 200
    response = sign_in_through_provider(amity, sso, "aigerim@mfa.gov.kz")
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(email="aigerim@mfa.gov.kz")
    assert amity.session["_auth_user_id"] == str(user.pk)
    assert not user.has_usable_password()
    assert GroupRole.objects.filter(
        user=user, group=group, role="focal_point", state__iso3="KAZ"
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert AuditEntry.objects.filter(action="invitation.accepted", actor=user).exists()

    again = Client()
    response = sign_in_through_provider(again, sso, "aigerim@mfa.gov.kz")
    assert response.status_code == 302
    assert again.session["_auth_user_id"] == str(user.pk)
    assert User.objects.filter(email="aigerim@mfa.gov.kz").count() == 1


def test_sign_in_and_invitation_pages_offer_the_provider(sso, group, coordinator):
    login_page = Client().get("/en/accounts/login/").content.decode()
    assert "Sign in with Ministry sign-in" in login_page
    assert 'action="/en/accounts/oidc/sso/login/' in login_page
    invitation = _invite(group, coordinator, "x@mfa.gov.kz")
    page = Client().get(f"/en/accounts/invitation/{invitation.key}/").content.decode()
    assert "Accept with single sign-on" in page


def test_pending_invitation_is_found_by_address_without_the_link(sso, group, coordinator):
    _invite(group, coordinator, "observer@example.org", role="observer", state=None)
    amity = Client()
    response = sign_in_through_provider(amity, sso, "observer@example.org")
    assert response.status_code == 302
    user = User.objects.get(email="observer@example.org")
    assert GroupRole.objects.filter(user=user, group=group, role="observer").exists()


def test_address_without_invitation_creates_nothing_and_says_whom_to_ask(sso, group):
    amity = Client()
    response = sign_in_through_provider(amity, sso, "stranger@mfa.gov.tm")
    assert response.status_code == 403
    text = response.content.decode()
    assert "No invitation was sent to stranger@mfa.gov.tm" in text
    assert "coordinator" in text
    assert "Turkmenistan" in text
    assert not User.objects.filter(email="stranger@mfa.gov.tm").exists()
    assert "_auth_user_id" not in amity.session


def test_domain_of_another_state_is_refused(sso, group, coordinator):
    _invite(group, coordinator, "someone@mfa.gov.tm", state="KAZ")
    response = sign_in_through_provider(Client(), sso, "someone@mfa.gov.tm")
    assert response.status_code == 403
    assert "speak for Turkmenistan" in response.content.decode()
    assert not User.objects.filter(email="someone@mfa.gov.tm").exists()


@pytest.mark.parametrize(
    ("mode", "reason"),
    [("wrong-audience", "InvalidAudienceError"), ("expired", "ExpiredSignatureError")],
)
def test_wrong_audience_or_expired_id_token_is_refused(sso, group, coordinator, mode, reason):
    invitation = _invite(group, coordinator, f"{mode}@mfa.gov.kz")
    _mode(sso, mode)
    try:
        amity = Client()
        response = sign_in_through_provider(amity, sso, f"{mode}@mfa.gov.kz")
    finally:
        _mode(sso, "normal")
    assert response.status_code == 401
    assert "_auth_user_id" not in amity.session
    assert AuditEntry.objects.get(action="user.sso_failed").data == {
        "provider": "sso",
        "reason": reason,
    }
    assert not User.objects.filter(email=f"{mode}@mfa.gov.kz").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert Invitation.objects.get(pk=invitation.pk).accepted_by is None


def test_content_security_policy_lets_the_sign_in_form_reach_the_provider():
    """Browsers apply CSP form-action to the redirect after the form's POST: with an issuer
    configured its origin is allowed, and only then (settings read in a fresh process)."""
    import sys

    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'amity.settings'; "
        "django.setup(); from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])"
    )
    with_sso = subprocess.run(
        [sys.executable, "-c", code],
        env={
            **os.environ,
            "AMITY_OIDC_ISSUER": "https://login.example.org/tenant/v2.0",
            "AMITY_OIDC_CLIENT_ID": "amity",
        },
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "https://login.example.org'" in with_sso
    without = subprocess.run(
        [sys.executable, "-c", code],
        env={k: v for k, v in os.environ.items() if k != "AMITY_OIDC_ISSUER"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert without.strip() == "[\"'self'\"]"
