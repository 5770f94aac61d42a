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
    # The projector's clock can be moved forward (time still flows as usual) to see the timer
    # turn amber, then red.
    projector.clock.install()
    projector.goto(f"{live_url}/en/meetings/{m.pk}/live/projector/")
    projector.wait_for_function("() => window.amityLive && window.amityLive.connected")
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
    loads: list[str] = []
    chair.on("websocket", lambda ws: sockets.append(ws.url))
    chair.on("load", lambda page: loads.append(page.url))
    chair.goto(f"{live_url}/en/meetings/{m.pk}/live/console/")
    chair.wait_for_function("() => window.amityLive && window.amityLive.connected")
    chair.click(".live-request button:has-text('Accept')")
    chair.wait_for_selector(".live-request", state="detached")
    chair.click("button[data-shortcut=n]")
    chair.wait_for_selector("button[data-shortcut=s]:not([disabled])")
    chair.keyboard.press("s")  # the keyboard shortcut: start the time
    chair.wait_for_selector("button[data-shortcut=s][disabled]")
    # The console changed three times without a reload: one page load, one WebSocket.
    assert len(loads) == 1, loads
    assert len(sockets) == 1, sockets
    assert chair.evaluate("window.amityLive.connected")

    name = projector.locator("[data-live-current] [data-field=name]")
    name.wait_for()
    projector.wait_for_function(
        "() => document.querySelector('[data-live-current] [data-field=name]')"
        ".textContent.includes('Bakayev')"
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
        "() => document.querySelector('[data-live-current] [data-field=name]')"
        ".textContent.includes('Bakayev')"
    )
    projector.screenshot(path=str(artifacts_dir / "live-projector.png"))

    # Amber in the last 30 seconds, red in overtime, never both.
    timer = projector.locator("[data-live-timer]")
    seen: list[str] = []
    for _step in range(80):
        projector.clock.fast_forward(5000)
        projector.wait_for_timeout(300)
        classes = timer.get_attribute("class") or ""
        state = "overtime" if "overtime" in classes else "ending" if "ending" in classes else ""
        assert not ("overtime" in classes and "ending" in classes), classes
        if not seen or seen[-1] != state:
            seen.append(state)
        if state == "overtime":
            break
    assert seen[-2:] == ["ending", "overtime"], seen
    assert projector.locator("[data-timer-text]").inner_text().startswith("+")
