"""Every page type in a real browser, on a phone and on a wide screen, in English and Arabic:
axe-core (from npm, ``make test`` installs it) finds no critical or serious violation, the page
has one ``h1``, and nothing is wider than a 375-pixel phone. Screenshots of the main pages at
375 × 812 and 1920 × 1080 are kept in ``test-artifacts/`` (CI keeps them).

The pages come from the URL configuration (as in ``test_pages_in_six_languages``), one URL per
page template, so a new page is checked without being named here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from amity.core.tests.test_pages_in_six_languages import _kwargs, _objects, site_pages

pytestmark = pytest.mark.browser

AXE = Path(django_settings.BASE_DIR).parent / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 375, "height": 812}
WIDE = {"width": 1920, "height": 1080}
SMALL_BEAMER = {"width": 1280, "height": 720}
# The pages whose screenshots CI keeps, at both sizes and in both directions.
SHOWN = {
    "members:group",
    "members:members",
    "meetings:detail",
    "live:delegate",
    "live:projector",
    "live:console",
    "live:public",
    "documents:detail",
    "publishing:news",
}

RUN_AXE = """async () => {
  // Unique landmarks, whatever their impact (issue 16): one banner, one main, one contentinfo,
  // and landmarks of a kind told apart by their names.
  const LANDMARKS = ['landmark-unique', 'landmark-one-main', 'landmark-no-duplicate-banner',
    'landmark-no-duplicate-contentinfo', 'landmark-no-duplicate-main'];
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'critical' || v.impact === 'serious' || LANDMARKS.includes(v.id))
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""
LAYOUT = """() => ({
  scrollWidth: document.documentElement.scrollWidth,
  h1: document.querySelectorAll('h1').length,
  wide: Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')),
})"""


def _page_urls() -> list[tuple[str, str, str]]:
    """(name, English URL, Arabic URL), one per page template the coordinator is shown."""
    objects = _objects()
    client = Client()
    from amity.accounts.models import User

    client.force_login(User.objects.get(username="coordinator"))
    seen: set[str] = set()
    urls = []
    for name, arguments in site_pages():
        kwargs = _kwargs(name, arguments, objects)
        if kwargs is None:
            continue
        with translation.override("en"):
            english = reverse(name, kwargs=kwargs)
        response = client.get(english)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        template = next((t.name for t in response.templates if t.name), name)
        if template in seen and name not in SHOWN:
            continue
        seen.add(template)
        with translation.override("ar"):
            urls.append((name, english, reverse(name, kwargs=kwargs)))
    return urls


def _signed_in_context(
    browser: Any, base_url: str, viewport: dict[str, int], username: str = "coordinator"
) -> Any:
    """A browser context holding a demo user's session (made by Django's test client, so
    the test does not depend on the sign-in form)."""
    from amity.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    # axe is injected as a script element; the site's Content-Security-Policy would refuse it.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
    return context


def test_every_page_type_is_accessible_and_fits_a_phone(live_url, browser, artifacts_dir):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: `make test` installs it (npm ci)")
    call_command("loaddemo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("demologins", stdout=open("/dev/null", "w"))  # noqa: SIM115
    pages = _page_urls()
    assert len(pages) > 20
    shots = artifacts_dir / "screens"
    shots.mkdir(exist_ok=True)
    failures: list[str] = []
    for viewport in (PHONE, WIDE):
        context = _signed_in_context(browser, live_url, viewport)
        tab = context.new_page()
        for name, english, arabic in pages:
            for language, url in (("en", english), ("ar", arabic)):
                if viewport is WIDE and name not in SHOWN:
                    continue
                response = tab.goto(live_url + url)
                assert response is not None, url
                assert response.status == 200, url
                layout = tab.evaluate(LAYOUT)
                if layout["h1"] != 1:
                    failures.append(f"{url}: {layout['h1']} h1 elements")
                if viewport is PHONE:
                    if layout["scrollWidth"] > PHONE["width"] + 1:
                        failures.append(
                            f"{url}: {layout['scrollWidth']} px wide at 375 ({layout['wide']})"
                        )
                    tab.add_script_tag(path=str(AXE))
                    for violation in tab.evaluate(RUN_AXE):
                        failures.append(f"{url}: axe {json.dumps(violation, ensure_ascii=False)}")
                if name in SHOWN:
                    tab.screenshot(
                        path=str(
                            shots / f"{name.replace(':', '-')}-{language}-{viewport['width']}.png"
                        ),
                        full_page=viewport is PHONE,
                    )
        context.close()
    # The projector also on a 1280 × 720 beamer: one screen, nothing to scroll.
    context = _signed_in_context(browser, live_url, SMALL_BEAMER)
    tab = context.new_page()
    for name, english, arabic in pages:
        if name != "live:projector":
            continue
        for language, url in (("en", english), ("ar", arabic)):
            tab.goto(live_url + url)
            size = tab.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
            )
            if size[0] > SMALL_BEAMER["width"] + 1 or size[1] > SMALL_BEAMER["height"] + 1:
                failures.append(f"{url}: {size} at 1280 x 720")
            tab.screenshot(path=str(shots / f"live-projector-{language}-1280.png"))
    context.close()
    assert not failures, "\n".join(failures)


def test_a_delegate_on_a_phone_sees_the_speaker_and_the_floor_request_first(live_url, browser):
    """Issue 16: in the delegate's view on a 375 × 812 phone, the current speaker and the
    "Request the floor" button are on the first screen, without scrolling."""
    call_command("loaddemo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("demologins", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from amity.meetings.models import Meeting, Registration
    from amity.members.models import GroupRole, Role

    focal = (
        GroupRole.objects.filter(
            role=Role.FOCAL_POINT,
            state__in=Registration.objects.values("state"),
        )
        .select_related("user")
        .first()
    )
    assert focal is not None
    registration = Registration.objects.filter(state=focal.state).first()
    meeting: Meeting = registration.meeting
    context = _signed_in_context(browser, live_url, PHONE, username=focal.user.username)
    for language in ("en", "ar"):
        tab = context.new_page()
        tab.goto(f"{live_url}/{language}/meetings/{meeting.pk}/live/")
        button = tab.locator("form.live-ask button[type=submit]").bounding_box()
        speaker = tab.locator("[data-live-current]").bounding_box()
        assert button is not None
        assert speaker is not None
        assert button["y"] + button["height"] <= PHONE["height"], button
        assert speaker["y"] + speaker["height"] <= PHONE["height"], speaker
    context.close()
