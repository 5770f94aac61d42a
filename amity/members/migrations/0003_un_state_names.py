from django.db import migrations


def load_names(apps, schema_editor):
    """The States' names become the UN's in the six languages (data/un_state_names.csv)."""
    from amity.members.reference import states_sync

    states_sync(apps.get_model("members", "State"))


class Migration(migrations.Migration):
    dependencies = [("members", "0002_load_states")]

    operations = [migrations.RunPython(load_names, migrations.RunPython.noop)]
