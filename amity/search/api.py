"""API endpoint of search: GET /api/v1/search?q=&kind=&year=&group=&page= — what the caller
may find (anonymous: the public's part), with the matching words marked in ``title_html`` and
``snippet_html`` (escaped HTML with <mark>)."""

from __future__ import annotations

from typing import Annotated, Literal, cast

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema

from amity.core.api import LanguageCode, public
from amity.members import selectors as member_selectors
from amity.search import selectors
from amity.search.models import EntryKind

router = Router(tags=["search"])


class SearchResultOut(Schema):
    kind: EntryKind
    group: str
    language: LanguageCode | Literal[""]
    title: str
    title_html: str
    snippet_html: str
    url: str
    year: int | None
    is_draft: bool
    public: bool


class SearchOut(Schema):
    query: str
    truncated: bool
    page: int
    has_next: bool
    results: list[SearchResultOut]


@router.get("/search", response=SearchOut, summary="Search what the caller may see", auth=public)
def search(
    request: HttpRequest,
    q: Annotated[str, Query(max_length=10_000)] = "",
    kind: EntryKind | Literal[""] = "",
    year: Annotated[int, Query(ge=1945, le=2200)] | None = None,
    group: Annotated[str, Query(max_length=100)] = "",
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
) -> SearchOut:
    errors: dict[str, str] = {}
    group_id = None
    if group:
        group_id = member_selectors.group_id_of(slug=group)
        if group_id is None:
            errors["group"] = f"No group {group}."
    if errors:
        raise ValidationError(errors)
    found = selectors.search(
        user=request.user, q=q, kind=kind or None, year=year, group_id=group_id, page=page
    )
    return SearchOut(
        query=found.query.text,
        truncated=found.query.truncated,
        page=found.page,
        has_next=found.has_next,
        results=[
            SearchResultOut(
                kind=EntryKind(r.entry.kind),
                group=r.entry.group.slug,
                language=cast(LanguageCode, r.entry.language),
                title=r.entry.title,
                title_html=str(r.title_html),
                snippet_html=str(r.snippet_html),
                url=request.build_absolute_uri(r.entry.url),
                year=r.entry.year,
                is_draft=r.entry.is_draft,
                public=r.entry.audience == "public",
            )
            for r in found.results
        ],
    )
