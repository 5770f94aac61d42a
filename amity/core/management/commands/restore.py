from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from amity.core.backup import RestoreError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup written by `amity backup` into this installation's database (SQLite "
        "or PostgreSQL, whichever it was taken on). Migrates first. Refuses to overwrite "
        "existing data unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true", help="Replace the data already here")

    def handle(self, *args: object, **options: object) -> None:
        call_command("migrate", "--no-input", verbosity=0)
        try:
            manifest = backup_restore(path=options["archive"], force=bool(options["force"]))  # type: ignore[arg-type]
        except RestoreError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {manifest['objects']} objects and {len(manifest['media_files'])} files "
                f"(backup of {manifest['created_at']})."
            )
        )
