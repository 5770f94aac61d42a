"""The sessions page with "sign out everywhere else"; API tokens made in the interface with a
name, expiry and scope, shown once, revocable; read tokens refused on writes; sign-ins,
failures and token use in the audit log."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from amity.accounts.models import ApiToken, SignedInSession
from amity.members.models import AuditEntry

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


def _sign_in(username, address="198.51.100.1", agent="Browser A"):
    client = Client(REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    response = client.post(LOGIN, {"login": username, "password": "a-long-test-password"})
    assert response.status_code == 302
    return client


def test_sessions_page_lists_them_and_signs_out_elsewhere(make_user):
    make_user("diplomat")
    laptop = _sign_in("diplomat", "198.51.100.1", "Laptop browser")
    phone = _sign_in("diplomat", "198.51.100.2", "Phone browser")
    page = laptop.get("/en/accounts/sessions/").content.decode()
    assert page.count('data-testid="session"') == 2
    assert "Phone browser" in page
    assert "198.51.100.2" in page
    response = laptop.post("/en/accounts/sessions/")
    assert response.status_code == 302
    # The phone is signed out, the laptop is not.
    assert phone.get("/en/accounts/sessions/").status_code == 302
    assert laptop.get("/en/accounts/sessions/").status_code == 200
    assert SignedInSession.objects.count() == 1
    assert AuditEntry.objects.filter(action="user.sessions_ended", data__count=1).exists()


def test_sign_out_forgets_the_session(make_user):
    make_user("diplomat")
    client = _sign_in("diplomat")
    assert SignedInSession.objects.count() == 1
    client.post("/en/accounts/logout/")
    assert SignedInSession.objects.count() == 0
    assert AuditEntry.objects.filter(action="user.signed_out").exists()


def test_sign_ins_and_failures_are_audited_with_the_address(make_user):
    make_user("diplomat")
    Client(REMOTE_ADDR="198.51.100.7").post(LOGIN, {"login": "diplomat", "password": "nope"})
    _sign_in("diplomat", "198.51.100.8")
    failed = AuditEntry.objects.get(action="user.sign_in_failed")
    assert failed.ip_address == "198.51.100.7"
    assert failed.data["username"] == "diplomat"
    assert AuditEntry.objects.get(action="user.signed_in").ip_address == "198.51.100.8"


def _create_token(client, name, scope, days="30"):
    response = client.post("/en/accounts/tokens/", {"name": name, "scope": scope, "days": days})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    found = re.search(r'data-testid="new-token">(amy_[^<]+)<', response.content.decode())
    assert found, response.content.decode()[:2000]
    return found.group(1)


def test_tokens_are_shown_once_scoped_and_revocable(group, coordinator):
    client = _sign_in("coord")
    read = _create_token(client, "Reporting", "read")
    write = _create_token(client, "Sync", "read_write")
    listing = client.get("/en/accounts/tokens/").content.decode()
    assert read not in listing
    assert write not in listing
    assert "Reporting" in listing
    assert read[:12] in listing

    api = Client()
    url = f"/api/v1/groups/{group.slug}/applications"
    assert api.get(url, HTTP_AUTHORIZATION=f"Bearer {read}").status_code == 200
    body = {"state": "KAZ", "note_reference": "N/1", "received_on": "2024-01-02"}
    refused = api.post(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {read}"
    )
    assert refused.status_code == 403
    accepted = api.post(
        url, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {write}"
    )
    assert accepted.status_code != 403
    assert accepted.status_code < 500

    used = AuditEntry.objects.filter(action="api_token.used")
    assert used.count() >= 1

    token = ApiToken.objects.get(name="Sync")
    assert client.post(f"/en/accounts/tokens/{token.pk}/revoke/").status_code == 302
    assert api.get(url, HTTP_AUTHORIZATION=f"Bearer {write}").status_code == 401
    assert AuditEntry.objects.filter(action="api_token.revoked").exists()


def test_expired_token_is_refused(group, coordinator):
    client = _sign_in("coord")
    raw = _create_token(client, "Short", "read", days="1")
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = Client().get(
        f"/api/v1/groups/{group.slug}/applications", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 401


def test_someone_else_cannot_revoke_my_token(coordinator, make_user):
    from amity.accounts.services import api_token_create

    token, _raw = api_token_create(user=coordinator, name="mine")
    make_user("other")
    other = _sign_in("other")
    assert other.post(f"/en/accounts/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_token_form_refuses_bad_input_and_keeps_it(coordinator):
    client = _sign_in("coord")
    response = client.post(
        "/en/accounts/tokens/", {"name": "Keep me", "scope": "admin", "days": "0"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Keep me"' in html
    assert not ApiToken.objects.exists()


def test_list_pages_cost_a_fixed_number_of_queries(
    group, coordinator, coordinator_client, django_assert_max_num_queries
):
    """More tokens, sessions and invitations add no query to their pages."""
    from amity.accounts import services

    for n in range(8):
        services.api_token_create(user=coordinator, name=f"t{n}")
        services.invitation_create(
            actor=coordinator, group=group, email=f"p{n}@example.org", role="observer", state=None
        )
        _sign_in("coord", f"198.51.100.{n + 10}")
    coordinator_client.get("/en/accounts/tokens/")  # the session's first page
    for url in (
        "/en/accounts/tokens/",
        "/en/accounts/sessions/",
        f"/en/accounts/groups/{group.slug}/",
    ):
        with django_assert_max_num_queries(8):
            response = coordinator_client.get(url)
        assert response.status_code == 200, url
