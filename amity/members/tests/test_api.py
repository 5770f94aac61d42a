import datetime

import pytest

from amity.accounts.services import api_token_create
from amity.members.models import Membership, MembershipApplication

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_token(coordinator):
    return api_token_create(user=coordinator)[1]


@pytest.fixture
def focal_token(focal_point):
    return api_token_create(user=focal_point)[1]


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post(client, path, data, token=None):
    return client.post(
        path, data, content_type="application/json", **(bearer(token) if token else {})
    )


def test_public_lists_groups_and_reads_a_group(client, group):
    groups = client.get("/api/v1/groups").json()
    assert groups[0]["slug"] == "neutrality"
    assert groups[0]["member_count"] == 2
    detail = client.get("/api/v1/groups/neutrality").json()
    assert {m["state"]["iso3"] for m in detail["members"]} == {"TKM", "KAZ"}
    assert detail["names"]["zh"] == "中立之友小组"


def test_list_states(client, db):
    states = client.get("/api/v1/states").json()
    assert len(states) == 195
    african = client.get("/api/v1/states", {"regional_group": "african"}).json()
    assert len(african) == 54


def test_openapi_description(client, db):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["info"]["version"] == "1"
    assert "/api/v1/groups/{slug}/applications" in spec["paths"]


def test_unknown_group_is_404_json(client, db):
    response = client.get("/api/v1/groups/nope")
    assert response.status_code == 404
    assert "nope" in response.json()["error"]


def test_coordinator_records_and_admits(client, group, coordinator_token):
    response = post(
        client,
        "/api/v1/groups/neutrality/applications",
        {"state": "UGA", "note_reference": "NV/45", "received_on": "2023-05-02"},
        coordinator_token,
    )
    assert response.status_code == 201, response.content
    app_id = response.json()["id"]
    response = post(
        client,
        f"/api/v1/groups/neutrality/applications/{app_id}/decision",
        {"decision": "admit", "accession_date": "2023-05-10"},
        coordinator_token,
    )
    assert response.status_code == 200
    assert response.json()["status"] == "admitted"
    assert response.json()["accession_date"] == "2023-05-10"
    assert Membership.objects.filter(
        group=group, state__iso3="UGA", joined_on=datetime.date(2023, 5, 10)
    ).exists()
    again = post(
        client,
        f"/api/v1/groups/neutrality/applications/{app_id}/decision",
        {"decision": "decline"},
        coordinator_token,
    )
    assert again.status_code == 409
    assert "already decided" in again.json()["error"]


def test_anonymous_writes_are_401(client, group):
    response = post(
        client,
        "/api/v1/groups/neutrality/applications",
        {"state": "UGA", "note_reference": "NV/45", "received_on": "2023-05-02"},
    )
    assert response.status_code == 401
    assert "Bearer" in response.json()["error"]


def test_a_bad_token_is_401_not_anonymous(client, group):
    response = client.get("/api/v1/groups", HTTP_AUTHORIZATION="Bearer amy_wrong")
    assert response.status_code == 401


def test_focal_point_may_not_record_applications(client, group, focal_token):
    response = post(
        client,
        "/api/v1/groups/neutrality/applications",
        {"state": "UGA", "note_reference": "NV/45", "received_on": "2023-05-02"},
        focal_token,
    )
    assert response.status_code == 403
    assert not MembershipApplication.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        # No state has this code; the API names the code in "error", under no field.
        ({"state": "XXX", "note_reference": "NV", "received_on": "2023-05-02"}, None),
        ({"state": "UGA", "note_reference": "NV", "received_on": "not-a-date"}, "received_on"),
        ({"state": "UGA", "received_on": "2023-05-02"}, "note_reference"),
        ({"state": "UGA", "note_reference": " ", "received_on": "2023-05-02"}, "note_reference"),
        ({"state": "UGA", "note_reference": "NV", "received_on": "2999-01-01"}, "received_on"),
    ],
)
def test_bad_input_is_400_with_a_message(client, group, coordinator_token, payload, field):
    response = post(client, "/api/v1/groups/neutrality/applications", payload, coordinator_token)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["error"]
    if field:
        assert field in body["fields"]
    assert not MembershipApplication.objects.exists()


def test_admitting_a_member_is_409(client, group, coordinator_token):
    response = post(
        client,
        "/api/v1/groups/neutrality/applications",
        {"state": "KAZ", "note_reference": "NV", "received_on": "2023-05-02"},
        coordinator_token,
    )
    assert response.status_code == 409


def test_accession_before_founding_is_400(client, group, coordinator_token):
    app_id = post(
        client,
        "/api/v1/groups/neutrality/applications",
        {"state": "UGA", "note_reference": "NV", "received_on": "2023-05-02"},
        coordinator_token,
    ).json()["id"]
    response = post(
        client,
        f"/api/v1/groups/neutrality/applications/{app_id}/decision",
        {"decision": "admit", "accession_date": "2019-01-01"},
        coordinator_token,
    )
    assert response.status_code == 400
    assert "accession_date" in response.json()["fields"]
    assert MembershipApplication.objects.get().status == "pending"


def test_focal_point_reads_only_its_own_applications(client, group, coordinator, focal_token):
    from amity.members import services
    from conftest import state

    services.application_record(
        actor=coordinator,
        group=group,
        state=state("UGA"),
        note_reference="NV/U",
        received_on=datetime.date(2023, 5, 2),
    )
    assert client.get("/api/v1/groups/neutrality/applications", **bearer(focal_token)).json() == []
    assert client.get("/api/v1/groups/neutrality/applications").status_code == 401


def test_session_auth_post_needs_csrf(group, coordinator):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(coordinator)
    response = browser.post(
        "/api/v1/groups/neutrality/applications",
        {"state": "UGA", "note_reference": "NV", "received_on": "2023-05-02"},
        content_type="application/json",
    )
    assert response.status_code == 403
