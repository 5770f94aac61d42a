"""The public pages cached for anonymous readers (amity.core.cache): served from the cache
with one query, dropped as soon as the group's public content changes, never
shown to a signed-in user, one per language."""

import datetime

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from amity.core.actors import SYSTEM
from amity.meetings import services as meeting_services
from amity.meetings.tests.factories import convened_meeting
from amity.members import services as member_services
from amity.members.cache import group_public_version as public_version
from conftest import state

pytestmark = pytest.mark.django_db


def url(name, lang="en", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


def member_count(response):
    html = response.content.decode()
    start = html.index('data-testid="member-count">') + len('data-testid="member-count">')
    return int(html[start : html.index("<", start)])


def test_second_anonymous_visit_is_served_with_one_query(client, group, django_assert_num_queries):
    """The group page rendered for one anonymous reader is served to the next from the cache,
    identical, with one query (the group's public version) instead of a dozen."""
    page = url("members:group", slug=group.slug)
    first = client.get(page)
    assert first.status_code == 200
    with django_assert_num_queries(1):
        second = client.get(page)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Cookie" in second["Vary"]


def test_admitting_a_member_changes_the_cached_page_at_once(
    client, group, coordinator, django_capture_on_commit_callbacks
):
    """When the coordinator admits a state, the anonymous group page shows the new member
    count on the next request, not after the cache's time runs out."""
    page = url("members:group", slug=group.slug)
    assert member_count(client.get(page)) == 2
    assert member_count(client.get(page)) == 2  # from the cache
    with django_capture_on_commit_callbacks(execute=True):
        application = member_services.application_record(
            actor=coordinator,
            group=group,
            state=state("AUT"),
            note_reference="NV/2024/1",
            received_on=datetime.date(2024, 3, 1),
        )
        member_services.application_decide(
            actor=coordinator,
            application=application,
            admit=True,
            decided_on=datetime.date(2024, 3, 5),
        )
    assert member_count(client.get(page)) == 3


def test_the_version_is_the_groups_latest_audit_entry(group, coordinator):
    """Any service write about the group (each records an audit entry) changes its public
    version; a write about another group does not."""
    other = member_services.group_create(actor=SYSTEM, slug="other", names={"en": "Other"})
    before = public_version(group.pk)
    member_services.membership_add(
        actor=coordinator, group=group, state=state("AUT"), joined_on=datetime.date(2024, 1, 1)
    )
    after = public_version(group.pk)
    assert after > before
    member_services.membership_add(
        actor=SYSTEM, group=other, state=state("AUT"), joined_on=datetime.date(2024, 1, 1)
    )
    assert public_version(group.pk) == after


def test_signed_in_coordinator_never_gets_the_anonymous_page(client, coordinator_client, group):
    """A coordinator gets their own page (with the Manage link and a CSRF token), never the
    anonymous one from the cache, and their page is never given to an anonymous reader."""
    page = url("members:group", slug=group.slug)
    manage = url("members:manage", slug=group.slug)
    anonymous = client.get(page).content.decode()
    assert manage not in anonymous
    mine = coordinator_client.get(page).content.decode()
    assert f'href="{manage}"' in mine
    assert "X-CSRFToken" in mine
    again = client.get(page).content.decode()
    assert manage not in again
    assert again == anonymous


def test_anonymous_page_carries_no_csrf_token_and_sets_no_cookie(client, group):
    """The shared anonymous page holds no reader's CSRF token and sets no cookie."""
    page = url("members:group", slug=group.slug)
    for response in (client.get(page), client.get(page)):
        assert "X-CSRFToken" not in response.content.decode()
        assert "csrfmiddlewaretoken" not in response.content.decode()
        assert not response.cookies


@pytest.mark.parametrize("lang", ["fr", "ar", "zh-hans"])
def test_each_language_is_cached_apart(client, group, lang):
    """The English page in the cache is not served for another language: each has its own
    language, direction, group name and language switcher links."""
    english = client.get(url("members:group", slug=group.slug)).content.decode()
    client.get(url("members:group", lang, slug=group.slug))
    other = client.get(url("members:group", lang, slug=group.slug)).content.decode()
    assert other != english
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">' in other
    name = {"fr": "Groupe des Amis", "ar": "مجموعة أصدقاء الحياد", "zh-hans": "中立之友小组"}[lang]
    assert name in other
    for code in ("en", "fr", "es", "ru", "ar", "zh-hans"):
        tag = "zh-Hans" if code == "zh-hans" else code
        link = f'href="{url("members:group", code, slug=group.slug)}" lang="{tag}"'
        assert link in other
        assert link in english


def test_a_request_with_a_query_string_is_not_served_from_the_cache(
    client, group, django_assert_max_num_queries
):
    """Only the plain address is cached: a query string goes to the view (and is not kept)."""
    page = url("members:group", slug=group.slug)
    client.get(page)
    client.get(page + "?utm=x")
    with django_assert_max_num_queries(50) as captured:
        client.get(page + "?utm=x")
    assert len(captured) > 1


def test_pending_message_is_shown_not_a_cached_page(client, group):
    """A reader with a message waiting (in the messages cookie) sees that message, not the
    cached page, and the page with the message is not kept for others."""
    page = url("members:group", slug=group.slug)
    plain = client.get(page).content.decode()
    storage = CookieStorage(RequestFactory().get(page))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Saved for you.")])  # type: ignore[attr-defined]  # a private helper of Django, to forge the cookie
    assert "Saved for you." in client.get(page).content.decode()
    del client.cookies["messages"]
    assert client.get(page).content.decode() == plain


def test_meeting_made_members_only_leaves_the_public_at_once(client, group, coordinator):
    """A public meeting page cached for anonymous readers is gone the moment the coordinator
    makes the meeting members-only."""
    meeting = convened_meeting(group, actor=coordinator)
    page = url("meetings:detail", pk=meeting.pk)
    assert client.get(page).status_code == 200
    assert client.get(page).status_code == 200  # from the cache
    meeting_services.meeting_update(actor=coordinator, meeting=meeting, visibility="members")
    assert client.get(page).status_code == 404


def test_world_map_and_chart_are_cached_and_follow_membership(
    client, group, coordinator, django_assert_num_queries
):
    """The map and the chart are cached too (one query: the version), and shade a new member
    at once."""
    world_map = url("publishing:world_map", slug=group.slug)
    assert 'data-state="AUT"/>' in client.get(world_map).content.decode()
    with django_assert_num_queries(1):
        cached = client.get(world_map)
    assert cached["Cache-Control"] == "public, max-age=300"
    assert 'data-state="AUT"/>' in cached.content.decode()
    chart = url("members:chart", slug=group.slug)
    client.get(chart)
    with django_assert_num_queries(1):
        assert client.get(chart)["Content-Type"].startswith("image/svg+xml")
    member_services.membership_add(
        actor=coordinator, group=group, state=state("AUT"), joined_on=datetime.date(2024, 1, 1)
    )
    assert 'class="country member" data-state="AUT"' in client.get(world_map).content.decode()


def test_cache_turned_off_with_zero_seconds(client, group, settings, django_assert_max_num_queries):
    """AMITY_PUBLIC_PAGE_SECONDS = 0 turns the cache off: every visit renders the page."""
    settings.AMITY_PUBLIC_PAGE_SECONDS = 0
    page = url("members:group", slug=group.slug)
    client.get(page)
    with django_assert_max_num_queries(50) as captured:
        client.get(page)
    assert len(captured) > 1
