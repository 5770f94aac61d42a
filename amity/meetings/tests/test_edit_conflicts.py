"""Two coordinators editing one meeting lose nothing (issue 15): each edit names the version
it was made from; a save based on an older version is refused (409) and the page shows the
other person's changes beside what the editor typed."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from amity.accounts.services import api_token_create
from amity.core.errors import Conflict
from amity.meetings import services
from amity.meetings.models import Meeting
from amity.meetings.tests.factories import make_meeting

pytestmark = pytest.mark.django_db


def _form_data(client: Client, url: str) -> dict[str, str]:
    """The edit form's inputs as the page renders them (text inputs, selects, hidden)."""
    page = client.get(url).content.decode()
    data: dict[str, str] = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page):
        data[name] = value
    for name in re.findall(r'<input[^>]*name="([^"]+)"', page):
        data.setdefault(name, "")
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = chosen.group(1) if chosen else ""
    for name, body in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        data[name] = body.strip()
    data.pop("csrfmiddlewaretoken", None)
    return data


def test_a_stale_edit_is_refused_by_the_service(group, coordinator):
    meeting = make_meeting(group, actor=coordinator)
    assert meeting.version == 1
    services.meeting_update(
        actor=coordinator, meeting=meeting, version=1, titles={"en": "First change"}
    )
    with pytest.raises(Conflict):
        services.meeting_update(
            actor=coordinator, meeting=meeting, version=1, titles={"en": "Second change"}
        )
    fresh = Meeting.objects.get(pk=meeting.pk)
    assert fresh.titles == {"en": "First change"}
    assert fresh.version == 2


def test_the_second_editor_sees_the_first_ones_changes_and_keeps_what_they_typed(
    group, coordinator, coordinator_client
):
    meeting = make_meeting(group, actor=coordinator)
    url = f"/en/meetings/{meeting.pk}/edit/"
    mine = _form_data(coordinator_client, url)
    assert mine["version"] == "1"
    # Someone else saves a new venue meanwhile.
    services.meeting_update(
        actor=coordinator,
        meeting=meeting,
        version=1,
        venue_name={"en": "Palace of Nations", "fr": "Palais des Nations"},
    )
    mine["notes_en"] = "My note"
    response = coordinator_client.post(url, mine)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this meeting meanwhile" in page
    assert "Saved meanwhile by someone else" in page
    assert '<bdi lang="fr" dir="ltr">Palais des Nations</bdi>' in page
    assert "My note" in page
    assert 'name="version" value="2"' in page
    fresh = Meeting.objects.get(pk=meeting.pk)
    assert fresh.notes == {}
    # Saving again, now from version 2, is the editor's choice and goes through.
    again = {**mine, "version": "2"}
    assert coordinator_client.post(url, again).status_code == 302
    fresh.refresh_from_db()
    assert fresh.notes == {"en": "My note"}
    assert fresh.version == 3


def test_the_api_answers_409_conflict_on_a_stale_version(group, coordinator):
    meeting = make_meeting(group, actor=coordinator)
    _token, raw = api_token_create(user=coordinator)
    headers = {"Authorization": f"Bearer {raw}"}
    client = Client()
    read = client.get(f"/api/v1/meetings/{meeting.pk}", headers=headers).json()
    assert read["version"] == 1

    def patch(body):
        return client.patch(
            f"/api/v1/meetings/{meeting.pk}",
            data=json.dumps(body),
            content_type="application/json",
            headers=headers,
        )

    first = patch({"version": 1, "titles": {"en": "From the first client"}})
    assert first.status_code == 200, first.content
    assert first.json()["version"] == 2
    stale = patch({"version": 1, "titles": {"en": "From the second client"}})
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    assert Meeting.objects.get(pk=meeting.pk).titles == {"en": "From the first client"}
    blind = patch({"titles": {"en": "From a client that read nothing"}})
    assert blind.status_code == 400
    assert blind.json()["fields"] == {"version": "Field required"}
    assert Meeting.objects.get(pk=meeting.pk).titles == {"en": "From the first client"}
    assert Meeting.objects.get(pk=meeting.pk).version == 2


def test_the_api_schema_requires_version_on_a_meeting_patch():
    """The OpenAPI description says so, for the clients generated from it."""
    from amity.api.api import api

    schema = api.get_openapi_schema()
    operation = schema["paths"]["/api/v1/meetings/{meeting_id}"]["patch"]
    ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    patch_schema = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert patch_schema["required"] == ["version"]
