"""The rules of the API's contract, each checked directly (the Schemathesis run in
test_contract.py checks them all at once, by sampling): unique schema names, documented errors
in one shape, public operations marked, JSON bodies that must be objects, pagination, the
members endpoint, dates bounded to 1945–2200, and time conversions that cannot fail a page."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

from amity.accounts.services import api_token_create
from amity.core import dates
from amity.meetings.models import Meeting
from amity.meetings.tests.factories import convened_meeting

pytestmark = pytest.mark.django_db

MEETING = {
    "titles": {"en": "Ambassadors' meeting"},
    "level": "ambassadorial",
    "format": "in_person",
    "time_zone": "America/New_York",
    "starts_at": "2030-06-03T10:00:00-04:00",
    "ends_at": "2030-06-03T12:00:00-04:00",
}


def spec() -> dict[str, Any]:
    from amity.api.api import api

    return dict(api.get_openapi_schema(path_prefix="/api/v1/"))


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, op)
        for path, ops in spec()["paths"].items()
        for method, op in ops.items()
    ]


@pytest.fixture
def token(coordinator: Any) -> dict[str, Any]:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=coordinator)[1]}"}


def test_schema_names_are_unique_and_the_two_clashes_are_gone(db: None) -> None:
    schemas = spec()["components"]["schemas"]
    assert {
        "ApplicationDecisionIn",
        "ProposalDecisionIn",
        "DocumentVersionIn",
        "LiveChangeIn",
    } <= set(schemas)
    assert "DecisionIn" not in schemas
    assert "VersionIn" not in schemas
    assert schemas["ApplicationDecisionIn"]["properties"]["decision"]["enum"] == [
        "admit",
        "decline",
    ]


def _twin(field: str, kind: type) -> type:
    from ninja import Schema

    return type("Twin", (Schema,), {"__annotations__": {field: kind}})


def test_a_clash_of_names_fails_the_description(db: None) -> None:
    from django.core.exceptions import ImproperlyConfigured
    from django.http import HttpRequest
    from ninja import Router

    from amity.api.api import AmityAPI

    router = Router()

    def one(request, payload):
        return None

    def two(request, payload):
        return None

    one.__annotations__ = {"request": HttpRequest, "payload": _twin("a", int)}
    two.__annotations__ = {"request": HttpRequest, "payload": _twin("b", str)}
    router.post("/one", response={204: None})(one)
    router.post("/two", response={204: None})(two)
    probe = AmityAPI(urls_namespace="probe")
    probe.add_router("/", router)
    with pytest.raises(ImproperlyConfigured, match=r"share a name.*Twin"):
        probe.get_openapi_schema(path_prefix="/probe/")


def test_every_operation_documents_its_errors_with_one_schema(db: None) -> None:
    ops = operations()
    assert len(ops) >= 47
    for method, path, op in ops:
        responses = op["responses"]
        assert "401" in map(str, responses), (method, path)
        for status, response in responses.items():
            if int(status) >= 400:
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error", (method, path, status)
        if "{" in path:
            assert 404 in responses or "404" in responses, (method, path)
        if method != "GET":
            assert 409 in responses or "409" in responses, (method, path)
    error = spec()["components"]["schemas"]["Error"]
    assert set(error["required"]) == {"detail", "code", "error"}


def test_public_operations_need_no_credentials_and_writes_do(db: None) -> None:
    public = {(m, p) for m, p, op in operations() if {} in op["security"]}
    assert ("GET", "/api/v1/groups") in public
    assert ("GET", "/api/v1/meetings/{meeting_id}/live") in public
    assert ("GET", "/api/v1/groups/{slug}/members") in public
    for method, path, op in operations():
        if method != "GET":
            assert {} not in op["security"], (method, path)
            assert {"BearerToken": []} in op["security"]


def test_errors_have_one_shape(client: Client, group: Any) -> None:
    missing = client.get("/api/v1/groups/nowhere").json()
    assert missing["code"] == "not_found"
    assert missing["detail"] == missing["error"]
    anonymous = client.post(
        "/api/v1/groups/neutrality/applications", {}, content_type="application/json"
    )
    assert anonymous.status_code == 401
    assert anonymous.json()["code"] == "unauthenticated"
    off = client.get("/api/v1/no/such/path")
    assert off.status_code == 404
    assert off.json()["code"] == "not_found"


@pytest.mark.parametrize("body", ['"a string"', "[1, 2]", "42", "null", "{not json"])
def test_a_json_body_must_be_an_object(
    client: Client, group: Any, coordinator: Any, token: dict[str, Any], body: str
) -> None:
    meeting = convened_meeting(group, actor=coordinator)
    for method, path, op in operations():
        if "requestBody" not in op:
            continue
        url = (
            path.replace("{slug}", "neutrality")
            .replace("{meeting_id}", str(meeting.pk))
            .replace("{language}", "fr")
        )
        for name in ("document_id", "version_id", "entry_id", "job_id", "application_id"):
            url = url.replace("{" + name + "}", "1")
        response = client.generic(method, url, body, content_type="application/json", **token)
        if response.status_code == 404:  # the object in the path does not exist
            continue
        assert response.status_code == 400, (method, path, response.content)
        assert response.json()["code"] == "malformed", (method, path)
    cancelled = client.post(
        f"/api/v1/meetings/{meeting.pk}/cancel", body, content_type="application/json", **token
    )
    assert cancelled.status_code == 400
    meeting.refresh_from_db()
    assert meeting.status == "convened"


def test_a_body_over_the_size_limit_is_a_json_400(
    client: Client, group: Any, coordinator: Any, token: dict[str, Any]
) -> None:
    meeting = convened_meeting(group, actor=coordinator)
    body = json.dumps({"reason": "x" * 5000})
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000):
        response = client.post(
            f"/api/v1/meetings/{meeting.pk}/cancel", body, content_type="application/json", **token
        )
    assert response.status_code == 400
    assert response.json()["code"] == "malformed"


def test_lists_are_paginated_with_a_stable_cursor(client: Client, db: None) -> None:
    first = client.get("/api/v1/states", {"limit": 100})
    page1 = first.json()
    assert len(page1) == 100
    link = first["Link"]
    assert link.endswith('rel="next"')
    next_url = link[1 : link.index(">")]
    second = client.get(next_url)
    page2 = second.json()
    assert len(page2) == 95
    assert "Link" not in second
    codes = [s["iso3"] for s in page1 + page2]
    assert codes == sorted(codes)
    assert len(set(codes)) == 195
    # Without limit, existing clients get every state in one page, as before.
    assert len(client.get("/api/v1/states").json()) == 195
    bad = client.get("/api/v1/states", {"cursor": "bm90LWpzb24"})
    assert bad.status_code == 400
    assert bad.json()["code"] == "invalid"
    assert client.get("/api/v1/states", {"limit": 0}).status_code == 400


def test_members_on_a_day_in_a_language(client: Client, group: Any) -> None:
    today = client.get("/api/v1/groups/neutrality/members").json()
    assert [m["state"]["iso3"] for m in today] == ["KAZ", "TKM"]
    assert today[0]["left_on"] is None
    # Kazakhstan joined on 1 September 2020.
    founding = client.get("/api/v1/groups/neutrality/members", {"on": "2020-08-28"}).json()
    assert [m["state"]["iso3"] for m in founding] == ["TKM"]
    assert client.get("/api/v1/groups/neutrality/members", {"on": "2020-01-01"}).json() == []
    french = client.get("/api/v1/groups/neutrality/members", {"language": "fr"}).json()
    assert french[1]["name"] == "Turkménistan"
    assert french[1]["name_language"] == "fr"
    by_header = client.get("/api/v1/groups/neutrality/members", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert by_header[1]["name_language"] == "ru"
    too_early = client.get("/api/v1/groups/neutrality/members", {"on": "1900-01-01"})
    assert too_early.status_code == 400
    assert too_early.json()["code"] == "invalid"
    assert client.get("/api/v1/groups/nowhere/members").status_code == 404


def test_dates_outside_1945_to_2200_are_refused(
    client: Client, group: Any, coordinator: Any, token: dict[str, Any]
) -> None:
    from amity.members import services
    from conftest import state

    for when in ("0001-01-01T00:00:00Z", "2201-01-01T00:00:00Z"):
        response = client.post(
            "/api/v1/groups/neutrality/meetings",
            json.dumps({**MEETING, "starts_at": when}),
            content_type="application/json",
            **token,
        )
        assert response.status_code == 400, response.content
        assert response.json()["code"] == "invalid"
        assert "starts_at" in response.json()["fields"]
    assert not Meeting.objects.exists()
    with pytest.raises(ValidationError) as refused:
        services.application_record(
            actor=coordinator,
            group=group,
            state=state("UGA"),
            note_reference="NV",
            received_on=datetime.date(1900, 1, 1),
        )
    assert "received_on" in refused.value.message_dict


def test_a_stored_date_at_the_edge_does_not_fail_a_page(
    client: Client, group: Any, coordinator: Any
) -> None:
    edge = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)
    assert dates.localtime(edge, "America/New_York") == edge
    meeting = convened_meeting(group, actor=coordinator)
    # A row written before the rule (or around it): the pages still answer.
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=edge, ends_at=edge + datetime.timedelta(hours=2)
    )
    assert client.get(f"/api/v1/meetings/{meeting.pk}").status_code == 200
    assert client.get("/api/v1/groups/neutrality/meetings").status_code == 200
    assert client.get(f"/en/meetings/{meeting.pk}/").status_code == 200
    assert client.get("/en/groups/neutrality/meetings/").status_code == 200


def test_the_live_state_is_typed_and_the_public_view_stays_lean(
    client: Client, group: Any, coordinator: Any, token: dict[str, Any]
) -> None:
    meeting = convened_meeting(group, actor=coordinator)
    schema = spec()["paths"]["/api/v1/meetings/{meeting_id}/live"]["get"]["responses"]
    assert schema[200]["content"]["application/json"]["schema"]["$ref"].endswith("LiveStateOut")
    public = client.get(f"/api/v1/meetings/{meeting.pk}/live").json()
    assert public["audience"] == "public"
    assert "requests" not in public
    full = client.get(f"/api/v1/meetings/{meeting.pk}/live", **token).json()
    assert full["audience"] == "participant"
    assert full["requests"] == []
    # Every key the live state has is in the typed answer (a new one must be added to
    # LiveStateOut, or the API would silently drop it).
    from amity.live import selectors

    state = selectors.live_state(meeting=meeting, user=coordinator)
    assert set(full) == {*state, "server_time"}
