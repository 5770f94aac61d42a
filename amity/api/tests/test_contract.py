"""The OpenAPI description is the contract (issue 12): Schemathesis, fed the description the
app itself serves, calls a live server (uvicorn, ``live_url``) for every operation, as the
coordinator (bearer token) and anonymously, with valid and invalid data, and runs all its
checks on every answer. Zero failures, not only zero server errors.

Seeded (``derandomize``) and bounded: a few examples per operation, identity and mode, no
shrinking; the whole test takes a minute or two on a loaded machine. Failures are collected
across operations and reported together.
"""

from __future__ import annotations

import datetime
import json
from typing import Any
from urllib.parse import urlencode

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from amity.accounts.services import api_token_create
from amity.documents.tests.factories import latest, make_document
from amity.meetings import services as meeting_services
from amity.meetings.tests.factories import convened_meeting, person

# Examples per operation, identity and mode (three modes below: valid data on the objects
# the fixture made, valid data anywhere, invalid data anywhere).
EXAMPLES = 4
ALLOWED_FOR_VALID_DATA = {401, 403, 404, 409}


@schemathesis.check
def valid_data_meets_only_rules(ctx: Any, response: Any, case: Any) -> bool | None:
    """Schemathesis' positive_data_acceptance, with one difference: a request that matches
    the description may still be refused by a rule the description cannot state (a meeting
    that ends before it starts, an unknown time zone) — a 400 with ``code: invalid``. A 400
    with ``code: malformed`` means the server enforces a schema the description does not
    show: that is a failure."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return None
    status = response.status_code
    if 200 <= status < 300 or status in ALLOWED_FOR_VALID_DATA:
        return None
    if status == 400:
        try:
            code = json.loads(response.content).get("code")
        except (ValueError, AttributeError):
            code = None
        if code == "invalid":
            return None
    raise AssertionError(
        f"Valid data was answered {status}: {response.content[:300]!r} "
        "(only a rule may refuse it: 400 with code 'invalid')"
    )


@pytest.fixture
def world(group: Any, coordinator: Any, focal_point: Any, observer: Any) -> dict[str, Any]:
    """A convened meeting with an agenda item and a registration, a document with a version,
    a pending application: objects for the operations to act on."""
    from amity.members import services as member_services
    from conftest import state

    meeting = convened_meeting(group, actor=coordinator)
    meeting_services.agenda_item_add(
        actor=coordinator, meeting=meeting, version=meeting.agenda_version, titles={"en": "Item"}
    )
    meeting_services.registration_submit(
        actor=focal_point,
        meeting=meeting,
        person=person(group, "KAZ", "Bakayev"),
        attendance_mode="in_room",
    )
    document = make_document(group, actor=coordinator)
    application = member_services.application_record(
        actor=coordinator,
        group=group,
        state=state("UGA"),
        note_reference="NV/1",
        received_on=datetime.date(2023, 5, 2),
    )
    return {
        "slug": group.slug,
        "meeting_id": meeting.pk,
        "document_id": document.pk,
        "version_id": latest(document).pk,
        "application_id": application.pk,
        "token": api_token_create(user=coordinator)[1],
    }


def _fits_a_request_line(case: Any) -> bool:
    """The HTTP server (uvicorn) refuses an over-long request line itself, in plain text,
    before the application sees it; the description is the application's contract."""
    query = urlencode(case.query or {}, doseq=True)
    path = "".join(str(v) for v in (case.path_parameters or {}).values())
    return len(query.encode()) + len(path.encode()) * 3 < 6000


def _known(operation: Any, world: dict[str, Any]) -> dict[str, Any]:
    names = {p.name for p in operation.path_parameters}
    return {name: value for name, value in world.items() if name in names}


def _fuzz(
    strategy: Any,
    base_url: str,
    headers: dict[str, str],
    who: str,
    label: str,
    failures: dict[tuple[str, str], str],
) -> int:
    """Run the cases of one strategy; note each kind of failure once. Returns the calls made."""
    calls = 0

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: Any) -> None:
        nonlocal calls
        calls += 1
        try:
            case.call_and_validate(
                base_url=base_url,
                headers=headers,
                excluded_checks=[positive_data_acceptance],
                additional_checks=[valid_data_meets_only_rules],
                timeout=30,
            )
        except (Exception, BaseExceptionGroup) as exc:  # AssertionError, FailureGroup
            text = str(exc).strip()
            first = text.splitlines()[0] if text else type(exc).__name__
            failures.setdefault((label, f"{who}: {first}"), text)

    run()
    return calls


@pytest.mark.contract
def test_the_api_keeps_its_description(live_url: str, world: dict[str, Any]) -> None:
    from amity.api.api import api

    schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1/"))
    identities = {
        "coordinator": {"Authorization": f"Bearer {world['token']}"},
        "anonymous": {},
    }
    failures: dict[tuple[str, str], str] = {}
    calls = 0
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 47

    for operation in operations:
        known = _known(operation, world)
        variants = [
            ("valid, on real objects", GenerationMode.POSITIVE, known),
            ("valid", GenerationMode.POSITIVE, None),
            ("invalid", GenerationMode.NEGATIVE, None),
        ]
        for who, headers in identities.items():
            for _label, mode, path_parameters in variants:
                strategy = operation.as_strategy(
                    generation_mode=mode, path_parameters=path_parameters
                ).filter(_fits_a_request_line)

                calls += _fuzz(strategy, live_url, headers, who, operation.label, failures)

    report = "\n\n".join(
        f"### {label} — {summary}\n{detail[:1500]}"
        for (label, summary), detail in sorted(failures.items())
    )
    assert calls > 0
    assert not failures, f"{len(failures)} contract failures in {calls} calls:\n\n{report}"
