"""The documents API: reads as permissions allow, writes, and errors."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from amity.documents import services
from amity.documents.tests.factories import latest, make_document


@pytest.fixture
def doc(group, coordinator):
    return make_document(group, actor=coordinator)


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_public_sees_no_drafts(doc):
    """The public lists nothing and gets 404 for a draft."""
    client = Client()
    assert client.get("/api/v1/groups/neutrality/documents").json() == []
    assert client.get(f"/api/v1/documents/{doc.pk}").status_code == 404


def test_member_reads_document_versions_and_comparison(doc, coordinator, focal_client):
    """A focal point reads the document, a version's texts and the comparison."""
    zero = latest(doc)
    rev1 = services.version_create(
        actor=coordinator,
        document=doc,
        based_on_version=zero,
        title="Declaration on neutrality",
        preamble=[],
        operative=["<b>Agree</b> to meet every three months;"],
    )
    body = focal_client.get(f"/api/v1/documents/{doc.pk}").json()
    assert [v["label"] for v in body["versions"]] == ["Zero draft", "Rev.1"]
    assert body["proposals"] == []
    v = focal_client.get(f"/api/v1/documents/{doc.pk}/versions/{rev1.pk}").json()
    assert v["texts"][0]["status"] == "original"
    cmp = focal_client.get(f"/api/v1/documents/{doc.pk}/compare?old={zero.pk}&new={rev1.pk}").json()
    assert (
        "<ins>three months</ins>" in cmp["operative"][0]["html"]
        or "<ins>" in cmp["operative"][0]["html"]
    )


def test_propose_decide_silence_break_flow(doc, coordinator_client, focal_client):
    """Propose (201), accept into Rev.1 (201), start silence (201), break (201); errors:
    stale revision 409, breaking twice 409."""
    zero = latest(doc)
    r = post(
        focal_client,
        f"/api/v1/documents/{doc.pk}/proposals",
        {
            "base_version": zero.pk,
            "paragraph": "OP1",
            "action": "replace",
            "new_text": "Agree to meet every three months;",
        },
    )
    assert r.status_code == 201, r.content
    pid = r.json()["id"]
    r = post(
        coordinator_client,
        f"/api/v1/documents/{doc.pk}/revisions",
        {"based_on_version": zero.pk, "decisions": [{"proposal_id": pid, "outcome": "accept"}]},
    )
    assert r.status_code == 201
    assert r.json()["label"] == "Rev.1"
    r = post(
        coordinator_client,
        f"/api/v1/documents/{doc.pk}/revisions",
        {"based_on_version": zero.pk, "decisions": [{"proposal_id": pid, "outcome": "accept"}]},
    )
    assert r.status_code == 409
    deadline = (timezone.now() + datetime.timedelta(days=4)).isoformat()
    r = post(coordinator_client, f"/api/v1/documents/{doc.pk}/silence", {"deadline": deadline})
    assert r.status_code == 201, r.content
    r = post(
        focal_client, f"/api/v1/documents/{doc.pk}/silence/break", {"reason": "OP1 needs work"}
    )
    assert r.status_code == 201
    assert r.json()["state"] == "KAZ"
    r = post(focal_client, f"/api/v1/documents/{doc.pk}/silence/break", {"reason": "again"})
    assert r.status_code == 409


def test_errors(doc, coordinator_client, focal_client, observer_client):
    """Short silence 400 with the field; a focal point creating a version 403; anonymous
    writes 401; an observer without sharing 404."""
    zero = latest(doc)
    r = post(
        coordinator_client,
        f"/api/v1/documents/{doc.pk}/silence",
        {"deadline": (timezone.now() + datetime.timedelta(hours=10)).isoformat()},
    )
    assert r.status_code == 400
    assert "deadline" in r.json()["fields"]
    r = post(
        focal_client,
        f"/api/v1/documents/{doc.pk}/versions",
        {"based_on_version": zero.pk, "title": "x", "operative": ["y"]},
    )
    assert r.status_code == 403
    assert post(
        Client(),
        f"/api/v1/documents/{doc.pk}/proposals",
        {"base_version": zero.pk, "paragraph": "op1", "action": "delete"},
    ).status_code in (401, 404)
    assert observer_client.get(f"/api/v1/documents/{doc.pk}").status_code == 404


def test_create_document_and_join_after_adoption(
    group, coordinator_client, focal_client, coordinator
):
    """The coordinator creates a document; once adopted and published, a focal point joins
    and the public sees the joining state."""
    r = post(
        coordinator_client,
        "/api/v1/groups/neutrality/documents",
        {
            "kind": "communique",
            "title": "Communiqué",
            "operative": ["Met."],
            "slug": "communique-1",
        },
    )
    assert r.status_code == 201, r.content
    doc_id = r.json()["id"]
    assert post(focal_client, f"/api/v1/documents/{doc_id}/joinings", {}).status_code == 409
    from amity.documents.models import OutcomeDocument
    from amity.meetings.tests.factories import make_meeting

    doc = OutcomeDocument.objects.get(pk=doc_id)
    meeting = make_meeting(
        group,
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    services.document_adopt_consensus(actor=coordinator, document=doc, meeting=meeting)
    services.document_publish(actor=coordinator, document=doc)
    r = post(focal_client, f"/api/v1/documents/{doc_id}/joinings", {})
    assert r.status_code == 201
    assert r.json()["state"] == "KAZ"
    public = Client().get(f"/api/v1/documents/{doc_id}").json()
    assert [j["state"] for j in public["joinings"]] == ["KAZ"]
    assert public["proposals"] is None
    assert (
        post(
            focal_client,
            f"/api/v1/documents/{doc_id}/proposals",
            {"base_version": public["versions"][0]["id"], "paragraph": "op1", "action": "delete"},
        ).status_code
        == 409
    )
