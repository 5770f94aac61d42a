from django.core.management.base import BaseCommand

from amity.search import indexers


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the database: meetings, agenda items, statements and "
        "whatever other apps feed it (idempotent)."
    )

    def handle(self, *args: object, **options: object) -> None:
        written = indexers.reindex()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {written} entries."))
