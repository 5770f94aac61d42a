"""Forms people expect (issue 16): the time-zone picker by country and city, the preview of
the note verbale before convening, and what the convening says it sent."""

from __future__ import annotations

import re

from django.core import mail

from amity.meetings.models import Meeting
from amity.meetings.tests.factories import make_meeting, person


def test_time_zone_picker_groups_cities_by_country_in_the_page_language(group, coordinator_client):
    page = coordinator_client.get("/fr/groups/neutrality/meetings/new/").content.decode()
    select = re.search(r'<select name="time_zone".*?</select>', page, re.S)
    assert select, "the time zone is a select"
    html = select.group(0)
    assert '<optgroup label="Turkménistan">' in html
    assert re.search(r'<option value="Asia/Ashgabat"[^>]*>Achgabat \(UTC\+05:00\)</option>', html)
    assert '<optgroup label="États-Unis">' in html
    assert 'value="America/New_York"' in html


def test_time_zone_picker_still_validates_an_iana_name(group, coordinator_client):
    data = {
        "titles_en": "Ambassadors' meeting",
        "level": "ambassadorial",
        "format": "in_person",
        "venue_city_en": "Ashgabat",
        "starts_at": "2030-06-03T10:00",
        "ends_at": "2030-06-03T12:00",
        "visibility": "members",
        "original_language": "en",
        "invitation_language": "en",
    }
    bad = coordinator_client.post(
        "/en/groups/neutrality/meetings/new/", {**data, "time_zone": "Asia/Atlantis"}
    )
    assert bad.status_code == 400
    assert "Unknown time zone Asia/Atlantis" in bad.content.decode()
    assert not Meeting.objects.exists()
    good = coordinator_client.post(
        "/en/groups/neutrality/meetings/new/", {**data, "time_zone": "Asia/Ashgabat"}
    )
    assert good.status_code == 302, re.findall(r"class=\"error[^>]*>[^<]*<", good.content.decode())
    assert Meeting.objects.get().time_zone == "Asia/Ashgabat"


def test_convening_previews_the_note_and_names_delegations_without_address(
    group, coordinator, coordinator_client, django_capture_on_commit_callbacks
):
    person(group, "TKM", "Ataeva", focal=True, email="tkm@example.org")
    person(group, "KAZ", "Bakayev", focal=True)  # no address
    meeting = make_meeting(group, actor=coordinator)
    page = coordinator_client.get(f"/en/meetings/{meeting.pk}/convene/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "tkm@example.org" in html
    warning = html[html.index('data-testid="no-address"') :]
    warning = warning[: warning.index("</div>")]
    assert "Kazakhstan" in warning
    assert "Turkmenistan" not in warning
    note = html[html.index('data-testid="note-verbale"') :]
    assert "Meeting of the Group" in note  # the note verbale as it will read
    meeting.refresh_from_db()
    assert meeting.status == "draft"
    assert mail.outbox == []
    # A POST without confirm is the preview again, not a convening.
    assert coordinator_client.post(f"/en/meetings/{meeting.pk}/convene/").status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == "draft"
    with django_capture_on_commit_callbacks(execute=True):
        done = coordinator_client.post(
            f"/en/meetings/{meeting.pk}/convene/", {"confirm": "1"}, follow=True
        )
    assert "1 invitation is on its way" in done.content.decode()
    assert [m.to for m in mail.outbox] == [["tkm@example.org"]]


def test_convening_with_no_address_does_not_claim_invitations(
    group, coordinator, coordinator_client
):
    meeting = make_meeting(group, actor=coordinator)
    page = coordinator_client.get(f"/en/meetings/{meeting.pk}/convene/").content.decode()
    assert 'data-testid="no-recipient"' in page
    done = coordinator_client.post(
        f"/en/meetings/{meeting.pk}/convene/", {"confirm": "1"}, follow=True
    ).content.decode()
    assert "no invitation was sent" in done
    assert "on their way" not in done
    assert mail.outbox == []
