"""Backup and restore round trip: what goes out comes back, files included, and a restore
never mixes into existing data by accident."""

import tarfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from amity.core.models import AuditEntry
from amity.members.models import Group, Membership, MembershipApplication, State

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
