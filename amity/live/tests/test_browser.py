"""In real browsers: a remote delegate asks for the floor, the chair accepts and starts the
time, and the projector (a third browser) shows the new speaker and a running timer without
being reloaded."""

from __future__ import annotations

import re

import pytest

from conftest import login

pytestmark = pytest.mark.browser


def test_remote_delegate_chair_and_projector_stay_in_step(
    live_url, browser, session, coordinator, focal_point, artifacts_dir
):
    m = session.meeting
    projector = browser.new_context().new_page()
    projector.goto(f"{live_url}/en/meetings/{m.pk}/live/projector/")
    projector.wait_for_function("window.amityLive && window.amityLive.connected")
    assert "Nobody has the floor." in projector.locator("[data-live-current]").inner_text()

    delegate = browser.new_context().new_page()
    login(delegate, live_url, focal_point.username)
    delegate.goto(f"{live_url}/en/meetings/{m.pk}/live/")
    delegate.select_option("select[name=registration]", str(session.bakayev.pk))
    delegate.click("text=Request the floor >> nth=-1")
    delegate.wait_for_load_state()
    assert "waiting for the chair to accept" in delegate.content()

    chair = browser.new_context().new_page()
    login(chair, live_url, coordinator.username)
    sockets: list[str] = []
    chair.on("websocket", lambda ws: sockets.append(ws.url))
    chair.goto(f"{live_url}/en/meetings/{m.pk}/live/console/")
    chair.wait_for_function("window.amityLive && window.amityLive.connected")
    chair.click(".live-request button:has-text('Accept')")
    chair.wait_for_selector(".live-request", state="detached")
    chair.click("button[data-shortcut=n]")
    chair.wait_for_selector("button[data-shortcut=s]:not([disabled])")
    chair.keyboard.press("s")  # the keyboard shortcut: start the time
    chair.wait_for_selector("button[data-shortcut=s][disabled]")
    # The console changed three times without a reload: one page, one WebSocket.
    assert len(sockets) == 1, sockets
    assert chair.evaluate("window.amityLive.connected")

    name = projector.locator("[data-live-current] [data-field=name]")
    name.wait_for()
    projector.wait_for_function(
        "document.querySelector('[data-live-current] [data-field=name]').textContent.includes('Bakayev')"
    )
    projector.wait_for_selector("[data-live-timer].running")
    first = projector.locator("[data-timer-text]").inner_text()
    projector.wait_for_timeout(1300)
    second = projector.locator("[data-timer-text]").inner_text()
    assert re.fullmatch(r"\d:\d\d", first)
    assert first != second
    assert "Title of Bakayev" in projector.locator("[data-live-current]").inner_text()
    # The delegate's view, never reloaded, shows the speaker too.
    delegate.wait_for_function(
        "document.querySelector('[data-live-current] [data-field=name]').textContent.includes('Bakayev')"
    )
    projector.screenshot(path=str(artifacts_dir / "live-projector.png"))
