"""The demo loader of publishing is idempotent."""

import pytest

from amity.members.models import AuditEntry
from amity.publishing import demo as publishing_demo
from amity.publishing.models import Activity, Initiative, InitiativeStatusChange, Resolution

pytestmark = pytest.mark.django_db


def test_publishing_demo_twice_changes_nothing(demo_as_loaded):
    counts = (
        Resolution.objects.count(),
        Initiative.objects.count(),
        InitiativeStatusChange.objects.count(),
        Activity.objects.count(),
        AuditEntry.objects.filter(action__startswith=("resolution")).count(),
    )
    before = AuditEntry.objects.count()
    publishing_demo.load()
    assert AuditEntry.objects.count() == before
    assert counts == (
        Resolution.objects.count(),
        Initiative.objects.count(),
        InitiativeStatusChange.objects.count(),
        Activity.objects.count(),
        AuditEntry.objects.filter(action__startswith=("resolution")).count(),
    )
    assert counts[:4] == (6, 2, 4, 1)


LANGUAGES = [
    ("en", "en", "Ashgabat"),
    ("fr", "fr", "Achgabat"),
    ("es", "es", "Asjabad"),
    ("ru", "ru", "Ашхабад"),
    ("ar", "ar", "عشق آباد"),
    ("zh-hans", "zh", "阿什哈巴德"),
]


def test_demo_press_release_of_11_december_2023_is_on_the_news_page_and_feed(demo_as_loaded):
    """The demo publishes the press release of the meeting in the six languages, dated on the
    day of the meeting; the news page and the group's Atom feed in each language show it."""
    import feedparser
    from django.test import Client

    from amity.publishing.demo_press import HEADLINES
    from amity.publishing.models import PressRelease, PressStatus

    for prefix, language, words in LANGUAGES:
        release = PressRelease.objects.get(meeting=demo_as_loaded, language=language)
        assert release.status == PressStatus.PUBLISHED
        assert release.published_at == demo_as_loaded.ends_at  # dated on 11 December 2023
        assert words in release.body
        news = Client().get(f"/{prefix}/groups/neutrality/news/").content.decode()
        assert HEADLINES[language] in news
        feed = feedparser.parse(Client().get(f"/{prefix}/groups/neutrality/news.atom").content)
        assert [e.title for e in feed.entries] == [HEADLINES[language]]
        assert "2023-12-11" in (feed.entries[0].get("published") or feed.entries[0].updated)
