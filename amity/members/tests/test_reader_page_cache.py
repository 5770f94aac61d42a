"""A signed-in reader's pages kept for that reader's session (amity.core.cache): served again
with the queries of who is asking and one for the site's version, never to another session or
account, and rendered again after any audited write anywhere or a change to the account."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from amity.core.actors import SYSTEM
from amity.members.audit import audit_record
from amity.members.models import Group

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("en"):
        return reverse(name, kwargs=kwargs)


def warm(client, page):
    """The first page sends the reader's CSRF secret; from the next, the page is kept."""
    client.get(page)
    return queries(client, page)


def queries(client, page, **headers):
    """The number of queries of one GET, and its answer."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page, **headers)
    assert response.status_code == 200
    return len(captured), response


def test_a_readers_page_is_kept_for_their_session(coordinator_client, coordinator, group):
    page = url("members:group", slug=group.slug)
    fresh_count, fresh = warm(coordinator_client, page)
    kept_count, kept = queries(coordinator_client, page)
    assert kept.content == fresh.content
    assert str(coordinator) in kept.content.decode()
    # Who is asking (session, user, their second factor) and the site's version; no page work.
    assert kept_count <= 5 < fresh_count


def test_another_reader_never_gets_it(coordinator_client, focal_client, coordinator, group):
    page = url("members:group", slug=group.slug)
    warm(coordinator_client, page)
    coordinator_page = coordinator_client.get(page).content.decode()
    focal_page = focal_client.get(page).content.decode()
    assert str(coordinator) in coordinator_page
    assert str(coordinator) not in focal_page
    # Another session of the same account is another reader too (another CSRF secret, another
    # session to sign out of).
    other = Client()
    other.force_login(coordinator)
    count, _response = warm(other, page)
    assert count > 5


def test_an_audited_write_anywhere_renders_it_again(coordinator_client, coordinator, group):
    page = url("members:group", slug=group.slug)
    warm(coordinator_client, page)
    assert queries(coordinator_client, page)[0] <= 5
    # Another group's: a member's page may show what comes from any group.
    _audit(Group.objects.create(slug="elsewhere", names={"en": "Elsewhere"}))
    assert queries(coordinator_client, page)[0] > 5


def _audit(group):
    audit_record(actor=SYSTEM, action="test.write", obj=group, group=group, data={})


def test_a_change_to_the_account_renders_it_again(coordinator_client, coordinator, group):
    page = url("members:group", slug=group.slug)
    warm(coordinator_client, page)
    assert queries(coordinator_client, page)[0] <= 5
    type(coordinator).objects.filter(pk=coordinator.pk).update(first_name="Renamed")
    assert queries(coordinator_client, page)[0] > 5


def test_an_htmx_request_is_not_the_page(coordinator_client, group):
    page = url("members:group", slug=group.slug)
    warm(coordinator_client, page)
    assert queries(coordinator_client, page)[0] <= 5
    assert queries(coordinator_client, page, HTTP_HX_REQUEST="true")[0] > 5


def test_members_pages_are_kept_per_reader_and_follow_writes(focal_client, focal_point, group):
    page = url("members:people", slug=group.slug)
    fresh_count, fresh = warm(focal_client, page)
    kept_count, kept = queries(focal_client, page)
    assert kept.content == fresh.content
    assert kept_count <= 5 < fresh_count
    _audit(group)
    assert queries(focal_client, page)[0] > 5
