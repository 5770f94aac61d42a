from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amity.core.backup import BackupError, backup_write


class Command(BaseCommand):
    help = (
        "Write the whole installation (data and uploaded files) to one .tar.gz archive, from one "
        "consistent snapshot, checked by restoring it into a scratch database before it is kept."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, type=Path, help="The archive to write")

    def handle(self, *args: object, **options: Path) -> None:
        try:
            manifest = backup_write(out=options["out"])
        except BackupError as exc:
            raise CommandError(f"No backup written: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Backup written to {options['out']} and verified: {manifest['objects']} objects "
                f"in {len(manifest['counts'])} tables, {len(manifest['media_files'])} files "
                f"(from {manifest['database']})."
            )
        )
