"""A version's note becomes a ``{lang: text}`` field (issue 15); the existing text becomes the
version in the document's original language."""

from django.db import migrations

from amity.core.content_migrations import text_to_translations


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial")]

    operations = [
        *text_to_translations(
            "documents.DocumentVersion", "note", original_of="document__original_language"
        ),
    ]
