"""The venue's name and the meeting's notes become ``{lang: text}`` fields (issue 15); the
existing text becomes the version in the meeting's original language."""

from django.db import migrations

from amity.core.content_migrations import text_to_translations


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [
        *text_to_translations("meetings.Meeting", "venue_name", original_of="original_language"),
        *text_to_translations("meetings.Meeting", "notes", original_of="original_language"),
    ]
