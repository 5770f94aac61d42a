"""Finding a date: the coordinator proposes times, focal points answer for their delegation,
the coordinator sees the tally and turns the chosen time into the meeting."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from amity.core.errors import Conflict
from amity.meetings import selectors, services
from amity.meetings.models import DatePollVote, Meeting, MeetingStatus
from amity.meetings.tests.factories import ASHGABAT, at
from amity.members.models import State

DAY = datetime.date(2031, 3, 4)


def _poll(group, coordinator, hours=(10, 15)):
    return services.poll_create(
        actor=coordinator,
        group=group,
        title="Ambassadors' meeting",
        level="ambassadorial",
        format="in_person",
        venue_city="Ashgabat",
        time_zone="Asia/Ashgabat",
        starts=[at(h, DAY, ASHGABAT) for h in hours],
        duration_minutes=90,
    )


def _options(poll):
    return list(poll.options.order_by("starts_at"))


def test_coordinator_proposes_and_bad_input_is_refused(group, coordinator, focal_point):
    poll = _poll(group, coordinator)
    first, _second = _options(poll)
    assert first.ends_at - first.starts_at == datetime.timedelta(minutes=90)
    with pytest.raises(PermissionDenied):
        _poll(group, focal_point)
    with pytest.raises(ValidationError) as caught:
        services.poll_create(
            actor=coordinator,
            group=group,
            title="",
            level="ambassadorial",
            format="in_person",
            time_zone="Mars/Olympus",
            starts=[at(10, datetime.date(2001, 1, 1))],
        )
    assert {"title", "time_zone", "starts"} <= set(caught.value.message_dict)


def test_focal_point_answers_for_own_delegation_only_and_tally_counts(
    group, coordinator, focal_point, make_user
):
    poll = _poll(group, coordinator)
    first, second = _options(poll)
    kaz, tkm = State.objects.get(iso3="KAZ"), State.objects.get(iso3="TKM")
    services.poll_answer(
        actor=focal_point, poll=poll, state=kaz, answers={first.pk: "yes", second.pk: "no"}
    )
    with pytest.raises(PermissionDenied):
        services.poll_answer(actor=focal_point, poll=poll, state=tkm, answers={first.pk: "yes"})
    with pytest.raises(ValidationError):
        services.poll_answer(actor=focal_point, poll=poll, state=kaz, answers={first.pk: "maybe"})
    # The coordinator records Turkmenistan's answer; answering again replaces, not adds.
    services.poll_answer(actor=coordinator, poll=poll, state=tkm, answers={first.pk: "if_need_be"})
    services.poll_answer(actor=focal_point, poll=poll, state=kaz, answers={second.pk: "yes"})
    tallies, members, answered = selectors.poll_tally(poll=poll)
    counts = {t.option.pk: (t.yes, t.if_need_be, t.no) for t in tallies}
    assert counts == {first.pk: (1, 1, 0), second.pk: (1, 0, 0)}
    assert answered == {kaz.pk, tkm.pk}
    assert len(members) == 2
    assert DatePollVote.objects.count() == 3


def test_closing_turns_the_time_into_a_draft_meeting(group, coordinator, focal_point):
    poll = _poll(group, coordinator)
    first, second = _options(poll)
    kaz = State.objects.get(iso3="KAZ")
    services.poll_answer(actor=focal_point, poll=poll, state=kaz, answers={second.pk: "yes"})
    meeting = services.poll_close(actor=coordinator, poll=poll, option=second)
    assert meeting.status == MeetingStatus.DRAFT
    assert (meeting.starts_at, meeting.ends_at) == (second.starts_at, second.ends_at)
    assert meeting.time_zone == "Asia/Ashgabat"
    assert meeting.title == "Ambassadors' meeting"
    poll.refresh_from_db()
    assert not poll.is_open
    assert poll.meeting == meeting
    assert poll.chosen == second
    with pytest.raises(Conflict):
        services.poll_answer(actor=focal_point, poll=poll, state=kaz, answers={first.pk: "no"})
    with pytest.raises(Conflict):
        services.poll_close(actor=coordinator, poll=poll, option=first)


def test_closing_a_poll_nobody_answered_needs_confirmation(group, coordinator):
    poll = _poll(group, coordinator)
    first, _second = _options(poll)
    with pytest.raises(ValidationError) as caught:
        services.poll_close(actor=coordinator, poll=poll, option=first)
    assert "confirm" in caught.value.message_dict
    assert not Meeting.objects.exists()
    meeting = services.poll_close(actor=coordinator, poll=poll, option=first, without_answers=True)
    assert meeting.starts_at == first.starts_at


def test_pages_show_venue_and_reader_times_and_the_flow_works(
    group, coordinator, coordinator_client, focal_point, focal_client
):
    focal_point.time_zone = "America/New_York"
    focal_point.save()
    response = coordinator_client.post(
        "/en/groups/neutrality/date-polls/new/",
        {
            "title": "Ambassadors' meeting",
            "level": "ambassadorial",
            "format": "in_person",
            "venue_city": "Ashgabat",
            "time_zone": "Asia/Ashgabat",
            "duration_minutes": 90,
            "option_1": "2031-03-04T10:00",
            "option_2": "2031-03-04T15:00",
        },
    )
    assert response.status_code == 302
    url = response["Location"]
    page = focal_client.get(url).content.decode()
    # 10:00 in Ashgabat (UTC+5) is 00:00 in New York (UTC-5) on the same day.
    assert "10:00" in page
    assert "Ashgabat" in page
    assert "New York" in page
    assert "00:00" in page
    ids = re.findall(r'name="option-(\d+)"', page)
    first, second = sorted(set(ids), key=int)
    focal_client.post(url + "answer/", {f"option-{first}": "no", f"option-{second}": "yes"})
    tally = coordinator_client.get(url).content.decode()
    assert re.search(rf'data-option="{second}" class="best"', tally)
    assert "1 of 2 member delegations answered" in tally
    assert "Turkmenistan" in tally
    done = coordinator_client.post(url + "close/", {"option": second})
    assert done.status_code == 302
    meeting = Meeting.objects.get()
    assert done["Location"].endswith(f"/meetings/{meeting.pk}/")
    assert meeting.starts_at.astimezone(ASHGABAT).hour == 15


def test_closing_without_answers_asks_first_on_the_page(group, coordinator, coordinator_client):
    poll = _poll(group, coordinator)
    first, _second = _options(poll)
    url = f"/en/date-polls/{poll.pk}/close/"
    asked = coordinator_client.post(url, {"option": first.pk})
    assert asked.status_code == 200
    assert 'data-testid="confirm-page"' in asked.content.decode()
    assert not Meeting.objects.exists()
    done = coordinator_client.post(url, {"option": first.pk, "confirm": "1"})
    assert done.status_code == 302
    assert Meeting.objects.count() == 1


def test_polls_are_for_participants(group, coordinator):
    poll = _poll(group, coordinator)
    assert Client().get(f"/en/date-polls/{poll.pk}/").status_code == 302  # to sign in
    outsider = Client()
    from amity.accounts.services import user_create

    outsider.force_login(user_create(username="nobody", password=None))
    assert outsider.get(f"/en/date-polls/{poll.pk}/").status_code == 403
