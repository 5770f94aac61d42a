"""Every write of this app: UN references, language versions and the translation memory,
machine proposals, circulation records and rendition jobs.

Errors: ``ValidationError`` with a field dict (400), ``Conflict`` (409), ``PermissionDenied``
(403). The system (demo loader, command line) acts as a ``SystemActor`` (``amity.core.actors``),
which the permission checks let through by name; no function takes ``None``.
Rendition jobs start only after the transaction commits (``jobs.enqueue``).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.circulation import memory, mt
from amity.circulation.models import (
    Circulation,
    CirculationStatus,
    GAAgendaItem,
    GASession,
    JobKind,
    JobStatus,
    RenditionJob,
    TMUnit,
    TranslationState,
)
from amity.circulation.symbols import parse_symbol
from amity.core import outbox
from amity.core.actors import Actor, is_system, system_actor, user_of
from amity.core.errors import Conflict
from amity.core.languages import CONTENT_LANGUAGES, clean_translations
from amity.documents import access, search_index
from amity.documents.models import (
    DocumentStatus,
    DocumentVersion,
    OutcomeDocument,
    TextStatus,
    VersionText,
)
from amity.documents.text import plain, sanitize
from amity.members import permissions
from amity.members.audit import audit_record
from amity.members.models import Person, State

SETTABLE_STATUSES = (TextStatus.DRAFT, TextStatus.IN_REVISION)


def _require_staff(actor: Actor) -> None:
    if not is_system(actor) and not getattr(actor, "is_superuser", False):
        raise PermissionDenied(_("Only an administrator may change the UN reference data."))


def _refs(preamble: Sequence[str], operative: Sequence[str]) -> list[tuple[str, str]]:
    return [(f"pp{i}", p) for i, p in enumerate(preamble, 1)] + [
        (f"op{i}", p) for i, p in enumerate(operative, 1)
    ]


# --- UN references --------------------------------------------------------------------------


def ga_session_save(
    *,
    actor: Actor,
    number: int,
    opened_on: datetime.date,
    president_name: str = "",
    president_state: State | None = None,
) -> GASession:
    _require_staff(actor)
    if not 1 <= number <= 99:
        raise ValidationError({"number": _("A General Assembly session is numbered 1 to 99.")})
    with transaction.atomic():
        session, created = GASession.objects.select_for_update().get_or_create(
            number=number,
            defaults={
                "opened_on": opened_on,
                "president_name": president_name,
                "president_state": president_state,
            },
        )
        if not created and (
            session.opened_on,
            session.president_name,
            session.president_state_id,
        ) == (opened_on, president_name, president_state.pk if president_state else None):
            return session
        if not created:
            session.opened_on = opened_on
            session.president_name = president_name
            session.president_state = president_state
            session.save(update_fields=["opened_on", "president_name", "president_state"])
        audit_record(
            actor=actor,
            action="ga_session.save",
            obj=session,
            data={"number": number, "created": created},
        )
    return session


def ga_agenda_item_save(
    *, actor: Actor, session: GASession, number: int, titles: dict[str, str]
) -> GAAgendaItem:
    _require_staff(actor)
    cleaned = clean_translations(titles)
    errors = {}
    if number < 1:
        errors["number"] = _("An agenda item number is a positive number, e.g. 58.")
    if not cleaned:
        errors["titles"] = _("Give the agenda item's title in at least one language.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item, created = GAAgendaItem.objects.select_for_update().get_or_create(
            session=session, number=number, defaults={"titles": cleaned}
        )
        if not created and item.titles == cleaned:
            return item
        if not created:
            item.titles = cleaned
            item.save(update_fields=["titles"])
        audit_record(
            actor=actor,
            action="ga_agenda_item.save",
            obj=item,
            data={"session": session.number, "number": number},
        )
    return item


# --- language versions ----------------------------------------------------------------------


def _original(version: DocumentVersion) -> VersionText:
    return VersionText.objects.get(version=version, language=version.document.original_language)


def _check_language(version: DocumentVersion, language: str) -> None:
    if language not in CONTENT_LANGUAGES:
        raise ValidationError({"language": _("Choose one of the six official languages.")})
    if language == version.document.original_language:
        raise ValidationError(
            {
                "language": _(
                    "The original language version is changed by a new revision, not translated."
                )
            }
        )


def _locked_text(
    version: DocumentVersion, language: str, actor: Actor
) -> tuple[VersionText, TranslationState]:
    """The language row and its state, locked; created (missing) when they do not exist."""
    text, _created = VersionText.objects.select_for_update().get_or_create(
        version=version, language=language, defaults={"status": TextStatus.MISSING}
    )
    state, _ = TranslationState.objects.select_for_update().get_or_create(text=text)
    return text, state


def _mismatch(label: str, prefix: str, original: int, given: int) -> str | None:
    if original == given:
        return None
    if given < original:
        refs = ", ".join(f"{prefix}{i}" for i in range(given + 1, original + 1))
        return _(
            "The original has %(original)s %(section)s paragraphs, the translation %(given)s: "
            "%(refs)s have no translation."
        ) % {"original": original, "given": given, "section": label, "refs": refs}
    refs = ", ".join(f"{prefix}{i}" for i in range(original + 1, given + 1))
    return _(
        "The original has %(original)s %(section)s paragraphs, the translation %(given)s: "
        "%(refs)s have no original."
    ) % {"original": original, "given": given, "section": label, "refs": refs}


def translation_update(
    *,
    actor: Actor,
    version: DocumentVersion,
    language: str,
    title: str,
    preamble: Sequence[str],
    operative: Sequence[str],
    revision: int | None = None,
    status: str | None = None,
    final: bool = False,
) -> VersionText:
    """Save a language version, paragraph by paragraph aligned with the original. Empty
    paragraphs are kept in place (not yet translated). ``revision`` is the one the editor
    started from: if someone saved meanwhile, ``Conflict``. ``final``: "Save and mark final",
    one intent in one transaction: if the text may not be final yet (a paragraph left empty,
    no title), nothing is saved and the ``ValidationError`` says why."""
    document = version.document
    permissions.require_coordinator(actor, document.group)
    _check_language(version, language)
    if status is not None and status not in SETTABLE_STATUSES:
        raise ValidationError(
            {"status": _("Choose draft or in revision; final is set by marking the text final.")}
        )
    preamble = [sanitize(p) for p in preamble]
    operative = [sanitize(p) for p in operative]
    with transaction.atomic():
        original = _original(version)
        errors = {}
        for field, label, prefix, given in (
            ("preamble", _("preambular"), "PP", preamble),
            ("operative", _("operative"), "OP", operative),
        ):
            problem = _mismatch(label, prefix, len(getattr(original, field)), len(given))
            if problem:
                errors[field] = problem
        if errors:
            raise ValidationError(errors)
        text, state = _locked_text(version, language, actor)
        if revision is not None and revision != state.revision:
            raise Conflict(
                _(
                    "Someone saved this translation meanwhile: reload the page to see their "
                    "changes, then make yours again."
                )
            )
        before = dict(_refs(text.preamble, text.operative))
        changed = {ref for ref, p in _refs(preamble, operative) if before.get(ref) != p}
        text.title = plain(sanitize(title))[:500]
        text.preamble = preamble
        text.operative = operative
        new_status = (
            status
            or (TextStatus.IN_REVISION if text.status == TextStatus.FINAL else None)
            or (TextStatus.DRAFT if text.status == TextStatus.MISSING else text.status)
        )
        if new_status != text.status:
            text.status = new_status
            text.status_set_by = user_of(actor)
            text.status_set_at = timezone.now()
        text.save()
        state.revision += 1
        state.memory_refs = [r for r in state.memory_refs if r not in changed]
        state.machine_refs = [r for r in state.machine_refs if r not in changed]
        state.updated_by = user_of(actor)
        state.save()
        search_index.index_after_commit(document)
        audit_record(
            actor=actor,
            action="translation.update",
            obj=text,
            group=document.group,
            data={
                "language": language,
                "version": version.pk,
                "status": text.status,
                "changed": sorted(changed),
            },
        )
        if final:
            _mark_final(actor=actor, version=version, original=original, text=text, state=state)
    return text


def translation_set_status(
    *, actor: Actor, version: DocumentVersion, language: str, status: str
) -> VersionText:
    document = version.document
    permissions.require_coordinator(actor, document.group)
    _check_language(version, language)
    if status not in SETTABLE_STATUSES:
        raise ValidationError(
            {"status": _("Choose draft or in revision; final is set by marking the text final.")}
        )
    with transaction.atomic():
        text, _state = _locked_text(version, language, actor)
        if not (text.title or any(memory.normalise(p) for p in [*text.preamble, *text.operative])):
            raise ValidationError(
                {"status": _("This language version is empty: translate it first.")}
            )
        text.status = status
        text.status_set_by = user_of(actor)
        text.status_set_at = timezone.now()
        text.save(update_fields=["status", "status_set_by", "status_set_at"])
        search_index.index_after_commit(document)
        audit_record(
            actor=actor,
            action="translation.status",
            obj=text,
            group=document.group,
            data={"language": language, "status": status},
        )
    return text


def translation_mark_final(
    *, actor: Actor, version: DocumentVersion, language: str, revision: int | None = None
) -> VersionText:
    """Mark a language version final and keep its paragraph pairs in the memory. An empty
    version, or one with an untranslated paragraph, cannot be final."""
    document = version.document
    permissions.require_coordinator(actor, document.group)
    _check_language(version, language)
    with transaction.atomic():
        original = _original(version)
        text, state = _locked_text(version, language, actor)
        if revision is not None and revision != state.revision:
            raise Conflict(_("Someone saved this translation meanwhile: reload the page."))
        _mark_final(actor=actor, version=version, original=original, text=text, state=state)
    return text


def _mark_final(
    *,
    actor: Actor,
    version: DocumentVersion,
    original: VersionText,
    text: VersionText,
    state: TranslationState,
) -> None:
    """The final step, inside the caller's transaction, on the text and state it has locked:
    refuse (``ValidationError``) a text that is not complete, else mark it final, keep its
    pairs in the memory and audit."""
    document = version.document
    language = text.language
    pairs = _refs(text.preamble, text.operative)
    if not any(memory.normalise(p) for _ref, p in pairs):
        raise ValidationError(
            {"status": _("This language version is empty: it cannot be marked final.")}
        )
    errors = {}
    for field, label, prefix in (
        ("preamble", _("preambular"), "PP"),
        ("operative", _("operative"), "OP"),
    ):
        problem = _mismatch(label, prefix, len(getattr(original, field)), len(getattr(text, field)))
        if problem:
            errors[field] = problem
    empty = [ref.upper() for ref, p in pairs if not memory.normalise(p)]
    if empty:
        errors["status"] = _("These paragraphs are not translated yet: %(refs)s.") % {
            "refs": ", ".join(empty)
        }
    if not text.title.strip():
        errors["title"] = _("Translate the title too.")
    if errors:
        raise ValidationError(errors)
    text.status = TextStatus.FINAL
    text.status_set_by = user_of(actor)
    text.status_set_at = timezone.now()
    text.save(update_fields=["status", "status_set_by", "status_set_at"])
    kept = _remember(
        actor=actor,
        document=document,
        version=version,
        source_language=original.language,
        target_language=language,
        sources=[original.title, *original.preamble, *original.operative],
        targets=[text.title, *text.preamble, *text.operative],
    )
    state.revision += 1
    state.save(update_fields=["revision", "updated_at"])
    search_index.index_after_commit(document)
    audit_record(
        actor=actor,
        action="translation.final",
        obj=text,
        group=document.group,
        data={"language": language, "version": version.pk, "memory_units": kept},
    )


def _remember(
    *,
    actor: Actor,
    document: OutcomeDocument,
    version: DocumentVersion,
    source_language: str,
    target_language: str,
    sources: Sequence[str],
    targets: Sequence[str],
) -> int:
    kept = 0
    for source_html, target_html in zip(sources, targets, strict=True):
        source = memory.normalise(source_html)
        if not source or not memory.normalise(target_html):
            continue
        TMUnit.objects.update_or_create(
            source_language=source_language,
            target_language=target_language,
            source_hash=memory.digest(source),
            version=version,
            defaults={
                "source_text": source,
                "source_prefix": memory.prefix(source),
                "length_bucket": memory.length_bucket(source),
                "target_text": sanitize(target_html),
                "document": document,
                "created_by": user_of(actor),
            },
        )
        kept += 1
    return kept


def translation_prefill(*, actor: Actor, version: DocumentVersion, language: str) -> int:
    """Fill the untranslated paragraphs (and title) from exact matches in the memory; returns
    how many were filled. Paragraphs already written are left alone."""
    from amity.circulation.selectors import exact_match

    document = version.document
    permissions.require_coordinator(actor, document.group)
    _check_language(version, language)
    with transaction.atomic():
        original = _original(version)
        text, state = _locked_text(version, language, actor)
        if text.status == TextStatus.FINAL:
            raise Conflict(_("This language version is final; set it back to revision first."))
        preamble = list(text.preamble) + [""] * (len(original.preamble) - len(text.preamble))
        operative = list(text.operative) + [""] * (len(original.operative) - len(text.operative))
        preamble, operative = (
            preamble[: len(original.preamble)],
            operative[: len(original.operative)],
        )
        filled: list[str] = []
        for section, source_items, prefix in (
            (preamble, original.preamble, "pp"),
            (operative, original.operative, "op"),
        ):
            for index, source in enumerate(source_items):
                if memory.normalise(section[index]):
                    continue
                unit = exact_match(
                    source_language=original.language, target_language=language, html=source
                )
                if unit is not None:
                    section[index] = unit.target_text
                    filled.append(f"{prefix}{index + 1}")
        if not text.title:
            unit = exact_match(
                source_language=original.language, target_language=language, html=original.title
            )
            if unit is not None:
                text.title = plain(unit.target_text)[:500]
        text.preamble, text.operative = preamble, operative
        if filled and text.status == TextStatus.MISSING:
            text.status = TextStatus.DRAFT
            text.status_set_by = user_of(actor)
            text.status_set_at = timezone.now()
        text.save()
        state.memory_refs = sorted(set(state.memory_refs) | set(filled))
        state.revision += 1
        state.updated_by = user_of(actor)
        state.save()
        search_index.index_after_commit(document)
        audit_record(
            actor=actor,
            action="translation.prefill",
            obj=text,
            group=document.group,
            data={"language": language, "filled": filled},
        )
    return len(filled)


def translation_machine_propose(
    *,
    actor: Actor,
    version: DocumentVersion,
    language: str,
    backend: mt.LibreTranslate | None = None,
) -> int:
    """Ask the machine-translation backend for the untranslated paragraphs. Proposals are
    drafts, marked as machine proposals; a final text is never touched."""
    document = version.document
    permissions.require_coordinator(actor, document.group)
    _check_language(version, language)
    client = backend or mt.backend()
    if client is None:
        raise ValidationError(
            {"language": _("No machine translation service is configured (AMITY_MT_URL).")}
        )
    original = _original(version)
    current = VersionText.objects.filter(version=version, language=language).first()
    if current is not None and current.status == TextStatus.FINAL:
        raise Conflict(
            _("This language version is final: machine proposals never replace final text.")
        )
    have = dict(_refs(current.preamble, current.operative)) if current else {}
    # The network calls happen before the transaction, so no lock waits on the service.
    proposals: dict[str, str] = {}
    try:
        for ref, source in _refs(original.preamble, original.operative):
            if memory.normalise(have.get(ref, "")):
                continue
            proposals[ref] = sanitize(
                client.translate(source, source=original.language, target=language)
            )
        title = (
            plain(client.translate(original.title, source=original.language, target=language))
            if not (current and current.title)
            else ""
        )
    except mt.MTError as exc:
        raise ValidationError({"language": str(exc)}) from exc
    with transaction.atomic():
        text, state = _locked_text(version, language, actor)
        if text.status == TextStatus.FINAL:
            raise Conflict(_("This language version became final meanwhile."))
        preamble = list(text.preamble) + [""] * (len(original.preamble) - len(text.preamble))
        operative = list(text.operative) + [""] * (len(original.operative) - len(text.operative))
        used = []
        for ref, proposal in proposals.items():
            section, index = (preamble, operative)[ref.startswith("op")], int(ref[2:]) - 1
            if not memory.normalise(section[index]) and proposal:
                section[index] = proposal
                used.append(ref)
        text.preamble, text.operative = preamble, operative
        if title and not text.title:
            text.title = title[:500]
        if text.status == TextStatus.MISSING:
            text.status = TextStatus.DRAFT
            text.status_set_by = user_of(actor)
            text.status_set_at = timezone.now()
        text.save()
        state.machine_refs = sorted(set(state.machine_refs) | set(used))
        state.revision += 1
        state.updated_by = user_of(actor)
        state.save()
        search_index.index_after_commit(document)
        audit_record(
            actor=actor,
            action="translation.machine",
            obj=text,
            group=document.group,
            data={"language": language, "proposed": used},
        )
    return len(used)


# --- circulation ----------------------------------------------------------------------------

_NEXT = {
    CirculationStatus.PREPARED: CirculationStatus.SUBMITTED,
    CirculationStatus.SUBMITTED: CirculationStatus.ISSUED,
    CirculationStatus.ISSUED: CirculationStatus.PUBLISHED,
}


def _locked_circulation(circulation: Circulation) -> Circulation:
    return (
        Circulation.objects.select_for_update()
        .select_related("document__group", "session")
        .get(pk=circulation.pk)
    )


def _advance(circulation: Circulation, to: str) -> None:
    if _NEXT.get(CirculationStatus(circulation.status)) != to:
        raise Conflict(
            _("The circulation is %(status)s: it cannot move to %(target)s.")
            % {
                "status": CirculationStatus(circulation.status).label,
                "target": CirculationStatus(to).label,
            }
        )


def circulation_prepare(
    *,
    actor: Actor,
    document: OutcomeDocument,
    session: GASession,
    agenda_item: GAAgendaItem,
    letter_date: datetime.date,
    representative_name: str = "",
    chair_state: State | None = None,
    security_council: bool = False,
    note: str = "",
    representative: Person | None = None,
    representative_feminine: bool = False,
) -> Circulation:
    """Prepare the circulation of an adopted document: the letter to the Secretary-General
    signed by the chair's Permanent Representative (or Permanent Observer), named as typed
    or as recorded among the delegation (``representative``, whose names in other scripts the
    letter then uses)."""
    permissions.require_coordinator(actor, document.group)
    errors = {}
    if representative is not None and not representative_name.strip():
        representative_name = representative.full_name
    if agenda_item.session_id != session.pk:
        errors["agenda_item"] = _(
            "Agenda item %(item)s belongs to session %(other)s, not to session %(session)s."
        ) % {
            "item": agenda_item.number,
            "other": agenda_item.session.number,
            "session": session.number,
        }
    if not representative_name.strip():
        errors["representative_name"] = _(
            "Give the name of the Permanent Representative who signs the letter."
        )
    state: State | None = (
        chair_state
        or (permissions.acting_state(actor, document.group) if not is_system(actor) else None)
        or document.group.initiated_by
    )
    if state is None:
        errors["chair_state"] = _("Say which State's Permanent Representative signs.")
    if representative is not None and (
        representative.group_id != document.group_id
        or (state is not None and representative.state_id != state.pk)
    ):
        errors["representative"] = _(
            "The signatory must be of the delegation of the State that signs the letter."
        )
    if errors or state is None:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = OutcomeDocument.objects.select_for_update().get(pk=document.pk)
        if locked.status != DocumentStatus.ADOPTED:
            raise ValidationError(
                {
                    "document": _(
                        "Only an adopted document can be circulated; this one is %(status)s."
                    )
                    % {"status": DocumentStatus(locked.status).label}
                }
            )
        if Circulation.objects.filter(document=locked).exists():
            raise Conflict(_("This document's circulation is already prepared."))
        version = locked.versions.order_by("-id").first()
        if version is None:
            raise Conflict(_("This document has no version to circulate."))
        circulation = Circulation.objects.create(
            document=locked,
            version=version,
            session=session,
            agenda_item=agenda_item,
            security_council=security_council,
            letter_date=letter_date,
            chair_state=state,
            representative_name=representative_name.strip()[:200],
            representative=representative,
            representative_feminine=representative_feminine,
            note=note[:500],
            created_by=user_of(actor),
        )
        audit_record(
            actor=actor,
            action="circulation.prepare",
            obj=circulation,
            group=document.group,
            data={"session": session.number, "agenda_item": agenda_item.number},
        )
    return circulation


def circulation_submit(
    *, actor: Actor, circulation: Circulation, submitted_on: datetime.date
) -> Circulation:
    permissions.require_coordinator(actor, circulation.document.group)
    with transaction.atomic():
        locked = _locked_circulation(circulation)
        _advance(locked, CirculationStatus.SUBMITTED)
        if submitted_on < locked.letter_date:
            raise ValidationError(
                {"submitted_on": _("The letter cannot be submitted before its date.")}
            )
        locked.status = CirculationStatus.SUBMITTED
        locked.submitted_on = submitted_on
        locked.save(update_fields=["status", "submitted_on", "updated_at"])
        audit_record(
            actor=actor,
            action="circulation.submit",
            obj=locked,
            group=locked.document.group,
            data={"on": submitted_on.isoformat()},
        )
    return locked


def circulation_issue(
    *, actor: Actor, circulation: Circulation, symbol: str, issued_on: datetime.date
) -> Circulation:
    permissions.require_coordinator(actor, circulation.document.group)
    try:
        parsed = parse_symbol(symbol)
    except ValidationError as exc:
        raise ValidationError({"symbol": exc.messages}) from exc
    with transaction.atomic():
        locked = _locked_circulation(circulation)
        _advance(locked, CirculationStatus.ISSUED)
        errors = {}
        if parsed.session is not None and parsed.session != locked.session.number:
            errors["symbol"] = _(
                "%(symbol)s is a document of session %(other)s; this text was circulated "
                "at session %(session)s."
            ) % {"symbol": parsed.text, "other": parsed.session, "session": locked.session.number}
        if locked.submitted_on and issued_on < locked.submitted_on:
            errors["issued_on"] = _("A document cannot be issued before it was submitted.")
        if errors:
            raise ValidationError(errors)
        locked.status = CirculationStatus.ISSUED
        locked.symbol = parsed.text
        locked.issued_on = issued_on
        locked.save(update_fields=["status", "symbol", "issued_on", "updated_at"])
        audit_record(
            actor=actor,
            action="circulation.issue",
            obj=locked,
            group=locked.document.group,
            data={"symbol": parsed.text, "on": issued_on.isoformat()},
        )
    return locked


def circulation_publish(*, actor: Actor, circulation: Circulation) -> Circulation:
    """The issued UN document goes on the group's public site (with the document itself)."""
    from amity.documents.services import document_publish

    permissions.require_coordinator(actor, circulation.document.group)
    with transaction.atomic():
        locked = _locked_circulation(circulation)
        _advance(locked, CirculationStatus.PUBLISHED)
        if not locked.document.is_published:
            document_publish(actor=actor, document=locked.document, published=True)
        locked.status = CirculationStatus.PUBLISHED
        locked.published_at = timezone.now()
        locked.save(update_fields=["status", "published_at", "updated_at"])
        audit_record(
            actor=actor, action="circulation.publish", obj=locked, group=locked.document.group
        )
    return locked


