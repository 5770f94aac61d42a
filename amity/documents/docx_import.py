"""Read a zero draft from a Word (.docx) file into a ``Text``.

The heuristic, in order:

1. The **title** is the first paragraph in the "Title" style; if there is none, the first
   non-empty paragraph.
2. A paragraph in a **heading** style is a marker, not text: a heading that says "operative"
   (in any of the six languages: "operative", "dispositif", "parte dispositiva",
   "постановляющая", "منطوق", "执行") switches to the operative part; any other heading is
   skipped.
3. A paragraph is **operative** when it is numbered by Word (a numbering property on the
   paragraph or its style), is in a "List ..." style, or starts with a typed number
   ("1.", "2)"), which is removed since Amity numbers operative paragraphs itself.
4. Once the operative part has started, every following paragraph belongs to it; before that,
   paragraphs are **preambular**.

Bold and italic runs are kept as <strong> and <em>; everything is sanitized.
"""

from __future__ import annotations

import html
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from amity.core.uploads import Deadline, open_docx, validate_upload
from amity.documents.text import Text, clean_text, plain

MAX_MB = int(getattr(settings, "AMITY_UPLOAD_MAX_MB", 20))
_TYPED_NUMBER = re.compile(r"^\s*\d{1,3}\s*[.)]\s+")
_OPERATIVE_HEADINGS = (
    "operative",
    "dispositif",
    "dispositiva",
    "постановляющая",
    "منطوق",
    "执行",
)


class _Styles:
    """Paragraph styles looked up once per style id. python-docx resolves ``paragraph.style``
    by searching the styles part every time (about 3 ms a paragraph on a large file); a draft
    uses a handful of styles, so each is resolved once. ``lookups`` counts the real lookups."""

    def __init__(self, document: Any) -> None:
        self._styles = document.styles
        self._cache: dict[str | None, tuple[str, bool]] = {}
        self.lookups = 0

    def of(self, paragraph: Any) -> tuple[str, bool]:
        """(lower-case style name, whether the style or a base style is numbered)."""
        style_id = paragraph._p.style
        found = self._cache.get(style_id)
        if found is None:
            from docx.enum.style import WD_STYLE_TYPE

            self.lookups += 1
            style = self._styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH)
            name = (getattr(style, "name", "") or "").lower()
            numbered = False
            while style is not None:
                sppr = style.element.pPr
                if sppr is not None and sppr.numPr is not None:
                    numbered = True
                    break
                style = style.base_style
            found = self._cache[style_id] = (name, numbered)
        return found


def _is_numbered(paragraph: Any, styles: _Styles) -> bool:
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return True
    return styles.of(paragraph)[1]


def _runs_html(paragraph: Any, strip_number: bool) -> str:
    parts: list[str] = []
    first = True
    for run in paragraph.runs:
        text = run.text
        if first and strip_number:
            text = _TYPED_NUMBER.sub("", text, count=1)
        if text:
            first = False
        if not text:
            continue
        chunk = html.escape(text).replace("\n", "<br>")
        if run.italic:
            chunk = f"<em>{chunk}</em>"
        if run.bold:
            chunk = f"<strong>{chunk}</strong>"
        parts.append(chunk)
    return "".join(parts).strip()


def text_from_docx(upload: UploadedFile, *, deadline: Deadline | None = None) -> Text:
    """The structured text of a .docx; ValidationError ({"file": ...}) when it is not a Word
    file, holds no paragraphs, or exceeds the bounds (archive sizes, paragraphs, time)."""
    deadline = deadline or Deadline()
    try:
        validate_upload(upload, kinds=["docx"], max_mb=MAX_MB)
        document, _count = open_docx(upload, deadline=deadline)
        return _read(document, deadline)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise
        raise ValidationError({"file": exc.messages}) from exc


def _read(document: Any, deadline: Deadline) -> Text:
    styles = _Styles(document)
    title = ""
    preamble: list[str] = []
    operative: list[str] = []
    in_operative = False
    paragraphs = []
    for number, paragraph in enumerate(document.paragraphs):
        if number % 500 == 0:
            deadline.check()
        if paragraph.text.strip():
            paragraphs.append(paragraph)
    title_index = next(
        (i for i, p in enumerate(paragraphs) if styles.of(p)[0] == "title"),
        0 if paragraphs else None,
    )
    for index, paragraph in enumerate(paragraphs):
        if index % 200 == 0:
            deadline.check()
        style = styles.of(paragraph)[0]
        if index == title_index:
            title = paragraph.text.strip()
            continue
        if style.startswith("heading"):
            words = paragraph.text.strip().lower()
            if any(marker in words for marker in _OPERATIVE_HEADINGS):
                in_operative = True
            continue
        typed = bool(_TYPED_NUMBER.match(paragraph.text))
        if _is_numbered(paragraph, styles) or style.startswith("list") or typed:
            in_operative = True
        body = _runs_html(paragraph, strip_number=typed)
        if not plain(body):
            continue
        (operative if in_operative else preamble).append(body)
    text = clean_text(title=title, preamble=preamble, operative=operative)
    if text.is_empty():
        raise ValidationError(
            {"file": _("The Word file has no paragraphs of text besides a title.")}
        )
    return text
