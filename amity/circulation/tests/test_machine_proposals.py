"""Machine-translation proposals in the side-by-side editor of the lower layers' {lang: text}
fields (issue 15): a button per empty language asks the coordinator's proposal on request
(``core.proposals``, ``members:machine_proposal``), never while the form renders; the
translation memory first. A real HTTP round trip to a small fake LibreTranslate on 127.0.0.1,
as in ``test_mt``."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from django.test import Client

from amity.circulation import memory
from amity.circulation.models import TMUnit
from amity.circulation.tests.fake_mt import (
    RECEIVED,
    SLOW_SECONDS,
    FakeLibreTranslate,
    SlowLibreTranslate,
    serve,
)
from amity.core import proposals
from amity.meetings import services as meeting_services
from amity.meetings.tests.factories import add_items, convened_meeting, upload
from amity.members.models import Group, State
from conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_mt(settings) -> Iterator[str]:
    for url in serve(FakeLibreTranslate):
        settings.AMITY_MT_URL = url
        yield url


@pytest.fixture
def slow_mt(settings) -> Iterator[str]:
    for url in serve(SlowLibreTranslate):
        settings.AMITY_MT_URL = url
        yield url


PROFILE = "/en/groups/neutrality/manage/profile/"
ASK = "/en/groups/neutrality/manage/machine-proposal/"


def _ask(client: Client, text: str, target: str = "fr", **extra: str):
    return client.post(
        ASK,
        {
            "source_field": "cause_en",
            "cause_en": text,
            "source_language": "en",
            "target_language": target,
            "input": f"id_cause_{target}",
            **extra,
        },
    )


def test_the_editor_offers_a_button_per_missing_language_and_calls_nothing_while_rendering(
    group, coordinator_client, slow_mt
):
    """With a slow service configured the profile form renders at once, no request made:
    a button beside each empty language but the original, none beside a filled one."""
    group.names = {"en": "Group of Friends of Neutrality", "fr": "Groupe des amis"}
    group.save()
    started = time.monotonic()
    page = coordinator_client.get(PROFILE).content.decode()
    assert time.monotonic() - started < SLOW_SECONDS
    assert RECEIVED == []
    assert page.count(f'hx-post="{ASK}"') == 5 * 5 - 1  # 5 fields × 5 languages, names_fr given
    assert 'hx-target="#mt-id_names_es"' in page
    assert 'hx-target="#mt-id_names_fr"' not in page
    assert 'hx-target="#mt-id_names_en"' not in page
    assert 'hx-include="#id_names_en"' in page
    assert "Propose a machine translation" in page


def test_no_button_without_a_service_or_for_who_does_not_coordinate(
    group, coordinator, coordinator_client, focal_point, focal_client, settings, fake_mt
):
    """The statement title page is the focal point's too: only the coordinator gets the
    buttons; with no service configured, nobody."""
    meeting = convened_meeting(group, actor=coordinator)
    (item,) = add_items(meeting, "General debate")
    statement = meeting_services.statement_upload(
        actor=focal_point,
        meeting=meeting,
        agenda_item=item,
        state=State.objects.get(iso3="KAZ"),
        file=upload("statement.txt", b"We support it."),
        original_language="en",
        title={"en": "Statement of Kazakhstan"},
    )
    url = f"/en/meetings/{meeting.pk}/statements/{statement.pk}/title/"
    assert ASK in coordinator_client.get(url).content.decode()
    assert "hx-post" not in focal_client.get(url).content.decode()
    settings.AMITY_MT_URL = ""
    assert "hx-post" not in coordinator_client.get(url).content.decode()
    assert not proposals.machine_available()
    assert RECEIVED == []


def test_a_machine_proposal_fills_the_input_to_review_and_saves_nothing(
    group, coordinator_client, fake_mt
):
    before = Group.objects.get(pk=group.pk).cause
    response = _ask(coordinator_client, "Neutrality & peace <together>")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'data-fill="id_cause_fr"' in body
    # Sent as HTML (escaped), answered as plain text; marked as the machine's, to review.
    assert RECEIVED[-1] == {
        "q": "Neutrality &amp; peace &lt;together&gt;",
        "source": "en",
        "target": "fr",
        "format": "html",
    }
    assert 'data-fill-value="[fr] Neutrality &amp; peace &lt;together&gt;"' in body
    assert "Machine proposal" in body
    assert "review it before saving" in body
    assert 'lang="fr"' in body
    assert Group.objects.get(pk=group.pk).cause == before
    arabic = _ask(coordinator_client, "Peace", target="ar").content.decode()
    assert 'dir="rtl"' in arabic


def test_the_translation_memory_comes_first(group, coordinator_client, fake_mt):
    text = memory.normalise("Neutrality for peace.")
    TMUnit.objects.create(
        source_language="en",
        target_language="es",
        source_text=text,
        source_hash=memory.digest(text),
        source_prefix=memory.prefix(text),
        length_bucket=memory.length_bucket(text),
        target_text="<p>La neutralidad para la paz.</p>",
    )
    body = _ask(coordinator_client, "Neutrality for peace.", target="es").content.decode()
    assert 'data-fill-value="La neutralidad para la paz."' in body
    assert "translation memory" in body
    assert "Machine proposal" not in body
    assert RECEIVED == []  # the machine was not asked


def test_a_service_down_or_not_configured_is_said_plainly(group, coordinator_client, settings):
    settings.AMITY_MT_URL = "http://127.0.0.1:9"
    down = _ask(coordinator_client, "Peace").content.decode()
    assert "Machine translation is unavailable" in down
    assert "could not be reached" in down
    assert "data-fill" not in down
    settings.AMITY_MT_URL = ""
    off = _ask(coordinator_client, "Peace").content.decode()
    assert "No machine translation service is configured" in off
    assert "data-fill" not in off


def test_bad_requests_are_answered_without_asking_the_machine(group, coordinator_client, fake_mt):
    assert "original language first" in _ask(coordinator_client, "  ").content.decode()
    same = _ask(coordinator_client, "Peace", source_language="fr", target="fr")
    assert "two different official languages" in same.content.decode()
    assert "data-fill" not in same.content.decode()
    unknown = _ask(coordinator_client, "Peace", target="de").content.decode()
    assert "two different official languages" in unknown
    long = _ask(coordinator_client, "x" * (proposals.MAX_SOURCE_CHARS + 1)).content.decode()
    assert "too long" in long
    assert RECEIVED == []


def test_only_the_coordinator_may_ask(group, focal_client, observer_client, fake_mt):
    assert _ask(focal_client, "Peace").status_code == 403
    assert _ask(observer_client, "Peace").status_code == 403
    anonymous = _ask(Client(), "Peace")
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
    assert RECEIVED == []


def test_asking_only_by_post(group, coordinator_client, fake_mt):
    assert coordinator_client.get(ASK).status_code == 405


@pytest.mark.browser
def test_the_button_fills_the_empty_input_in_a_browser(
    live_url, browser, group, coordinator, fake_mt, artifacts_dir
):
    """In Chromium, under the site's Content-Security-Policy: the coordinator types the
    original, asks the French proposal, which fills the empty input marked as the machine's;
    nothing is saved until the form is."""
    page = browser.new_context().new_page()
    login(page, live_url, coordinator.username)
    page.goto(f"{live_url}{PROFILE}")
    page.fill("#id_cause_en", "Neutrality for peace")
    page.click("button[hx-target='#mt-id_cause_fr']")
    page.wait_for_selector("#mt-id_cause_fr p.machine")
    assert page.input_value("#id_cause_fr") == "[fr] Neutrality for peace"
    assert "machine-filled" in (page.get_attribute("#id_cause_fr", "class") or "")
    assert "review it before saving" in page.inner_text("#mt-id_cause_fr")
    page.screenshot(path=str(artifacts_dir / "machine-proposal.png"), full_page=True)
    assert Group.objects.get(pk=group.pk).cause.get("fr", "") == ""
    # An input already written in is left as it is.
    page.fill("#id_cause_es", "Mi texto")
    page.click("button[hx-target='#mt-id_cause_es']")
    page.wait_for_selector("#mt-id_cause_es p.machine")
    assert page.input_value("#id_cause_es") == "Mi texto"
