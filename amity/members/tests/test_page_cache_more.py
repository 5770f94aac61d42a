"""The rows issue 17 found slow, kept like the group and meeting pages: the member list and the
members on a date (anonymous, kept per query string), the document page (anonymous), the sitemap
(validators, kept per site address) and rendition downloads (validators, kept per version,
language, format and draft). Each is served from the cache with a fixed small number of
queries, dropped by the write that changes it, never another reader's version."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone, translation

from amity.circulation.tests.factories import adopted_document
from amity.core.actors import SYSTEM
from amity.documents import selectors as document_selectors
from amity.documents import services as document_services
from amity.meetings import services as meeting_services
from amity.meetings.tests.factories import convened_meeting
from amity.members import services as member_services
from conftest import state

pytestmark = pytest.mark.django_db


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


# --- the member list ------------------------------------------------------------------------


def test_member_list_is_kept_per_query_string_and_follows_membership(
    client, group, coordinator, django_assert_num_queries, django_assert_max_num_queries
):
    page = url("members:members", slug=group.slug)
    today = client.get(page)
    assert today.status_code == 200
    with django_assert_num_queries(1):  # the group's version
        assert client.get(page).content == today.content
    on_date = page + "?on=2020-08-30"
    before_kazakhstan = client.get(on_date).content.decode()
    with django_assert_num_queries(1):
        assert client.get(on_date).content.decode() == before_kazakhstan
    assert "Kazakhstan" in today.content.decode()
    assert "Kazakhstan" not in before_kazakhstan.split("<main", 1)[1].split("</table>", 1)[0]
    # A parameter the page is not kept with is rendered each time.
    with django_assert_max_num_queries(50) as captured:
        client.get(page + "?on=2020-08-30&utm=x")
    assert len(captured) > 1
    with django_assert_max_num_queries(50) as captured:
        client.get(page + "?on=2020-08-30&on=2021-01-01")
    assert len(captured) > 1
    member_services.membership_add(
        actor=coordinator, group=group, state=state("AUT"), joined_on=datetime.date(2024, 1, 1)
    )
    assert "Austria" in client.get(page).content.decode()


def test_member_list_in_arabic_is_kept_apart(client, group):
    english = client.get(url("members:members", slug=group.slug))
    arabic = client.get(url("members:members", lang="ar", slug=group.slug))
    assert 'lang="ar"' in arabic.content.decode()
    assert client.get(url("members:members", lang="ar", slug=group.slug)).content == arabic.content
    assert client.get(url("members:members", slug=group.slug)).content == english.content


def test_member_list_signed_in_is_never_the_kept_page(client, coordinator_client, group):
    page = url("members:members", slug=group.slug)
    anonymous = client.get(page).content.decode()
    assert "X-CSRFToken" not in anonymous
    mine = coordinator_client.get(page).content.decode()
    assert "X-CSRFToken" in mine
    assert client.get(page).content.decode() == anonymous


# --- the document page ----------------------------------------------------------------------


@pytest.fixture
def published(group, coordinator):
    document = adopted_document(group)
    document_services.document_publish(actor=coordinator, document=document)
    return document


def test_document_page_is_kept_for_the_public_and_follows_writes(
    client, published, coordinator, django_assert_num_queries
):
    page = published.get_absolute_url()
    first = client.get(page)
    assert first.status_code == 200
    with django_assert_num_queries(1):
        assert client.get(page).content == first.content
    lines = client.get(page + "?lines=1")
    assert lines.content != first.content
    with django_assert_num_queries(1):
        assert client.get(page + "?lines=1").content == lines.content
    document_services.document_join(actor=SYSTEM, document=published, state=state("KAZ"))
    joined = client.get(page)
    assert joined.content != first.content
    assert "Kazakhstan" in joined.content.decode()


def test_document_page_under_silence_is_kept_until_its_deadline(
    client, published, monkeypatch, django_assert_max_num_queries
):
    """While a silence procedure of the document runs, its deadline changes the page with no
    write: the page is kept no longer than until the deadline, and not at all within the last
    second before it."""
    deadline = {"at": timezone.now() + datetime.timedelta(hours=1)}
    monkeypatch.setattr(document_selectors, "silence_deadline", lambda **_scope: deadline["at"])
    page = published.get_absolute_url()
    client.get(page)
    with django_assert_max_num_queries(1):
        assert client.get(page).status_code == 200
    cache.clear()
    deadline["at"] = timezone.now() + datetime.timedelta(milliseconds=500)
    client.get(page)
    with django_assert_max_num_queries(50) as captured:
        assert client.get(page).status_code == 200
    assert len(captured) > 1


# --- the sitemap ----------------------------------------------------------------------------


def test_sitemap_is_validated_kept_and_follows_writes(
    client, group, coordinator, settings, django_assert_num_queries
):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "other.example.org"]
    first = client.get("/sitemap.xml")
    assert first.status_code == 200
    assert first["ETag"]
    with django_assert_num_queries(1):  # the site's version
        assert client.get("/sitemap.xml").content == first.content
    assert client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    meeting = convened_meeting(group, actor=coordinator)
    changed = client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert f"/meetings/{meeting.pk}/" in changed.content.decode()
    meeting_services.meeting_update(actor=coordinator, meeting=meeting, visibility="members")
    assert f"/meetings/{meeting.pk}/" not in client.get("/sitemap.xml").content.decode()
    # Another page of the map is its own (here, past the last page: a 404, kept nowhere).
    assert client.get("/sitemap.xml?p=2").status_code == 404
    assert client.get("/sitemap.xml").status_code == 200
    # Another site address gets its own map, not this one's links.
    other = client.get(
        "/sitemap.xml", HTTP_HOST="other.example.org", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert other.status_code == 200
    assert "other.example.org" in other.content.decode()


# --- rendition downloads --------------------------------------------------------------------


def _base(document) -> str:
    return f"/{{lang}}/groups/{document.group.slug}/documents/{document.slug}/"


def test_download_answers_304_until_a_write_changes_it(
    client, published, coordinator, django_assert_max_num_queries
):
    path = _base(published).format(lang="en") + "en.akn.xml"
    first = client.get(path)
    assert first.status_code == 200
    assert first["Cache-Control"] == "no-cache"
    etag = first["ETag"]
    # Who reads which version, the version, and how long a running silence lets it be kept.
    with django_assert_max_num_queries(7):
        kept = client.get(path)
    assert kept.content == first.content
    assert kept["Content-Disposition"] == first["Content-Disposition"]
    not_modified = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    document_services.document_join(actor=SYSTEM, document=published, state=state("KAZ"))
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_a_conditional_download_never_gets_another_readers_version(
    client, group, coordinator, coordinator_client
):
    """The coordinator's draft (of an unpublished document) stays a 404 for the public, with
    or without the coordinator's validator; another page language is its own variant."""
    document = adopted_document(group)
    path = _base(document).format(lang="en") + "en.akn.xml"
    draft = coordinator_client.get(path)
    assert draft.status_code == 200
    assert "private" in draft["Cache-Control"]
    assert "-draft" in draft["Content-Disposition"]
    for validator in (None, draft["ETag"]):
        headers = {"if-none-match": validator} if validator else None
        assert client.get(path, headers=headers).status_code == 404
    document_services.document_publish(actor=coordinator, document=document)
    public = client.get(path, HTTP_IF_NONE_MATCH=draft["ETag"])
    assert public.status_code == 200
    assert "-draft" not in public["Content-Disposition"]
    arabic = client.get(
        _base(document).format(lang="ar") + "en.akn.xml", HTTP_IF_NONE_MATCH=public["ETag"]
    )
    assert arabic.status_code == 200
    assert arabic["ETag"] != public["ETag"]
