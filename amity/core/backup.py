"""Backup and restore of a whole installation: the data as Django's portable JSON (so a backup
taken on SQLite restores on PostgreSQL and back) and the uploaded files, in one .tar.gz with a
manifest. The search index is derived data: it is rebuilt after a restore, not stored."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import tarfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from amity.core import registry

FORMAT = "amity-backup/1"
# Rebuilt or not worth keeping: permissions and content types are created by migrate, sessions
# expire, the search index is derived from the rest.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "search"]


def _applied_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return latest


def backup_write(*, out: Path) -> dict[str, Any]:
    """Write the archive; return its manifest."""
    data = io.StringIO()
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        "--indent",
        "0",
        *[f"--exclude={label}" for label in EXCLUDED if _known(label)],
        stdout=data,
    )
    payload = data.getvalue().encode()
    media_root = Path(settings.MEDIA_ROOT)
    media = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    manifest = {
        "format": FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": connection.vendor,
        "migrations": _applied_migrations(),
        "data_sha256": hashlib.sha256(payload).hexdigest(),
        "objects": len(json.loads(payload)),
        "media_files": [str(p.relative_to(media_root)) for p in media],
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(out, "w:gz") as archive:
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
        _add_bytes(archive, "data.json", payload)
        for path in media:
            archive.add(path, arcname=f"media/{path.relative_to(media_root)}")
    return manifest


def _known(label: str) -> bool:
    app_label = label.split(".")[0]
    return any(config.label == app_label for config in apps.get_app_configs())


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    archive.addfile(info, io.BytesIO(content))


class RestoreError(Exception):
    pass


def backup_restore(*, path: Path, force: bool = False) -> dict[str, Any]:
    """Restore an archive into this installation's (migrated) database. Refuses to mix a backup
    with existing data unless ``force``, which empties the database first. All or nothing: the
    data is loaded in one transaction, files are written only after it commits."""
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the with below
    except (OSError, tarfile.TarError) as exc:
        raise RestoreError(f"{path} is not an Amity backup (.tar.gz): {exc}") from exc
    with archive:
        names = set(archive.getnames())
        if not {"manifest.json", "data.json"} <= names:
            raise RestoreError(f"{path} has no manifest.json and data.json: not an Amity backup.")
        manifest = json.loads(_read(archive, "manifest.json"))
        if manifest.get("format") != FORMAT:
            raise RestoreError(f"Unknown backup format {manifest.get('format')!r}.")
        payload = _read(archive, "data.json")
        if hashlib.sha256(payload).hexdigest() != manifest["data_sha256"]:
            raise RestoreError("The data in the backup does not match its checksum.")
        missing = {
            app: name
            for app, name in manifest["migrations"].items()
            if name > _applied_migrations().get(app, "") and _known(app)
        }
        if missing:
            raise RestoreError(
                f"The backup was taken on a newer schema ({missing}); upgrade Amity first."
            )
        if not force and any(holds() for holds in registry.holds_data):
            raise RestoreError("This database already holds data; use --force to replace it.")
        fixture = Path(settings.VAR_DIR) / f"restore-{manifest['data_sha256'][:12]}.json"
        fixture.write_bytes(_renamed(payload))
        try:
            with transaction.atomic():
                if force:
                    call_command("flush", "--no-input", verbosity=0)
                call_command("loaddata", str(fixture), verbosity=0)
        finally:
            fixture.unlink(missing_ok=True)
        media_root = Path(settings.MEDIA_ROOT)
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("media/"):
                target = (media_root / member.name.removeprefix("media/")).resolve()
                if media_root.resolve() not in target.parents:
                    continue  # a path that climbs out of MEDIA_ROOT is ignored
                target.parent.mkdir(parents=True, exist_ok=True)
                source = archive.extractfile(member)
                if source is not None:
                    target.write_bytes(source.read())
    for after in registry.after_restore:
        after()
    return manifest


def _renamed(payload: bytes) -> bytes:
    """The data with the labels of models that moved between apps brought up to date: a
    backup taken before a move names them by their old app (``accounts.grouprole``), both as
    the object's model and in the natural keys of content types that point to them."""
    renames: dict[str, str] = {}
    for _label, mapping in registry.renamed_models.items():
        renames.update(mapping)
    if not renames:
        return payload
    objects = json.loads(payload)
    for obj in objects:
        obj["model"] = renames.get(obj["model"], obj["model"])
        try:
            model = apps.get_model(obj["model"])
        except LookupError:
            continue  # loaddata says which model it does not know
        for field in model._meta.concrete_fields:
            value = obj.get("fields", {}).get(field.name)
            # A content type, written as its natural key ["app_label", "model"].
            if (
                field.related_model is ContentType
                and isinstance(value, list)
                and ".".join(value) in renames
            ):
                obj["fields"][field.name] = renames[".".join(value)].split(".")
    return json.dumps(objects).encode()


def _read(archive: tarfile.TarFile, name: str) -> bytes:
    member = archive.extractfile(name)
    if member is None:
        raise RestoreError(f"{name} is missing from the backup.")
    return member.read()
