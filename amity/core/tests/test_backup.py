"""Backup and restore round trip: what goes out comes back, files included, and a restore
never mixes into existing data by accident."""

import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from amity.members.models import AuditEntry, Group, Membership, MembershipApplication, State

pytestmark = pytest.mark.django_db(transaction=True)


def _counts():
    return (
        Group.objects.count(),
        Membership.objects.count(),
        State.objects.count(),
        AuditEntry.objects.count(),
        MembershipApplication.objects.count(),
    )


def test_round_trip_with_files(group, coordinator, tmp_path, settings):
    """Data and an uploaded note verbale survive a backup, a wipe and a restore."""
    import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile

    from amity.members import services
    from conftest import state

    settings.MEDIA_ROOT = tmp_path / "media"
    application = services.application_record(
        actor=coordinator,
        group=group,
        state=state("UGA"),
        note_reference="NV/1",
        received_on=datetime.date(2023, 5, 2),
        scan=SimpleUploadedFile("nv.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
    )
    scan_name = application.scan.name
    before = _counts()
    archive = tmp_path / "amity.tar.gz"
    call_command("backup", "--out", str(archive))
    with tarfile.open(archive) as tar:
        assert {"manifest.json", "data.json", f"media/{scan_name}"} <= set(tar.getnames())

    with pytest.raises(CommandError, match="already holds data"):
        call_command("restore", str(archive))

    (tmp_path / "media" / scan_name).unlink()
    call_command("restore", str(archive), "--force")
    assert _counts() == before
    restored = MembershipApplication.objects.get(note_reference="NV/1")
    assert restored.scan.read().startswith(b"%PDF")


def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path):
    bogus = tmp_path / "x.tar.gz"
    bogus.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not an Amity backup"):
        call_command("restore", str(bogus), "--force")


def test_a_backup_from_before_the_move_of_roles_and_audit_restores(
    group, focal_point, tmp_path, settings
):
    """A backup taken when roles lived in accounts and the audit log in core (labels
    ``accounts.grouprole`` and ``core.auditentry``, content types named so) restores: every
    role and entry comes back under members, still pointing to what it is about."""
    import hashlib
    import io
    import json

    from amity.members.models import GroupRole

    settings.MEDIA_ROOT = tmp_path / "media"
    roles = sorted(GroupRole.objects.values_list("user__username", "role", "state__iso3"))
    about_roles = AuditEntry.objects.filter(content_type__model="grouprole").count()
    assert roles
    assert about_roles
    before = _counts()
    archive = tmp_path / "new.tar.gz"
    call_command("backup", "--out", str(archive))

    # Write the same backup as the old schema would have.
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        objects = json.loads(tar.extractfile("data.json").read())
    old_labels = {
        "members.grouprole": "accounts.grouprole",
        "members.auditentry": "core.auditentry",
    }
    renamed = 0
    for obj in objects:
        if obj["model"] in old_labels:
            obj["model"] = old_labels[obj["model"]]
            renamed += 1
        if obj["fields"].get("content_type") == ["members", "grouprole"]:
            obj["fields"]["content_type"] = ["accounts", "grouprole"]
    assert renamed == len(roles) + before[3]
    payload = json.dumps(objects).encode()
    manifest["migrations"].update(
        members="0002_load_states", accounts="0002_initial", core="0002_audit_group_latest"
    )
    manifest["data_sha256"] = hashlib.sha256(payload).hexdigest()
    old_archive = tmp_path / "old.tar.gz"
    with tarfile.open(old_archive, "w:gz") as tar:
        for name, content in (
            ("manifest.json", json.dumps(manifest).encode()),
            ("data.json", payload),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))

    call_command("restore", str(old_archive), "--force")
    assert _counts() == before
    assert sorted(GroupRole.objects.values_list("user__username", "role", "state__iso3")) == roles
    restored = AuditEntry.objects.filter(
        content_type__app_label="members", content_type__model="grouprole"
    )
    assert restored.count() == about_roles
    assert all(
        entry.content_type.get_object_for_this_type(pk=entry.object_id) for entry in restored
    )
