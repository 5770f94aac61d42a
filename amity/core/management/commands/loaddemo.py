from django.core.management.base import BaseCommand
from django.db import transaction

from amity.core.registry import demo_loaders


class Command(BaseCommand):
    help = (
        "Load the demo groups (idempotent: running it twice changes nothing). Each Amity app "
        "that registers a demo loader (amity.core.registry.demo_loaders) contributes, in "
        "INSTALLED_APPS order."
    )

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            for label, load in demo_loaders.items():
                for line in load():
                    self.stdout.write(f"  {label}: {line}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
