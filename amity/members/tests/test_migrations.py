"""Roles (from accounts) and the audit log (from core) moved to members with their rows: a
database migrated before the move keeps every role and entry, their content types follow
them, and the way back works too."""

import pytest
from django.db import IntegrityError, connection

from amity.core.tests.migrating import latest, migrate_to

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [
    ("members", "0004_person_names"),
    ("accounts", "0002_initial"),
    ("core", "0002_audit_group_latest"),
]
AFTER = [("members", "0005_grouprole_auditentry")]


def _index_names(table):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {name for name, info in constraints.items() if info["index"]}


def test_rows_of_the_old_schema_survive_the_move():
    try:
        old = migrate_to(BEFORE)
        ContentType = old.get_model("contenttypes", "ContentType")
        role_type, _ = ContentType.objects.get_or_create(app_label="accounts", model="grouprole")
        ContentType.objects.get_or_create(app_label="core", model="auditentry")
        State = old.get_model("members", "State")
        Group = old.get_model("members", "Group")
        User = old.get_model("accounts", "User")
        GroupRole = old.get_model("accounts", "GroupRole")
        AuditEntry = old.get_model("core", "AuditEntry")
        group = Group.objects.create(slug="neutrality", names={"en": "Neutrality"})
        user = User.objects.create(username="coord", calendar_token="t1")
        # A transactional test may find the states emptied by the one before it.
        kaz = State.objects.filter(iso3="KAZ").first() or State.objects.create(
            iso3="KAZ", iso2="KZ", m49="398", regional_group="asia_pacific", names={"en": "KZ"}
        )
        role = GroupRole.objects.create(user=user, group=group, role="focal_point", state=kaz)
        entry = AuditEntry.objects.create(
            actor=user,
            action="role.assigned",
            content_type=role_type,
            object_id=str(role.pk),
            group=group,
            data={"role": "focal_point"},
            source="web",
            ip_address="192.0.2.1",
        )

        new = migrate_to(AFTER)
        NewRole = new.get_model("members", "GroupRole")
        NewEntry = new.get_model("members", "AuditEntry")
        NewType = new.get_model("contenttypes", "ContentType")
        moved = NewRole.objects.get(pk=role.pk)
        assert (moved.user_id, moved.group_id, moved.role, moved.state.iso3) == (
            user.pk,
            group.pk,
            "focal_point",
            "KAZ",
        )
        kept = NewEntry.objects.get(pk=entry.pk)
        assert (kept.action, kept.group_id, kept.data, kept.ip_address) == (
            "role.assigned",
            group.pk,
            {"role": "focal_point"},
            "192.0.2.1",
        )
        # The entry still says what it is about: the content type moved with the model.
        assert (kept.content_type.app_label, kept.content_type.model) == ("members", "grouprole")
        assert kept.content_type_id == role_type.pk
        assert not NewType.objects.filter(app_label__in=["accounts", "core"]).filter(
            model__in=["grouprole", "auditentry"]
        )
        assert {"members_audit_object", "members_audit_group_latest"} <= _index_names(
            "members_auditentry"
        )
        # The constraints came along with the table.
        with pytest.raises(IntegrityError):
            NewRole.objects.create(
                user_id=user.pk, group_id=group.pk, role="focal_point", state_id=moved.state_id
            )

        # And back: the tables take their old names, the content types their old apps.
        back = migrate_to(BEFORE)
        assert back.get_model("accounts", "GroupRole").objects.get(pk=role.pk).role == (
            "focal_point"
        )
        assert back.get_model("core", "AuditEntry").objects.get(pk=entry.pk).content_type_id == (
            role_type.pk
        )
        assert (
            back.get_model("contenttypes", "ContentType").objects.get(pk=role_type.pk).app_label
            == "accounts"
        )
    finally:
        migrate_to(latest())
