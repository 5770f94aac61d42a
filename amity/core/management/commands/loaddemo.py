from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from amity.core.registry import demo_loaders, demo_present, holds_data


class Command(BaseCommand):
    help = (
        "Load the demo groups (idempotent: running it twice changes nothing). Each Amity app "
        "that registers a demo loader (amity.core.registry.demo_loaders) contributes, in "
        "INSTALLED_APPS order. Refused on an installation that holds data of its own and is "
        "not a demo (AMITY_DEMO=1), unless --force: the demo's users have published passwords."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo even into an installation that is not a demo.",
        )

    def handle(self, *args: object, **options: object) -> None:
        if not options["force"] and not _may_load_demo():
            raise CommandError(
                "This installation holds data and is not a demo: the demo's users, whose "
                "passwords are published, would be able to sign in. Set AMITY_DEMO=1 for a "
                "demo installation, or pass --force."
            )
        with transaction.atomic():
            for label, load in demo_loaders.items():
                for line in load():
                    self.stdout.write(f"  {label}: {line}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))


def _may_load_demo() -> bool:
    """A demo installation, an empty one, or one that holds the demo already."""
    if settings.AMITY_DEMO:
        return True
    if not any(has_data() for has_data in holds_data):
        return True
    return any(present() for present in demo_present)
