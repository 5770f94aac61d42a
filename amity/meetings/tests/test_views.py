"""The meeting pages for each role: public, focal point, observer, coordinator."""

from __future__ import annotations

import pytest
from django.test import Client

from amity.meetings import services
from amity.meetings.models import AgendaItem, Meeting, Registration, Statement
from amity.meetings.tests.factories import (
    add_items,
    at,
    convened_meeting,
    make_meeting,
    pdf_bytes,
    person,
    upload,
)
from amity.members.models import Rank, State

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(group, coordinator):
    public = convened_meeting(
        group, actor=coordinator, titles={"en": "Public meeting", "fr": "Réunion publique"}
    )
    members = convened_meeting(
        group, actor=coordinator, titles={"en": "Members meeting"}, visibility="members"
    )
    draft = make_meeting(group, actor=coordinator, titles={"en": "Draft meeting"})
    return public, members, draft


def test_public_calendar_shows_public_meetings_in_both_zones(meetings):
    response = Client().get("/en/groups/neutrality/meetings/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Public meeting" in body
    assert "Members meeting" not in body
    assert "Draft meeting" not in body
    assert "Ashgabat 11 December 2030, 15:00–17:00 (UTC+5)" in body
    assert "New York 11 December 2030, 05:00–07:00 (UTC-5)" in body
    assert "/calendar/neutrality.ics" in body


def test_calendar_in_french_falls_back_to_the_original_title(meetings):
    body = Client().get("/fr/groups/neutrality/meetings/").content.decode()
    assert "Réunion publique" in body


def test_viewer_zone_comes_from_the_user(meetings, focal_point):
    focal_point.time_zone = "Europe/Paris"
    focal_point.save()
    client = Client()
    client.force_login(focal_point)
    body = client.get("/en/groups/neutrality/meetings/").content.decode()
    assert "Paris 11 December 2030, 11:00–13:00 (UTC+1)" in body


@pytest.mark.parametrize(
    ("who", "sees_members", "sees_draft"),
    [
        ("focal", True, False),
        ("observer", True, False),
        ("coordinator", True, True),
    ],
)
def test_participants_see_members_only_meetings_and_the_coordinator_drafts(
    meetings, focal_client, observer_client, coordinator_client, who, sees_members, sees_draft
):
    client = {
        "focal": focal_client,
        "observer": observer_client,
        "coordinator": coordinator_client,
    }[who]
    body = client.get("/en/groups/neutrality/meetings/").content.decode()
    assert ("Members meeting" in body) is sees_members
    assert ("Draft meeting" in body) is sees_draft
    assert "calendar/neutrality/" in body  # the private feed address


def test_members_only_and_draft_meeting_pages_are_hidden_from_the_public(meetings, focal_client):
    public, members, draft = meetings
    assert Client().get(f"/en/meetings/{public.pk}/").status_code == 200
    assert Client().get(f"/en/meetings/{members.pk}/").status_code == 404
    assert focal_client.get(f"/en/meetings/{members.pk}/").status_code == 200
    assert focal_client.get(f"/en/meetings/{draft.pk}/").status_code == 404


def test_meeting_page_shows_participants_to_members_only(
    group, coordinator, focal_point, focal_client
):
    meeting = convened_meeting(group, actor=coordinator)
    bakayev = person(
        group,
        "KAZ",
        "Bakayev",
        given="Alibek",
        rank=Rank.DEPUTY_MINISTER,
        title="Deputy Minister of Foreign Affairs of Kazakhstan",
    )
    services.registration_submit(
        actor=focal_point, meeting=meeting, person=bakayev, attendance_mode="remote", is_head=True
    )
    public = Client().get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert "Bakayev" not in public
    assert "meet.example.org" not in public
    member = focal_client.get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert "Alibek Bakayev" in member
    assert "head of delegation" in member
    assert "1 registered from 1 delegations: 0 in the room, 1 online." in member


def test_coordinator_creates_a_meeting_through_the_form_in_venue_time(group, coordinator_client):
    response = coordinator_client.post(
        "/en/groups/neutrality/meetings/new/",
        {
            "titles_en": "Ambassadors' meeting",
            "level": "ambassadorial",
            "format": "virtual",
            "time_zone": "America/New_York",
            "starts_at": "2030-06-03T10:00",
            "ends_at": "2030-06-03T12:00",
            "online_url": "https://meet.example.org/amb",
            "visibility": "members",
            "original_language": "en",
            "invitation_language": "en",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (
        meeting.starts_at.isoformat() == "2030-06-03T14:00:00+00:00"
    )  # 10:00 New York, summer time
    assert meeting.status == "draft"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at": "2030-06-03T09:00"}, "The meeting must end after it starts."),
        ({"online_url": ""}, "needs the online link"),
        ({"online_url": "http://meet.example.org/amb"}, "full https:// address"),
        ({"time_zone": "Mars/Olympus"}, "Unknown time zone Mars/Olympus"),
    ],
)
def test_meeting_form_shows_each_bad_input_and_writes_nothing(
    group, coordinator_client, changes, message
):
    data = {
        "titles_en": "Ambassadors' meeting",
        "level": "ambassadorial",
        "format": "virtual",
        "time_zone": "America/New_York",
        "starts_at": "2030-06-03T10:00",
        "ends_at": "2030-06-03T12:00",
        "online_url": "https://meet.example.org/amb",
        "visibility": "public",
        "original_language": "en",
        "invitation_language": "en",
        **changes,
    }
    response = coordinator_client.post("/en/groups/neutrality/meetings/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_only_the_coordinator_opens_the_new_meeting_and_agenda_pages(
    group, coordinator, focal_client, observer_client
):
    meeting = make_meeting(group, actor=coordinator)
    for client in (focal_client, observer_client):
        assert client.get("/en/groups/neutrality/meetings/new/").status_code == 403
    assert focal_client.get(f"/en/meetings/{meeting.pk}/agenda/").status_code == 404  # a draft
    services.meeting_convene(actor=coordinator, meeting=meeting, notify=False)
    assert focal_client.get(f"/en/meetings/{meeting.pk}/agenda/").status_code == 403
    assert focal_client.post(f"/en/meetings/{meeting.pk}/cancel/").status_code == 403
    assert Client().get("/en/groups/neutrality/meetings/new/").status_code == 302  # to sign in


def test_agenda_form_reports_a_concurrent_edit_instead_of_applying_it(
    group, coordinator, coordinator_client
):
    """Two coordinators load the agenda at version 1; the second save is answered 409 with
    the conflict message, and only the first item exists."""
    meeting = make_meeting(group, actor=coordinator)
    first = coordinator_client.post(
        f"/en/meetings/{meeting.pk}/agenda/",
        {"version": 1, "titles_en": "Membership", "kind": "discussion"},
    )
    assert first.status_code == 302
    second = coordinator_client.post(
        f"/en/meetings/{meeting.pk}/agenda/",
        {"version": 1, "titles_en": "Strategy", "kind": "discussion"},
    )
    assert second.status_code == 409
    assert "Someone else changed the agenda meanwhile" in second.content.decode()
    assert list(AgendaItem.objects.values_list("titles", flat=True)) == [{"en": "Membership"}]


def test_agenda_reorder_and_adopt_through_the_page(group, coordinator, coordinator_client):
    meeting = make_meeting(group, actor=coordinator)
    one, two = add_items(meeting, "One", "Two")
    response = coordinator_client.post(
        f"/en/meetings/{meeting.pk}/agenda/reorder/",
        {"version": meeting.agenda_version, f"position_{one.pk}": 2, f"position_{two.pk}": 1},
    )
    assert response.status_code == 302
    assert list(AgendaItem.objects.order_by("position").values_list("pk", flat=True)) == [
        two.pk,
        one.pk,
    ]
    stale = coordinator_client.post(
        f"/en/meetings/{meeting.pk}/agenda/adopt/", {"version": meeting.agenda_version}
    )
    assert stale.status_code == 409
    meeting.refresh_from_db()
    assert (
        coordinator_client.post(
            f"/en/meetings/{meeting.pk}/agenda/adopt/", {"version": meeting.agenda_version}
        ).status_code
        == 302
    )
    meeting.refresh_from_db()
    assert meeting.agenda_adopted_at is not None


def test_focal_point_registers_through_the_page_and_other_states_are_not_offered(
    group, coordinator, focal_client
):
    meeting = convened_meeting(group, actor=coordinator)
    bakayev = person(group, "KAZ", "Bakayev")
    ataeva = person(group, "TKM", "Ataeva")
    page = focal_client.get(f"/en/meetings/{meeting.pk}/registration/").content.decode()
    assert "Bakayev" in page
    assert "Ataeva" not in page
    response = focal_client.post(
        f"/en/meetings/{meeting.pk}/registration/",
        {"person": bakayev.pk, "attendance_mode": "remote", "is_head": "on"},
    )
    assert response.status_code == 302
    refused = focal_client.post(
        f"/en/meetings/{meeting.pk}/registration/",
        {"person": ataeva.pk, "attendance_mode": "in_room"},
    )
    assert refused.status_code == 400
    assert list(
        Registration.objects.values_list("person__family_name", "attendance_mode", "is_head")
    ) == [("Bakayev", "remote", True)]


def test_registration_page_is_for_focal_points(
    group, coordinator, observer_client, coordinator_client
):
    meeting = convened_meeting(group, actor=coordinator)
    assert observer_client.get(f"/en/meetings/{meeting.pk}/registration/").status_code == 403
    assert coordinator_client.get(f"/en/meetings/{meeting.pk}/registration/").status_code == 403


def test_statement_upload_page_and_the_file_on_the_meeting_page(group, coordinator, focal_client):
    meeting = convened_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "Strategy")
    bad = focal_client.post(
        f"/en/meetings/{meeting.pk}/statements/new/",
        {
            "agenda_item": item.pk,
            "state": State.objects.get(iso3="KAZ").pk,
            "original_language": "ru",
            "file": upload("x.png", b"\x89PNG\r\n\x1a\n\x00"),
        },
    )
    assert bad.status_code == 400
    assert "is not a PDF" in bad.content.decode()
    kaz_pk = State.objects.get(iso3="KAZ").pk
    response = focal_client.post(
        f"/en/meetings/{meeting.pk}/statements/new/",
        {
            "agenda_item": item.pk,
            "state": kaz_pk,
            "original_language": "ru",
            "title_en": "Statement of Kazakhstan",
            "file": upload("s.pdf", pdf_bytes("We support the strategy")),
        },
    )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.text == "We support the strategy"
    page = Client().get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert "Statement of Kazakhstan" in page
    assert Client().get(f"/en/meetings/{meeting.pk}/statements/{statement.pk}/").status_code == 200


