"""Kept answers served before Django (``core.edge``): through the real ASGI application, with
the lookups in the edge's own thread and connection (hence committed data: transaction tests)."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from amity.core import edge
from amity.core.actors import SYSTEM
from amity.core.edge import KeptAnswers
from amity.core.tests.edge_client import (
    ask,
    kept_answers,
    kept_answers_app,
    signed_in,
    until_kept,
)
from amity.members.audit import audit_record
from amity.members.models import Group

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def app() -> Iterator[Any]:
    yield from kept_answers_app()


@pytest.fixture
def group() -> Group:
    return Group.objects.create(
        slug="edge", names={"en": "Group of Friends of the Edge"}, original_language="en"
    )


def test_a_public_page_is_answered_by_the_edge_until_a_write_changes_its_group(
    app: Any, group: Group, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="amity.request")
    status, headers, first = ask(app, "/en/groups/edge/")
    assert status == 200
    assert b"x-amity-keep" not in headers  # the marker never leaves the server
    assert kept_answers(caplog) == 0

    status, headers, again = ask(app, "/en/groups/edge/")
    assert (status, again) == (200, first)
    assert kept_answers(caplog) == 1
    assert headers[b"content-type"].startswith(b"text/html")
    assert b"content-security-policy" in headers  # what the outer middleware added is kept
    assert b"x-amity-keep" not in headers
    ids = [getattr(r, "request_id", "") for r in caplog.records if r.getMessage() == "request"]
    assert len(set(ids)) == 2
    assert headers[b"x-request-id"].decode() == ids[-1]

    # A write to the group (every service records an audit entry) makes the kept page stale.
    Group.objects.filter(pk=group.pk).update(names={"en": "Group of Friends of the Renamed"})
    audit_record(actor=SYSTEM, action="group.edit", obj=group, group=group, data={})
    status, _headers, fresh = ask(app, "/en/groups/edge/")
    assert status == 200
    assert b"Renamed" in fresh
    assert kept_answers(caplog) == 1
    ask(app, "/en/groups/edge/")
    assert kept_answers(caplog) == 2


def test_a_reader_with_a_cookie_or_credentials_always_goes_to_django(
    app: Any, group: Group, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="amity.request")
    ask(app, "/en/groups/edge/")
    for header in ((b"cookie", b"sessionid=whatever"), (b"authorization", b"Bearer x")):
        status, headers, _body = ask(app, "/en/groups/edge/", header)
        assert status == 200
        assert b"x-amity-keep" not in headers
    status, _headers, _body = ask(app, "/en/groups/edge/", method="HEAD")
    assert kept_answers(caplog) == 0


def test_answers_are_kept_per_address_and_language(
    app: Any, group: Group, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="amity.request")
    english = (b"accept-language", b"en")
    arabic = (b"accept-language", b"ar")
    _s, _h, in_english = ask(app, "/calendar/edge.ics", english)
    _s, _h, in_arabic = ask(app, "/calendar/edge.ics", arabic)
    assert kept_answers(caplog) == 0  # the Arabic feed was not the English one's kept answer
    assert ask(app, "/calendar/edge.ics", arabic)[2] == in_arabic
    assert ask(app, "/calendar/edge.ics", english)[2] == in_english
    assert kept_answers(caplog) == 2
    other_host = ask(app, "/calendar/edge.ics", english, (b"x-forwarded-host", b"elsewhere"))
    assert other_host[0] in (200, 400)
    assert kept_answers(caplog) == 2


def test_a_kept_feed_answers_a_matching_conditional_request_with_304(
    app: Any, group: Group, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="amity.request")
    status, headers, body = ask(app, "/calendar/edge.ics")
    assert status == 200
    assert body.startswith(b"BEGIN:VCALENDAR")
    etag = headers[b"etag"]
    status, headers, body = ask(app, "/calendar/edge.ics", (b"if-none-match", etag))
    assert (status, body) == (304, b"")
    assert headers[b"etag"] == etag
    assert b"content-type" not in headers
    assert kept_answers(caplog) == 1
    status, _headers, body = ask(app, "/calendar/edge.ics", (b"if-none-match", b'"other"'))
    assert status == 200
    assert body.startswith(b"BEGIN:VCALENDAR")


def test_unknown_private_calendar_tokens_stay_404_and_nothing_is_kept(
    app: Any, group: Group, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="amity.request")
    for _ in range(2):
        assert ask(app, "/calendar/edge/not-a-token.ics")[0] == 404
    assert kept_answers(caplog) == 0


def test_a_private_calendar_is_kept_at_its_address_while_its_account_opens_it(
    app: Any, group: Group, make_user: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="amity.request")
    reader = make_user("reader", group=group, role="focal_point", state_code="KAZ")
    address = f"/calendar/edge/{reader.calendar_token}.ics"
    status, headers, body = ask(app, address)
    assert status == 200
    assert headers[b"cache-control"] == b"private, no-cache"
    assert ask(app, address)[2] == body
    assert kept_answers(caplog) == 1
    # Another address (another reader's secret) is never this one's answer.
    assert ask(app, address.replace(".ics", "x.ics"))[0] == 404
    # The account closed in the admin (no audited write): its address stops answering at once.
    type(reader).objects.filter(pk=reader.pk).update(is_active=False)
    assert ask(app, address)[0] == 404
    assert kept_answers(caplog) == 1


def _marked_app(extra: list[tuple[bytes, bytes]]) -> Any:
    """An inner application whose answer is marked keepable, with ``extra`` headers."""
    calls: list[str] = []

    async def inner(scope: dict[str, Any], receive: Any, send: Any) -> None:
        calls.append(scope["path"])
        # Group 0 has no audit entry: its version is 0.
        headers = [
            (b"X-Amity-Keep", b"group 0 0 60 public"),
            (b"content-type", b"text/plain"),
            *extra,
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b"answer"})

    app = KeptAnswers(inner)
    app.calls = calls  # type: ignore[attr-defined]
    return app


@pytest.mark.parametrize(
    ("extra", "kept"),
    [
        ([], True),
        ([(b"vary", b"Cookie, Accept-Language")], True),
        ([(b"set-cookie", b"csrftoken=x")], False),
        ([(b"vary", b"User-Agent")], False),
    ],
)
def test_only_a_marked_answer_without_cookies_or_unknown_vary_is_kept(
    extra: list[tuple[bytes, bytes]], kept: bool
) -> None:
    cache.clear()
    app = _marked_app(extra)
    for _ in range(2):
        status, headers, body = ask(app, "/anything")
        assert (status, body) == (200, b"answer")
        assert b"x-amity-keep" not in headers
    assert len(app.calls) == (1 if kept else 2)


def test_a_public_feed_is_the_same_for_a_signed_in_reader_a_page_is_not(
    app: Any, group: Group, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="amity.request")
    english = (b"accept-language", b"en")
    _status, _headers, feed = ask(app, "/calendar/edge.ics", english)
    ask(app, "/en/groups/edge/")
    session = (b"cookie", b"sessionid=whatever; csrftoken=secret")
    assert ask(app, "/calendar/edge.ics", english, session)[2] == feed
    assert kept_answers(caplog) == 1
    # The language chosen by cookie is part of what the feed depends on.
    chosen = (b"cookie", b"sessionid=whatever; django_language=ar")
    assert ask(app, "/calendar/edge.ics", english, chosen)[0] == 200
    assert kept_answers(caplog) == 1
    # A page is kept for readers without cookies only.
    status, headers, _page = ask(app, "/en/groups/edge/", session)
    assert status == 200
    assert b"x-amity-keep" not in headers
    assert kept_answers(caplog) == 1


def test_a_signed_in_readers_page_is_kept_for_their_session_only(
    app: Any, group: Group, make_user: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="amity.request")
    reader = make_user("reader", group=group, role="focal_point", state_code="KAZ")
    other = make_user("other", group=group, role="focal_point", state_code="TKM")
    mine, theirs = signed_in(reader), signed_in(other)
    until_kept(app, "/en/groups/edge/", caplog, mine)
    served = [r for r in caplog.records if getattr(r, "kept", False)]
    assert served[-1].user == reader.pk  # type: ignore[attr-defined]
    # Another session is never this one's answer: rendered for it by Django, then kept for it.
    count = kept_answers(caplog)
    assert ask(app, "/en/groups/edge/", theirs)[0] == 200
    assert kept_answers(caplog) == count
    until_kept(app, "/en/groups/edge/", caplog, theirs)
    # A cookie the edge does not know of (a message, a time-zone choice): Django answers.
    count = kept_answers(caplog)
    assert ask(app, "/en/groups/edge/", signed_in(reader, b"messages=x"))[0] == 200
    assert ask(app, "/en/groups/edge/", mine, (b"cookie", b"messages=x"))[0] == 200  # split
    assert kept_answers(caplog) == count
    # An audited write anywhere (the reader's page is kept under the whole site's version).
    audit_record(actor=SYSTEM, action="group.edit", obj=group, group=group, data={})
    assert ask(app, "/en/groups/edge/", mine)[0] == 200
    assert kept_answers(caplog) == count
    assert until_kept(app, "/en/groups/edge/", caplog, mine)
    # The account changed in the admin (no audited write): rendered again.
    count = kept_answers(caplog)
    type(reader).objects.filter(pk=reader.pk).update(first_name="Renamed")
    assert ask(app, "/en/groups/edge/", mine)[0] == 200
    assert kept_answers(caplog) == count  # what was kept before the change is not served


def test_a_signed_out_or_closed_session_is_never_served_its_kept_page(
    app: Any, group: Group, make_user: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from django.contrib.sessions.models import Session

    caplog.set_level(logging.INFO, logger="amity.request")
    reader = make_user("reader", group=group, role="focal_point", state_code="KAZ")
    mine = signed_in(reader)
    page = until_kept(app, "/en/groups/edge/", caplog, mine)
    assert b"reader" in page  # the signed-in reader's own page (their name in the menu)
    count = kept_answers(caplog)
    # Signed out: the session is gone; the same cookies now read as an anonymous reader.
    Session.objects.all().delete()
    status, _headers, anonymous = ask(app, "/en/groups/edge/", mine)
    assert status == 200
    assert b"reader" not in anonymous
    assert kept_answers(caplog) == count
    # A closed account or a changed password: Django's get_user refuses the session.
    mine = signed_in(reader)
    until_kept(app, "/en/groups/edge/", caplog, mine)
    count = kept_answers(caplog)
    reader.set_password("another-long-password")
    reader.save()
    assert b"reader" not in ask(app, "/en/groups/edge/", mine)[2]
    assert kept_answers(caplog) == count


def test_a_marker_for_a_reader_says_whose() -> None:
    marker = edge.keep_marker(kind="site", scope=0, version=3, seconds=60, reader="abc")
    parsed = edge._marker(marker.encode())
    assert parsed is not None
    assert (parsed.reader, parsed.anyone, parsed.group) == ("abc", False, "")
    assert edge._marker(b"site 0 3 60 reader") is None  # a reader's answer names its digest
    assert edge._marker(b"group 0 0 60 public") == edge._marker(b"group 0 0 60 public - -")


def test_an_answer_marked_with_the_clock_is_kept_without_it_and_given_a_fresh_one() -> None:
    marker = edge.keep_marker(kind="group", scope=0, version=0, seconds=60, clock=True)
    parsed = edge._marker(marker.encode())
    assert parsed is not None
    assert parsed.clock
    assert edge._marker(b"group 0 0 60 public - - later") is None  # an unknown flag

    def clocked(body: bytes) -> Any:
        calls: list[str] = []

        async def inner(scope: dict[str, Any], receive: Any, send: Any) -> None:
            calls.append(scope["path"])
            headers = [(b"X-Amity-Keep", marker.encode()), (b"content-length", b"%d" % len(body))]
            await send({"type": "http.response.start", "status": 200, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        app = KeptAnswers(inner)
        app.calls = calls  # type: ignore[attr-defined]
        return app

    cache.clear()
    app = clocked(b'{"state":1,"server_time":1000}')
    assert ask(app, "/clocked")[2] == b'{"state":1,"server_time":1000}'
    _status, headers, body = ask(app, "/clocked")
    assert len(app.calls) == 1
    assert body.startswith(b'{"state":1,"server_time":')
    assert int(body[len(b'{"state":1,"server_time":') : -1]) > 1000
    assert int(headers[b"content-length"]) == len(body)
    # An answer marked so whose clock is not where it is said to be: not kept.
    cache.clear()
    app = clocked(b'{"server_time":1000,"state":1}')
    for _ in range(2):
        ask(app, "/clocked-elsewhere")
    assert len(app.calls) == 2


def test_a_signed_in_readers_kept_page_costs_three_queries_at_the_edge(
    app: Any,
    group: Group,
    make_user: Any,
    caplog: pytest.LogCaptureFixture,
    django_assert_num_queries: Any,
) -> None:
    """The version, the session, the user: what ``_lookup_for_reader`` reads."""
    caplog.set_level(logging.INFO, logger="amity.request")
    reader = make_user("reader", group=group, role="focal_point", state_code="KAZ")
    cookie = signed_in(reader)
    until_kept(app, "/en/groups/edge/", caplog, cookie)
    headers = [(b"host", b"testserver"), cookie]
    scope: dict[str, Any] = {"scheme": "http", "path": "/en/groups/edge/", "headers": headers}
    cookies = edge._cookies(scope)
    session = edge._reader_cookies(cookies)
    assert session is not None
    key = edge._key(scope, dict(headers), cookies, session)
    with django_assert_num_queries(3):
        found = edge._lookup_for_reader(key, session[0].decode())
    assert found is not None
    assert found[1] == reader.pk
