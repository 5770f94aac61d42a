from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = (
        "Load the demo groups (idempotent: running it twice changes nothing). Each Amity app "
        "with a ``demo`` module contributes, in INSTALLED_APPS order."
    )

    def handle(self, *args: object, **options: object) -> None:
        with transaction.atomic():
            for config in apps.get_app_configs():
                if not config.name.startswith("amity."):
                    continue
                try:
                    module = import_module(f"{config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{config.name}.demo":
                        raise
                    continue
                for line in module.load():
                    self.stdout.write(f"  {config.label}: {line}")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
