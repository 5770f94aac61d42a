# GroupRole (from accounts) and AuditEntry (from core) join the tenant they key on. Their
# tables were renamed by accounts 0003 and core 0003; here the models enter the members state
# as they are, their indexes take members' names, and their content types follow them, so that
# audit entries about roles and the permissions of both models keep pointing to them.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = [("accounts", "grouprole"), ("core", "auditentry")]


def content_types_forwards(apps, schema_editor):
    _move_content_types(apps, [(old, "members", model) for old, model in MOVED])


def content_types_backwards(apps, schema_editor):
    _move_content_types(apps, [("members", old, model) for old, model in MOVED])


def _move_content_types(apps, moves):
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("members", "AuditEntry")
    for source, target, model in moves:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=target, model=model).first()
        if new is None:
            old.app_label = target
            old.save(update_fields=["app_label"])
        else:
            # Both exist (content types created in between): keep the target's, repoint.
            AuditEntry.objects.filter(content_type=old).update(content_type=new)
            old.delete()


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("members", "0004_person_names"),
        ("accounts", "0003_grouprole_to_members"),
        ("core", "0003_auditentry_to_members"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="GroupRole",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("role", models.CharField(choices=[("coordinator", "Coordinator"), ("focal_point", "Focal point"), ("observer", "Observer")], max_length=20)),
                        ("organization", models.CharField(blank=True, help_text="For observers that are not states", max_length=200)),
                        ("group", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="roles", to="members.group")),
                        ("state", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="members.state")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="group_roles", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "constraints": [
                            models.UniqueConstraint(fields=("user", "group", "role"), name="one_role_of_a_kind_per_group"),
                            models.CheckConstraint(condition=models.Q(models.Q(("role", "focal_point"), _negated=True), ("state__isnull", False), _connector="OR"), name="focal_point_has_state"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="AuditEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
                        ("action", models.CharField(db_index=True, max_length=80)),
                        ("object_id", models.CharField(blank=True, max_length=64)),
                        ("object_repr", models.CharField(blank=True, max_length=300)),
                        ("data", models.JSONField(blank=True, default=dict)),
                        ("source", models.CharField(blank=True, help_text="web, api, cli or task", max_length=20)),
                        ("ip_address", models.GenericIPAddressField(blank=True, null=True)),
                        ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("content_type", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to="contenttypes.contenttype")),
                        ("group", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="audit_entries", to="members.group")),
                    ],
                    options={
                        "verbose_name": "audit entry",
                        "verbose_name_plural": "audit entries",
                        "ordering": ["-created_at", "-id"],
                        "indexes": [
                            models.Index(fields=["content_type", "object_id"], name="core_audite_content_45f5e6_idx"),
                            models.Index(fields=["group", "id"], name="core_audit_group_latest"),
                        ],
                    },
                ),
            ],
        ),
        migrations.RenameIndex(
            model_name="auditentry", new_name="members_audit_object", old_name="core_audite_content_45f5e6_idx"
        ),
        migrations.RenameIndex(
            model_name="auditentry", new_name="members_audit_group_latest", old_name="core_audit_group_latest"
        ),
        migrations.RunPython(content_types_forwards, content_types_backwards),
    ]
