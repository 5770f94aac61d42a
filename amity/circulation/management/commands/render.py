from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from amity.circulation import package, selectors
from amity.circulation.management.commands._document import find_document
from amity.core.languages import CONTENT_LANGUAGES
from amity.documents.models import TextStatus, VersionText


class Command(BaseCommand):
    help = "Render one language version of an outcome document as PDF, Word or Akoma Ntoso."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("document", help="the document's id or slug")
        parser.add_argument("--lang", required=True, choices=CONTENT_LANGUAGES)
        parser.add_argument("--format", required=True, choices=["pdf", "docx", "akn"])
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args: object, **options: object) -> None:
        document = find_document(str(options["document"]))
        version = selectors.rendition_version(document)
        language = str(options["lang"])
        if (
            version is None
            or not VersionText.objects.filter(version=version, language=language)
            .exclude(status=TextStatus.MISSING)
            .exists()
        ):
            raise CommandError(f"{document.slug} has no {language} text yet.")
        data = selectors.rendition_input(version=version, language=language)
        content = package.render_one(data, str(options["format"]))
        out = Path(str(options["out"]))
        out.write_bytes(content)
        self.stdout.write(f"{out}: {len(content)} bytes")
