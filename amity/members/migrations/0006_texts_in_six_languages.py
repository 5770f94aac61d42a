"""Reader-visible notes and titles become ``{lang: text}`` fields (issue 15): the founding note,
membership notes and a person's official title. The existing text becomes the version in the
group's original language (English in every database so far). The group's profile gets a
version, so that two coordinators editing it side by side cannot overwrite each other."""

from django.db import migrations, models

from amity.core.content_migrations import text_to_translations


class Migration(migrations.Migration):
    dependencies = [("members", "0005_grouprole_auditentry")]

    operations = [
        *text_to_translations("members.Group", "founded_note", original_of="original_language"),
        *text_to_translations(
            "members.Membership", "joined_note", original_of="group__original_language"
        ),
        *text_to_translations(
            "members.Membership", "left_note", original_of="group__original_language"
        ),
        *text_to_translations("members.Person", "title", original_of="group__original_language"),
        migrations.AddField(
            model_name="group",
            name="version",
            field=models.PositiveIntegerField(default=1),
        ),
    ]
