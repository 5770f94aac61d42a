"""Fair lockout (django-axes): failures count for a username and an address together, with
growing waits; the admin signs in through the same form; a spoofed X-Forwarded-For changes
nothing; usernames are compared one way everywhere."""

import pytest
from django.test import Client
from django.urls import reverse

from amity.members.models import AuditEntry

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


def _try(client, username, password, **extra):
    return client.post(LOGIN, {"login": username, "password": password}, **extra)


def test_an_attacker_elsewhere_cannot_lock_the_user_out(make_user):
    make_user("coordinator", password="the-right-password")
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(8):
        _try(attacker, "coordinator", "wrong")
    assert _try(attacker, "coordinator", "the-right-password").status_code == 429
    owner = Client(REMOTE_ADDR="198.51.100.20")
    response = _try(owner, "coordinator", "the-right-password")
    assert response.status_code == 302
    assert owner.session["_auth_user_id"]


def test_spoofed_forwarded_for_from_an_untrusted_address_changes_nothing(make_user):
    make_user("coordinator", password="the-right-password")
    client = Client(REMOTE_ADDR="203.0.113.9")
    for n in range(5):
        _try(client, "coordinator", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n + 1}")
    response = _try(client, "coordinator", "the-right-password", HTTP_X_FORWARDED_FOR="192.0.2.77")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    failures = AuditEntry.objects.filter(action="user.sign_in_failed")
    assert failures.count() >= 5
    assert set(failures.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_spellings_of_one_username_count_as_one(make_user):
    make_user("nogroup", password="the-right-password")
    client = Client(REMOTE_ADDR="203.0.113.9")
    for spelling in ("NoGroup", " nogroup", "NOGROUP ", "nogroup", "noGroup"):
        _try(client, spelling, "wrong")
    assert _try(client, "nogroup", "the-right-password").status_code == 429


def test_waits_grow_with_each_try_during_the_lockout(make_user, settings):
    from amity.accounts import lockout

    make_user("diplomat", password="the-right-password")
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        _try(client, "diplomat", "wrong")
    first = _try(client, "diplomat", "wrong")
    for _ in range(3):
        last = _try(client, "diplomat", "wrong")
    minutes = [int(r.content.decode().split("Wait ")[1].split(" ")[0]) for r in (first, last)]
    assert minutes[1] > minutes[0] >= settings.AMITY_LOGIN_WINDOW_SECONDS // 60
    assert lockout.MAX_WAIT.days == 1


def test_admin_twelve_wrong_passwords_then_the_right_one_is_refused(make_user):
    root = make_user("root", password="the-root-password")
    root.is_superuser = root.is_staff = True
    root.save()
    client = Client(REMOTE_ADDR="203.0.113.9")
    # The admin's own form is not there: it sends to the site's sign-in.
    response = client.get("/en/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    response = client.post("/en/admin/login/", {"username": "root", "password": "wrong"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    for _ in range(12):
        _try(client, "root", "wrong")
    response = _try(client, "root", "the-root-password")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/en/admin/").status_code == 302


def test_admin_can_be_turned_off(settings):
    """AMITY_ADMIN_ENABLED=0: the admin's URLs do not exist at all."""
    import importlib

    from django.urls import clear_url_caches

    import amity.urls

    settings.AMITY_ADMIN_ENABLED = False
    try:
        importlib.reload(amity.urls)
        clear_url_caches()
        assert Client().get("/en/admin/").status_code == 404
    finally:
        settings.AMITY_ADMIN_ENABLED = True
        importlib.reload(amity.urls)
        clear_url_caches()
    assert Client().get("/en/admin/").status_code == 302


def test_a_good_sign_in_clears_the_failures(make_user):
    make_user("diplomat", password="the-right-password")
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(4):
        _try(client, "diplomat", "wrong")
    assert _try(client, "diplomat", "the-right-password").status_code == 302
    client.logout()
    for _ in range(4):
        _try(client, "diplomat", "wrong")
    assert _try(client, "diplomat", "the-right-password").status_code == 302
    assert reverse("accounts:login") == LOGIN
