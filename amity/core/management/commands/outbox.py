"""``amity outbox``: what the outbox holds, by state; ``--deliver`` delivers what is due now
(the server's background thread or Celery beat does so on its own every few seconds)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db.models import Count

from amity.core import outbox
from amity.core.models import OutboxEntry, OutboxStatus


class Command(BaseCommand):
    help = "Show the outbox (side effects of committed writes) and deliver what is due."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--deliver", action="store_true", help="deliver what is due now")

    def handle(self, *args: Any, deliver: bool = False, **options: Any) -> None:
        if deliver:
            total = 0
            while taken := outbox.sweep():
                total += taken
            self.stdout.write(f"delivered or tried: {total}")
        counts = dict(OutboxEntry.objects.values_list("status").annotate(n=Count("id")).order_by())
        for status in OutboxStatus:
            self.stdout.write(f"{status.value}: {counts.get(status.value, 0)}")
        for entry in OutboxEntry.objects.filter(status=OutboxStatus.FAILED).order_by("-id")[:20]:
            self.stdout.write(f"failed #{entry.pk} {outbox.describe(entry)}: {entry.last_error}")
