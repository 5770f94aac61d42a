from django.db import migrations


def load_states(apps, schema_editor):
    from amity.members.reference import states_sync

    states_sync(apps.get_model("members", "State"))


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]

    operations = [migrations.RunPython(load_states, migrations.RunPython.noop)]
