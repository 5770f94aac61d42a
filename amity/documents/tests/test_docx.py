"""Import of a zero draft from Word."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from amity.documents import services
from amity.documents.docx_import import text_from_docx
from amity.documents.models import OutcomeDocument
from amity.documents.tests.factories import docx_bytes

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload(data: bytes, name: str = "draft.docx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=DOCX)


def test_round_trip_keeps_structure_and_formatting():
    """Title style -> title; plain paragraphs -> preamble; numbered list -> operative, with
    bold and italic runs kept; typed numbers are removed."""
    data = docx_bytes(
        [
            ("Declaration on neutrality", "Title"),
            ("Recalling the Charter,", None),
            ("Noting the work of the Group,", None),
            ("the Group to meet every six months;", "List Number"),
            ("2. Decide to meet once a year;", None),
        ]
    )
    text = text_from_docx(upload(data))
    assert text.title == "Declaration on neutrality"
    assert text.preamble == ["Recalling the Charter,", "Noting the work of the Group,"]
    assert (
        text.operative[0]
        == "<strong>Strongly </strong><em>urge </em>the Group to meet every six months;"
    )
    assert text.operative[1] == "Decide to meet once a year;"


def test_heading_operative_switches_part():
    """Without numbering, paragraphs after an 'Operative part' heading are operative; the
    first paragraph is the title."""
    data = docx_bytes(
        [
            ("Joint statement", None),
            ("Marking the day,", None),
            ("Operative part", "Heading 1"),
            ("Reaffirm neutrality.", None),
        ]
    )
    text = text_from_docx(upload(data))
    assert text.title == "Joint statement"
    assert text.preamble == ["Marking the day,"]
    assert text.operative == ["Reaffirm neutrality."]


def test_not_a_word_file_is_refused():
    """A PDF named .docx is refused on the file field."""
    with pytest.raises(ValidationError) as exc:
        text_from_docx(upload(b"%PDF-1.4 not word"))
    assert "file" in exc.value.message_dict


def test_word_file_without_paragraphs_is_refused():
    """A .docx with no text at all is refused."""
    with pytest.raises(ValidationError) as exc:
        text_from_docx(upload(docx_bytes([])))
    assert "no paragraphs" in " ".join(exc.value.message_dict["file"])


def test_damaged_word_file_is_refused():
    """A zip that claims word/document.xml but holds garbage is refused, not a crash."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("word/document.xml", "not xml")
    with pytest.raises(ValidationError):
        text_from_docx(upload(out.getvalue()))


@pytest.mark.django_db
def test_import_writes_nothing_when_refused(group, coordinator):
    """A refused file leaves no document behind."""
    with pytest.raises(ValidationError):
        services.document_import(
            actor=coordinator, group=group, upload=upload(b"hello"), kind="declaration"
        )
    assert not OutcomeDocument.objects.exists()


@pytest.mark.django_db
def test_import_makes_a_zero_draft(group, coordinator):
    """The imported text becomes the zero draft in the original language."""
    data = docx_bytes([("Declaration", "Title"), ("Recalling,", None), ("Agree.", "List Number")])
    doc = services.document_import(
        actor=coordinator, group=group, upload=upload(data), kind="declaration"
    )
    version = doc.versions.get()
    assert version.number == 0
    assert version.label_en == "Zero draft"
    row = version.texts.get()
    assert row.status == "original"
    assert row.language == "en"
    assert row.preamble == ["Recalling,"]
