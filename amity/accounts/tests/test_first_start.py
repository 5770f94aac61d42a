"""First start without Django admin (issue 13): `amity group create`, `amity user create
--coordinator-of` and `amity user invite` go through the services, audited as the command line;
`amity loaddemo` refuses an installation that holds data and is not a demo."""

from __future__ import annotations

import io

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.test import override_settings

from amity.accounts.models import Invitation, User
from amity.core.models import OutboxEntry, OutboxStatus
from amity.members.models import AuditEntry, Group, GroupRole, Role


def _run(*args: str, stdin: str = "") -> str:
    out = io.StringIO()
    if stdin:
        import sys

        old, sys.stdin = sys.stdin, io.StringIO(stdin)
        try:
            call_command(*args, stdout=out)
        finally:
            sys.stdin = old
    else:
        call_command(*args, stdout=out)
    return out.getvalue()


def test_a_group_and_its_coordinator_from_the_command_line(db):
    _run(
        "group",
        "create",
        "ocean",
        "--name",
        "Group of Friends of the Ocean",
        "--name-fr",
        "Amis de l'océan",
    )
    group = Group.objects.get(slug="ocean")
    assert group.names["en"] == "Group of Friends of the Ocean"
    assert group.names["fr"] == "Amis de l'océan"

    out = _run(
        "user",
        "create",
        "chair",
        "--email",
        "chair@example.org",
        "--coordinator-of",
        "ocean",
        "--state",
        "fji",
    )
    password = out.split("Password (shown once): ")[1].strip()
    user = User.objects.get(username="chair")
    assert user.check_password(password)
    assert user.email == "chair@example.org"
    grant = GroupRole.objects.get(user=user, group=group)
    assert grant.role == Role.COORDINATOR
    assert grant.state.iso3 == "FJI"

    entries = {e.action: e for e in AuditEntry.objects.all()}
    assert {"group.created", "user.created", "role.assigned"} <= set(entries)
    assert {entries[a].source for a in ("group.created", "user.created", "role.assigned")} == {
        "cli"
    }


def test_a_password_from_standard_input_is_not_printed(db):
    out = _run(
        "user",
        "create",
        "reader",
        "--email",
        "r@example.org",
        "--password-stdin",
        stdin="a-chosen-long-password\n",
    )
    assert "a-chosen-long-password" not in out
    assert User.objects.get(username="reader").check_password("a-chosen-long-password")


def test_bad_input_is_refused_with_a_clear_message_and_nothing_half_made(db):
    with pytest.raises(CommandError, match="No group 'nowhere'"):
        _run("user", "create", "x", "--email", "x@example.org", "--coordinator-of", "nowhere")
    with pytest.raises(CommandError, match="No state 'XXX'"):
        _run("user", "create", "x", "--email", "x@example.org", "--state", "XXX")
    assert not User.objects.filter(username="x").exists()
    with pytest.raises(CommandError, match="slug"):
        _run("group", "create", "not a slug!", "--name", "Friends")
    assert not Group.objects.exists()


@override_settings(AMITY_SITE_URL="https://amity.example.org")
def test_an_invitation_from_the_command_line_is_sent_and_its_link_printed(
    transactional_db, group, mailoutbox
):
    # Committed as on a server (transactional_db): the e-mail leaves before the command ends.
    out = _run("user", "invite", "chair@example.org", "--group", "neutrality", "--state", "tkm")
    invitation = Invitation.objects.get(email="chair@example.org")
    assert invitation.role == Role.COORDINATOR  # the default: the first start's invitation
    assert invitation.state.iso3 == "TKM"
    assert invitation.invited_by is None
    link = f"https://amity.example.org/en/accounts/invitation/{invitation.key}/"
    assert link in out.splitlines()
    # The same e-mail as the site's invitation, through the outbox.
    assert [m.to for m in mailoutbox] == [["chair@example.org"]]
    assert link in mailoutbox[0].body
    assert "as Coordinator for Turkmenistan." in mailoutbox[0].body
    entry = OutboxEntry.objects.get(handler="accounts.invitation_email")
    assert entry.status == OutboxStatus.DONE
    assert "E-mail sent to chair@example.org." in out
    audit = AuditEntry.objects.get(action="invitation.created")
    assert audit.source == "cli"
    assert audit.group == group
    assert audit.data["role"] == "coordinator"


def test_a_focal_point_invitation_needs_a_member_state(group, django_capture_on_commit_callbacks):
    with pytest.raises(CommandError, match="choose the state"):
        _run("user", "invite", "fp@example.org", "--group", "neutrality", "--role", "focal_point")
    with pytest.raises(CommandError, match="not a member of the group"):
        _run(
            "user",
            "invite",
            "fp@example.org",
            "--group",
            "neutrality",
            "--role",
            "focal_point",
            "--state",
            "FJI",
        )
    with pytest.raises(CommandError, match="email"):
        _run("user", "invite", "not-an-address", "--group", "neutrality")
    with pytest.raises(CommandError, match="No group 'nowhere'"):
        _run("user", "invite", "fp@example.org", "--group", "nowhere")
    assert not Invitation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        out = _run(
            "user",
            "invite",
            "fp@mfa.gov.kz",
            "--group",
            "neutrality",
            "--role",
            "focal_point",
            "--state",
            "KAZ",
        )
    assert "as focal_point for KAZ in 'neutrality'" in out
    assert Invitation.objects.get().state.iso3 == "KAZ"


def test_an_invitation_whose_email_fails_still_prints_its_link(transactional_db, group, settings):
    settings.EMAIL_BACKEND = "amity.accounts.tests.test_first_start.BrokenBackend"
    out = _run("user", "invite", "chair@example.org", "--group", "neutrality")
    invitation = Invitation.objects.get()
    assert f"/accounts/invitation/{invitation.key}/" in out
    assert "E-mail not sent yet (ConnectionRefusedError: SMTP server away)" in out
    entry = OutboxEntry.objects.get(handler="accounts.invitation_email")
    assert entry.status == OutboxStatus.PENDING  # retried by the sweep


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages: object) -> int:
        raise ConnectionRefusedError("SMTP server away")


def test_loaddemo_refuses_an_installation_that_is_not_a_demo(db):
    _run("group", "create", "ocean", "--name", "Group of Friends of the Ocean")
    with pytest.raises(CommandError, match="AMITY_DEMO"):
        _run("loaddemo")
    assert not User.objects.filter(username="coordinator").exists()
    with override_settings(AMITY_DEMO=True):
        _run("loaddemo")
    assert User.objects.filter(username="coordinator").exists()
    # Loaded once, the installation is a demo: loading again (which changes nothing) is allowed.
    _run("loaddemo")


def test_loaddemo_force(db):
    _run("group", "create", "ocean", "--name", "Group of Friends of the Ocean")
    _run("loaddemo", "--force")
    assert Group.objects.filter(slug="neutrality").exists()
