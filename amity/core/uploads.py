"""Checks on uploaded files: the kind is judged by the content, not only by the name."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable

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
    return kind
