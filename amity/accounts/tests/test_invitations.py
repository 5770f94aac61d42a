"""Invitations by e-mail: the coordinator invites, the link expires and works once, a deleted
or departed state refuses it; acceptance creates the user and the role, audited. Sign-in by
username or e-mail, password reset and address verification through django-allauth."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from amity.accounts import services
from amity.accounts.models import Invitation, User
from amity.members.models import AuditEntry, GroupRole, State

pytestmark = pytest.mark.django_db


def _invite(client, group, captured, *, email="new@mfa.gov.kz", role="focal_point", state="KAZ"):
    with captured(execute=True):
        response = client.post(
            reverse("accounts:group_accounts", args=[group.slug]),
            {"email": email, "role": role, "state": state},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Invitation.objects.get(email=email)


def _link_in(message) -> str:
    found = re.search(r"https?://[^/\s]+(/\S+/accounts/invitation/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


def test_coordinator_invites_and_the_invitee_accepts_with_a_password(
    group, coordinator_client, django_capture_on_commit_callbacks, mailoutbox
):
    invitation = _invite(coordinator_client, group, django_capture_on_commit_callbacks)
    assert [m.to for m in mailoutbox] == [["new@mfa.gov.kz"]]
    link = _link_in(mailoutbox[0])
    assert link == reverse("accounts:invitation", args=[invitation.key])

    visitor = Client()
    page = visitor.get(link)
    assert "Kazakhstan" in page.content.decode()
    response = visitor.post(
        link,
        {
            "username": "  Aigerim ",
            "display_name": "Aigerim",
            "password1": "a-long-new-password-9",
            "password2": "a-long-new-password-9",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@mfa.gov.kz")
    assert user.username == "aigerim"  # stripped and case-folded
    assert GroupRole.objects.filter(
        user=user, group=group, role="focal_point", state__iso3="KAZ"
    ).exists()
    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.get(user=user).verified
    assert visitor.session["_auth_user_id"] == str(user.pk)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"invitation.created", "invitation.accepted", "role.assigned", "user.created"} <= actions

    # Used twice: refused, clearly, and nothing is created.
    again = Client().post(
        link,
        {
            "username": "other",
            "password1": "a-long-new-password-9",
            "password2": "a-long-new-password-9",
        },
    )
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert not User.objects.filter(username="other").exists()


def test_expired_invitation_is_refused(group, coordinator):
    invitation = services.invitation_create(
        actor=coordinator, group=group, email="late@example.org", role="observer", state=None
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = Client().get(reverse("accounts:invitation", args=[invitation.key]))
    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_invitation_days_come_from_the_setting(group, coordinator, settings):
    settings.AMITY_INVITATION_DAYS = 3
    invitation = services.invitation_create(
        actor=coordinator, group=group, email="x@example.org", role="observer", state=None
    )
    days = (invitation.expires_at - timezone.now()).total_seconds() / 86400
    assert 2.99 < days <= 3


def test_invitation_for_a_state_that_left_or_was_deleted_is_refused(group, coordinator):
    from amity.members.models import Membership

    invitation = services.invitation_create(
        actor=coordinator,
        group=group,
        email="kz@example.org",
        role="focal_point",
        state=State.objects.get(iso3="KAZ"),
    )
    Membership.objects.filter(group=group, state__iso3="KAZ").update(
        left_on=datetime.date(2024, 1, 1)
    )
    response = Client().get(reverse("accounts:invitation", args=[invitation.key]))
    assert response.status_code == 410
    assert "no longer a member" in response.content.decode()
    Invitation.objects.filter(pk=invitation.pk).update(state=None)
    response = Client().get(reverse("accounts:invitation", args=[invitation.key]))
    assert "no longer exists" in response.content.decode()
    # And the service refuses it too, whatever the page shows.
    with pytest.raises(Exception, match="no longer exists"):
        services.invitation_accept_with_password(
            key=invitation.key, username="kz", password="a-long-new-password-9"
        )


def test_only_the_coordinator_invites(group, focal_client, outsider):
    response = focal_client.post(
        reverse("accounts:group_accounts", args=[group.slug]),
        {"email": "x@example.org", "role": "observer"},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_focal_point_invitation_needs_a_member_state(group, coordinator_client):
    response = coordinator_client.post(
        reverse("accounts:group_accounts", args=[group.slug]),
        {"email": "x@example.org", "role": "focal_point", "state": ""},
    )
    assert response.status_code == 200
    assert "choose the state" in response.content.decode()
    assert not Invitation.objects.exists()


def test_withdrawn_invitation_is_refused(group, coordinator, coordinator_client):
    invitation = services.invitation_create(
        actor=coordinator, group=group, email="w@example.org", role="observer", state=None
    )
    coordinator_client.post(reverse("accounts:invitation_revoke", args=[group.slug, invitation.pk]))
    response = Client().get(reverse("accounts:invitation", args=[invitation.key]))
    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()


def test_signed_in_user_accepts_an_invitation_to_another_role(group, coordinator, make_user):
    person = make_user("someone")
    invitation = services.invitation_create(
        actor=coordinator, group=group, email="someone@example.org", role="observer", state=None
    )
    client = Client()
    client.force_login(person)
    response = client.post(reverse("accounts:invitation", args=[invitation.key]))
    assert response.status_code == 302
    assert GroupRole.objects.filter(user=person, group=group, role="observer").exists()


def test_sign_in_by_username_or_email_whatever_the_case_and_spaces(client, make_user):
    make_user("diplomat", password="the-right-password")
    login = reverse("accounts:login")
    assert (
        client.post(login, {"login": " DIPLOMAT ", "password": "the-right-password"}).status_code
        == 302
    )
    client.logout()
    assert (
        client.post(
            login, {"login": "Diplomat@Example.org", "password": "the-right-password"}
        ).status_code
        == 302
    )


def test_demo_logins_work(db):
    from django.core.management import call_command

    from amity.accounts.demo import DEMO_LOGINS

    call_command("loaddemo")
    for username, password, _who in DEMO_LOGINS:
        client = Client()
        response = client.post(reverse("accounts:login"), {"login": username, "password": password})
        assert response.status_code == 302, username


def test_sign_in_page_is_in_the_site_layout_and_language(client):
    response = client.get("/fr/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="fr"' in html
    assert 'class="site"' in html
    assert 'name="login"' in html
    assert 'name="password"' in html
    assert "/fr/accounts/password/reset/" in html
    # No open sign-up: accounts come by invitation.
    signup = Client().get("/en/accounts/signup/").content.decode()
    assert 'name="password1"' not in signup
    assert not User.objects.exists()


def test_password_reset_sends_a_working_link(
    client, make_user, django_capture_on_commit_callbacks, mailoutbox
):
    make_user("diplomat", password="the-old-password-1")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/accounts/password/reset/", {"email": "diplomat@example.org"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    response = client.post(
        form_url, {"password1": "a-brand-new-pass-77", "password2": "a-brand-new-pass-77"}
    )
    assert response.status_code == 302
    fresh = Client()
    assert (
        fresh.post(
            reverse("accounts:login"), {"login": "diplomat", "password": "a-brand-new-pass-77"}
        ).status_code
        == 302
    )


def test_email_verification_mail_confirms_the_address(
    client, make_user, django_capture_on_commit_callbacks, mailoutbox
):
    from allauth.account.models import EmailAddress

    user = make_user("diplomat")
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/email/", {"action_add": "", "email": "second@example.org"}
        )
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["second@example.org"]]
    link = re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[0].body).group(1)
    client.post(link)
    assert EmailAddress.objects.get(email="second@example.org").verified