# --- renditions -----------------------------------------------------------------------------


def rendition_request(
    *,
    actor: Actor,
    document: OutcomeDocument,
    kind: str,
    language: str = "",
    version: DocumentVersion | None = None,
) -> RenditionJob:
    """Queue a rendition (one language, one format) or the circulation package; it starts
    after commit (through the outbox), in a background thread (embedded) or a Celery worker
    (scale)."""
    if kind == JobKind.PACKAGE:
        permissions.require_coordinator(actor, document.group)
    elif not is_system(actor) and not access.can_see(actor, document):
        raise PermissionDenied(_("You may not see this document."))
    errors = {}
    if kind not in JobKind.values:
        errors["kind"] = _("Choose pdf, docx, akn or package.")
    if kind != JobKind.PACKAGE and language not in CONTENT_LANGUAGES:
        errors["language"] = _("Choose one of the six official languages.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        chosen = version or document.versions.order_by("-id").first()
        if chosen is None:
            raise ValidationError({"document": _("This document has no text yet.")})
        if kind == JobKind.PACKAGE:
            if not Circulation.objects.filter(document=document).exists():
                raise ValidationError(
                    {
                        "kind": _(
                            "Prepare the circulation first: the package "
                            "holds the letter to the Secretary-General."
                        )
                    }
                )
        elif (
            not VersionText.objects.filter(version=chosen, language=language)
            .exclude(status=TextStatus.MISSING)
            .exists()
        ):
            raise ValidationError({"language": _("This language version has no text yet.")})
        job = RenditionJob.objects.create(
            document=document,
            version=chosen,
            kind=kind,
            language="" if kind == JobKind.PACKAGE else language,
            requested_by=user_of(actor),
            touched_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="rendition.request",
            obj=job,
            group=document.group,
            data={"kind": kind, "language": language},
        )
        _start_after_commit(job, group_pk=document.group_id)
    return job


def _start_after_commit(job: RenditionJob, *, group_pk: int) -> None:
    outbox.after_commit(
        "circulation.job_start",
        {"job_id": job.pk},
        group_pk=group_pk,
        subject=" ".join(p for p in (job.kind, job.language, job.document.slug) if p),
    )


def _locked_job(job_id: int) -> RenditionJob:
    return (
        RenditionJob.objects.select_for_update(of=("self",))
        .select_related("document__group")
        .get(pk=job_id)
    )


def rendition_retry(*, actor: Actor, job: RenditionJob) -> RenditionJob:
    """Start a failed rendition again, as the same job (its page and address stay)."""
    if job.kind == JobKind.PACKAGE:
        permissions.require_coordinator(actor, job.document.group)
    elif not is_system(actor) and not access.can_see(actor, job.document):
        raise PermissionDenied(_("You may not see this document."))
    with transaction.atomic():
        locked = _locked_job(job.pk)
        if locked.status != JobStatus.FAILED:
            raise Conflict(_("Only a failed rendition can be started again."))
        if locked.file:
            locked.file.delete(save=False)
        locked.status = JobStatus.QUEUED
        locked.progress = 0
        locked.message = ""
        locked.starts = 0
        locked.worker = ""
        locked.finished_at = None
        locked.filename = ""
        locked.touched_at = timezone.now()
        locked.save()
        audit_record(
            actor=actor,
            action="rendition.retry",
            obj=locked,
            group=locked.document.group,
            data={"kind": locked.kind, "language": locked.language},
        )
        _start_after_commit(locked, group_pk=locked.document.group_id)
    return locked


def rendition_recover(*, job_id: int) -> RenditionJob:
    """A running job whose process died (``jobs.recover`` decided so): queue it again, or,
    once it was started ``AMITY_JOB_MAX_STARTS`` times, fail it with a message its page and
    the API show, from where it can be started again."""
    from django.conf import settings

    from amity.circulation import jobs

    with transaction.atomic():
        job = _locked_job(job_id)
        if job.status != JobStatus.RUNNING or not jobs.is_abandoned(
            worker=job.worker, touched_at=job.touched_at
        ):
            return job
        now = timezone.now()
        if job.starts >= settings.AMITY_JOB_MAX_STARTS:
            job.status = JobStatus.FAILED
            job.message = _(
                "The process building this file stopped before it was done (%(count)s times). "
                "Start it again; if it stops again, tell the administrator."
            ) % {"count": job.starts}
            job.finished_at = now
            action = "rendition.abandoned"
        else:
            job.status = JobStatus.QUEUED
            job.progress = 0
            job.message = _("Resumed: the process building this file stopped before it was done.")
            action = "rendition.resumed"
        job.worker = ""
        job.touched_at = now
        job.save()
        audit_record(
            actor=system_actor("rendition-recovery"),
            action=action,
            obj=job,
            group=job.document.group,
            data={"starts": job.starts},
        )
        if job.status == JobStatus.QUEUED:
            _start_after_commit(job, group_pk=job.document.group_id)
    return job


def rendition_requeue(*, job_id: int) -> None:
    """Hand a queued job that nobody took over again (its message lost with the broker, or
    its process gone before it started); a job taken twice runs once."""
    with transaction.atomic():
        job = _locked_job(job_id)
        if job.status != JobStatus.QUEUED:
            return
        job.touched_at = timezone.now()
        job.save(update_fields=["touched_at"])
        _start_after_commit(job, group_pk=job.document.group_id)


def _job_progress(job_id: int, percent: int, message: str) -> None:
    RenditionJob.objects.filter(pk=job_id).update(
        progress=percent, message=message[:500], touched_at=timezone.now()
    )


def rendition_run(*, job_id: int) -> RenditionJob:
    """Render what the job asks for and store the file. Called by the background thread or
    the Celery task; the rendering itself holds no lock."""
    from amity.circulation import jobs

    with transaction.atomic():
        job = (
            RenditionJob.objects.select_for_update()
            .select_related("document__group", "version")
            .get(pk=job_id)
        )
        if job.status != JobStatus.QUEUED:
            return job
        job.status = JobStatus.RUNNING
        job.starts += 1
        job.worker = jobs.process_identity()
        job.touched_at = timezone.now()
        job.message = ""
        job.save(update_fields=["status", "starts", "worker", "touched_at", "message"])
    try:
        with jobs.Heartbeat(job_id):
            content, name = _render(job)
    except Exception as exc:
        RenditionJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, message=str(exc)[:500], finished_at=timezone.now()
        )
        raise
    with transaction.atomic():
        job = RenditionJob.objects.select_for_update().get(pk=job_id)
        job.file.save(name, ContentFile(content), save=False)
        job.filename = name
        job.status = JobStatus.DONE
        job.progress = 100
        job.message = ""
        job.finished_at = timezone.now()
        job.save()
        audit_record(
            actor=system_actor("renderer"),
            action="rendition.done",
            obj=job,
            data={"kind": job.kind, "bytes": len(content)},
        )
    return job


def _render(job: RenditionJob) -> tuple[bytes, str]:
    """The file's bytes and name."""
    from amity.circulation import package, selectors
    from amity.circulation.renditions import file_stem

    job_id = job.pk
    circulation = selectors.circulation_of(job.document)
    if job.kind == JobKind.PACKAGE:
        inputs = [
            selectors.rendition_input(version=job.version, language=lang, circulation=circulation)
            for lang in CONTENT_LANGUAGES
            if VersionText.objects.filter(version=job.version, language=lang)
            .exclude(status=TextStatus.MISSING)
            .exists()
        ]
        content = package.build(inputs, progress=lambda p, m: _job_progress(job_id, p, m))
        return content, f"{file_stem(inputs[0]).rsplit('-', 1)[0]}-package.zip"
    data = selectors.rendition_input(
        version=job.version, language=job.language, circulation=circulation
    )
    content = package.render_one(data, job.kind)
    ext = {"pdf": "pdf", "docx": "docx", "akn": "akn.xml"}[job.kind]
    return content, f"{file_stem(data)}.{ext}"
