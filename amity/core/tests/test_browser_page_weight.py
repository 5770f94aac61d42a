"""First view of every public page ≤ 100 KB (issue 17): Chromium with a cold cache (its cache
disabled), the bytes as sent over the wire (Chrome's ``encodedDataLength``:
compressed bodies and their headers) of everything the page loads before it is idle, in English
and Arabic. Each page's weight is printed.

The pages come from the URL configuration (as in ``test_pages_in_six_languages``): every named
pattern that an anonymous reader gets as an HTML page, so a new public page is weighed without
being named here. Bounded in time: one load per page and language, at most 60 s.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from amity.core.tests.test_pages_in_six_languages import _kwargs, _objects, site_pages

pytestmark = pytest.mark.browser

LIMIT = 100 * 1024
TIME_LIMIT = 60.0


def public_pages() -> list[tuple[str, str, str]]:
    """(name, English URL, Arabic URL) of every pattern an anonymous reader gets as HTML."""
    objects = _objects()
    anonymous = Client()
    pages = []
    seen: set[str] = set()
    for name, arguments in site_pages():
        kwargs = _kwargs(name, arguments, objects)
        if kwargs is None:
            continue
        with translation.override("en"):
            english = reverse(name, kwargs=kwargs)
        if english in seen:  # two names for one page (allauth's and ours)
            continue
        seen.add(english)
        response = anonymous.get(english)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        with translation.override("ar"):
            pages.append((name, english, reverse(name, kwargs=kwargs)))
    return pages


QUIET_MS = 150
# Pictures near the screen: Chrome fetches lazy ones within 1,250 pixels of it (more on slow
# connections) once the page is laid out, which may be after the load event; wait until those
# within 600 pixels are complete (the others near it start at the same time, and are then
# counted as requests in flight).
NEAR_PICTURES_LOADED = """() => Array.from(document.images).every(i => {
  const r = i.getBoundingClientRect();
  return i.complete || r.top > window.innerHeight + 600 || r.width === 0;
})"""


class FirstView:
    """One browser tab with its cache disabled (every load is a cold one), counting the bytes
    received per load: Chrome's ``encodedDataLength`` per response, the body as sent
    (compressed) and its headers."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1366, "height": 768})
        self.page = self.context.new_page()
        session = self.context.new_cdp_session(self.page)
        session.send("Network.enable")
        session.send("Network.setCacheDisabled", {"cacheDisabled": True})
        self.urls: dict[str, str] = {}
        self.sizes: dict[str, int] = {}
        self.ended: set[str] = set()
        session.on("Network.requestWillBeSent", self._sent)
        session.on("Network.loadingFinished", self._finished)
        session.on("Network.loadingFailed", lambda event: self.ended.add(event["requestId"]))

    def _sent(self, event: dict[str, Any]) -> None:
        self.urls[event["requestId"]] = event["request"]["url"]

    def _finished(self, event: dict[str, Any]) -> None:
        self.sizes[event["requestId"]] = int(event["encodedDataLength"])
        self.ended.add(event["requestId"])

    def weigh(self, url: str) -> tuple[int, list[tuple[int, str]]]:
        """Bytes received to show ``url``: after the load event, until no request has been
        in flight for ``QUIET_MS`` (lazy pictures the browser fetches because they are near
        the screen included); and the largest responses (bytes, URL)."""
        self.context.clear_cookies()
        self.urls.clear()
        self.sizes.clear()
        self.ended.clear()
        self.page.goto(url, wait_until="load")
        self.page.wait_for_function(NEAR_PICTURES_LOADED, timeout=10_000)
        seen = -1
        while seen != len(self.urls) or set(self.urls) - self.ended:
            seen = len(self.urls)
            self.page.wait_for_timeout(QUIET_MS)
        received = sorted(
            ((size, self.urls.get(rid, "?")) for rid, size in self.sizes.items()), reverse=True
        )
        return sum(self.sizes.values()), received[:3]


def test_first_view_of_every_public_page_is_at_most_100_kb(live_url, browser):
    call_command("loaddemo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    pages = public_pages()
    assert len(pages) > 10
    viewer = FirstView(browser)
    started = time.monotonic()
    heavy = []
    for name, english, arabic in pages:
        for path in (english, arabic):
            total, largest = viewer.weigh(live_url + path)
            print(f"{total / 1024:7.1f} KB  {name:32} {path}")
            if total > LIMIT:
                heavy.append(
                    f"{path}: {total / 1024:.1f} KB; largest: "
                    + ", ".join(f"{u.removeprefix(live_url)} {s / 1024:.1f} KB" for s, u in largest)
                )
    elapsed = time.monotonic() - started
    viewer.context.close()
    print(f"{len(pages) * 2} first views in {elapsed:.0f} s")
    assert not heavy, "first view over 100 KB:\n" + "\n".join(heavy)
    assert elapsed <= TIME_LIMIT, f"the walk took {elapsed:.0f} s"
