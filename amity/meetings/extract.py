"""Text of an uploaded statement, kept for full-text search."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _


def extract_text(upload: UploadedFile, kind: str) -> str:
    """The plain text of a PDF, DOCX or UTF-8 text file. Raises ValidationError if the file
    cannot be read although its first bytes looked right."""
    upload.seek(0)
    try:
        if kind == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(upload)
            text = "\n".join((page.extract_text() or "") for page in reader.pages)
        elif kind == "docx":
            import docx

            document = docx.Document(upload)
            text = "\n".join(paragraph.text for paragraph in document.paragraphs)
        else:
            text = upload.read().decode("utf-8", errors="replace")
    except Exception as exc:  # the parsers raise many kinds of errors on damaged files
        raise ValidationError(
            _("The file could not be read; is it damaged?"), code="unreadable"
        ) from exc
    finally:
        upload.seek(0)
    return text.replace("\x00", "").strip()
