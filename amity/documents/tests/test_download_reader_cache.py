"""A signed-in reader's rendition download kept for that reader's session (``core.cache``,
under the site's version): asked again, it costs who is asking and one version query, not the
decision of who reads which version; a draft is never served to another reader or the public,
and a new version or translation is downloaded at once."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from amity.circulation import services as circulation
from amity.core import edge
from amity.documents import services
from amity.documents.tests.factories import latest, make_document

pytestmark = pytest.mark.django_db

# Who is asking (session, user, their second factor) and the site's version.
KEPT = 5


def path(document, name: str = "en.akn.xml", lang: str = "en") -> str:
    return f"/{lang}/groups/{document.group.slug}/documents/{document.slug}/{name}"


def queries(client, page, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page, **headers)
    return len(captured), response


def warm(client, page):
    """The first answer sends the reader's CSRF secret (a page would): kept from the next."""
    client.get(f"/en/groups/{page.split('/')[3]}/documents/")
    return queries(client, page)


@pytest.fixture
def draft(group, coordinator):
    """A draft (not adopted) with a draft French translation."""
    document = make_document(group)
    translate_to_french(document, coordinator, agree="Conviennent")
    return document


def translate_to_french(document, coordinator, *, agree):
    """The French version of the latest text, its first operative paragraph opening with
    ``agree``."""
    circulation.translation_update(
        actor=coordinator,
        version=latest(document),
        language="fr",
        title="Déclaration sur la neutralité",
        preamble=["<i>Rappelant</i> la Charte,", "<i>Notant</i> les travaux,"],
        operative=[f"<b>{agree}</b> de se réunir ;", "<b>Décident</b> de se réunir ;"],
    )


def test_a_readers_draft_download_is_kept_for_them(draft, coordinator_client):
    page = path(draft, "fr.akn.xml")
    fresh_count, fresh = warm(coordinator_client, page)
    assert fresh.status_code == 200
    assert "-draft" in fresh["Content-Disposition"]
    kept_count, kept = queries(coordinator_client, page)
    assert kept.status_code == 200
    assert kept.content == fresh.content
    assert kept["Content-Disposition"] == fresh["Content-Disposition"]
    assert kept["ETag"] == fresh["ETag"]
    assert "private" in kept["Cache-Control"]
    assert kept_count <= KEPT < fresh_count
    # Marked for the edge as this reader's answer only, never as the public's.
    marker = edge._marker(kept["X-Amity-Keep"].encode())
    assert marker is not None
    assert marker.reader
    assert not marker.anyone


def test_a_draft_is_never_served_to_another_reader_or_the_public(
    draft, coordinator, coordinator_client, observer_client, client
):
    page = path(draft, "fr.akn.xml")
    warm(coordinator_client, page)
    assert queries(coordinator_client, page)[1].status_code == 200
    for _ in range(2):
        assert observer_client.get(page).status_code == 404
        assert client.get(page).status_code == 404
    # Not even with the coordinator's validator.
    etag = coordinator_client.get(page)["ETag"]
    assert client.get(page, HTTP_IF_NONE_MATCH=etag).status_code == 404
    # Another session of the same account is another reader.
    other = Client()
    other.force_login(coordinator)
    count, response = warm(other, page)
    assert response.status_code == 200
    assert count > KEPT


def test_a_new_translation_or_version_is_downloaded_at_once(draft, coordinator, coordinator_client):
    page = path(draft, "fr.akn.xml")
    _count, first = warm(coordinator_client, page)
    assert "Conviennent" in first.content.decode()
    translate_to_french(draft, coordinator, agree="Acceptent")
    count, second = queries(coordinator_client, page)
    assert count > KEPT
    assert "Acceptent" in second.content.decode()
    assert queries(coordinator_client, page)[0] <= KEPT
    original = path(draft, "en.akn.xml")
    warm(coordinator_client, original)
    services.version_create(
        actor=coordinator,
        document=draft,
        based_on_version=latest(draft),
        title="Declaration on neutrality",
        preamble=["<i>Recalling</i> the Charter,", "<i>Noting</i> the work,"],
        operative=["<b>Agree</b> to meet every year;"],
    )
    count, third = queries(coordinator_client, original)
    assert count > KEPT
    assert "every year" in third.content.decode()


def test_a_conditional_request_is_still_answered_304(draft, coordinator_client):
    page = path(draft, "fr.akn.xml")
    _count, first = warm(coordinator_client, page)
    queries(coordinator_client, page)
    not_modified = coordinator_client.get(page, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    assert not_modified.content == b""


def test_a_draft_is_kept_no_later_than_midnight(draft, coordinator_client, monkeypatch):
    """A text not adopted is dated the day it is rendered: the file changes at midnight with
    no write, so it is kept until then at most, and a validator of yesterday is not a 304."""
    from amity.documents import views

    until = []
    original = views.public_page_kept_until

    def spy(request, moment):
        until.append(moment)
        original(request, moment)

    monkeypatch.setattr(views, "public_page_kept_until", spy)
    page = path(draft, "fr.akn.xml")
    _count, first = warm(coordinator_client, page)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert until[-1] == timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    assert coordinator_client.get(page, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: tomorrow)
    next_day = coordinator_client.get(page, HTTP_IF_NONE_MATCH=first["ETag"])
    assert next_day.status_code == 200
    assert next_day["ETag"] != first["ETag"]
