import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from amity.accounts.models import TokenScope, User
from amity.accounts.services import api_token_create


class Command(BaseCommand):
    help = "Manage API tokens. `amity token create USERNAME` prints a new bearer token once."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["create"])
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="A label for the token")
        parser.add_argument(
            "--scope",
            choices=TokenScope.values,
            default=TokenScope.READ_WRITE,
            help="read, or read_write (the default)",
        )
        parser.add_argument(
            "--days", type=int, default=None, help="Valid for this many days (default: no end)"
        )

    def handle(self, *args: object, **options: Any) -> None:
        try:
            user = User.objects.get_by_natural_key(options["username"])
        except User.DoesNotExist as exc:
            raise CommandError(f"No user named {options['username']!r}.") from exc
        days = options["days"]
        if days is not None and days < 1:
            raise CommandError("--days must be 1 or more.")
        _token, raw = api_token_create(
            user=user,
            name=options["name"],
            scope=options["scope"],
            expires_at=timezone.now() + datetime.timedelta(days=days) if days else None,
        )
        self.stdout.write(raw)
