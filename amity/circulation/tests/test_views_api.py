"""Pages and API of language versions, circulation and renditions."""

from __future__ import annotations

import pytest

from amity.circulation import services
from amity.circulation.tests.factories import (
    FRENCH,
    adopted_document,
    circulated_document,
    latest,
    make_document,
)
from amity.documents.models import VersionText

pytestmark = pytest.mark.django_db


def test_editor_shows_arabic_right_to_left_and_memory_count(group, coordinator_client):
    """The Arabic editor's textareas are dir=rtl lang=ar; the page says how much the memory
    filled and that no machine translation is configured."""
    document = make_document(group)
    response = coordinator_client.get(
        f"/en/groups/{group.slug}/documents/{document.slug}/languages/ar/"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="op1" rows="4" lang="ar" dir="rtl"' in html
    assert "0 of 4 paragraphs pre-filled from memory" in html
    assert "No machine translation service is configured" in html
    zh = coordinator_client.get(f"/en/groups/{group.slug}/documents/{document.slug}/languages/zh/")
    assert 'lang="zh-Hans" dir="ltr"' in zh.content.decode()


def test_document_page_shows_six_language_statuses(group, coordinator_client):
    """The document page includes the six versions and their status at a glance."""
    document = make_document(group)
    html = coordinator_client.get(document.get_absolute_url()).content.decode()
    assert html.count('class="lang-') >= 6
    assert "Language versions" in html


def test_overview_costs_a_fixed_number_of_queries(
    group, coordinator_client, django_assert_max_num_queries
):
    """The languages and circulation page does not grow with languages or jobs."""
    document = adopted_document(group)
    url = f"/en/groups/{group.slug}/documents/{document.slug}/languages/"
    with django_assert_max_num_queries(25):
        assert coordinator_client.get(url).status_code == 200


def test_observer_cannot_save_a_translation(group, observer_client):
    """Observers without shared drafts cannot even see the editor."""
    document = make_document(group)
    response = observer_client.post(
        f"/en/groups/{group.slug}/documents/{document.slug}/languages/fr/", {"title": "x"}
    )
    assert response.status_code in (403, 404)


def test_api_reads_and_updates_translations(group, coordinator_client, focal_client):
    """GET lists six languages with status; PUT saves and marks final; a wrong paragraph count
    is a 400 naming the paragraph; a focal point gets 403."""
    document = make_document(group)
    version = latest(document)
    base = f"/api/v1/documents/{document.pk}/versions/{version.pk}/languages"
    rows = coordinator_client.get(base).json()
    assert [r["language"] for r in rows] == ["ar", "zh", "en", "fr", "ru", "es"]
    assert {r["language"]: r["status"] for r in rows}["en"] == "original"
    ok = coordinator_client.put(
        f"{base}/fr", {**FRENCH, "final": True}, content_type="application/json"
    )
    assert ok.status_code == 200
    assert ok.json()["status"] == "final"
    bad = coordinator_client.put(
        f"{base}/es", {**FRENCH, "operative": ["uno"]}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert "OP2" in bad.json()["fields"]["operative"]
    assert (
        focal_client.put(f"{base}/ru", FRENCH, content_type="application/json").status_code == 403
    )
    assert VersionText.objects.get(version=version, language="fr").status == "final"


def test_api_requests_and_downloads_a_rendition(
    group, coordinator, coordinator_client, django_capture_on_commit_callbacks
):
    """POST a rendition job (201), run it, then download the Akoma Ntoso file."""
    document = circulated_document(group, coordinator, french=False)
    with django_capture_on_commit_callbacks(execute=False):
        response = coordinator_client.post(
            f"/api/v1/documents/{document.pk}/renditions",
            {"kind": "akn", "language": "en"},
            content_type="application/json",
        )
    assert response.status_code == 201
    job_id = response.json()["id"]
    services.rendition_run(job_id=job_id)
    job = coordinator_client.get(f"/api/v1/documents/{document.pk}/renditions/{job_id}").json()
    assert job["status"] == "done"
    assert job["download"]
    file = coordinator_client.get(job["download"])
    assert b"akomaNtoso" in b"".join(file.streaming_content)
    bad = coordinator_client.post(
        f"/api/v1/documents/{document.pk}/renditions",
        {"kind": "pdf", "language": "ru"},
        content_type="application/json",
    )
    assert bad.status_code == 400


def test_save_and_mark_final_in_the_editor_saves_nothing_when_refused(group, coordinator_client):
    """The editor's "Save and mark final" with an empty paragraph answers with the reason and
    leaves the language version as it was: the new wording is not half-saved as a draft."""
    document = make_document(group)
    version = latest(document)
    url = f"/en/groups/{group.slug}/documents/{document.slug}/languages/fr/"
    fields = {
        "title": "Déclaration",
        "pp1": FRENCH["preamble"][0],
        "pp2": FRENCH["preamble"][1],
        "op1": FRENCH["operative"][0],
        "op2": "",
    }
    response = coordinator_client.post(url, {**fields, "action": "save", "then": "final"})
    assert response.status_code == 200
    assert "OP2" in response.content.decode()
    assert not VersionText.objects.filter(version=version, language="fr").exists()
    fields["op2"] = FRENCH["operative"][1]
    response = coordinator_client.post(url, {**fields, "action": "save", "then": "final"})
    assert response.status_code == 302
    assert VersionText.objects.get(version=version, language="fr").status == "final"


def test_a_package_job_is_the_coordinators_on_the_page_and_in_the_api(
    group,
    coordinator,
    coordinator_client,
    focal_client,
    make_user,
    django_capture_on_commit_callbacks,
):
    """One rule for rendition jobs, on the page and in the API: a package job is seen by the
    group's coordinator only (404 for a focal point, and not listed on the overview); a
    rendition of one language is seen by whoever reads the drafts (not a signed-in outsider,
    though the document is public). Whoever asked for a package and is no longer coordinator
    no longer sees it."""
    from django.test import Client

    from amity.circulation.models import RenditionJob
    from amity.members.models import GroupRole

    document = circulated_document(group, coordinator, french=False)
    former = make_user("former", group=group, role="coordinator", state_code="TKM")
    outsider = make_user("outsider")
    with django_capture_on_commit_callbacks(execute=False):
        package = services.rendition_request(actor=former, document=document, kind="package")
        pdf = services.rendition_request(
            actor=coordinator, document=document, kind="pdf", language="en"
        )
    GroupRole.objects.filter(user=former).delete()
    former_client, outsider_client = Client(), Client()
    former_client.force_login(former)
    outsider_client.force_login(outsider)
    page = f"/en/groups/{group.slug}/documents/{document.slug}/renditions/"
    api = f"/api/v1/documents/{document.pk}/renditions/"
    for job, who, client, seen in (
        (package, "coordinator", coordinator_client, True),
        (package, "focal point", focal_client, False),
        (package, "former requester", former_client, False),
        (pdf, "focal point", focal_client, True),
        (pdf, "signed-in outsider", outsider_client, False),
    ):
        expected = 200 if seen else 404
        assert client.get(f"{page}{job.pk}/").status_code == expected, (job.kind, who)
        assert client.get(f"{api}{job.pk}").status_code == expected, (job.kind, who)
    overview = focal_client.get(f"/en/groups/{group.slug}/documents/{document.slug}/languages/")
    listed = {j.pk for j in overview.context["jobs"]}
    assert listed == {pdf.pk}
    assert RenditionJob.objects.count() == 2


def test_editor_costs_the_same_queries_however_many_paragraphs_are_empty(
    group, coordinator, coordinator_client
):
    """The memory's close matches of every untranslated paragraph are read at once, not one
    query per paragraph (the page is rendered with its page cache off)."""
    from django.db import connection
    from django.test import override_settings
    from django.test.utils import CaptureQueriesContext

    from amity.circulation.tests.factories import translate_french

    translate_french(latest(adopted_document(group, slug="remembered")))
    small = make_document(group, slug="small")
    large = make_document(
        group,
        slug="large",
        operative=[
            f"<b>Decide</b> to meet {n} times a year at ministerial level;" for n in range(12)
        ],
    )
    counts = []
    for document in (small, large):
        url = f"/en/groups/{group.slug}/documents/{document.slug}/languages/fr/"
        with (
            override_settings(AMITY_PUBLIC_PAGE_SECONDS=0),
            CaptureQueriesContext(connection) as captured,
        ):
            response = coordinator_client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    assert "Close match" in response.content.decode()
    assert counts[0] == counts[1]
