"""The demo is honest and lively: the member count is explained, and the demo logins'
delegations have focal points at example addresses, so convening sends notes verbales."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from amity.members.models import Group, Membership


@pytest.fixture
def demo(db):
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Group.objects.get(slug="neutrality")


def test_member_count_is_explained_from_the_data(demo):
    named = Membership.objects.current().filter(group=demo).count()
    assert demo.reported_member_count == 25
    assert named < 25
    page = Client().get("/en/groups/neutrality/").content.decode()
    assert f"25 members reported; {named} named in public sources." in page
    assert "11 December 2023" in page
    on_day = Client().get("/en/groups/neutrality/members/?on=2023-12-11").content.decode()
    assert "25 members reported; this list holds only the members named" in on_day


def test_convening_in_the_demo_sends_notes_to_example_addresses(
    demo, django_capture_on_commit_callbacks
):
    from amity.accounts.models import User
    from amity.meetings.tests.factories import make_meeting

    coordinator = User.objects.get(username="coordinator")
    meeting = make_meeting(demo, actor=coordinator)
    client = Client()
    client.force_login(coordinator)
    preview = client.get(f"/en/meetings/{meeting.pk}/convene/").content.decode()
    assert "focal-point.kazakhstan@example.org" in preview
    assert 'data-testid="no-address"' in preview  # the members without a focal point, named
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/en/meetings/{meeting.pk}/convene/", {"confirm": "1"}, follow=True)
    assert "2 invitations are on their way" in done.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "coordinator.turkmenistan@example.org",
        "focal-point.kazakhstan@example.org",
    ]
    assert all(a.endswith("@example.org") for m in mail.outbox for a in m.to)
