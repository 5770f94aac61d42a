"""Reads for the translation, circulation and rendition pages and the API."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.circulation import memory
from amity.circulation.models import (
    Circulation,
    GAAgendaItem,
    GASession,
    RenditionJob,
    TMUnit,
    TranslationState,
)
from amity.circulation.renditions import LetterInput, RenditionInput
from amity.core.collation import sorted_by
from amity.core.errors import NotFound
from amity.core.languages import CONTENT_LANGUAGES, translated
from amity.core.scripts import in_wrong_script
from amity.documents import access
from amity.documents.models import DocumentVersion, OutcomeDocument, TextStatus, VersionText
from amity.documents.text import plain
from amity.members.models import StateStatus
from amity.members.reference import state_of


@dataclass
class LanguageRow:
    """One language version of a version, whether or not its row exists yet."""

    language: str
    status: str
    title: str = ""
    preamble: list[str] = field(default_factory=list)
    operative: list[str] = field(default_factory=list)
    status_set_by: Any = None
    status_set_at: datetime.datetime | None = None
    revision: int = 0
    memory_refs: list[str] = field(default_factory=list)
    machine_refs: list[str] = field(default_factory=list)
    paragraph_count: int = 0

    @property
    def is_original(self) -> bool:
        return self.status == TextStatus.ORIGINAL

    @property
    def filled(self) -> int:
        return sum(1 for p in [*self.preamble, *self.operative] if memory.normalise(p))

    @property
    def status_label(self) -> str:
        return str(TextStatus(self.status).label)

    @property
    def wrong_script(self) -> bool:
        """The text saved as this language is mostly in another script (Latin saved as the
        Arabic version, say): flagged to the coordinator."""
        if self.status == TextStatus.MISSING:
            return False
        return in_wrong_script(
            [self.title, *(plain(p) for p in [*self.preamble, *self.operative])], self.language
        )


def _state_of(text: VersionText) -> TranslationState | None:
    try:
        return text.translation_state
    except TranslationState.DoesNotExist:
        return None


def language_rows(version: DocumentVersion) -> list[LanguageRow]:
    """The six language versions in UN order (two queries, or none when prefetched)."""
    texts = {
        t.language: t
        for t in VersionText.objects.filter(version=version).select_related(
            "status_set_by", "translation_state"
        )
    }
    original = texts.get(version.document.original_language)
    count = len(original.preamble) + len(original.operative) if original else 0
    rows = []
    for language in CONTENT_LANGUAGES:
        text = texts.get(language)
        if text is None:
            rows.append(
                LanguageRow(language=language, status=TextStatus.MISSING, paragraph_count=count)
            )
            continue
        state = _state_of(text)
        rows.append(
            LanguageRow(
                language=language,
                status=text.status,
                title=text.title,
                preamble=list(text.preamble),
                operative=list(text.operative),
                status_set_by=text.status_set_by,
                status_set_at=text.status_set_at,
                revision=state.revision if state else 1,
                memory_refs=list(state.memory_refs) if state else [],
                machine_refs=list(state.machine_refs) if state else [],
                paragraph_count=count,
            )
        )
    return rows


def language_row(version: DocumentVersion, language: str) -> LanguageRow:
    return next(r for r in language_rows(version) if r.language == language)


@dataclass(frozen=True)
class Suggestion:
    ref: str
    score: float
    text: str
    document: OutcomeDocument | None
    version: DocumentVersion | None


def memory_suggestions(
    *, source_language: str, target_language: str, paragraphs: dict[str, str], limit: int = 2
) -> dict[str, list[Suggestion]]:
    """Close matches from the memory for each paragraph (``{ref: source html}``), with their
    score and the document they came from. Two queries whatever the number of paragraphs: the
    candidates of all of them at once (each paragraph's are the units of its neighbouring
    length buckets or with its first characters, the newest ``MAX_CANDIDATES`` of them, out of
    at most that many per paragraph read in all), then the documents of the matches."""
    sources = {ref: memory.normalise(html) for ref, html in paragraphs.items()}
    sources = {ref: source for ref, source in sources.items() if source}
    if not sources:
        return {}
    buckets = {ref: set(memory.neighbour_buckets(source)) for ref, source in sources.items()}
    prefixes = {ref: memory.prefix(source) for ref, source in sources.items()}
    units = list(
        TMUnit.objects.filter(source_language=source_language, target_language=target_language)
        .filter(
            Q(length_bucket__in=sorted(set().union(*buckets.values())))
            | Q(source_prefix__in=sorted(set(prefixes.values())))
        )
        .only("id", "source_text", "target_text", "length_bucket", "source_prefix")
        .order_by("-created_at", "-id")[: memory.MAX_CANDIDATES * len(sources)]
    )
    # Positions (newest first) of the units by length bucket and by first characters.
    by_bucket: dict[int, list[int]] = {}
    by_prefix: dict[str, list[int]] = {}
    for position, unit in enumerate(units):
        by_bucket.setdefault(unit.length_bucket, []).append(position)
        by_prefix.setdefault(unit.source_prefix, []).append(position)
    found: dict[str, list[memory.Match]] = {}
    for ref, source in sources.items():
        positions = set(by_prefix.get(prefixes[ref], ()))
        for bucket in buckets[ref]:
            positions.update(by_bucket.get(bucket, ()))
        candidates = [units[p] for p in sorted(positions)[: memory.MAX_CANDIDATES]]
        matches = memory.best_matches(
            source, ((u.source_text, u.target_text, u) for u in candidates), limit=limit
        )
        if matches:
            found[ref] = matches
    matched = {m.payload.pk for matches in found.values() for m in matches}
    origins = {
        u.pk: u
        for u in TMUnit.objects.filter(pk__in=matched)
        .only("id", "document", "version")
        .select_related("document__group", "version")
    }
    return {
        ref: [
            Suggestion(
                ref,
                m.score,
                m.target_text,
                origins[m.payload.pk].document if m.payload.pk in origins else None,
                origins[m.payload.pk].version if m.payload.pk in origins else None,
            )
            for m in matches
        ]
        for ref, matches in found.items()
    }


def memory_proposal(text: str, source_language: str, target_language: str) -> str | None:
    """The memory's translation of exactly this text (a title, a note), or None: what the
    side-by-side editor of ``{lang: text}`` fields proposes for a missing language."""
    unit = exact_match(source_language=source_language, target_language=target_language, html=text)
    return unit.target_text if unit is not None else None


def exact_match(*, source_language: str, target_language: str, html: str) -> TMUnit | None:
    source = memory.normalise(html)
    if not source:
        return None
    return (
        TMUnit.objects.filter(
            source_language=source_language,
            target_language=target_language,
            source_hash=memory.digest(source),
        )
        .order_by("-created_at", "-id")
        .first()
    )


# --- UN references --------------------------------------------------------------------------


def sessions() -> list[GASession]:
    return list(
        GASession.objects.select_related("president_state").prefetch_related("agenda_items")
    )


def agenda_items() -> list[GAAgendaItem]:
    return list(
        GAAgendaItem.objects.select_related("session").order_by("-session__number", "number")
    )


# --- circulation and renditions -------------------------------------------------------------


def circulation_of(document: OutcomeDocument) -> Circulation | None:
    return (
        Circulation.objects.filter(document=document)
        .select_related("session", "agenda_item", "chair_state", "version", "representative")
        .first()
    )


def jobs_of(*, user: Any, document: OutcomeDocument, limit: int = 10) -> list[RenditionJob]:
    """The latest jobs of ``document`` that ``user`` may follow (``visible_to``)."""
    return list(
        RenditionJob.objects.visible_to(user)
        .filter(document=document)
        .select_related("version")[:limit]
    )


def job_get(*, user: Any, document: OutcomeDocument, pk: int) -> RenditionJob:
    """A job of ``document`` that ``user`` may follow, for the job page and the API alike:
    those who read the document's drafts (as on the overview page), and a package only its
    group's coordinator (``RenditionJobQuerySet.visible_to``). NotFound otherwise: a job is
    not said to exist to those who may not see it."""
    if not access.can_see_drafts(user, document):
        raise NotFound(_("No such rendition."))
    job = (
        RenditionJob.objects.visible_to(user)
        .filter(pk=pk, document=document)
        .select_related("version")
        .first()
    )
    if job is None:
        raise NotFound(_("No such rendition."))
    return job


def rendition_version(document: OutcomeDocument) -> DocumentVersion | None:
    """The version to render: the adopted one (or its latest corrigendum), else the latest
    (from the versions already read with the document, ``documents.selectors.document_get``,
    when it was)."""
    read = getattr(document, "all_versions", None)
    if read is not None:
        return max(read, key=lambda v: v.pk, default=None)
    return document.versions.order_by("-id").first()


def rendition_input(
    *, version: DocumentVersion, language: str, circulation: Circulation | None = None
) -> RenditionInput:
    """Everything a rendition needs, as plain data. A language without text falls back to
    nothing: the caller checks that the language version exists."""
    document = version.document
    text = VersionText.objects.filter(version=version, language=language).first()
    joinings = list(document.joinings.select_related("state").order_by("joined_on", "state__iso3"))
    circulation = circulation if circulation is not None else circulation_of(document)
    adopted_on = document.adopted_at.date() if document.adopted_at else None
    date = (
        circulation.issued_on or circulation.letter_date
        if circulation is not None
        else adopted_on or timezone.localdate()
    )
    letter = None
    if circulation is not None:
        chair = circulation.chair_state
        signatory = circulation.representative
        name, name_lang = (
            signatory.name_in(language) if signatory else (circulation.representative_name, "")
        )
        letter = LetterInput(
            date=circulation.letter_date,
            state=translated(chair.names, language),
            representative=name or circulation.representative_name,
            security_council=circulation.security_council,
            state_of=state_of(chair.iso3, language),
            observer=chair.status == StateStatus.OBSERVER,
            feminine=circulation.representative_feminine,
            # A name not given in the letter's script is marked as not in its language.
            representative_lang="" if name_lang == language else "und",
        )
    return RenditionInput(
        language=language,
        title=text.title if text else "",
        preamble=list(text.preamble) if text else [],
        operative=list(text.operative) if text else [],
        symbol=(circulation.symbol or None) if circulation else None,
        date=date,
        session=circulation.session.number if circulation else None,
        agenda_item_number=circulation.agenda_item.number if circulation else None,
        agenda_item_title=translated(circulation.agenda_item.titles, language)
        if circulation
        else "",
        original_language=document.original_language,
        joined_states=sorted_by(
            [translated(j.state.names, language) for j in joinings], str, language
        ),
        document_kind=document.kind,
        group_slug=document.group.slug,
        document_slug=document.slug,
        adopted_on=adopted_on,
        letter=letter,
    )


def recent_job_durations(*, seconds: int = 3600) -> list[tuple[str, str, float]]:
    """(kind, status, seconds from request to end) of the rendition jobs that ended within the
    last ``seconds`` (the /metrics figures)."""
    from datetime import timedelta

    from django.utils import timezone

    from amity.circulation.models import RenditionJob

    since = timezone.now() - timedelta(seconds=seconds)
    return [
        (kind, status, (finished - created).total_seconds())
        for kind, status, created, finished in RenditionJob.objects.filter(
            finished_at__gte=since
        ).values_list("kind", "status", "created_at", "finished_at")
        if finished is not None
    ]
