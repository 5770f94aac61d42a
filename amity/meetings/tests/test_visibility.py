"""The rule "who may see this meeting" is written once (``meetings.models.AUDIENCE_RULES``) and
read the same for one meeting (``Meeting.is_visible_to``) and a query (``visible_to``)."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from amity.core.actors import SYSTEM
from amity.meetings.models import Meeting, MeetingStatus, Visibility
from amity.meetings.tests.factories import make_meeting
from amity.members import services as member_services

# Who sees a meeting of their group, by (status, visibility).
EXPECTED = {
    "coordinator": {"draft": True, "convened": True, "cancelled": True},
    "focal point": {"draft": False, "convened": True, "cancelled": True},
    "observer": {"draft": False, "convened": True, "cancelled": True},
    "outsider": {"draft": False, "convened": "public", "cancelled": "public"},
    "anonymous": {"draft": False, "convened": "public", "cancelled": "public"},
}


@pytest.fixture
def every_meeting(group, coordinator):
    meetings = {}
    for status, visibility in itertools.product(MeetingStatus.values, Visibility.values):
        meeting = make_meeting(group, actor=coordinator)
        Meeting.objects.filter(pk=meeting.pk).update(status=status, visibility=visibility)
        meeting.refresh_from_db()
        meetings[status, visibility] = meeting
    return meetings


def test_one_rule_for_one_meeting_and_for_a_query(
    every_meeting, coordinator, focal_point, observer, outsider
):
    """For each kind of person and each status and visibility, the query and the single
    meeting agree, and say what the rule says: drafts for the coordinator alone, members-only
    meetings for the participants, public ones for everyone once convened or cancelled."""
    people = {
        "coordinator": coordinator,
        "focal point": focal_point,
        "observer": observer,
        "outsider": outsider,
        "anonymous": AnonymousUser(),
    }
    for who, user in people.items():
        visible = set(Meeting.objects.visible_to(user).values_list("pk", flat=True))
        for (status, visibility), meeting in every_meeting.items():
            rule = EXPECTED[who][status]
            expected = rule is True or (rule == "public" and visibility == Visibility.PUBLIC)
            assert (meeting.pk in visible) is expected, (who, status, visibility)
            assert meeting.is_visible_to(user) is expected, (who, status, visibility)


def test_a_coordinator_sees_no_draft_of_another_group(group, coordinator, make_user):
    """Coordinating one group opens the drafts of that group only; a superuser sees all."""
    other = member_services.group_create(actor=SYSTEM, slug="mediation", names={"en": "Mediation"})
    theirs = make_meeting(other)
    ours = make_meeting(group, actor=coordinator)
    assert set(Meeting.objects.visible_to(coordinator)) == {ours}
    assert not theirs.is_visible_to(coordinator)
    root = make_user("root")
    root.is_superuser = True
    root.save()
    assert set(Meeting.objects.visible_to(root)) == {ours, theirs}
