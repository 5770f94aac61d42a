"""``amity loadstates``: bring the State reference data up to date with the shipped CSV."""

from typing import Any

from django.core.management.base import BaseCommand

from amity.members.reference import states_sync


class Command(BaseCommand):
    help = "Create or update the UN Member and observer States from the reference data."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = states_sync()
        self.stdout.write(self.style.SUCCESS(f"{changed} state(s) created or updated."))
