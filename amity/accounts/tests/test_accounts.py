import pytest
from django.core.management import call_command
from django.urls import reverse

from amity.accounts.models import ApiToken
from amity.accounts.selectors import user_for_api_token
from amity.accounts.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2(make_user):
    user = make_user("someone")
    assert user.password.startswith("argon2")


def test_login_is_throttled_after_repeated_failures(client, make_user, settings):
    """After five wrong passwords the right one is refused too, with a clear message."""
    settings.AMITY_LOGIN_MAX_FAILURES = 5
    make_user("diplomat", password="the-right-password")
    login = reverse("accounts:login")
    for _ in range(5):
        response = client.post(login, {"login": "diplomat", "password": "wrong"})
        assert response.status_code in (200, 429)
    response = client.post(login, {"login": "diplomat", "password": "the-right-password"})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_works_and_clears_failures(client, make_user):
    make_user("diplomat", password="the-right-password")
    login = reverse("accounts:login")
    client.post(login, {"login": "diplomat", "password": "wrong"})
    response = client.post(login, {"login": "diplomat", "password": "the-right-password"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


def test_token_is_stored_only_as_a_digest(make_user):
    user = make_user("api")
    token, raw = api_token_create(user=user)
    assert raw not in token.digest
    assert raw.startswith("amy_")
    assert user_for_api_token(raw)[0] == user
    api_token_revoke(actor=user, token=token)
    assert user_for_api_token(raw) is None


def test_token_command_prints_a_working_token(make_user, capsys):
    user = make_user("api")
    call_command("token", "create", "api")
    raw = capsys.readouterr().out.strip()
    assert user_for_api_token(raw)[0] == user
    assert ApiToken.objects.filter(user=user).count() == 1


def test_loaddemo_is_idempotent(db, capsys):
    """Running the demo loader twice changes nothing the second time."""
    from amity.members.models import AuditEntry, Group, Membership

    call_command("loaddemo")
    counts = (Group.objects.count(), Membership.objects.count(), AuditEntry.objects.count())
    call_command("loaddemo")
    assert (Group.objects.count(), Membership.objects.count(), AuditEntry.objects.count()) == counts
    assert Group.objects.filter(slug="mediation", founded_on="2010-09-24").exists()
    assert {m.state.iso3 for m in Membership.objects.filter(group__slug="neutrality")} >= {
        "TKM",
        "KAZ",
        "UGA",
        "IRN",
    }
    assert Membership.objects.get(group__slug="neutrality", state__iso3="IRN").joined_on is None


def test_token_command_takes_scope_and_days(make_user, capsys):
    user = make_user("api")
    call_command("token", "create", " API ", "--scope", "read", "--days", "7")
    raw = capsys.readouterr().out.strip()
    token = user_for_api_token(raw)[1]
    assert token.user == user
    assert token.scope == "read"
    assert 6.9 < (token.expires_at - token.created_at).total_seconds() / 86400 <= 7
