"""Backup and restore of a whole installation: the data as Django's portable JSON (so a backup
taken on SQLite restores on PostgreSQL and back) and the uploaded files, in one .tar.gz with a
manifest. The search index is derived data: it is rebuilt after a restore, not stored."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import load_backend

from amity.core import registry

FORMAT = "amity-backup/1"
# Rebuilt or not worth keeping: permissions and content types are created by migrate, sessions
# expire, the search index is derived from the rest.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "search"]
SCRATCH = "amity_backup_scratch"


class BackupError(Exception):
    pass


def _applied_migrations(conn: BaseDatabaseWrapper | None = None) -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(conn or connection).applied_migrations():
        if name > latest.get(app, ""):
            latest[app] = name
    return latest


def _dump(alias: str) -> bytes:
    data = io.StringIO()
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        "--indent",
        "0",
        *[f"--exclude={label}" for label in EXCLUDED if _known(label)],
        database=alias,
        stdout=data,
    )
    return data.getvalue().encode()


def summary(objects: list[dict[str, Any]]) -> tuple[dict[str, int], dict[str, str]]:
    """Per model: how many objects, and a checksum of them that does not depend on their
    order or on the database they came from."""
    by_model: dict[str, list[str]] = {}
    for obj in objects:
        by_model.setdefault(obj["model"], []).append(json.dumps(obj, sort_keys=True))
    counts = {model: len(rows) for model, rows in sorted(by_model.items())}
    sums = {
        model: hashlib.sha256("\n".join(sorted(rows)).encode()).hexdigest()
        for model, rows in sorted(by_model.items())
    }
    return counts, sums


@contextlib.contextmanager
def _database(name: Path) -> Iterator[str]:
    """A connection alias to the SQLite file ``name``, for the time of the block (a
    connection of its own, not added to the settings)."""
    configured = connections.configure_settings(
        {
            DEFAULT_DB_ALIAS: connections.settings[DEFAULT_DB_ALIAS],
            SCRATCH: {"ENGINE": "django.db.backends.sqlite3", "NAME": str(name)},
        }
    )[SCRATCH]
    wrapper = load_backend(configured["ENGINE"]).DatabaseWrapper(configured, SCRATCH)
    connections[SCRATCH] = wrapper
    try:
        yield SCRATCH
    finally:
        wrapper.close()
        del connections[SCRATCH]


@contextlib.contextmanager
def _snapshot(workdir: Path) -> Iterator[str]:
    """The alias of one consistent view of the whole database while writes go on: on
    PostgreSQL one READ ONLY REPEATABLE READ transaction that the whole dump reads in; on
    SQLite a copy made by SQLite's online backup API, read from afterwards."""
    if connection.vendor == "postgresql":
        if connection.in_atomic_block:  # already in a transaction (a test): read in it
            yield DEFAULT_DB_ALIAS
            return
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield DEFAULT_DB_ALIAS
        return
    if connection.vendor != "sqlite":
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    copy = workdir / "snapshot.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(copy)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    with _database(copy) as alias:
        yield alias


def _code_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationLoader(None, ignore_no_migrations=True).graph.leaf_nodes():
        if name > latest.get(app, ""):
            latest[app] = name
    return latest


def _empty_schema() -> Path:
    """An empty SQLite database with this code's schema (migrated, then emptied), made once
    per schema by a process of its own and kept under VAR_DIR: what each archive is restored
    into to check it."""
    key = hashlib.sha256(json.dumps(_code_migrations(), sort_keys=True).encode()).hexdigest()
    template = Path(settings.VAR_DIR) / f"backup-check-{key[:16]}.sqlite3"
    if template.exists():
        return template
    with tempfile.TemporaryDirectory(dir=settings.VAR_DIR) as work:
        made = Path(work) / "schema.sqlite3"
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{made}",
            "AMITY_SECRET_KEY": os.environ.get("AMITY_SECRET_KEY") or "backup-check",
            "DJANGO_SETTINGS_MODULE": "amity.settings",
        }
        env.pop("REDIS_URL", None)
        for command in (["migrate", "--no-input"], ["flush", "--no-input"]):
            done = subprocess.run(  # noqa: S603 (our own interpreter and fixed arguments)
                [sys.executable, "-m", "django", *command, "-v", "0"],
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            if done.returncode:
                raise BackupError(f"Could not prepare the check of the archive: {done.stderr}")
        os.replace(made, template)
    return template


def _verify(payload: bytes, manifest: dict[str, Any], workdir: Path) -> None:
    """Restore the data into a scratch database (a copy of the empty schema) and compare each
    model's count and checksum with the manifest's. Raises BackupError on any difference."""
    scratch = workdir / "check.sqlite3"
    shutil.copyfile(_empty_schema(), scratch)
    fixture = workdir / "data.json"
    fixture.write_bytes(_renamed(payload))
    with _database(scratch) as alias:
        try:
            call_command("loaddata", str(fixture), database=alias, verbosity=0)
        except Exception as error:
            raise BackupError(f"The archive does not restore: {error}") from error
        counts, sums = summary(json.loads(_dump(alias)))
    if counts != manifest["counts"] or sums != manifest["checksums"]:
        differ = sorted(
            model
            for model in set(counts) | set(manifest["counts"])
            if counts.get(model) != manifest["counts"].get(model)
            or sums.get(model) != manifest["checksums"].get(model)
        )
        raise BackupError(f"The restored archive differs from the database in: {differ}")


def backup_write(*, out: Path) -> dict[str, Any]:
    """Write the archive from one consistent snapshot, check it by restoring it into a scratch
    database, and only then put it in place (owner-only: 0600, new directories 0700); return
    its manifest. Raises BackupError, leaving no archive, when it cannot."""
    out = Path(out)
    out.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".amity-backup-", dir=settings.VAR_DIR) as work:
        workdir = Path(work)
        with _snapshot(workdir) as alias:
            payload = _dump(alias)
            migrations = _applied_migrations(connections[alias])
        # Files after the data: a row points to a file written before it was committed.
        media_root = Path(settings.MEDIA_ROOT)
        media = (
            sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
        )
        objects = json.loads(payload)
        counts, sums = summary(objects)
        manifest = {
            "format": FORMAT,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": connection.vendor,
            "migrations": migrations,
            "data_sha256": hashlib.sha256(payload).hexdigest(),
            "objects": len(objects),
            "counts": counts,
            "checksums": sums,
            "media_files": [str(p.relative_to(media_root)) for p in media],
        }
        _verify(payload, manifest, workdir)
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
                _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
                _add_bytes(archive, "data.json", payload)
                for path in media:
                    archive.add(path, arcname=f"media/{path.relative_to(media_root)}")
            os.chmod(name, 0o600)
            os.replace(name, out)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
    return manifest


