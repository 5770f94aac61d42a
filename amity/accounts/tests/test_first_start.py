"""First start without Django admin (issue 13): `amity group create` and `amity user create
--coordinator-of` go through the services, audited as the command line; `amity loaddemo`
refuses an installation that holds data and is not a demo."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from amity.accounts.models import User
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
