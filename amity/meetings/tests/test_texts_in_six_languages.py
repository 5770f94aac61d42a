"""The venue's city, the reason of a cancellation and the titles of agenda documents and
statements are texts in six languages (issue 15): entered side by side, shown in the page's
language, else the original marked with its language and "original in …"."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from amity.accounts.services import api_token_create
from amity.core.actors import SYSTEM
from amity.meetings import services
from amity.meetings.models import AgendaDocument, Meeting, Statement
from amity.meetings.tests.factories import (
    add_items,
    convened_meeting,
    make_meeting,
    pdf_bytes,
    upload,
)
from amity.members.models import State

pytestmark = pytest.mark.django_db

CITY = {"en": "Ashgabat", "ru": "Ашхабад", "ar": "عشق آباد", "zh": "阿什哈巴德"}


def test_the_city_is_shown_in_the_page_language_or_marked_as_the_original(group):
    meeting = convened_meeting(group, venue_city=CITY)
    arabic = Client().get(f"/ar/meetings/{meeting.pk}/").content.decode()
    assert "<bdi>عشق آباد</bdi>" in arabic
    french = Client().get(f"/fr/meetings/{meeting.pk}/").content.decode()
    assert '<bdi lang="en" dir="ltr">Ashgabat</bdi>' in french
    assert "original en anglais" in french


def test_a_plain_city_is_the_text_of_the_meetings_original_language(group):
    meeting = make_meeting(group, venue_city="Ашхабад", original_language="ru")
    assert meeting.venue_city == {"ru": "Ашхабад"}
    meeting = services.meeting_update(actor=SYSTEM, meeting=meeting, venue_city=CITY)
    assert meeting.venue_city == CITY


def test_the_meeting_form_edits_the_city_side_by_side(group, coordinator_client):
    meeting = make_meeting(group, venue_city={"en": "Ashgabat"})
    page = coordinator_client.get(f"/en/meetings/{meeting.pk}/edit/").content.decode()
    assert 'name="venue_city_ar"' in page
    assert 'name="venue_city_zh"' in page
    assert 'name="venue_city"' not in page


def test_a_cancellation_gives_its_reason_in_six_languages(group, coordinator, coordinator_client):
    meeting = convened_meeting(group, actor=coordinator)
    page = coordinator_client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert 'name="reason_fr"' in page
    response = coordinator_client.post(
        f"/en/meetings/{meeting.pk}/cancel/",
        {"reason_en": "Postponed", "reason_fr": "Reportée", "reason_ar": ""},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.cancel_reason == {"en": "Postponed", "fr": "Reportée"}
    french = Client().get(f"/fr/meetings/{meeting.pk}/").content.decode()
    assert "<bdi>Reportée</bdi>" in french
    russian = Client().get(f"/ru/meetings/{meeting.pk}/").content.decode()
    assert '<bdi lang="en" dir="ltr">Postponed</bdi>' in russian


def test_a_plain_reason_is_the_meetings_original_language(group, coordinator):
    meeting = convened_meeting(group, actor=coordinator, original_language="fr")
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="Reportée")
    assert Meeting.objects.get(pk=meeting.pk).cancel_reason == {"fr": "Reportée"}


def test_an_agenda_documents_title_in_six_languages(group, coordinator, coordinator_client):
    meeting = make_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "Opening")
    page = coordinator_client.get(f"/en/meetings/{meeting.pk}/agenda/").content.decode()
    assert f'id="id_doc{item.pk}_title_ar"' in page
    response = coordinator_client.post(
        f"/en/meetings/{meeting.pk}/agenda/{item.pk}/documents/",
        {
            "title_en": "Concept note",
            "title_ru": "Концептуальная записка",
            "file": upload("note.pdf", pdf_bytes("Concept")),
        },
    )
    assert response.status_code == 302
    document = AgendaDocument.objects.get()
    assert document.title == {"en": "Concept note", "ru": "Концептуальная записка"}
    page = coordinator_client.get(f"/ru/meetings/{meeting.pk}/agenda/").content.decode()
    assert "<bdi>Концептуальная записка</bdi>" in page
    untitled = services.agenda_document_attach(
        actor=coordinator, item=item, file=upload("annex.pdf", pdf_bytes("Annex"))
    )
    assert untitled.title == {"en": "annex.pdf"}


def test_a_statements_title_is_marked_with_its_language(group, coordinator):
    meeting = convened_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "General debate")
    statement = services.statement_upload(
        actor=coordinator,
        meeting=meeting,
        agenda_item=item,
        state=State.objects.get(iso3="KAZ"),
        file=upload("s.pdf", pdf_bytes("We support")),
        original_language="ru",
        title="Заявление Казахстана",
    )
    assert Statement.objects.get(pk=statement.pk).title == {"ru": "Заявление Казахстана"}
    page = Client().get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert '<bdi lang="ru" dir="ltr">Заявление Казахстана</bdi>' in page
    assert "original in Russian" in page


def test_the_api_gives_the_city_and_the_reason_in_six_languages(group, coordinator):
    meeting = convened_meeting(group, actor=coordinator, venue_city=CITY)
    token = api_token_create(user=coordinator)[1]
    headers = {"Authorization": f"Bearer {token}"}
    client = Client()
    response = client.post(
        f"/api/v1/meetings/{meeting.pk}/cancel",
        json.dumps({"reason": {"en": "Postponed", "zh": "推迟"}}),
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["venue_city"] == CITY
    assert body["cancel_reason"] == {"en": "Postponed", "zh": "推迟"}


def test_the_meeting_form_proposes_the_memorys_translation_of_the_city(group, coordinator_client):
    """The side-by-side inputs offer the translation memory's exact match for a missing
    language, as the documents' translation editor does."""
    from amity.circulation import memory
    from amity.circulation.models import TMUnit

    source = memory.normalise("Ashgabat")
    TMUnit.objects.create(
        source_language="en",
        target_language="fr",
        source_text=source,
        source_hash=memory.digest(source),
        source_prefix=memory.prefix(source),
        length_bucket=memory.length_bucket(source),
        target_text="Achgabat",
    )
    meeting = make_meeting(group, venue_city={"en": "Ashgabat"})
    page = coordinator_client.get(f"/en/meetings/{meeting.pk}/edit/").content.decode()
    assert "Proposal from the translation memory: Achgabat" in page


