"""Checks on uploaded files: the kind is judged by the content, not only by the name.

Every upload is bounded before it is parsed: its size (per kind, in the services), and for a
Word file (a zip archive) the number of entries, each entry's and the total uncompressed size
and the compression ratio, read from the archive's directory (``ZipFile.infolist``) before a
single byte is inflated. ``zipfile`` never yields more than an entry's declared size, so these
figures bound what a parser can be handed. Reading the content (paragraphs, pages) is bounded
in count and in time (``Deadline``); the limits are settings (``AMITY_UPLOAD_*``,
``AMITY_DOCX_MAX_PARAGRAPHS``, ``AMITY_PDF_MAX_PAGES``).
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MB = 1024 * 1024


def _head(upload: UploadedFile, size: int = 8) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def sniff_kind(upload: UploadedFile) -> str | None:
    """'pdf', 'docx', 'text' or None, from the file's first bytes (and, for docx, its parts)."""
    head = _head(upload, 8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            upload.seek(0)
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        return "docx" if "word/document.xml" in names else None
    upload.seek(0)
    sample = upload.read(64 * 1024)
    upload.seek(0)
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(sample) - 4:
            return None
    return "text" if b"\x00" not in sample else None


def _limit(name: str, default: float) -> float:
    return float(getattr(settings, name, default))


class Deadline:
    """Wall-time bound of one reading: ``check()`` raises a ValidationError once the time
    allowed for an upload (``AMITY_UPLOAD_READ_SECONDS``) has passed. ``checks`` counts the
    calls, so tests can see that a loop is watched without timing anything."""

    clock = staticmethod(time.monotonic)

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = (
            _limit("AMITY_UPLOAD_READ_SECONDS", 20) if seconds is None else float(seconds)
        )
        self.ends = self.clock() + self.seconds
        self.checks = 0

    def check(self) -> None:
        self.checks += 1
        if self.clock() > self.ends:
            raise ValidationError(
                _(
                    "Reading this file took longer than %(seconds)s seconds, the time allowed; "
                    "split it into smaller files or simplify it."
                ),
                code="too_slow",
                params={"seconds": f"{self.seconds:g}"},
            )


def check_archive(upload: UploadedFile) -> None:
    """Refuse a zip (a .docx) whose directory announces too many entries, too many bytes once
    inflated, or a compression ratio no real document has (a "zip bomb"). Reads only the
    archive's directory."""
    max_entries = int(_limit("AMITY_UPLOAD_ZIP_MAX_ENTRIES", 2000))
    max_total = _limit("AMITY_UPLOAD_ZIP_MAX_MB", 100) * MB
    max_ratio = _limit("AMITY_UPLOAD_ZIP_MAX_RATIO", 200)
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ValidationError(
            _("This archive is damaged; save the file again and retry."), code="damaged"
        ) from exc
    finally:
        upload.seek(0)
    if len(entries) > max_entries:
        raise ValidationError(
            _("The file holds %(count)s parts; the limit is %(limit)s."),
            code="too_many_parts",
            params={"count": len(entries), "limit": max_entries},
        )
    total = 0
    for entry in entries:
        total += entry.file_size
        # Small parts may compress well (repeated markup); only a large one is judged.
        if entry.file_size > MB and entry.file_size > max_ratio * max(entry.compress_size, 1):
            raise ValidationError(
                _(
                    "The part %(name)s would grow %(ratio)s times when unpacked; the file "
                    "looks crafted and is refused."
                ),
                code="zip_ratio",
                params={
                    "name": entry.filename[:80],
                    "ratio": entry.file_size // max(entry.compress_size, 1),
                },
            )
    if total > max_total:
        raise ValidationError(
            _(
                "Unpacked, the file would take %(size).0f MB; the limit is %(limit).0f MB. "
                "Remove large pictures or split it."
            ),
            code="zip_too_large",
            params={"size": total / MB, "limit": max_total / MB},
        )


def open_docx(upload: UploadedFile, *, deadline: Deadline | None = None) -> tuple[object, int]:
    """The python-docx ``Document`` of an upload whose archive passed ``check_archive``, and
    the number of its paragraphs; refused (ValidationError) when it is damaged or holds more
    paragraphs than ``AMITY_DOCX_MAX_PARAGRAPHS``."""
    import docx

    check_archive(upload)
    deadline = deadline or Deadline()
    try:
        upload.seek(0)
        document = docx.Document(upload)
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise ValidationError(
            _("This Word file cannot be read; save it again as .docx and retry."),
            code="unreadable",
        ) from exc
    finally:
        upload.seek(0)
    deadline.check()
    limit = int(_limit("AMITY_DOCX_MAX_PARAGRAPHS", 5000))
    body = document.element.body
    count = 0
    for _p in body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
        count += 1
        if count > limit:
            raise ValidationError(
                _(
                    "The Word file holds more than %(limit)s paragraphs, the most Amity reads; "
                    "split it into smaller files."
                ),
                code="too_many_paragraphs",
                params={"limit": limit},
            )
    return document, count


# Lazy: read in the language of the request that uploads, not fixed at import (in English).
KIND_LABELS = {"pdf": "PDF", "docx": "Word (.docx)", "text": gettext_lazy("plain text")}


def validate_upload(upload: UploadedFile, *, kinds: Iterable[str], max_mb: int) -> str:
    """Raise a ValidationError naming what is wrong; return the detected kind."""
    allowed = list(kinds)
    if upload.size is not None and upload.size > max_mb * MB:
        raise ValidationError(
            _("The file is %(size).1f MB; the limit is %(limit)s MB."),
            code="too_large",
            params={"size": upload.size / MB, "limit": max_mb},
        )
    if not upload.size:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = sniff_kind(upload)
    if kind not in allowed:
        raise ValidationError(
            _("This file is not a %(kinds)s file."),
            code="wrong_kind",
            params={"kinds": " / ".join(str(KIND_LABELS[k]) for k in allowed)},
        )
    if kind == "docx":
        check_archive(upload)
    return kind
