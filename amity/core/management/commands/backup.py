from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from amity.core.backup import backup_write


class Command(BaseCommand):
    help = "Write the whole installation (data and uploaded files) to one .tar.gz archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, type=Path, help="The archive to write")

    def handle(self, *args: object, **options: Path) -> None:
        manifest = backup_write(out=options["out"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {options['out']}: {manifest['objects']} objects, "
                f"{len(manifest['media_files'])} files (from {manifest['database']})."
            )
        )
