"""Hostile Word files (issue 14): refused before they cost time or memory."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from amity.core import uploads
from amity.documents import docx_import
from amity.documents.docx_import import text_from_docx
from amity.documents.tests.factories import docx_bytes
from amity.meetings.extract import extract_text

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("draft.docx", data, content_type=DOCX)


def _with_document_xml(write_body) -> bytes:
    """A real .docx (python-docx's template) whose word/document.xml is replaced by what
    ``write_body(stream)`` writes, streamed into the archive (never held whole)."""
    template = zipfile.ZipFile(io.BytesIO(docx_bytes([("x", None)])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in template.infolist():
            if info.filename == "word/document.xml":
                with target.open("word/document.xml", "w", force_zip64=True) as stream:
                    write_body(stream)
            else:
                target.writestr(info, template.read(info.filename))
    return out.getvalue()


def _paragraphs(count: int, style: str | None = None) -> bytes:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""

    def write(stream):
        stream.write(f"<w:document {W}><w:body>".encode())
        for start in range(0, count, 1000):
            stream.write(
                "".join(
                    f"<w:p>{ppr}<w:r><w:t>Recalling resolution {n},</w:t></w:r></w:p>"
                    for n in range(start, min(start + 1000, count))
                ).encode()
            )
        stream.write(b"</w:body></w:document>")

    return _with_document_xml(write)


@pytest.fixture(scope="module")
def whitespace_bomb() -> bytes:
    """300 MB of whitespace inside document.xml, a few hundred KB once zipped."""
    chunk = b" " * (1024 * 1024)

    def write(stream):
        stream.write(f"<w:document {W}><w:body>".encode())
        for _ in range(300):
            stream.write(chunk)
        stream.write(b"<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>")

    return _with_document_xml(write)


def test_whitespace_bomb_is_refused_from_the_directory_with_little_memory(whitespace_bomb):
    assert len(whitespace_bomb) < 2 * 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as exc:
            text_from_docx(_upload(whitespace_bomb))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = " ".join(exc.value.message_dict["file"])
    assert "word/document.xml" in message
    assert "unpacked" in message
    # Nothing was inflated: the peak is the size of the upload's copy, not 300 MB.
    assert peak < 8 * 1024 * 1024, peak


def test_whitespace_bomb_is_refused_for_statements_too(whitespace_bomb):
    with pytest.raises(ValidationError) as exc:
        uploads.validate_upload(_upload(whitespace_bomb), kinds=["docx"], max_mb=20)
    assert exc.value.code == "zip_ratio"
    with pytest.raises(ValidationError):
        extract_text(_upload(whitespace_bomb), "docx")


def test_total_unpacked_size_is_bounded(settings):
    settings.AMITY_UPLOAD_ZIP_MAX_MB = 1
    settings.AMITY_UPLOAD_ZIP_MAX_RATIO = 10_000
    data = _with_document_xml(lambda s: s.write(b" " * (2 * 1024 * 1024)))
    with pytest.raises(ValidationError) as exc:
        text_from_docx(_upload(data))
    assert "the limit is 1 MB" in " ".join(exc.value.message_dict["file"])


def test_150k_paragraphs_are_refused_before_reading_them(monkeypatch):
    data = _paragraphs(150_000)
    assert len(data) < 2 * 1024 * 1024
    runs: list[int] = []

    def converted(*args: object, **kwargs: object) -> str:
        runs.append(1)
        return ""

    monkeypatch.setattr(docx_import, "_runs_html", converted)
    with pytest.raises(ValidationError) as exc:
        text_from_docx(_upload(data))
    assert "more than 5000 paragraphs" in " ".join(exc.value.message_dict["file"])
    assert runs == []  # refused before a single paragraph was converted
    with pytest.raises(ValidationError) as exc:
        extract_text(_upload(data), "docx")
    assert exc.value.code == "too_many_paragraphs"


def test_styles_are_looked_up_once_each(settings, monkeypatch):
    """Above the default cap, 6,000 paragraphs cost one style lookup per style, not one per
    paragraph (python-docx's lookup is what made them cost 3 ms each)."""
    settings.AMITY_DOCX_MAX_PARAGRAPHS = 10_000
    from docx.styles.styles import Styles

    calls = []
    original = Styles.get_by_id

    def counted(self, style_id, style_type):
        calls.append(style_id)
        return original(self, style_id, style_type)

    monkeypatch.setattr(Styles, "get_by_id", counted)
    text = text_from_docx(_upload(_paragraphs(6_000, style="ListNumber")))
    assert len(text.operative) == 5_999
    assert len(calls) == 1


def test_reading_stops_when_the_time_is_up(monkeypatch):
    """A fake clock: every check advances it by a second, so a 20 s budget ends after about
    twenty checks, whatever the machine's speed."""
    data = _paragraphs(4_000)
    now = [0.0]

    def clock() -> float:
        now[0] += 1.0
        return now[0]

    monkeypatch.setattr(uploads.Deadline, "clock", staticmethod(clock))
    deadline = uploads.Deadline(20)
    with pytest.raises(ValidationError) as exc:
        text_from_docx(_upload(data), deadline=deadline)
    assert "longer than 20 seconds" in " ".join(exc.value.message_dict["file"])
    assert 15 <= deadline.checks <= 25


def test_a_normal_file_passes_the_bounds():
    data = _paragraphs(300)
    text = text_from_docx(_upload(data))
    assert text.title == "Recalling resolution 0,"
    assert len(text.preamble) == 299