def _known(label: str) -> bool:
    app_label = label.split(".")[0]
    return any(config.label == app_label for config in apps.get_app_configs())


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mode = 0o600
    info.mtime = int(datetime.datetime.now(datetime.UTC).timestamp())
    archive.addfile(info, io.BytesIO(content))


class RestoreError(Exception):
    pass


def backup_restore(*, path: Path, force: bool = False) -> dict[str, Any]:
    """Restore an archive into this installation's (migrated) database. Refuses to mix a backup
    with existing data unless ``force``, which empties the database first, and an archive from
    a newer schema than this code's. All or nothing: the files are unpacked aside first, the
    data loaded in one transaction and checked against the manifest's counts, and the files
    put in place only after it commits; a restore that fails leaves the target as it was."""
    try:
        archive = tarfile.open(path, "r:gz")  # noqa: SIM115 - closed by the with below
    except (OSError, tarfile.TarError) as exc:
        raise RestoreError(f"{path} is not an Amity backup (.tar.gz): {exc}") from exc
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with (
        archive,
        tempfile.TemporaryDirectory(prefix=".amity-restore-", dir=media_root.parent) as work,
    ):
        names = set(archive.getnames())
        if not {"manifest.json", "data.json"} <= names:
            raise RestoreError(f"{path} has no manifest.json and data.json: not an Amity backup.")
        manifest = json.loads(_read(archive, "manifest.json"))
        if manifest.get("format") != FORMAT:
            raise RestoreError(f"Unknown backup format {manifest.get('format')!r}.")
        payload = _read(archive, "data.json")
        if hashlib.sha256(payload).hexdigest() != manifest["data_sha256"]:
            raise RestoreError("The data in the backup does not match its checksum.")
        applied = _applied_migrations()
        newer = {
            app: name
            for app, name in manifest["migrations"].items()
            if name > applied.get(app, "") and _known(app)
        }
        if newer:
            listed = ", ".join(f"{app} {name}" for app, name in sorted(newer.items()))
            raise RestoreError(
                f"The backup was taken with a newer version of Amity (schema: {listed}; this "
                "installation has not applied these migrations). Upgrade Amity and run "
                "`amity migrate` first; nothing was changed."
            )
        if not force and any(holds() for holds in registry.holds_data):
            raise RestoreError("This database already holds data; use --force to replace it.")
        staged = Path(work) / "media"
        files: list[Path] = []
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("media/"):
                relative = Path(member.name.removeprefix("media/"))
                target = (media_root / relative).resolve()
                if media_root.resolve() not in target.parents:
                    continue  # a path that climbs out of MEDIA_ROOT is ignored
                source = archive.extractfile(member)
                if source is not None:
                    (staged / relative).parent.mkdir(parents=True, exist_ok=True)
                    (staged / relative).write_bytes(source.read())
                    files.append(relative)
        fixture = Path(work) / "data.json"
        fixture.write_bytes(_renamed(payload))
        fixture.chmod(0o600)
        with transaction.atomic():
            if force:
                call_command("flush", "--no-input", verbosity=0)
            try:
                call_command("loaddata", str(fixture), verbosity=0)
            except Exception as exc:
                raise RestoreError(
                    f"The backup does not load: {exc}; nothing was changed."
                ) from exc
            if "counts" in manifest:
                counts, _sums = summary(json.loads(_dump(DEFAULT_DB_ALIAS)))
                if counts != manifest["counts"]:
                    raise RestoreError(
                        "The restored data does not match the backup's counts; nothing was changed."
                    )
        for relative in files:
            (media_root / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged / relative, media_root / relative)
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