def test_an_attached_documents_title_is_given_in_more_languages_later(
    group, coordinator, coordinator_client, focal_client
):
    meeting = make_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "Opening")
    document = services.agenda_document_attach(
        actor=coordinator, item=item, file=upload("note.pdf", pdf_bytes("Concept")), title="Note"
    )
    url = f"/en/meetings/{meeting.pk}/documents/{document.pk}/title/"
    assert focal_client.get(url).status_code in (403, 404)  # a draft: not even seen
    page = coordinator_client.get(url).content.decode()
    assert 'name="title_fr"' in page
    response = coordinator_client.post(url, {"title_en": "Note", "title_fr": "Note (fr)"})
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == {"en": "Note", "fr": "Note (fr)"}
    empty = coordinator_client.post(url, {"title_en": ""})
    assert empty.status_code == 400
    assert "at least one language" in empty.content.decode()


def test_a_statements_title_is_given_in_more_languages_after_its_upload(
    group, coordinator, coordinator_client, focal_point, focal_client, make_user
):
    """Who uploads a delegation's statement (its focal point, the coordinator) gives its title
    in the other languages afterwards, on the same page as an attached document's title;
    another delegation's focal point may not; the page links there."""
    meeting = convened_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "General debate")
    own = services.statement_upload(
        actor=focal_point,
        meeting=meeting,
        agenda_item=item,
        state=State.objects.get(iso3="KAZ"),
        file=upload("statement.txt", b"We support it."),
        original_language="ru",
        title={"ru": "Заявление Казахстана"},
    )
    url = f"/en/meetings/{meeting.pk}/statements/{own.pk}/title/"
    detail = focal_client.get(meeting.get_absolute_url()).content.decode()
    assert f'href="{url}"' in detail
    page = focal_client.get(url).content.decode()
    assert 'name="title_en"' in page
    assert "Заявление Казахстана" in page
    assert "original" in page  # the Russian input is marked as the original
    response = focal_client.post(
        url, {"title_ru": "Заявление Казахстана", "title_en": "Statement of Kazakhstan"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"/meetings/{meeting.pk}/#statements")
    own.refresh_from_db()
    assert own.title == {"ru": "Заявление Казахстана", "en": "Statement of Kazakhstan"}
    # The coordinator adds French; clearing every language names it by its delegation again.
    assert (
        coordinator_client.post(
            url, {"title_ru": "Заявление Казахстана", "title_fr": "Déclaration du Kazakhstan"}
        ).status_code
        == 302
    )
    own.refresh_from_db()
    assert own.title == {"ru": "Заявление Казахстана", "fr": "Déclaration du Kazakhstan"}
    # Another delegation's focal point: refused on the page and in the service.
    other = make_user("tkm", group=group, role="focal_point", state_code="TKM")
    other_client = Client()
    other_client.force_login(other)
    assert other_client.get(url).status_code == 403
    assert other_client.post(url, {"title_en": "Hijacked"}).status_code == 403
    assert f'href="{url}"' not in other_client.get(meeting.get_absolute_url()).content.decode()
    with pytest.raises(PermissionDenied):
        services.statement_retitle(actor=other, statement=own, title={"en": "Hijacked"})
    own.refresh_from_db()
    assert "Hijacked" not in own.title.values()
    # A cancelled meeting's statements keep their titles.
    services.meeting_cancel(actor=coordinator, meeting=meeting, reason="")
    refused = focal_client.post(url, {"title_en": "Too late"})
    assert refused.status_code == 400
    assert "cancelled" in refused.content.decode()
