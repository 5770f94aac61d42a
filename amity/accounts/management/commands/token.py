from django.core.management.base import BaseCommand, CommandError, CommandParser

from amity.accounts.models import User
from amity.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Manage API tokens. `amity token create USERNAME` prints a new bearer token once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="A label for the token")

    def handle(self, *args: object, **options: str) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"No user named {options['username']!r}.") from exc
        _token, raw = api_token_create(user=user, name=options["name"])
        self.stdout.write(raw)
