"""The venue's city, the reason of a cancellation, and the titles of agenda documents and
statements become ``{lang: text}`` fields (issue 15); the existing text becomes the version in
the original language (the meeting's, a statement's own)."""

from django.db import migrations, models

from amity.core.content_migrations import text_to_translations


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_merge_0002_date_polls_0002_texts_in_six_languages")]

    operations = [
        *text_to_translations("meetings.Meeting", "venue_city", original_of="original_language"),
        *text_to_translations(
            "meetings.Meeting", "cancel_reason", original_of="original_language"
        ),
        # Blank allowed first, so that the way back can re-add the column to existing rows.
        migrations.AlterField(
            model_name="agendadocument",
            name="title",
            field=models.CharField(max_length=300, blank=True),
        ),
        *text_to_translations(
            "meetings.AgendaDocument", "title", original_of="item__meeting__original_language"
        ),
        *text_to_translations("meetings.Statement", "title", original_of="original_language"),
    ]
