"""What meetings give the search index: a meeting, its agenda items, the documents attached to
them and its statements, indexed as one tree under the key ``meeting:<pk>``
(``meeting:<pk>/item:<pk>``, ``meeting:<pk>/document:<pk>``, ``meeting:<pk>/statement:<pk>``),
one row per language the text exists in (a document's title: each language it is given in;
a statement: its text in the language delivered, its title in the others), and re-indexed
together on any write, because the meeting's visibility and status decide who may find each of
them. Who may find them is ``Meeting.audience`` (the rule ``MeetingQuerySet.visible_to``
applies): a draft only the coordinator, a members-only meeting every participant (observers
included), the rest everyone.

``entries()`` feeds a full rebuild (``amity reindex``); the meetings services call
``meeting_index`` after commit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet

from amity.core import dates
from amity.core.languages import CONTENT_LANGUAGES, translated
from amity.meetings.models import AgendaDocument, AgendaItem, Meeting, MeetingStatus, Statement
from amity.members.permissions import Standing
from amity.search import services
from amity.search.index import Entry
from amity.search.indexers import url_in
from amity.search.models import Audience, EntryKind

# Who may find an entry is who may see the meeting (``Meeting.audience``), in the index's terms.
_SEARCH_AUDIENCE = {
    Standing.PUBLIC: Audience.PUBLIC,
    Standing.PARTICIPANT: Audience.PARTICIPANTS,
    Standing.COORDINATOR: Audience.COORDINATOR,
}


def _meeting_access(meeting: Meeting) -> tuple[str, bool]:
    return _SEARCH_AUDIENCE[meeting.audience], meeting.status == MeetingStatus.DRAFT


def _languages(*texts: dict[str, str]) -> list[str]:
    present = {code for values in texts for code, text in values.items() if text}
    return [code for code in CONTENT_LANGUAGES if code in present]


def meeting_entries(meeting: Meeting) -> Iterator[Entry]:
    """The entries of a meeting, its agenda items, their documents and its statements (which
    must be prefetched as ``agenda_items__documents`` and ``statements__state`` for a bulk
    rebuild)."""
    audience, is_draft = _meeting_access(meeting)
    key = f"meeting:{meeting.pk}"
    year = dates.localtime(meeting.starts_at, meeting.zone).year
    common: dict[str, Any] = {
        "group_id": meeting.group_id,
        "audience": audience,
        "is_draft": is_draft,
        "year": year,
        "updated_at": meeting.updated_at,
    }
    venues = " ".join(dict.fromkeys((meeting.venue_name or {}).values()))
    cities = " ".join(dict.fromkeys((meeting.venue_city or {}).values()))
    place = " ".join(p for p in (venues, cities) if p)
    for lang in _languages(meeting.titles, meeting.summary_record):
        title = meeting.titles.get(lang) or meeting.title
        yield Entry(
            key=key,
            kind=EntryKind.MEETING,
            language=lang,
            title=title,
            body="\n".join(p for p in (place, meeting.summary_record.get(lang, "")) if p),
            url=url_in(lang, "meetings:detail", pk=meeting.pk),
            **common,
        )
    for item in meeting.agenda_items.all():
        for lang in _languages(item.titles, item.decision):
            yield Entry(
                key=f"{key}/item:{item.pk}",
                kind=EntryKind.AGENDA_ITEM,
                language=lang,
                title=item.titles.get(lang) or translated_item_title(item, meeting),
                body=item.decision.get(lang, ""),
                url=url_in(lang, "meetings:detail", pk=meeting.pk) + f"#item-{item.pk}",
                **common,
            )
        for document in item.documents.all():
            # Each language the title is given in finds it; the item's title (in that
            # language, else the original's) says what it belongs to.
            for lang in _languages(document.title):
                yield Entry(
                    key=f"{key}/document:{document.pk}",
                    kind=EntryKind.MEETING_DOCUMENT,
                    language=lang,
                    title=document.title[lang],
                    body=item.titles.get(lang) or translated_item_title(item, meeting),
                    url=url_in(lang, "meetings:agenda_document", pk=meeting.pk, doc_pk=document.pk),
                    **common,
                )
    for statement in meeting.statements.all():
        lang = statement.original_language or ""
        state_name = statement.state.names.get(lang) or statement.state.names.get("en", "")
        yield Entry(
            key=f"{key}/statement:{statement.pk}",
            kind=EntryKind.STATEMENT,
            language=lang if lang in CONTENT_LANGUAGES else "",
            title=translated(statement.title, lang, fallback=lang) or state_name,
            body=statement.text,
            url=url_in(lang, "meetings:statement_file", pk=meeting.pk, statement_pk=statement.pk),
            **common,
        )
        # Its title in the other languages it was given in (after the upload too) finds it.
        for other in _languages(statement.title):
            if other != lang:
                yield Entry(
                    key=f"{key}/statement:{statement.pk}",
                    kind=EntryKind.STATEMENT,
                    language=other,
                    title=statement.title[other],
                    body="",
                    url=url_in(
                        other,
                        "meetings:statement_file",
                        pk=meeting.pk,
                        statement_pk=statement.pk,
                    ),
                    **common,
                )


def translated_item_title(item: AgendaItem, meeting: Meeting) -> str:
    return item.titles.get(meeting.original_language) or next(iter(item.titles.values()), "")


def _meetings() -> QuerySet[Meeting]:
    return Meeting.objects.prefetch_related(
        Prefetch(
            "agenda_items",
            queryset=AgendaItem.objects.order_by("position", "id").prefetch_related(
                Prefetch("documents", queryset=AgendaDocument.objects.order_by("uploaded_at", "id"))
            ),
        ),
        Prefetch("statements", queryset=Statement.objects.select_related("state")),
    ).order_by("pk")


def meeting_index(meeting_id: int) -> None:
    """Bring the index in step with a meeting and everything under it; called after commit by
    every meetings service that changes what can be found or who may find it."""
    meeting = _meetings().filter(pk=meeting_id).first()
    if meeting is None:
        services.search_entries_remove(key=f"meeting:{meeting_id}")
        return
    services.search_entries_replace(
        key=f"meeting:{meeting_id}", entries=list(meeting_entries(meeting))
    )


def entries() -> Iterator[Entry]:
    for meeting in _meetings().iterator(chunk_size=200):
        yield from meeting_entries(meeting)
