"""Second factor (allauth.mfa): TOTP and recovery codes end to end through the pages; the
group setting "coordinators must use a second factor" and superusers always; a coordinator's
reset for someone who lost theirs; every change audited."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.cache import cache
from django.test import Client

from amity.members.models import AuditEntry
from amity.members.services import group_second_factor_set

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"


def _code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _sign_in(username: str) -> Client:
    client = Client()
    response = client.post(LOGIN, {"login": username, "password": "a-long-test-password"})
    assert response.status_code == 302
    return client


def _activate_totp(client: Client, captured) -> str:
    """Through the pages; allauth sends its signals after commit, run here as a commit would."""
    page = client.get("/en/accounts/2fa/totp/activate/")
    if page.status_code == 302 and "/reauthenticate/" in page["Location"]:
        # allauth asks for the password again before a second factor is added.
        again = client.post(page["Location"], {"password": "a-long-test-password"})
        assert again.status_code == 302, again.content.decode()[:1500]
        page = client.get("/en/accounts/2fa/totp/activate/")
    assert page.status_code == 200, page.get("Location")
    secret = client.session["mfa.totp.secret"]
    with captured(execute=True):
        response = client.post("/en/accounts/2fa/totp/activate/", {"code": _code(secret)})
    assert response.status_code == 302, response.content.decode()[:1500]
    return secret


def test_superuser_is_sent_to_set_up_a_second_factor(make_user, django_capture_on_commit_callbacks):
    root = make_user("root")
    root.is_superuser = root.is_staff = True
    root.save()
    client = _sign_in("root")
    response = client.get("/en/")
    assert response.status_code == 302
    assert "/accounts/2fa/" in response["Location"]
    assert client.get("/en/accounts/2fa/").status_code == 200
    _activate_totp(client, django_capture_on_commit_callbacks)
    assert client.get("/en/").status_code == 200
    assert Authenticator.objects.filter(user=root, type="totp").exists()
    # Recovery codes come with the first factor.
    assert Authenticator.objects.filter(user=root, type="recovery_codes").exists()
    assert AuditEntry.objects.filter(action="mfa.added", actor=root).exists()


def test_the_group_setting_decides_for_its_coordinators(group, coordinator, focal_point):
    client = _sign_in("coord")
    assert client.get("/en/").status_code == 200
    group_second_factor_set(actor=coordinator, group=group, required=True)
    assert AuditEntry.objects.filter(action="group.second_factor_required", group=group).exists()
    again = _sign_in("coord")
    response = again.get(f"/en/groups/{group.slug}/")
    assert response.status_code == 302
    assert "/accounts/2fa/" in response["Location"]
    # Focal points are not asked.
    assert _sign_in("kaz").get("/en/").status_code == 200


def test_coordinator_sets_the_requirement_on_the_page(
    group, coordinator, coordinator_client, focal_client
):
    url = f"/en/accounts/groups/{group.slug}/second-factor/"
    assert focal_client.post(url, {"coordinators_need_second_factor": "on"}).status_code == 403
    assert (
        coordinator_client.post(url, {"coordinators_need_second_factor": "on"}).status_code == 302
    )
    group.refresh_from_db()
    assert group.coordinators_need_second_factor


def test_sign_in_asks_for_the_code_then_accepts_a_recovery_code(
    make_user, django_capture_on_commit_callbacks
):
    make_user("diplomat")
    client = _sign_in("diplomat")
    secret = _activate_totp(client, django_capture_on_commit_callbacks)
    codes = Authenticator.objects.get(type="recovery_codes").wrap().get_unused_codes()
    assert len(codes) >= 8

    fresh = Client()
    response = fresh.post(LOGIN, {"login": "diplomat", "password": "a-long-test-password"})
    assert response.status_code == 302
    assert "/2fa/authenticate/" in response["Location"]
    assert "_auth_user_id" not in fresh.session
    wrong = fresh.post("/en/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in fresh.session
    assert fresh.post("/en/accounts/2fa/authenticate/", {"code": codes[0]}).status_code == 302
    assert fresh.session["_auth_user_id"]

    cache.clear()  # allauth refuses a TOTP code used once in its period; this one was not
    other = Client()
    other.post(LOGIN, {"login": "diplomat", "password": "a-long-test-password"})
    response = other.post("/en/accounts/2fa/authenticate/", {"code": _code(secret)})
    assert response.status_code == 302
    assert other.session["_auth_user_id"]


def test_webauthn_and_recovery_pages_answer(make_user, django_capture_on_commit_callbacks):
    make_user("diplomat")
    client = _sign_in("diplomat")
    _activate_totp(client, django_capture_on_commit_callbacks)
    assert client.get("/en/accounts/2fa/webauthn/add/").status_code == 200
    page = client.get("/en/accounts/2fa/recovery-codes/")
    assert page.status_code == 200
    assert 'lang="en"' in page.content.decode()


def test_coordinator_resets_the_factor_of_someone_who_lost_it(
    group, coordinator, focal_point, coordinator_client, django_capture_on_commit_callbacks
):
    client = _sign_in("kaz")
    _activate_totp(client, django_capture_on_commit_callbacks)
    assert Authenticator.objects.filter(user=focal_point).count() == 2
    response = coordinator_client.post(
        f"/en/accounts/groups/{group.slug}/second-factor/{focal_point.pk}/reset/"
    )
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=focal_point).exists()
    entry = AuditEntry.objects.get(action="mfa.reset")
    assert entry.actor == coordinator
    assert entry.group == group
    assert entry.object_id == str(focal_point.pk)


def test_a_focal_point_cannot_reset_anyone(
    group, coordinator, focal_point, focal_client, django_capture_on_commit_callbacks
):
    client = _sign_in("coord")
    _activate_totp(client, django_capture_on_commit_callbacks)
    response = focal_client.post(
        f"/en/accounts/groups/{group.slug}/second-factor/{coordinator.pk}/reset/"
    )
    assert response.status_code == 403
    assert Authenticator.objects.filter(user=coordinator).exists()


def test_a_coordinator_cannot_reset_another_coordinator(
    group, coordinator, coordinator_client, make_user, django_capture_on_commit_callbacks
):
    other = make_user("coord2", group=group, role="coordinator", state_code="TKM")
    client = _sign_in("coord2")
    _activate_totp(client, django_capture_on_commit_callbacks)
    response = coordinator_client.post(
        f"/en/accounts/groups/{group.slug}/second-factor/{other.pk}/reset/", follow=True
    )
    assert "Only a superuser" in response.content.decode()
    assert Authenticator.objects.filter(user=other).exists()
