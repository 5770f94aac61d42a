"""Every upload kind is bounded in size, count and time (issue 14)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from amity.core import uploads
from amity.meetings import services
from amity.meetings.extract import extract_text
from amity.meetings.models import Statement
from amity.meetings.tests.factories import add_items, convened_meeting, pdf_bytes, upload
from amity.members.models import State


def test_agenda_documents_per_item_are_counted(settings, group, coordinator):
    settings.AMITY_UPLOAD_MAX_PER_ITEM = 2
    meeting = convened_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "Strategy")
    for name in ("a.txt", "b.txt"):
        services.agenda_document_attach(actor=coordinator, item=item, file=upload(name, b"x"))
    with pytest.raises(ValidationError) as caught:
        services.agenda_document_attach(actor=coordinator, item=item, file=upload("c.txt", b"x"))
    assert "already has 2 documents" in caught.value.message_dict["file"][0]
    assert item.documents.count() == 2


def test_statements_per_delegation_and_item_are_counted(settings, group, coordinator, focal_point):
    settings.AMITY_UPLOAD_MAX_PER_ITEM = 1
    meeting = convened_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "Strategy")
    kaz = State.objects.get(iso3="KAZ")
    kwargs = {"meeting": meeting, "agenda_item": item, "state": kaz, "original_language": "en"}
    services.statement_upload(actor=focal_point, file=upload("a.txt", b"one"), **kwargs)
    with pytest.raises(ValidationError) as caught:
        services.statement_upload(actor=focal_point, file=upload("b.txt", b"two"), **kwargs)
    assert "already has 1 statements" in caught.value.message_dict["file"][0]
    assert Statement.objects.count() == 1


def test_pdf_pages_are_capped(settings):
    settings.AMITY_PDF_MAX_PAGES = 0
    with pytest.raises(ValidationError) as caught:
        extract_text(upload("s.pdf", pdf_bytes("Neutrality")), "pdf")
    assert caught.value.code == "too_many_pages"
    assert "the limit is 0" in caught.value.messages[0]


def test_pdf_reading_is_watched_by_the_deadline():
    deadline = uploads.Deadline(0)
    deadline.ends = deadline.clock() - 1  # already over: the first page is refused
    with pytest.raises(ValidationError) as caught:
        extract_text(upload("s.pdf", pdf_bytes("Neutrality")), "pdf", deadline=deadline)
    assert caught.value.code == "too_slow"
    assert deadline.checks == 1


def test_files_per_request_are_bounded(settings, coordinator_client, group, coordinator):
    """More files in one request than DATA_UPLOAD_MAX_NUMBER_FILES (AMITY_UPLOAD_MAX_FILES):
    Django refuses the request (400) before any is stored."""
    from django.urls import reverse

    meeting = convened_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "Strategy")
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    url = reverse(
        "meetings:agenda_document_new",
        kwargs={"pk": meeting.pk, "item_pk": item.pk},
    )
    files = {f"file{n}": upload(f"{n}.txt", b"x") for n in range(3)}
    response = coordinator_client.post(url, {"title": "t", **files})
    assert response.status_code == 400
    assert "at most 2 files at once" in response.content.decode()
    assert item.documents.count() == 0
