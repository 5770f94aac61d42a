"""``amity group create SLUG --name NAME [--name-fr NAME …] [--language en]``: a group made
through the services (validated and audited as the command line), so that a new installation
needs no Django admin (docs/operations.md, "First start")."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from amity.core.actors import system_actor
from amity.core.audit import audit_source
from amity.members.services import group_create

LANGUAGES = [code.split("-")[0] for code, _name in settings.LANGUAGES]


class Command(BaseCommand):
    help = "Create a group: amity group create SLUG --name 'Group of Friends of …'"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("slug", help="The group's address: /groups/SLUG/")
        parser.add_argument("--name", required=True, help="The group's name in --language")
        parser.add_argument("--language", default="en", choices=LANGUAGES)
        for code in LANGUAGES:
            parser.add_argument(f"--name-{code}", default="", help=f"The name in {code}")

    def handle(self, *args: object, **options: str) -> None:
        names = {code: options[f"name_{code}"] for code in LANGUAGES if options[f"name_{code}"]}
        names[options["language"]] = options["name"]
        try:
            with audit_source("cli"):
                group = group_create(
                    actor=system_actor("cli"),
                    slug=options["slug"],
                    names=names,
                    original_language=options["language"],
                )
        except ValidationError as exc:
            raise CommandError(_messages(exc)) from exc
        self.stdout.write(f"Group {group.slug!r} created: /groups/{group.slug}/")


def _messages(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)
