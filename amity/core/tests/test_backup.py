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


def test_backups_taken_while_documents_are_written_each_restore_with_their_counts(
    group, coordinator, tmp_path, settings
):
    """Three threads post documents and new versions while `amity backup` runs three times:
    each archive is one snapshot (no version without its document), checked before it is
    kept, and restores with exactly the counts it reports."""
    import json
    import threading

    from django.db import connection as main_connection

    from amity.documents.models import DocumentVersion, OutcomeDocument
    from amity.documents.tests.factories import latest, make_document

    settings.MEDIA_ROOT = tmp_path / "media"
    stop = threading.Event()
    written = [0, 0, 0]
    errors: list[BaseException] = []

    def write(n: int) -> None:
        from django.db import connection

        try:
            i = 0
            while not stop.is_set():
                doc = make_document(group, actor=coordinator, slug=f"w{n}-{i}", title=f"T{n}-{i}")
                services_version(doc)
                written[n] += 1
                i += 1
        except BaseException as error:  # shown by the test
            errors.append(error)
        finally:
            connection.close()

    def services_version(doc):
        from amity.documents import services

        services.version_create(
            actor=coordinator,
            document=doc,
            based_on_version=latest(doc),
            title="Declaration, revised",
            preamble=["<i>Recalling</i> the Charter,"],
            operative=["<b>Agree</b> again;"],
        )

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    archives = []
    try:
        for k in range(3):
            archive = tmp_path / "backups" / f"b{k}.tar.gz"
            call_command("backup", "--out", str(archive))
            archives.append(archive)
    finally:
        stop.set()
        for thread in threads:
            thread.join(60)
    assert not errors, errors
    assert sum(written) >= 3, written  # the writers really wrote meanwhile

    import os
    import stat

    assert stat.S_IMODE(os.stat(tmp_path / "backups").st_mode) == 0o700
    counts_seen = []
    for archive in archives:
        assert stat.S_IMODE(os.stat(archive).st_mode) == 0o600
        with tarfile.open(archive) as tar:
            manifest = json.loads(tar.extractfile("manifest.json").read())
        counts = manifest["counts"]
        documents = counts.get("documents.outcomedocument", 0)
        versions = counts.get("documents.documentversion", 0)
        assert versions >= documents
        call_command("restore", str(archive), "--force")
        assert OutcomeDocument.objects.count() == documents
        assert DocumentVersion.objects.count() == versions
        assert sum(counts.values()) == manifest["objects"]
        counts_seen.append(versions)
    main_connection.close()
    assert counts_seen == sorted(counts_seen), counts_seen
    assert counts_seen[-1] > 0, counts_seen


def test_an_archive_from_a_newer_schema_is_refused_and_nothing_changes(group, tmp_path, settings):
    import hashlib
    import io
    import json

    settings.MEDIA_ROOT = tmp_path / "media"
    archive = tmp_path / "b.tar.gz"
    call_command("backup", "--out", str(archive))
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
        payload = tar.extractfile("data.json").read()
    manifest["migrations"]["members"] = "9999_from_the_future"
    newer = tmp_path / "newer.tar.gz"
    with tarfile.open(newer, "w:gz") as tar:
        for name, content in (
            ("manifest.json", json.dumps(manifest).encode()),
            ("data.json", payload),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tar.addfile(info, io.BytesIO(content))
    assert hashlib.sha256(payload).hexdigest() == manifest["data_sha256"]
    Group.objects.filter(pk=group.pk).update(slug="changed-since")
    before = _counts()
    with pytest.raises(CommandError, match=r"newer version of Amity.*members 9999_from_the_future"):
        call_command("restore", str(newer), "--force")
    assert _counts() == before
    assert Group.objects.get(pk=group.pk).slug == "changed-since"


def test_a_backup_that_does_not_verify_writes_no_archive(group, tmp_path, settings, monkeypatch):
    from amity.core import backup

    settings.MEDIA_ROOT = tmp_path / "media"
    real = backup.summary
    calls = []

    def tampered(objects):
        counts, sums = real(objects)
        calls.append(1)
        if len(calls) == 2:  # the check's own count of what it restored
            counts["members.group"] += 1
        return counts, sums

    monkeypatch.setattr(backup, "summary", tampered)
    archive = tmp_path / "b.tar.gz"
    with pytest.raises(CommandError, match=r"No backup written.*members\.group"):
        call_command("backup", "--out", str(archive))
    assert not archive.exists()
    assert list(tmp_path.glob(".b.tar.gz*")) == []
