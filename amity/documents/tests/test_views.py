"""Pages of outcome documents: who sees what, forms, query counts."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from amity.documents import services
from amity.documents.models import OutcomeDocument
from amity.documents.tests.factories import docx_bytes, latest, make_document

LIST = "/en/groups/neutrality/documents/"


@pytest.fixture
def doc(group, coordinator):
    return make_document(group, actor=coordinator)


def test_list_for_members_and_public(doc, focal_client):
    """Members see the draft in the list; the public does not."""
    assert "Declaration on neutrality" in focal_client.get(LIST).content.decode()
    assert "Declaration on neutrality" not in Client().get(LIST).content.decode()
    assert Client().get(doc.get_absolute_url()).status_code == 404


def test_list_query_count_does_not_grow(
    group, coordinator, coordinator_client, django_assert_max_num_queries
):
    """The list page costs a fixed number of queries, whatever the number of documents."""
    for n in range(6):
        make_document(group, actor=coordinator, slug=f"doc-{n}")
    with django_assert_max_num_queries(14):
        assert coordinator_client.get(LIST).status_code == 200


def test_detail_query_count(
    doc, coordinator, focal_point, coordinator_client, django_assert_max_num_queries
):
    """The document page stays within a fixed number of queries with proposals and comments."""
    for n in range(4):
        services.proposal_create(
            actor=focal_point,
            document=doc,
            base_version=latest(doc),
            paragraph="op1",
            action="replace",
            new_text=f"Wording {n}",
        )
        services.comment_add(actor=focal_point, version=latest(doc), paragraph="op2", text=f"c{n}")
    with django_assert_max_num_queries(24):
        body = coordinator_client.get(doc.get_absolute_url()).content.decode()
    assert "Wording 3" in body
    assert "c3" in body


def test_new_document_by_docx(group, coordinator_client):
    """The coordinator imports a zero draft from Word."""
    data = docx_bytes(
        [("Imported declaration", "Title"), ("Recalling,", None), ("agree.", "List Number")]
    )
    r = coordinator_client.post(
        LIST + "new/",
        {
            "kind": "declaration",
            "original_language": "en",
            "file": SimpleUploadedFile("d.docx", data),
        },
    )
    assert r.status_code == 302
    doc = OutcomeDocument.objects.get()
    assert doc.slug == "imported-declaration"


def test_new_document_refuses_a_bad_file(group, coordinator_client):
    """A file that is not Word: 400 and the reason shown; nothing written."""
    r = coordinator_client.post(
        LIST + "new/",
        {
            "kind": "declaration",
            "original_language": "en",
            "file": SimpleUploadedFile("d.docx", b"plain text"),
        },
    )
    assert r.status_code == 400
    assert "not a Word" in r.content.decode()
    assert not OutcomeDocument.objects.exists()


def test_focal_point_cannot_open_coordinator_pages(doc, focal_client):
    """Accept, silence and history pages are the coordinator's."""
    for page in ("accept/", "silence/", "history/"):
        assert focal_client.get(doc.get_absolute_url() + page).status_code == 403


def test_settle_on_access(doc, coordinator, focal_client):
    """A page read after an unbroken deadline shows the text adopted, without any task."""
    now = timezone.now() - datetime.timedelta(hours=100)
    services.silence_start(
        actor=coordinator,
        document=doc,
        version=latest(doc),
        deadline=now + datetime.timedelta(hours=80),
        now=now,
        notify=False,
    )
    body = focal_client.get(doc.get_absolute_url()).content.decode()
    assert "Adopted by silence procedure" in body


def test_history_page(doc, coordinator_client):
    """The coordinator reads the document's history."""
    body = coordinator_client.get(doc.get_absolute_url() + "history/").content.decode()
    assert "document.created" in body


def test_demo_loads_twice(db):
    """The demo declaration is adopted by consensus at the 2022 meeting, published and joined;
    the joint statement is under silence; loading again changes nothing."""
    from amity.documents import demo as documents_demo
    from amity.meetings import demo as meetings_demo
    from amity.members import demo as members_demo

    members_demo.load()
    meetings_demo.load()
    documents_demo.load()
    documents_demo.load()
    decl = OutcomeDocument.objects.get(slug="final-declaration-2022")
    assert decl.status == "adopted"
    assert decl.is_published
    assert decl.adoption.meeting.starts_at.date() == datetime.date(2022, 12, 10)
    assert decl.versions.count() == 2
    assert decl.joinings.count() >= 2
    statement = OutcomeDocument.objects.get(slug="joint-statement-neutrality-day")
    assert statement.status == "under_silence"
    assert statement.silences.get().deadline > timezone.now()
    assert "Demo wording" in Client().get(decl.get_absolute_url()).content.decode()


def test_demo_versions_are_dated_as_the_facts_allow(db):
    """The drafts of the 2022 declaration are dated at the meeting that adopted it (their own
    dates are not reported), not at the moment the demo was loaded."""
    from amity.documents import demo as documents_demo
    from amity.meetings import demo as meetings_demo
    from amity.members import demo as members_demo

    members_demo.load()
    meetings_demo.load()
    documents_demo.load()
    decl = OutcomeDocument.objects.get(slug="final-declaration-2022")
    meeting_start = decl.adoption.meeting.starts_at
    dates = [v.created_at for v in decl.versions.order_by("number")]
    assert dates
    assert all(d == meeting_start for d in dates)
    assert all(d <= decl.adoption.adopted_at for d in dates)
