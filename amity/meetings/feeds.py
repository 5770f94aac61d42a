"""The group's iCalendar feeds: public meetings for everyone, and a private URL per user (the
secret is the user's ``calendar_token``) that adds the members-only meetings.

Calendar programs poll these from every delegation, so they are answered with an ETag and a
Last-Modified taken from the group's content version (``amity.members.cache``) and a 304 when the
client already holds the current one; the body is kept in the cache under what it depends on —
the group, the active language (the calendar's name) and what the reader may see (public
meetings, or members' meetings too) — never under a token. An unknown or revoked token is a 404
before anything is read from or written to the cache.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language

from amity.accounts import selectors as account_selectors
from amity.core.cache import cached_feed
from amity.core.languages import translated
from amity.meetings import ical, selectors
from amity.members import permissions
from amity.members import selectors as member_selectors
from amity.members.cache import group_public_version_at, site_public_version
from amity.members.models import Group


def calendar_reader_version(user_id: int) -> int:
    """A private feed's content version for ``core.edge``, which keeps it under its secret
    address: the whole site's (the reader's roles and the meetings are audited writes, in any
    group), or -1 once the account no longer opens it (inactive, or gone)."""
    if not account_selectors.user_is_active(user_id):
        return -1
    return site_public_version()


def _response(
    request: HttpRequest,
    group: Group,
    *,
    include_members_only: bool,
    reader: int | None,
) -> HttpResponse:
    # The versions first: a write committed while the body is rendered leaves it stale at once.
    edge = (
        ("calendar-reader", reader, calendar_reader_version(reader)) if reader is not None else None
    )
    version, modified = group_public_version_at(group.pk)
    if edge is None:
        edge = ("group", group.pk, version)

    def render() -> HttpResponse:
        meetings = selectors.meetings_for_feed(
            group=group, include_members_only=include_members_only
        )
        name = translated(group.names, fallback=group.original_language)
        body = ical.feed_ics(meetings, name=name)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{group.slug}.ics"'
        return response

    audience = "members" if include_members_only else "public"
    return cached_feed(
        request,
        variant=("calendar", str(group.pk), get_language() or "", audience),
        version=version,
        modified=modified,
        render=render,
        private=reader is not None,
        edge=edge,
        for_anyone=reader is None,
    )


def public_feed(request: HttpRequest, slug: str) -> HttpResponse:
    group = member_selectors.group_or_none(slug=slug)
    if group is None:
        raise Http404
    return _response(request, group, include_members_only=False, reader=None)


def private_feed(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    group = member_selectors.group_or_none(slug=slug)
    user = account_selectors.user_by_calendar_token(token)
    if group is None or user is None:
        raise Http404
    members = permissions.is_participant(user, group)
    return _response(request, group, include_members_only=members, reader=user.pk)
