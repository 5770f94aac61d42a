"""The news Atom feed answers conditional requests and keeps its body per group, language and
site address, under the group's content version."""

from __future__ import annotations

import feedparser
import pytest
from django.test import Client

from amity.core.actors import SYSTEM
from amity.publishing import services

pytestmark = pytest.mark.django_db

EN = "/en/groups/neutrality/news.atom"
ZH = "/zh-hans/groups/neutrality/news.atom"


def _titles(response) -> list[str]:
    return [e.title for e in feedparser.parse(response.content).entries]


def test_news_feed_304_per_language_and_new_after_a_publication(demo, django_assert_num_queries):
    releases = {r.language: r for r in services.press_release_draft(actor=SYSTEM, meeting=demo)}
    services.press_release_publish(actor=SYSTEM, release=releases["en"])
    english = Client().get(EN)
    assert english.status_code == 200
    assert _titles(english) == [releases["en"].headline]
    assert english["ETag"]
    assert english["Last-Modified"]
    assert Client().get(EN, HTTP_IF_NONE_MATCH=english["ETag"]).status_code == 304
    assert Client().get(EN, HTTP_IF_MODIFIED_SINCE=english["Last-Modified"]).status_code == 304
    # Another language's validator is not this one's.
    chinese = Client().get(ZH, HTTP_IF_NONE_MATCH=english["ETag"])
    assert chinese.status_code == 200
    assert _titles(chinese) == []
    # Kept: the group and the version, nothing else.
    with django_assert_num_queries(2):
        assert _titles(Client().get(EN)) == [releases["en"].headline]

    services.press_release_publish(actor=SYSTEM, release=releases["zh"])
    assert Client().get(ZH, HTTP_IF_NONE_MATCH=chinese["ETag"]).status_code == 200
    assert _titles(Client().get(ZH)) == [releases["zh"].headline]
    assert Client().get(EN, HTTP_IF_NONE_MATCH=english["ETag"]).status_code == 200


def test_news_feed_links_to_the_host_it_was_asked_on(demo, settings):
    settings.ALLOWED_HOSTS = ["one.example.org", "two.example.org"]
    releases = {r.language: r for r in services.press_release_draft(actor=SYSTEM, meeting=demo)}
    services.press_release_publish(actor=SYSTEM, release=releases["en"])
    one = Client().get(EN, HTTP_HOST="one.example.org")
    two = Client().get(EN, HTTP_HOST="two.example.org")
    assert b"one.example.org" in one.content
    assert b"two.example.org" not in one.content
    assert b"two.example.org" in two.content
    assert b"one.example.org" not in two.content
