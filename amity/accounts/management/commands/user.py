"""Accounts from the command line, made through the services and audited as the command line,
so that a new installation needs no Django admin (docs/operations.md, "First start"):

- ``amity user create USERNAME --email ADDRESS [--coordinator-of SLUG [--state ISO3]]``: a user,
  and optionally the coordinator of a group. The password is read from standard input
  (``--password-stdin``) or generated and printed once.
- ``amity user invite EMAIL --group SLUG [--role coordinator|focal_point|observer]
  [--state ISO3]``: an invitation, as a coordinator sends from the site: the e-mail with its
  link leaves through the outbox; the link (on ``AMITY_SITE_URL``) is also printed, for an
  installation whose e-mail is not working yet."""

import secrets
import sys
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from amity.accounts import selectors
from amity.accounts.services import invitation_create, invitation_link, user_create
from amity.core.actors import system_actor
from amity.core.audit import audit_source
from amity.core.errors import NotFound
from amity.core.models import OutboxStatus
from amity.members import selectors as member_selectors
from amity.members.models import Group, Role, State
from amity.members.services import group_role_assign


class Command(BaseCommand):
    help = (
        "Create a user or invite one: amity user create USERNAME --email ADDRESS "
        "[--coordinator-of SLUG]; amity user invite EMAIL --group SLUG [--role ROLE]"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="A user with a password")
        create.add_argument("username")
        create.add_argument("--email", required=True)
        create.add_argument("--display-name", default="")
        create.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from standard input (else one is generated and printed once)",
        )
        create.add_argument("--coordinator-of", default="", metavar="SLUG")
        create.add_argument(
            "--state", default="", metavar="ISO3", help="The state the coordinator chairs for"
        )
        invite = actions.add_parser("invite", help="An invitation by e-mail, as from the site")
        invite.add_argument("email")
        invite.add_argument("--group", required=True, metavar="SLUG")
        invite.add_argument("--role", default=Role.COORDINATOR.value, choices=Role.values)
        invite.add_argument(
            "--state",
            default="",
            metavar="ISO3",
            help="The state a focal point acts for (required for one), or a coordinator chairs for",
        )

    def handle(self, *args: object, **options: Any) -> None:
        if options["action"] == "invite":
            self._invite(options)
        else:
            self._create(options)

    def _create(self, options: dict[str, Any]) -> None:
        password = (
            sys.stdin.readline().rstrip("\n")
            if options["password_stdin"]
            else secrets.token_urlsafe(12)
        )
        if not password:
            raise CommandError("No password on standard input.")
        group = _group(options["coordinator_of"]) if options["coordinator_of"] else None
        state = _state(options["state"])
        try:
            with audit_source("cli"), transaction.atomic():
                user = user_create(
                    username=str(options["username"]),
                    password=password,
                    email=str(options["email"]),
                    display_name=str(options["display_name"]),
                )
                if group is not None:
                    group_role_assign(
                        actor=system_actor("cli"),
                        user=user,
                        group=group,
                        role=Role.COORDINATOR,
                        state=state,
                    )
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from exc
        self.stdout.write(f"User {user.username!r} created.")
        if group is not None:
            self.stdout.write(f"Coordinator of {group.slug!r}.")
        if not options["password_stdin"]:
            self.stdout.write(f"Password (shown once): {password}")

    def _invite(self, options: dict[str, Any]) -> None:
        group = _group(options["group"])
        state = _state(options["state"])
        try:
            # The e-mail leaves after commit: at once from this process in the embedded mode,
            # through a Celery worker in scale mode; the outbox retries it if it fails.
            with audit_source("cli"):
                invitation = invitation_create(
                    actor=system_actor("cli"),
                    group=group,
                    email=str(options["email"]),
                    role=str(options["role"]),
                    state=state,
                )
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from exc
        for_state = f" for {state.iso3}" if state is not None else ""
        self.stdout.write(
            f"Invitation to {invitation.email!r} as {invitation.role}{for_state} in "
            f"{group.slug!r}, valid once for {settings.AMITY_INVITATION_DAYS} days:"
        )
        self.stdout.write(invitation_link(invitation))
        self.stdout.write(_delivery(invitation))


def _group(slug: str) -> Group:
    try:
        return member_selectors.group_get(slug=slug)
    except NotFound as exc:
        raise CommandError(str(exc)) from exc


def _state(code: str) -> State | None:
    if not code:
        return None
    state = member_selectors.state_by_iso3(code.upper())
    if state is None:
        raise CommandError(f"No state {code!r} (ISO 3166 alpha-3).")
    return state


def _delivery(invitation: Any) -> str:
    """What became of the invitation's e-mail, for the operator."""
    entry = selectors.invitation_email_delivery(invitation)
    if entry is not None and entry.status == OutboxStatus.DONE:
        return f"E-mail sent to {invitation.email}."
    if entry is not None and entry.last_error:
        return (
            f"E-mail not sent yet ({entry.last_error.splitlines()[0][:200]}): the outbox tries "
            "again (Manage → Deliveries); the link above works meanwhile."
        )
    return "E-mail handed to the outbox (a worker sends it); the link above works meanwhile."


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)
