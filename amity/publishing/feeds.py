"""The group's news as an Atom feed, one per interface language: ``/<lang>/groups/<slug>/news.atom``."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from amity.core.cache import cached_feed
from amity.core.languages import content_language, interface_language, translated
from amity.members import selectors as member_selectors
from amity.members.cache import group_public_version_at
from amity.members.models import Group
from amity.publishing import selectors

FEED_SIZE = 50


def news_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """Answered with validators from the group's content version (a 304 when unchanged) and
    kept in the cache per group, language and site address (``amity.core.cache.cached_feed``)."""
    group = member_selectors.group_get(slug=slug)
    language = content_language()
    # The version first: a write committed while the feed is rendered leaves it stale at once.
    version, modified = group_public_version_at(group.pk)
    return cached_feed(
        request,
        variant=("news", str(group.pk), language, request.build_absolute_uri("/")),
        version=version,
        modified=modified,
        render=lambda: _render(request, group, language),
        edge=("group", group.pk, version),
        for_anyone=True,
    )


def _render(request: HttpRequest, group: Group, language: str) -> HttpResponse:
    slug = group.slug
    name = translated(group.names, language, fallback=group.original_language)
    feed = Atom1Feed(
        title=name,
        link=request.build_absolute_uri(reverse("publishing:news", kwargs={"slug": slug})),
        description=name,
        language=interface_language(language),
        feed_url=request.build_absolute_uri(request.path),
        feed_guid=f"urn:amity:{group.slug}:news:{language}",
    )
    for release in selectors.published_news(group=group, language=language)[:FEED_SIZE]:
        link = request.build_absolute_uri(release.get_absolute_url())
        feed.add_item(
            title=release.headline,
            link=link,
            description=release.body,
            unique_id=f"urn:uuid:{release.translation_key}#{release.language}",
            pubdate=release.published_at,
            updateddate=release.updated_at,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
