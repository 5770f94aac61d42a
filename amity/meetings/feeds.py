"""The group's iCalendar feeds: public meetings for everyone, and a private URL per user (the
secret is the user's ``calendar_token``) that adds the members-only meetings."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from amity.accounts.models import User
from amity.core.languages import translated
from amity.meetings import ical, selectors
from amity.members import permissions
from amity.members.models import Group


def _response(group: Group, include_members_only: bool) -> HttpResponse:
    meetings = selectors.meetings_for_feed(group=group, include_members_only=include_members_only)
    body = ical.feed_ics(meetings, name=translated(group.names, fallback=group.original_language))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{group.slug}.ics"'
    return response


def public_feed(request: HttpRequest, slug: str) -> HttpResponse:
    group = Group.objects.filter(slug=slug).first()
    if group is None:
        raise Http404
    return _response(group, include_members_only=False)


def private_feed(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    group = Group.objects.filter(slug=slug).first()
    user = User.objects.filter(calendar_token=token, is_active=True).first() if token else None
    if group is None or user is None:
        raise Http404
    return _response(group, include_members_only=permissions.is_participant(user, group))
