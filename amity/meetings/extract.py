"""Text of an uploaded statement, kept for full-text search."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from amity.core.uploads import Deadline, open_docx


def extract_text(upload: UploadedFile, kind: str, *, deadline: Deadline | None = None) -> str:
    """The plain text of a PDF, DOCX or UTF-8 text file. Raises ValidationError if the file
    cannot be read although its first bytes looked right, or exceeds the reading bounds
    (pages, paragraphs, archive sizes, time)."""
    deadline = deadline or Deadline()
    upload.seek(0)
    try:
        if kind == "pdf":
            from pypdf import PdfReader

            reader = PdfReader(upload)
            limit = int(getattr(settings, "AMITY_PDF_MAX_PAGES", 1000))
            if len(reader.pages) > limit:
                raise ValidationError(
                    _("The PDF has %(count)s pages; the limit is %(limit)s."),
                    code="too_many_pages",
                    params={"count": len(reader.pages), "limit": limit},
                )
            pages = []
            for page in reader.pages:
                deadline.check()
                pages.append(page.extract_text() or "")
            text = "\n".join(pages)
        elif kind == "docx":
            document, _count = open_docx(upload, deadline=deadline)
            lines = []
            for number, paragraph in enumerate(document.paragraphs):  # type: ignore[attr-defined]
                if number % 500 == 0:
                    deadline.check()
                lines.append(paragraph.text)
            text = "\n".join(lines)
        else:
            text = upload.read().decode("utf-8", errors="replace")
    except ValidationError:
        raise
    except Exception as exc:  # the parsers raise many kinds of errors on damaged files
        raise ValidationError(
            _("The file could not be read; is it damaged?"), code="unreadable"
        ) from exc
    finally:
        upload.seek(0)
    return text.replace("\x00", "").strip()
