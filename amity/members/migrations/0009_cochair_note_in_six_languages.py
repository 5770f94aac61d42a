"""A co-chair's note becomes a ``{lang: text}`` field (issue 15); the existing text becomes the
version in the group's original language."""

from django.db import migrations

from amity.core.content_migrations import text_to_translations


class Migration(migrations.Migration):
    dependencies = [("members", "0008_merge_20261130_0129")]

    operations = [
        *text_to_translations("members.CoChair", "note", original_of="group__original_language"),
    ]
