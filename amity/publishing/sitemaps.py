"""/sitemap.xml: the public pages of every group, in the six interface languages."""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpRequest, HttpResponse
from django.template.response import SimpleTemplateResponse
from django.urls import reverse

from amity.core.cache import cached_feed
from amity.meetings.models import Meeting, MeetingStatus, Visibility
from amity.members.cache import site_public_version_at
from amity.members.models import Group
from amity.publishing.models import PressRelease, PressStatus

GROUP_PAGES = (
    "members:group",
    "members:members",
    "meetings:calendar",
    "publishing:news",
    "publishing:resolutions",
    "publishing:initiatives",
    "publishing:road_map",
)


class GroupPagesSitemap(Sitemap):
    i18n = True

    def items(self) -> list[tuple[str, str]]:
        slugs = Group.objects.order_by("slug").values_list("slug", flat=True)
        return [(name, slug) for slug in slugs for name in GROUP_PAGES]

    def location(self, item: tuple[str, str]) -> str:
        name, slug = item
        return reverse(name, kwargs={"slug": slug})


class MeetingSitemap(Sitemap):
    i18n = True

    def items(self) -> Any:
        return Meeting.objects.filter(
            status=MeetingStatus.CONVENED, visibility=Visibility.PUBLIC
        ).order_by("pk")

    def lastmod(self, item: Meeting) -> Any:
        return item.updated_at


class NewsSitemap(Sitemap):
    """Each published language version under its own language's address."""

    def items(self) -> Any:
        return (
            PressRelease.objects.filter(status=PressStatus.PUBLISHED)
            .select_related("group")
            .order_by("pk")
        )

    def location(self, item: PressRelease) -> str:
        from django.utils import translation

        from amity.core.languages import interface_language

        with translation.override(interface_language(item.language)):
            return item.get_absolute_url()

    def lastmod(self, item: PressRelease) -> Any:
        return item.updated_at


SITEMAPS: dict[str, type[Sitemap[Any]] | Sitemap[Any]] = {
    "groups": GroupPagesSitemap,
    "meetings": MeetingSitemap,
    "news": NewsSitemap,
}


def sitemap(request: HttpRequest) -> HttpResponse:
    """``/sitemap.xml``, answered with validators from the site's content version (a 304 when
    unchanged) and kept in the cache per site address (``amity.core.cache.cached_feed``,
    issue 17): it lists every group's public pages and changes only with an audited write,
    or with time (at most ``AMITY_PUBLIC_PAGE_SECONDS``)."""
    # The version first: a write committed while the map is rendered leaves it stale at once.
    version, modified = site_public_version_at()

    def render() -> HttpResponse:
        response = sitemap_view(request, sitemaps=SITEMAPS)
        return response.render() if isinstance(response, SimpleTemplateResponse) else response

    return cached_feed(
        request,
        # The map's page (Django's sitemap view reads ``p``), and the address its links use.
        variant=("sitemap", request.GET.get("p", "1"), request.build_absolute_uri("/")),
        version=version,
        modified=modified,
        render=render,
        edge=("site", 0, version),
        for_anyone=True,
    )
