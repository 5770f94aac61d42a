"""What publishing gives the search index: each language version of a press release (drafts
for the coordinator only) and each initiative in the languages it is written in.

``entries()`` feeds a full rebuild (``amity.search.indexers.sources``); the services call
``press_release_index`` / ``initiative_index`` after commit to keep the index in step.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import nh3
from django.utils import translation

from amity.core.languages import CONTENT_LANGUAGES, interface_language
from amity.publishing.models import Initiative, PressRelease, PressStatus
from amity.search import services as search_services
from amity.search.index import Entry
from amity.search.models import Audience, EntryKind


def _path(page_language: str, name: str, **kwargs: object) -> str:
    from django.urls import reverse

    with translation.override(interface_language(page_language)):
        return reverse(name, kwargs=kwargs)


def press_release_entries(releases: Iterable[PressRelease]) -> Iterator[Entry]:
    for release in releases:
        published = release.status == PressStatus.PUBLISHED
        moment = release.published_at or release.created_at
        yield Entry(
            key=f"press_release:{release.translation_key}/{release.language}",
            kind=EntryKind.PRESS_RELEASE,
            group_id=release.group_id,
            language=release.language,
            title=release.headline or "—",
            body=nh3.clean(release.body or "", tags=set()),
            url=_path(
                release.language,
                "publishing:news_detail" if published else "publishing:press_edit",
                slug=release.group.slug,
                key=release.translation_key,
                **({} if published else {"language": release.language}),
            ),
            audience=Audience.PUBLIC if published else Audience.COORDINATOR,
            is_draft=not published,
            year=moment.year if moment else None,
            updated_at=release.updated_at,
        )


def initiative_entries(initiative: Initiative) -> Iterator[Entry]:
    present = set(initiative.titles) | set(initiative.descriptions)
    for language in (code for code in CONTENT_LANGUAGES if code in present):
        yield Entry(
            key=f"initiative:{initiative.pk}/{language}",
            kind=EntryKind.INITIATIVE,
            group_id=initiative.group_id,
            language=language,
            title=initiative.titles.get(language) or initiative.title,
            body=initiative.descriptions.get(language, ""),
            url=_path(language, "publishing:initiatives", slug=initiative.group.slug),
            audience=Audience.PUBLIC,
            is_draft=False,
            year=initiative.created_at.year,
            updated_at=initiative.created_at,
        )


def press_release_index(translation_key: str) -> None:
    """Bring the index in step with every language version of one press release."""
    releases = list(
        PressRelease.objects.filter(translation_key=translation_key).select_related("group")
    )
    search_services.search_entries_replace(
        key=f"press_release:{translation_key}", entries=list(press_release_entries(releases))
    )


def initiative_index(initiative_id: int) -> None:
    initiative = Initiative.objects.select_related("group").filter(pk=initiative_id).first()
    if initiative is None:
        search_services.search_entries_remove(key=f"initiative:{initiative_id}")
        return
    search_services.search_entries_replace(
        key=f"initiative:{initiative_id}", entries=list(initiative_entries(initiative))
    )


def entries() -> Iterator[Entry]:
    yield from press_release_entries(
        PressRelease.objects.select_related("group").order_by("pk").iterator(chunk_size=200)
    )
    for initiative in Initiative.objects.select_related("group").order_by("pk"):
        yield from initiative_entries(initiative)
