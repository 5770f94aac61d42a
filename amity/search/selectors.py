"""Reads on the search index: who may find what, and a page of results with highlighted
titles and snippets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from amity.members.models import GroupRole, Role
from amity.search import index
from amity.search.index import Filters, Scope
from amity.search.models import Audience, SearchEntry
from amity.search.text import Query, highlight, highlighter, parse_query, snippet

PER_PAGE = 20
MAX_PAGE = 25  # index.RANKED / PER_PAGE

_ROLE_AUDIENCES: dict[str, tuple[str, ...]] = {
    Role.COORDINATOR: tuple(Audience.values),
    Role.FOCAL_POINT: (Audience.PUBLIC, Audience.PARTICIPANTS, Audience.MEMBERS),
    Role.OBSERVER: (Audience.PUBLIC, Audience.PARTICIPANTS),
}


def scope_for(user: Any) -> Scope:
    """What ``user`` may find: the public's part, and per group the audiences of their roles
    there (one query)."""
    if getattr(user, "is_superuser", False):
        return Scope(everything=True)
    if not getattr(user, "is_authenticated", False):
        return Scope()
    by_group: dict[int, set[str]] = {}
    for group_id, role in GroupRole.objects.filter(user=user).values_list("group_id", "role"):
        by_group.setdefault(group_id, set()).update(_ROLE_AUDIENCES.get(role, ()))
    return Scope(audiences_by_group={g: tuple(sorted(a)) for g, a in by_group.items()})


@dataclass(frozen=True)
class Result:
    entry: SearchEntry
    title_html: SafeString
    snippet_html: SafeString


@dataclass(frozen=True)
class ResultPage:
    query: Query
    results: list[Result]
    page: int
    has_next: bool

    @property
    def first_number(self) -> int:
        return (self.page - 1) * PER_PAGE + 1


def search(
    *,
    user: Any,
    q: str | None,
    kind: str | None = None,
    year: int | None = None,
    group_id: int | None = None,
    page: int = 1,
) -> ResultPage:
    """One page of what ``user`` may find for ``q``; an empty query finds nothing. Costs three
    queries: the user's roles, the matching ids, the entries with their groups."""
    query = parse_query(q)
    page = min(max(page, 1), MAX_PAGE)
    if query.is_empty:
        return ResultPage(query=query, results=[], page=page, has_next=False)
    ids = index.search(
        query=query,
        scope=scope_for(user),
        filters=Filters(kinds=(kind,) if kind else (), year=year, group_id=group_id),
        limit=PER_PAGE + 1,
        offset=(page - 1) * PER_PAGE,
    )
    has_next = len(ids) > PER_PAGE and page < MAX_PAGE
    ids = ids[:PER_PAGE]
    entries = SearchEntry.objects.select_related("group").in_bulk(ids)
    pattern = highlighter(query.terms)
    results = [
        Result(
            entry=entries[pk],
            # Both are escaped first and only then marked (text.highlight / text.snippet).
            title_html=mark_safe(highlight(entries[pk].title, pattern)),  # noqa: S308 - escaped first, then marked (text.highlight)
            snippet_html=mark_safe(snippet(entries[pk].body, pattern)),  # noqa: S308 - escaped first, then marked (text.snippet)
        )
        for pk in ids
        if pk in entries
    ]
    return ResultPage(query=query, results=results, page=page, has_next=has_next)


def years() -> list[int]:
    """The years the index holds, latest first, for the year filter."""
    return sorted(
        {y for y in SearchEntry.objects.values_list("year", flat=True).distinct() if y},
        reverse=True,
    )
