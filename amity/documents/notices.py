"""The e-mail that tells every member focal point a text is under silence procedure.

Recipients: the focal points of the current member states, as the delegations list them
(``members.Person`` with ``is_focal_point`` and an address) and as signed-in users (focal
point roles with an address); each address once. Written in the document's original
language; the deadline is given in UTC and in New York time, where the missions sit.
"""

from __future__ import annotations

import zoneinfo

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from amity.core.languages import interface_language
from amity.core.mail import send_each
from amity.documents.models import SilenceProcedure, VersionText
from amity.meetings.times import zoned_moment
from amity.members.models import Group, GroupRole, Membership, Person, Role


def recipients(*, group: Group) -> list[str]:
    members = Membership.objects.current().filter(group=group).values("state_id")
    people = (
        Person.objects.filter(group=group, is_focal_point=True, state_id__in=members)
        .exclude(email="")
        .order_by("state__iso3", "family_name")
        .values_list("email", flat=True)
    )
    users = (
        GroupRole.objects.filter(group=group, role=Role.FOCAL_POINT, state_id__in=members)
        .exclude(user__email="")
        .filter(~Q(user__email__isnull=True))
        .order_by("state__iso3")
        .values_list("user__email", flat=True)
    )
    seen: set[str] = set()
    found: list[str] = []
    for email in [*people, *users]:
        if email.lower() not in seen:
            seen.add(email.lower())
            found.append(email)
    return found


def send_silence_notice(*, procedure: SilenceProcedure, entry_id: int | None = None) -> int:
    document = procedure.document
    text = VersionText.objects.filter(
        version=procedure.version, language=document.original_language
    ).first()
    language = document.original_language
    utc = zoneinfo.ZoneInfo("UTC")
    new_york = zoneinfo.ZoneInfo(settings.AMITY_DEFAULT_VIEWER_TIME_ZONE)
    with translation.override(interface_language(language)):
        body = render_to_string(
            "documents/email/silence_notice.txt",
            {
                "group": document.group,
                "title": text.title if text else document.slug,
                "version": procedure.version.label,
                "deadline_utc": zoned_moment(procedure.deadline, utc, language),
                "deadline_viewer": zoned_moment(procedure.deadline, new_york, language),
                "procedure": procedure,
                "url": settings.AMITY_SITE_URL + document.get_absolute_url(),
            },
        )
    subject, _sep, message = body.strip().partition("\n")
    addresses = recipients(group=document.group)
    if not addresses:
        return 0
    messages = [
        EmailMessage(subject=subject.strip(), body=message.strip(), to=[address])
        for address in addresses
    ]
    return send_each(messages, entry_id=entry_id)
