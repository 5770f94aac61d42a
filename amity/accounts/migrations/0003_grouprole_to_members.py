# GroupRole moves to the members app (the tenant and its roles sit below accounts), keeping its
# rows: the table is renamed here and the model re-created, in state only, by members 0005.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="grouprole", table="members_grouprole"),
            ],
            state_operations=[
                migrations.DeleteModel(name="grouprole"),
            ],
        ),
    ]
