"""Forms people expect (issue 16): the time-zone picker by country and city, the preview of
the note verbale before convening, and what the convening says it sent."""

from __future__ import annotations

import re

from amity.meetings.models import Meeting


def test_time_zone_picker_groups_cities_by_country_in_the_page_language(group, coordinator_client):
    page = coordinator_client.get("/fr/groups/neutrality/meetings/new/").content.decode()
    select = re.search(r'<select name="time_zone".*?</select>', page, re.S)
    assert select, "the time zone is a select"
    html = select.group(0)
    assert '<optgroup label="Turkménistan">' in html
    assert re.search(r'<option value="Asia/Ashgabat"[^>]*>Achgabat \(UTC\+05:00\)</option>', html)
    assert '<optgroup label="États-Unis">' in html and 'value="America/New_York"' in html


def test_time_zone_picker_still_validates_an_iana_name(group, coordinator_client):
    data = {
        "titles_en": "Ambassadors' meeting",
        "level": "ambassadorial",
        "format": "in_person",
        "venue_city": "Ashgabat",
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
