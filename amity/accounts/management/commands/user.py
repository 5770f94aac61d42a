"""``amity user create USERNAME --email ADDRESS [--coordinator-of SLUG [--state ISO3]]``: a
user, and optionally the coordinator of a group, made through the services and audited as the
command line, so that a new installation needs no Django admin. The password is read from
standard input (``--password-stdin``) or generated and printed once."""

import secrets
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from amity.accounts.services import user_create
from amity.core.actors import system_actor
from amity.core.audit import audit_source
from amity.core.errors import NotFound
from amity.members import selectors as member_selectors
from amity.members.models import Role
from amity.members.services import group_role_assign


class Command(BaseCommand):
    help = "Create a user: amity user create USERNAME --email ADDRESS [--coordinator-of SLUG]"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("--email", required=True)
        parser.add_argument("--display-name", default="")
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from standard input (else one is generated and printed once)",
        )
        parser.add_argument("--coordinator-of", default="", metavar="SLUG")
        parser.add_argument(
            "--state", default="", metavar="ISO3", help="The state the coordinator chairs for"
        )

    def handle(self, *args: object, **options: object) -> None:
        password = (
            sys.stdin.readline().rstrip("\n")
            if options["password_stdin"]
            else secrets.token_urlsafe(12)
        )
        if not password:
            raise CommandError("No password on standard input.")
        group = state = None
        if options["coordinator_of"]:
            try:
                group = member_selectors.group_get(slug=str(options["coordinator_of"]))
            except NotFound as exc:
                raise CommandError(str(exc)) from exc
        if options["state"]:
            state = member_selectors.state_by_iso3(str(options["state"]).upper())
            if state is None:
                raise CommandError(f"No state {options['state']!r} (ISO 3166 alpha-3).")
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
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"User {user.username!r} created.")
        if group is not None:
            self.stdout.write(f"Coordinator of {group.slug!r}.")
        if not options["password_stdin"]:
            self.stdout.write(f"Password (shown once): {password}")
