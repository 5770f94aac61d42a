# AuditEntry moves to the members app (its entries key on the group, which core may not
# know), keeping its rows: the table is renamed here and the model re-created, in state only,
# by members 0005. Core keeps no table.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_audit_group_latest"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="auditentry", table="members_auditentry"),
            ],
            state_operations=[
                migrations.DeleteModel(name="auditentry"),
            ],
        ),
    ]
