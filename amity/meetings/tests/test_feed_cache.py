"""The calendar feeds answer conditional requests and keep their body in the cache, keyed on
what it depends on (group version, language, audience) and never on a reader's token."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils.http import http_date

from amity.meetings import ical, services
from amity.meetings.tests.factories import convened_meeting

pytestmark = pytest.mark.django_db

PUBLIC = "/calendar/neutrality.ics"


def _summaries(response) -> list[str]:
    return sorted(str(e["SUMMARY"]) for e in ical.parse(response.content).walk("VEVENT"))


def _private(user) -> str:
    return f"/calendar/neutrality/{user.calendar_token}.ics"


def test_public_feed_answers_304_until_a_write_changes_it(group, coordinator):
    meeting = convened_meeting(group, actor=coordinator, titles={"en": "First"})
    first = Client().get(PUBLIC)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('"')
    assert modified
    assert "Accept-Language" in first["Vary"]
    assert "Cookie" in first["Vary"]
    assert first["Cache-Control"] == "no-cache"

    again = Client().get(PUBLIC, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert Client().get(PUBLIC, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert Client().get(PUBLIC, HTTP_IF_NONE_MATCH='"other"').status_code == 200

    services.meeting_update(actor=coordinator, meeting=meeting, titles={"en": "Renamed"})
    changed = Client().get(PUBLIC, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert _summaries(changed) == ["Renamed"]
    # A date before the write's is no longer current either.
    assert Client().get(PUBLIC, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_cached_feed_costs_a_fixed_small_number_of_queries(
    group, coordinator, focal_point, django_assert_num_queries
):
    for hour in (9, 12, 15):
        convened_meeting(group, actor=coordinator, titles={"en": f"At {hour}"})
    convened_meeting(group, actor=coordinator, titles={"en": "Members"}, visibility="members")
    client = Client()
    assert client.get(PUBLIC).status_code == 200
    assert client.get(_private(focal_point)).status_code == 200
    # The group, the version; the body comes from the cache.
    with django_assert_num_queries(2):
        assert len(_summaries(client.get(PUBLIC))) == 3
    # The group, the token's user, the user's roles in the group, the group's version, and
    # for the copy core.edge keeps at the secret address: the account still active, the site's
    # version.
    with django_assert_num_queries(6):
        assert len(_summaries(client.get(_private(focal_point)))) == 4


def test_private_feed_is_keyed_on_the_role_never_the_token(
    group, coordinator, focal_point, outsider
):
    convened_meeting(group, actor=coordinator, titles={"en": "Public"})
    convened_meeting(group, actor=coordinator, titles={"en": "Members"}, visibility="members")
    participant = Client().get(_private(focal_point))
    assert _summaries(participant) == ["Members", "Public"]
    assert "private" in participant["Cache-Control"]
    # The outsider's private feed, and the public one, never get the participant's body,
    # nor a 304 for the participant's validator.
    outsider_feed = Client().get(_private(outsider), HTTP_IF_NONE_MATCH=participant["ETag"])
    assert outsider_feed.status_code == 200
    assert _summaries(outsider_feed) == ["Public"]
    public = Client().get(PUBLIC, HTTP_IF_NONE_MATCH=participant["ETag"])
    assert public.status_code == 200
    assert _summaries(public) == ["Public"]


@pytest.mark.parametrize("how", ["unknown", "deactivated", "new token"])
def test_revoked_or_unknown_token_stays_404_after_the_feed_was_cached(
    group, coordinator, focal_point, how
):
    convened_meeting(group, actor=coordinator, titles={"en": "Members"}, visibility="members")
    old = _private(focal_point)
    cached = Client().get(old)
    assert cached.status_code == 200
    if how == "unknown":
        path = "/calendar/neutrality/not-a-token.ics"
    elif how == "deactivated":
        focal_point.is_active = False
        focal_point.save(update_fields=["is_active"])
        path = old
    else:
        focal_point.calendar_token = "a-new-secret"
        focal_point.save(update_fields=["calendar_token"])
        path = old
    for validator in ("", cached["ETag"]):
        response = Client().get(path, headers={"if-none-match": validator} if validator else None)
        assert response.status_code == 404
        assert b"Members" not in response.content


def test_a_conditional_request_never_gets_another_languages_version(group, coordinator):
    convened_meeting(group, actor=coordinator, titles={"en": "Meeting"})
    english = Client().get(PUBLIC, HTTP_ACCEPT_LANGUAGE="en")
    arabic = Client().get(PUBLIC, HTTP_ACCEPT_LANGUAGE="ar", HTTP_IF_NONE_MATCH=english["ETag"])
    assert arabic.status_code == 200
    assert arabic["ETag"] != english["ETag"]
    assert ical.parse(english.content)["X-WR-CALNAME"] == "Group of Friends of Neutrality"
    assert ical.parse(arabic.content)["X-WR-CALNAME"] == "مجموعة أصدقاء الحياد"
    # Each language is then kept and validated on its own.
    again = Client().get(PUBLIC, HTTP_ACCEPT_LANGUAGE="ar", HTTP_IF_NONE_MATCH=arabic["ETag"])
    assert again.status_code == 304
    assert (
        ical.parse(Client().get(PUBLIC, HTTP_ACCEPT_LANGUAGE="ar").content)["X-WR-CALNAME"]
        == "مجموعة أصدقاء الحياد"
    )


def test_with_the_cache_off_the_feed_is_rendered_and_still_validated(group, coordinator, settings):
    settings.AMITY_PUBLIC_PAGE_SECONDS = 0
    meeting = convened_meeting(group, actor=coordinator, titles={"en": "First"})
    first = Client().get(PUBLIC)
    assert Client().get(PUBLIC, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    services.meeting_update(actor=coordinator, meeting=meeting, titles={"en": "Second"})
    assert _summaries(Client().get(PUBLIC)) == ["Second"]


def test_a_refused_private_feed_keeps_nothing_for_anyone(group, coordinator, focal_point):
    """An unknown token asked first, before any feed was kept: a 404 each time, nothing of it
    is kept (the cache is as before), and the feeds asked next are the readers' own."""
    from django.core.cache import cache

    convened_meeting(group, actor=coordinator, titles={"en": "Members"}, visibility="members")
    cache.clear()
    for _ in range(2):
        refused = Client().get("/calendar/neutrality/not-a-token.ics")
        assert refused.status_code == 404
        assert "ETag" not in refused
    kept = getattr(cache, "_cache", None)
    if isinstance(kept, dict):  # local memory (embedded): nothing at all was kept
        assert not [k for k in kept if "feed:" in k]
    assert _summaries(Client().get(PUBLIC)) == []
    assert _summaries(Client().get(_private(focal_point))) == ["Members"]
    assert Client().get("/calendar/neutrality/not-a-token.ics").status_code == 404
