"""``core.cache.cache_public_page`` on its own: readers asking together for a page nobody has
kept wait for one rendering; a page that will change at a known moment is kept no longer."""

from __future__ import annotations

import datetime
import threading
import time
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from amity.core.cache import cache_public_page, public_page_kept_until, public_page_of
from amity.core.registry import content_versions


@pytest.fixture(autouse=True)
def _unchanging_version() -> None:
    content_versions.register("test-unchanging", lambda scope: 7)
    cache.clear()


def _request(path: str = "/kept/") -> HttpRequest:
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = SessionStore()
    return request


def test_readers_asking_together_wait_for_one_rendering() -> None:
    renderings = []

    @cache_public_page(version="test-unchanging")
    def slow(request: HttpRequest) -> HttpResponse:
        public_page_of(request, 1)
        renderings.append(1)
        time.sleep(0.3)
        return HttpResponse("the page")

    answers: list[bytes] = []
    start = threading.Barrier(6)

    def read() -> None:
        start.wait()
        answers.append(slow(_request()).content)

    readers = [threading.Thread(target=read) for _ in range(6)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert answers == [b"the page"] * 6
    assert renderings == [1]


def test_a_page_is_kept_no_longer_than_the_moment_it_changes(settings: Any) -> None:
    settings.AMITY_PUBLIC_PAGE_SECONDS = 60
    moment: dict[str, datetime.datetime] = {}
    renderings = []

    @cache_public_page(version="test-unchanging")
    def page(request: HttpRequest) -> HttpResponse:
        public_page_of(request, 1)
        public_page_kept_until(request, moment["at"])
        renderings.append(1)
        return HttpResponse("the page")

    moment["at"] = timezone.now() + datetime.timedelta(hours=1)
    page(_request("/a/"))
    page(_request("/a/"))
    assert len(renderings) == 1
    # Changes within the second: not kept at all.
    moment["at"] = timezone.now() + datetime.timedelta(milliseconds=300)
    page(_request("/b/"))
    page(_request("/b/"))
    assert len(renderings) == 3
    response = page(_request("/c/"))
    assert "X-Amity-Keep" not in response
