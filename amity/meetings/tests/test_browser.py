"""In a real browser: the coordinator convenes a hybrid meeting; the focal point of Kazakhstan
registers two people, one in the room and one remote; the meeting page shows them."""

from __future__ import annotations

import pytest

from amity.meetings.models import MeetingStatus, Registration
from amity.meetings.tests.factories import make_meeting, person
from amity.members.models import Rank
from conftest import login

pytestmark = pytest.mark.browser


def test_coordinator_convenes_and_focal_point_registers_two_people_one_remote(
    live_url, browser, group, coordinator, focal_point, artifacts_dir
):
    meeting = make_meeting(group, actor=coordinator, titles={"en": "Hybrid meeting of the Group"})
    person(
        group,
        "KAZ",
        "Bakayev",
        given="Alibek",
        rank=Rank.DEPUTY_MINISTER,
        title="Deputy Minister of Foreign Affairs of Kazakhstan",
    )
    person(group, "KAZ", "Seitkali", given="Aigul", rank=Rank.COUNSELLOR, title="Counsellor")

    context = browser.new_context()
    page = context.new_page()
    login(page, live_url, coordinator.username)
    page.goto(f"{live_url}/en/meetings/{meeting.pk}/")
    page.click("text=Convene and send the invitations")
    page.wait_for_load_state()
    page.click("[data-testid=confirm-convene]")
    page.wait_for_load_state()
    assert "The meeting was convened" in page.locator("ul.messages").inner_text()
    context.close()
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CONVENED

    context = browser.new_context()
    page = context.new_page()
    login(page, live_url, focal_point.username)
    page.goto(f"{live_url}/en/meetings/{meeting.pk}/")
    page.click("text=Register the delegation of Kazakhstan")
    page.wait_for_load_state()
    page.select_option(
        "select[name=person]",
        label="Alibek Bakayev — Deputy Minister of Foreign Affairs of Kazakhstan",
    )
    page.check("input[name=attendance_mode][value=in_room]")
    page.check("input[name=is_head]")
    page.click("main form.stack button[type=submit]")
    page.wait_for_load_state()
    assert "Alibek Bakayev is registered." in page.locator("ul.messages").inner_text()
    page.select_option("select[name=person]", label="Aigul Seitkali — Counsellor")
    page.check("input[name=attendance_mode][value=remote]")
    page.click("main form.stack button[type=submit]")
    page.wait_for_load_state()

    page.goto(f"{live_url}/en/meetings/{meeting.pk}/")
    rows = page.locator("tr.participant")
    assert rows.count() == 2
    first, second = rows.nth(0).inner_text(), rows.nth(1).inner_text()
    assert "Alibek Bakayev" in first
    assert "head of delegation" in first
    assert "In the room" in first
    assert "Aigul Seitkali" in second
    assert "Remotely" in second
    assert (
        "2 registered from 1 delegations: 1 in the room, 1 online."
        in page.locator("p.counts").inner_text()
    )
    page.screenshot(path=str(artifacts_dir / "meeting-participants.png"), full_page=True)
    context.close()
    assert sorted(Registration.objects.values_list("attendance_mode", flat=True)) == [
        "in_room",
        "remote",
    ]
