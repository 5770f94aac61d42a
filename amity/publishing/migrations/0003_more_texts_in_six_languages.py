"""A resolution's note and an activity's place become ``{lang: text}`` fields (issue 15); the
existing text becomes the version in English (resolutions) or the group's original language
(activities)."""

from django.db import migrations

from amity.core.content_migrations import text_to_translations


class Migration(migrations.Migration):
    dependencies = [("publishing", "0002_edit_versions")]

    operations = [
        *text_to_translations("publishing.Resolution", "note"),
        *text_to_translations(
            "publishing.Activity", "place", original_of="road_map__group__original_language"
        ),
    ]