def test_coordinator_records_attendance_summary_and_decisions(
    group, coordinator, focal_point, coordinator_client
):
    meeting = convened_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "Membership")
    registration = services.registration_submit(
        actor=focal_point,
        meeting=meeting,
        person=person(group, "KAZ", "Bakayev"),
        attendance_mode="in_room",
    )
    assert (
        coordinator_client.post(
            f"/en/meetings/{meeting.pk}/attendance/{registration.pk}/", {"presence": "in_room"}
        ).status_code
        == 302
    )
    response = coordinator_client.post(
        f"/en/meetings/{meeting.pk}/record/",
        {
            "summary_en": "The Group welcomed new members.",
            f"item{item.pk}-decision_en": "Uganda is welcomed.",
        },
    )
    assert response.status_code == 302
    page = Client().get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert "The Group welcomed new members." in page
    assert "Uganda is welcomed." in page
    registration.refresh_from_db()
    assert registration.presence == "in_room"


def test_convene_and_cancel_buttons(
    group, coordinator, coordinator_client, django_capture_on_commit_callbacks, mailoutbox
):
    person(group, "KAZ", "Bakayev", focal=True, email="kaz@example.org")
    meeting = make_meeting(group, actor=coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            coordinator_client.post(
                f"/en/meetings/{meeting.pk}/convene/", {"confirm": "1"}
            ).status_code
            == 302
        )
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            coordinator_client.post(
                f"/en/meetings/{meeting.pk}/cancel/", {"reason": "Storm"}
            ).status_code
            == 302
        )
    assert len(mailoutbox) == 2
    page = Client().get(f"/en/meetings/{meeting.pk}/").content.decode()
    assert "This meeting was cancelled." in page
    assert "Storm" in page


def test_calendar_page_query_count_does_not_grow(
    group, coordinator, observer_client, django_assert_max_num_queries
):
    for hour in (8, 11, 14, 17):
        convened_meeting(group, actor=coordinator, starts_at=at(hour), ends_at=at(hour + 1))
    with django_assert_max_num_queries(10):
        assert observer_client.get("/en/groups/neutrality/meetings/").status_code == 200


def test_meeting_page_query_count_does_not_grow(
    group, coordinator, focal_point, coordinator_client, django_assert_max_num_queries
):
    meeting = convened_meeting(group, actor=coordinator)
    items = add_items(meeting, "One", "Two", "Three")
    for n in range(4):
        registration = person(group, "KAZ", f"Delegate{n}")
        services.registration_submit(
            actor=focal_point, meeting=meeting, person=registration, attendance_mode="in_room"
        )
        services.statement_upload(
            actor=focal_point,
            meeting=meeting,
            agenda_item=items[n % 3],
            state=registration.state,
            file=upload(f"s{n}.txt", b"text"),
            original_language="en",
        )
    with django_assert_max_num_queries(14):
        assert coordinator_client.get(f"/en/meetings/{meeting.pk}/").status_code == 200
