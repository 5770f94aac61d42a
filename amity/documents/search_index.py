"""What outcome documents give the search index: the latest version of each document, one
entry per language version that has words in it (``VersionText``).

Who may find an entry follows ``documents.access``:

- a language version of an adopted, published document that is the original or marked final
  is public;
- everything else (drafts, texts under negotiation or silence, adopted but unpublished texts,
  draft translations of a published text) is a draft of the group: the coordinator and the
  member focal points find it, observers only when the document is shared with them.

Only the latest version is indexed: the public's readable version of an adopted text is the
adopted one or its latest corrigendum, which is the latest version; older drafts would only
repeat what the latest says. ``entries()`` feeds a full rebuild (``amity reindex``); the
documents and circulation services call ``document_index`` after commit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Prefetch, QuerySet

from amity.core.languages import CONTENT_LANGUAGES
from amity.documents import access
from amity.documents.models import DocumentVersion, OutcomeDocument, VersionText
from amity.documents.text import plain
from amity.search import services as search_services
from amity.search.index import Entry
from amity.search.indexers import url_in
from amity.search.models import Audience, EntryKind

PUBLIC_STATUSES = access.PUBLIC_TEXT_STATUSES


def _body(text: VersionText) -> str:
    return "\n".join(p for p in (plain(x) for x in [*text.preamble, *text.operative]) if p)


def document_entries(document: OutcomeDocument, version: DocumentVersion | None) -> Iterator[Entry]:
    """The entries of one document, given its latest version with ``texts`` prefetched."""
    if version is None:
        return
    texts = {t.language: t for t in version.texts.all()}
    original = texts.get(document.original_language)
    public = access.is_public(document)
    group_audience = Audience.PARTICIPANTS if document.shared_with_observers else Audience.MEMBERS
    moment = document.adopted_at or document.created_at
    for language in CONTENT_LANGUAGES:
        text = texts.get(language)
        if text is None:
            continue
        body = _body(text)
        if not (text.title.strip() or body):
            continue
        is_public = public and text.status in PUBLIC_STATUSES
        yield Entry(
            key=f"document:{document.pk}/{language}",
            kind=EntryKind.DOCUMENT,
            group_id=document.group_id,
            language=language,
            title=text.title or (original.title if original else document.slug),
            body=body,
            url=url_in(language, "documents:detail", slug=document.group.slug, doc=document.slug),
            audience=Audience.PUBLIC if is_public else group_audience,
            is_draft=not is_public,
            year=moment.year,
            updated_at=document.updated_at,
        )


def _documents() -> QuerySet[OutcomeDocument]:
    return OutcomeDocument.objects.select_related("group").prefetch_related(
        Prefetch(
            "versions",
            queryset=DocumentVersion.objects.order_by("id").prefetch_related("texts"),
        )
    )


def _latest(document: OutcomeDocument) -> DocumentVersion | None:
    versions = list(document.versions.all())
    return versions[-1] if versions else None


def index_after_commit(document: OutcomeDocument) -> None:
    """Have the document's search entries refreshed once the transaction commits (through
    the outbox: retried if indexing fails)."""
    from amity.core import outbox

    outbox.after_commit(
        "documents.search_index",
        {"document_id": document.pk},
        group_pk=document.group_id,
        subject=document.slug,
    )


def document_index(document_id: int) -> None:
    """Bring the index in step with one document; called after commit by every documents and
    circulation service that changes a version, a text, the status, the adoption, the
    publication or the sharing."""
    document = _documents().filter(pk=document_id).first()
    key = f"document:{document_id}"
    if document is None:
        search_services.search_entries_remove(key=key)
        return
    search_services.search_entries_replace(
        key=key, entries=list(document_entries(document, _latest(document)))
    )


def entries() -> Iterable[Entry]:
    for document in _documents().order_by("pk").iterator(chunk_size=200):
        yield from document_entries(document, _latest(document))
