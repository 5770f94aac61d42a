"""The command line: ``amity render`` and ``amity package`` write the files a user asks for."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import docx as python_docx
import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from amity.circulation.renditions import akn
from amity.circulation.tests.factories import (
    FRENCH,
    adopted_document,
    circulated_document,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def circulated(group, coordinator):
    """An adopted declaration with a final French version, prepared for circulation."""
    document = circulated_document(group, coordinator)
    return document


def test_render_writes_a_pdf_a_docx_and_a_valid_akn_file(circulated, tmp_path):
    """By id or by slug, each format lands in --out: a PDF carrying the French text, a .docx
    python-docx reopens with the French paragraphs, an Akoma Ntoso file the schema accepts."""
    out = io.StringIO()
    pdf_path = tmp_path / "fr.pdf"
    call_command(
        "render", str(circulated.pk), "--lang", "fr", "--format", "pdf", "--out", pdf_path,
        stdout=out,
    )  # fmt: skip
    content = pdf_path.read_bytes()
    assert content.startswith(b"%PDF-")
    assert f"{pdf_path}: {len(content)} bytes" in out.getvalue()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert FRENCH["title"] in text
    assert "Nations Unies" in text

    docx_path = tmp_path / "fr.docx"
    call_command(
        "render", circulated.slug, "--lang", "fr", "--format", "docx", "--out", docx_path,
        stdout=io.StringIO(),
    )  # fmt: skip
    paragraphs = [p.text for p in python_docx.Document(str(docx_path)).paragraphs]
    assert FRENCH["title"] in paragraphs
    assert any(p.startswith("Conviennent de se réunir") for p in paragraphs)

    akn_path = tmp_path / "fr.akn.xml"
    call_command(
        "render", circulated.slug, "--lang", "en", "--format", "akn", "--out", akn_path,
        stdout=io.StringIO(),
    )  # fmt: skip
    xml = akn_path.read_bytes()
    assert akn.validate(xml) == []
    assert b'language="eng"' in xml
    assert b"Declaration on neutrality" in xml


def test_render_refuses_a_language_without_text_and_an_unknown_document(circulated, tmp_path):
    """Russian has no text yet, and no document has id 999999: both are clear errors and no
    file is written."""
    out = tmp_path / "ru.pdf"
    with pytest.raises(CommandError, match="has no ru text"):
        call_command("render", str(circulated.pk), "--lang", "ru", "--format", "pdf", "--out", out)
    with pytest.raises(CommandError, match="No outcome document 999999"):
        call_command("render", "999999", "--lang", "en", "--format", "pdf", "--out", out)
    assert not out.exists()


def test_package_writes_a_zip_whose_manifest_checksums_match(circulated, tmp_path):
    """The package holds, for English and French, the letter+annex .docx, the PDF and the
    Akoma Ntoso file; each checksum in manifest.json is the SHA-256 of the file beside it; the
    files reopen (PDF, .docx) and validate (AKN)."""
    path = tmp_path / "package.zip"
    out = io.StringIO()
    call_command("package", circulated.slug, "--out", path, stdout=out)
    assert "2 languages" in out.getvalue()
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        assert manifest["languages"] == ["en", "fr"]
        assert manifest["session"] == 77
        assert manifest["agenda_item"] == 58
        assert sorted(archive.namelist()) == sorted(
            [f["name"] for f in manifest["files"]] + ["manifest.json"]
        )
        formats = {(f["language"], f["format"]) for f in manifest["files"]}
        assert formats == {(lang, fmt) for lang in ("en", "fr") for fmt in ("pdf", "docx", "akn")}
        for entry in manifest["files"]:
            content = archive.read(entry["name"])
            assert hashlib.sha256(content).hexdigest() == entry["sha256"]
            assert len(content) == entry["bytes"]
            if entry["format"] == "pdf":
                assert content.startswith(b"%PDF-")
                assert PdfReader(io.BytesIO(content)).pages
            elif entry["format"] == "docx":
                texts = [p.text for p in python_docx.Document(io.BytesIO(content)).paragraphs]
                assert any("Aksoltan Ataeva" in t for t in texts)
            else:
                assert akn.validate(content) == []


def test_package_needs_a_prepared_circulation(group, tmp_path):
    """An adopted document not yet prepared for circulation has no package (no letter)."""
    document = adopted_document(group, slug="not-circulated")
    with pytest.raises(CommandError, match="prepare its circulation first"):
        call_command("package", document.slug, "--out", tmp_path / "p.zip")
    assert not (tmp_path / "p.zip").exists()
