from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amity.circulation import package, selectors
from amity.circulation.management.commands._document import find_document
from amity.core.languages import CONTENT_LANGUAGES
from amity.documents.models import TextStatus, VersionText


class Command(BaseCommand):
    help = "Build the circulation package (.zip) of an outcome document."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("document", help="the document's id or slug")
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args: object, **options: object) -> None:
        document = find_document(str(options["document"]))
        circulation = selectors.circulation_of(document)
        if circulation is None:
            raise CommandError(f"{document.slug}: prepare its circulation first.")
        version = selectors.rendition_version(document)
        if version is None:
            raise CommandError(f"{document.slug}: it has no version to render.")
        present = set(
            VersionText.objects.filter(version=version)
            .exclude(status=TextStatus.MISSING)
            .values_list("language", flat=True)
        )
        inputs = [
            selectors.rendition_input(version=version, language=lang, circulation=circulation)
            for lang in CONTENT_LANGUAGES
            if lang in present
        ]
        content = package.build(inputs)
        out = Path(str(options["out"]))
        out.write_bytes(content)
        self.stdout.write(f"{out}: {len(content)} bytes, {len(inputs)} languages")
