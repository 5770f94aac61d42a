"""Every write on outcome documents: creation and versions, comments and amendment proposals,
the silence procedure, adoption, joining, publication.

Each function checks who may act, validates, writes in one transaction (locking the document
row it decides on) and records an audit entry on the document, so that the document's history
is one query. Errors: ``ValidationError`` with a field dict (400), ``Conflict`` (409),
``PermissionDenied`` (403). The system (demo loader, periodic task) acts as a ``SystemActor``
(``amity.core.actors``), which the permission checks let through by name; no function takes
``None``.

Versions are immutable: no function here changes a version or its texts once written.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from amity.core import dates, outbox
from amity.core.actors import Actor, is_system, system_actor, user_of
from amity.core.errors import Conflict
from amity.core.languages import CONTENT_LANGUAGES, as_translations
from amity.documents import access, search_index
from amity.documents.docx_import import text_from_docx
from amity.documents.models import (
    Adoption,
    AdoptionMethod,
    AmendmentProposal,
    Comment,
    DocumentKind,
    DocumentStatus,
    DocumentVersion,
    Joining,
    OutcomeDocument,
    ProposalAction,
    ProposalStatus,
    SilenceBreak,
    SilenceOutcome,
    SilenceProcedure,
    TextStatus,
    VersionKind,
    VersionText,
)
from amity.documents.silence import MINIMUM_SILENCE, silence_outcome
from amity.documents.text import (
    Change,
    Text,
    apply_changes,
    clean_text,
    from_plain_text,
    parse_ref,
    plain,
    ref_label,
    sanitize,
)
from amity.meetings.models import AgendaItem, Meeting, MeetingStatus
from amity.members import permissions
from amity.members.audit import audit_record
from amity.members.models import Group, Membership, State

# --- checks and helpers ---------------------------------------------------------------------


def _require_negotiator(actor: Actor, group: Group) -> None:
    if not is_system(actor) and not access.can_negotiate(actor, group):
        raise PermissionDenied(
            _("Only the coordinator and the focal points of member states may do this.")
        )


def _require_state_actor(actor: Actor, group: Group, state: State) -> None:
    """The coordinator acts for any member; a focal point only for its own state."""
    if is_system(actor) or permissions.is_coordinator(actor, group):
        return
    own = permissions.focal_point_state(actor, group)
    if own is None:
        raise PermissionDenied(_("Only the focal point of a member state may do this."))
    if own.pk != state.pk:
        raise PermissionDenied(
            _("You act for %(own)s, not for %(state)s.") % {"own": own.name, "state": state.name}
        )


def _require_member(group: Group, state: State, field: str = "state") -> None:
    if not Membership.objects.current().filter(group=group, state=state).exists():
        raise ValidationError(
            {field: _("%(state)s is not a member of the group.") % {"state": state.name}}
        )


def _locked(document: OutcomeDocument) -> OutcomeDocument:
    return OutcomeDocument.objects.select_for_update().select_related("group").get(pk=document.pk)


def _latest_draft(document: OutcomeDocument) -> DocumentVersion | None:
    return (
        DocumentVersion.objects.filter(document=document, kind=VersionKind.DRAFT)
        .order_by("-number")
        .first()
    )


def _latest(document: OutcomeDocument) -> DocumentVersion | None:
    return DocumentVersion.objects.filter(document=document).order_by("-id").first()


def _require_negotiable(document: OutcomeDocument) -> None:
    if document.status == DocumentStatus.ADOPTED:
        raise Conflict(_("The text was adopted: it is locked and can no longer be amended."))
    if document.status == DocumentStatus.UNDER_SILENCE:
        raise Conflict(
            _("The text is under silence procedure: it cannot change unless silence is broken.")
        )


def _original_text(version: DocumentVersion) -> Text:
    row = VersionText.objects.get(version=version, language=version.document.original_language)
    return Text(title=row.title, preamble=list(row.preamble), operative=list(row.operative))


def _write_version(
    *,
    actor: Actor,
    document: OutcomeDocument,
    text: Text,
    kind: str,
    number: int,
    based_on: DocumentVersion | None,
    note: dict[str, str] | str,
    written_at: datetime.datetime | None = None,
) -> DocumentVersion:
    version = DocumentVersion.objects.create(
        document=document,
        kind=kind,
        number=number,
        based_on=based_on,
        note={
            code: text[:500]
            for code, text in as_translations(note, document.original_language).items()
        },
        created_by=user_of(actor),
    )
    if written_at is not None:
        # A version written before it was recorded here (history, the demo): its own date.
        DocumentVersion.objects.filter(pk=version.pk).update(created_at=_now(written_at))
        version.created_at = written_at
    VersionText.objects.create(
        version=version,
        language=document.original_language,
        status=TextStatus.ORIGINAL,
        title=text.title,
        preamble=text.preamble,
        operative=text.operative,
        status_set_by=user_of(actor),
        status_set_at=timezone.now(),
    )
    return version


def _validate_text(text: Text) -> None:
    errors: dict[str, str] = {}
    if not text.title:
        errors["title"] = _("Give the document's title.")
    if text.is_empty():
        errors["operative"] = _("Write at least one paragraph.")
    if errors:
        raise ValidationError(errors)


def _paragraph_html(value: str) -> str:
    """A paragraph typed in a form or sent by the API: HTML if it has tags, else plain text
    with its line breaks kept; sanitized either way."""
    value = (value or "").strip()
    return sanitize(value) if "<" in value else from_plain_text(value)


def _now(now: datetime.datetime | None) -> datetime.datetime:
    moment = now or timezone.now()
    if timezone.is_naive(moment):
        raise ValidationError({"now": _("The time must say which zone it is in.")})
    return moment


# --- documents and versions -----------------------------------------------------------------


def document_create(
    *,
    actor: Actor,
    group: Group,
    kind: str,
    title: str,
    preamble: Sequence[str] = (),
    operative: Sequence[str] = (),
    original_language: str = "en",
    slug: str = "",
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    shared_with_observers: bool = False,
    note: dict[str, str] | str = "",
    written_at: datetime.datetime | None = None,
) -> OutcomeDocument:
    """A new document with its zero draft (paragraphs as sanitized HTML). ``written_at`` dates
    a zero draft written before it was recorded here (history); by default, now."""
    permissions.require_coordinator(actor, group)
    text = clean_text(title=title, preamble=list(preamble), operative=list(operative))
    errors: dict[str, str] = {}
    if kind not in DocumentKind.values:
        errors["kind"] = _(
            "Choose the kind: declaration, joint statement, communiqué or chair's summary."
        )
    if original_language not in CONTENT_LANGUAGES:
        errors["original_language"] = _("Choose one of the six official languages.")
    slug = slugify(slug or text.title)[:100]
    if not slug or slug == "new":
        errors["slug"] = _("Give a short name for the address, in Latin letters.")
    if meeting is not None and meeting.group_id != group.pk:
        errors["meeting"] = _("The meeting is not one of this group's.")
    if agenda_item is not None and (meeting is None or agenda_item.meeting_id != meeting.pk):
        errors["agenda_item"] = _("The agenda item must belong to the chosen meeting.")
    try:
        _validate_text(text)
    except ValidationError as exc:
        errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if OutcomeDocument.objects.filter(group=group, slug=slug).exists():
            raise ValidationError(
                {"slug": _("The group already has a document at %(slug)s.") % {"slug": slug}}
            )
        document = OutcomeDocument.objects.create(
            group=group,
            kind=kind,
            slug=slug,
            meeting=meeting,
            agenda_item=agenda_item,
            original_language=original_language,
            shared_with_observers=shared_with_observers,
            created_by=user_of(actor),
        )
        version = _write_version(
            actor=actor,
            document=document,
            text=text,
            kind=VersionKind.DRAFT,
            number=0,
            based_on=None,
            note=note,
            written_at=written_at,
        )
        search_index.index_after_commit(document)
        audit_record(
            actor=actor,
            action="document.created",
            obj=document,
            group=group,
            data={"kind": kind, "version": version.label_en, "title": text.title},
        )
    return document


def document_import(
    *, actor: Actor, group: Group, upload: UploadedFile, **fields: Any
) -> OutcomeDocument:
    """A new document whose zero draft is read from a .docx; nothing is written if the file
    is refused."""
    permissions.require_coordinator(actor, group)
    text = text_from_docx(upload)
    return document_create(
        actor=actor,
        group=group,
        title=text.title,
        preamble=text.preamble,
        operative=text.operative,
        note=_("Imported from %(name)s") % {"name": getattr(upload, "name", "a Word file")},
        **fields,
    )


def version_create(
    *,
    actor: Actor,
    document: OutcomeDocument,
    based_on_version: DocumentVersion,
    title: str,
    preamble: Sequence[str],
    operative: Sequence[str],
    note: dict[str, str] | str = "",
    written_at: datetime.datetime | None = None,
) -> DocumentVersion:
    """The coordinator's new text: the next revision while negotiating, a corrigendum once the
    text is adopted. ``based_on_version`` must still be the latest version. ``written_at``
    dates a version written before it was recorded here (history); by default, now."""
    permissions.require_coordinator(actor, document.group)
    text = clean_text(title=title, preamble=list(preamble), operative=list(operative))
    _validate_text(text)
    with transaction.atomic():
        document = _locked(document)
        latest = _latest(document)
        if latest is None or latest.pk != based_on_version.pk:
            raise Conflict(
                _(
                    "A newer version (%(label)s) was made meanwhile; open it and make your "
                    "changes on it."
                )
                % {"label": latest.label if latest else "-"}
            )
        if document.status == DocumentStatus.UNDER_SILENCE:
            raise Conflict(
                _("The text is under silence procedure: it cannot change unless silence is broken.")
            )
        if document.status == DocumentStatus.ADOPTED:
            kind = VersionKind.CORRIGENDUM
            number = DocumentVersion.objects.filter(document=document, kind=kind).count() + 1
        else:
            kind = VersionKind.DRAFT
            number = latest.number + 1
        version = _write_version(
            actor=actor,
            document=document,
            text=text,
            kind=kind,
            number=number,
            based_on=latest,
            note=note,
            written_at=written_at,
        )
        search_index.index_after_commit(document)
        audit_record(
            actor=actor,
            action="document.version_created",
            obj=document,
            group=document.group,
            data={"version": version.label_en, "based_on": latest.label_en},
        )
    return version


@dataclass(frozen=True)
class Decision:
    """The coordinator's decision on one proposal: accept, accept_with_changes (with the
    final wording) or reject."""

    proposal_id: int
    outcome: str
    text: str = ""


DECISION_STATUS = {
    "accept": ProposalStatus.ACCEPTED,
    "accept_with_changes": ProposalStatus.ACCEPTED_WITH_CHANGES,
    "reject": ProposalStatus.REJECTED,
}


def version_create_from_proposals(
    *,
    actor: Actor,
    document: OutcomeDocument,
    based_on_version: DocumentVersion,
    decisions: Iterable[Decision],
    note: dict[str, str] | str = "",
) -> DocumentVersion:
    """Decide on a set of proposals in one step and write the next revision: the base text
    with the accepted proposals applied. If another coordinator made a revision meanwhile,
    Conflict (the document row is locked, so two at once cannot both win)."""
    permissions.require_coordinator(actor, document.group)
    decisions = list(decisions)
    if not decisions:
        raise ValidationError({"decisions": _("Decide on at least one proposal.")})
    for decision in decisions:
        if decision.outcome not in DECISION_STATUS:
            raise ValidationError(
                {"decisions": _("Unknown decision %(value)s.") % {"value": decision.outcome}}
            )
    with transaction.atomic():
        document = _locked(document)
        _require_negotiable(document)
        latest = _latest_draft(document)
        if latest is None or latest.pk != based_on_version.pk:
            raise Conflict(
                _(
                    "Someone else made %(label)s meanwhile: reload the page and decide on the "
                    "proposals again against it."
                )
                % {"label": latest.label if latest else "-"}
            )
        ids = [d.proposal_id for d in decisions]
        proposals = {
            p.pk: p
            for p in AmendmentProposal.objects.select_for_update().filter(
                pk__in=ids, document=document
            )
        }
        changes: list[Change] = []
        wordings: dict[int, str] = {}
        for decision in decisions:
            proposal = proposals.get(decision.proposal_id)
            if proposal is None:
                raise ValidationError(
                    {
                        "decisions": _("No proposal %(id)s on this document.")
                        % {"id": decision.proposal_id}
                    }
                )
            if proposal.status != ProposalStatus.OPEN:
                raise Conflict(
                    _("Proposal %(id)s was already decided (%(status)s).")
                    % {"id": proposal.pk, "status": proposal.get_status_display()}
                )
            if decision.outcome == "reject":
                continue
            if proposal.base_version_id != based_on_version.pk:
                raise ValidationError(
                    {
                        "decisions": _(
                            "Proposal %(id)s was made on an earlier version; it can only be "
                            "rejected."
                        )
                        % {"id": proposal.pk}
                    }
                )
            wording = proposal.new_text
            if decision.outcome == "accept_with_changes":
                wording = _paragraph_html(decision.text)
                wordings[proposal.pk] = wording
                if proposal.action != ProposalAction.DELETE and not plain(wording):
                    raise ValidationError(
                        {
                            "decisions": _("Give the changed wording of proposal %(id)s.")
                            % {"id": proposal.pk}
                        }
                    )
            changes.append(Change(ref=proposal.paragraph, action=proposal.action, text=wording))
        if not changes:
            raise ValidationError(
                {
                    "decisions": _(
                        "Accept at least one proposal to make a revision; reject others one by one."
                    )
                }
            )
        try:
            text = apply_changes(_original_text(based_on_version), changes)
        except ValueError as exc:
            raise ValidationError({"decisions": str(exc)}) from exc
        _validate_text(text)
        version = _write_version(
            actor=actor,
            document=document,
            text=text,
            kind=VersionKind.DRAFT,
            number=latest.number + 1,
            based_on=latest,
            note=note,
        )
        now = timezone.now()
        for decision in decisions:
            proposal = proposals[decision.proposal_id]
            proposal.status = DECISION_STATUS[decision.outcome]
            proposal.decided_by = user_of(actor)
            proposal.decided_at = now
            if decision.outcome != "reject":
                proposal.accepted_into = version
                proposal.final_text = wordings.get(proposal.pk, "")
            proposal.save(
                update_fields=["status", "decided_by", "decided_at", "accepted_into", "final_text"]
            )
        search_index.index_after_commit(document)
        audit_record(
            actor=actor,
            action="document.revision_from_proposals",
            obj=document,
            group=document.group,
            data={
                "version": version.label_en,
                "based_on": latest.label_en,
                "decisions": {str(d.proposal_id): d.outcome for d in decisions},
            },
        )
    return version


# --- comments and proposals -----------------------------------------------------------------


def _check_ref(version: DocumentVersion, ref: str, *, allow_zero: bool) -> str:
    parsed = parse_ref(ref)
    text = _original_text(version)
    if parsed is None:
        raise ValidationError(
            {"paragraph": _("Name the paragraph as PP3 (preambular) or OP2 (operative).")}
        )
    section, n = parsed
    if (n == 0 and not allow_zero) or n > len(text.section(section)):
        raise ValidationError(
            {
                "paragraph": _("%(ref)s is not a paragraph of this version.")
                % {"ref": ref_label(ref)}
            }
        )
    return f"{'pp' if section == 'preamble' else 'op'}{n}"


def comment_add(*, actor: Actor, version: DocumentVersion, paragraph: str, text: str) -> Comment:
    document = version.document
    _require_negotiator(actor, document.group)
    body = (text or "").strip()
    if not body:
        raise ValidationError({"text": _("Write the comment.")})
    with transaction.atomic():
        document = _locked(document)
        if document.status == DocumentStatus.ADOPTED:
            raise Conflict(_("The text was adopted: it is locked and can no longer be amended."))
        ref = _check_ref(version, paragraph, allow_zero=False)
        comment = Comment.objects.create(
            version=version,
            paragraph=ref,
            author=user_of(actor),
            state=permissions.acting_state(actor, document.group) if not is_system(actor) else None,
            text=body[:5000],
        )
        audit_record(
            actor=actor,
            action="document.comment_added",
            obj=document,
            group=document.group,
            data={"version": version.label_en, "paragraph": ref, "comment": comment.pk},
        )
    return comment


def proposal_create(
    *,
    actor: Actor,
    document: OutcomeDocument,
    base_version: DocumentVersion,
    paragraph: str,
    action: str,
    new_text: str = "",
    explanation: str = "",
    state: State | None = None,
) -> AmendmentProposal:
    """A delegation's amendment to the latest version: new wording for a paragraph, a new
    paragraph after it (``op0``: at the start), or its deletion."""
    _require_negotiator(actor, document.group)
    if action not in ProposalAction.values:
        raise ValidationError({"action": _("Choose: new wording, new paragraph or deletion.")})
    wording = _paragraph_html(new_text) if action != ProposalAction.DELETE else ""
    if action != ProposalAction.DELETE and not plain(wording):
        raise ValidationError({"new_text": _("Write the proposed wording.")})
    with transaction.atomic():
        document = _locked(document)
        _require_negotiable(document)
        if base_version.document_id != document.pk:
            raise ValidationError({"base_version": _("The version is not one of this document.")})
        latest = _latest_draft(document)
        if latest is None or latest.pk != base_version.pk:
            raise Conflict(
                _("%(label)s is out of date: propose your amendment on the latest version.")
                % {"label": base_version.label}
            )
        ref = _check_ref(base_version, paragraph, allow_zero=action == ProposalAction.INSERT)
        if not is_system(actor):
            state = permissions.acting_state(actor, document.group)
        proposal = AmendmentProposal.objects.create(
            document=document,
            base_version=base_version,
            paragraph=ref,
            action=action,
            new_text=wording,
            explanation=(explanation or "").strip()[:5000],
            proposer=user_of(actor),
            state=state,
        )
        audit_record(
            actor=actor,
            action="document.proposal_created",
            obj=document,
            group=document.group,
            data={
                "proposal": proposal.pk,
                "version": base_version.label_en,
                "paragraph": ref,
                "action": action,
                "state": state.iso3 if state else None,
            },
        )
    return proposal


def _decide_alone(
    *, actor: Actor, proposal: AmendmentProposal, status: str, action: str
) -> AmendmentProposal:
    with transaction.atomic():
        document = _locked(proposal.document)
        _require_negotiable(document)
        proposal = AmendmentProposal.objects.select_for_update().get(pk=proposal.pk)
        if proposal.status != ProposalStatus.OPEN:
            raise Conflict(
                _("Proposal %(id)s was already decided (%(status)s).")
                % {"id": proposal.pk, "status": proposal.get_status_display()}
            )
        proposal.status = status
        proposal.decided_by = user_of(actor)
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "decided_by", "decided_at"])
        audit_record(
            actor=actor,
            action=action,
            obj=document,
            group=document.group,
            data={"proposal": proposal.pk},
        )
    return proposal


def proposal_reject(*, actor: Actor, proposal: AmendmentProposal) -> AmendmentProposal:
    permissions.require_coordinator(actor, proposal.document.group)
    return _decide_alone(
        actor=actor,
        proposal=proposal,
        status=ProposalStatus.REJECTED,
        action="document.proposal_rejected",
    )


def proposal_withdraw(*, actor: Actor, proposal: AmendmentProposal) -> AmendmentProposal:
    """The proposing delegation (or the coordinator) withdraws an open proposal."""
    group = proposal.document.group
    if not is_system(actor) and not permissions.is_coordinator(actor, group):
        own = permissions.focal_point_state(actor, group)
        if own is None or own.pk != proposal.state_id:
            raise PermissionDenied(_("Only the proposing delegation may withdraw its proposal."))
    return _decide_alone(
        actor=actor,
        proposal=proposal,
        status=ProposalStatus.WITHDRAWN,
        action="document.proposal_withdrawn",
    )


# --- silence procedure ----------------------------------------------------------------------


def silence_start(
    *,
    actor: Actor,
    document: OutcomeDocument,
    version: DocumentVersion,
    deadline: datetime.datetime,
    override_short: bool = False,
    override_reason: str = "",
    now: datetime.datetime | None = None,
    notify: bool = True,
) -> SilenceProcedure:
    """Put the latest version under silence until ``deadline``: at least 72 hours from now,
    unless ``override_short`` with a reason (recorded). Every member focal point is told by
    e-mail after commit."""
    permissions.require_coordinator(actor, document.group)
    moment = _now(now)
    errors: dict[str, str] = {}
    reason = (override_reason or "").strip()
    if deadline is None or timezone.is_naive(deadline):
        errors["deadline"] = _("The deadline must say which zone it is in.")
    elif not dates.in_range(deadline):
        errors["deadline"] = dates.range_message()
    elif deadline <= moment:
        errors["deadline"] = _("The deadline must be in the future.")
    elif deadline - moment < MINIMUM_SILENCE and not override_short:
        errors["deadline"] = _(
            "By UN practice a silence procedure lasts at least 72 hours; for a shorter one, "
            "tick the override and give the reason."
        )
    if override_short and not reason:
        errors["override_reason"] = _("Give the reason for the shorter silence.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        document = _locked(document)
        _require_negotiable(document)
        latest = _latest_draft(document)
        if version.document_id != document.pk or latest is None or latest.pk != version.pk:
            raise Conflict(
                _("Only the latest version (%(label)s) can be put under silence.")
                % {"label": latest.label if latest else "-"}
            )
        is_short = deadline - moment < MINIMUM_SILENCE
        procedure = SilenceProcedure.objects.create(
            document=document,
            version=version,
            starts_at=moment,
            deadline=deadline,
            override_short=is_short,
            override_reason=reason if is_short else "",
            started_by=user_of(actor),
        )
        document.status = DocumentStatus.UNDER_SILENCE
        document.save(update_fields=["status", "updated_at"])
        search_index.index_after_commit(document)
        audit_record(
            actor=actor,
            action="document.silence_started",
            obj=document,
            group=document.group,
            data={
                "procedure": procedure.pk,
                "version": version.label_en,
                "deadline": deadline.isoformat(),
                "override_short": is_short,
                "override_reason": procedure.override_reason,
            },
        )
        if notify:
            outbox.after_commit(
                "documents.silence_notice",
                {"procedure_id": procedure.pk},
                group_pk=document.group_id,
                subject=document.slug,
            )
    return procedure


def silence_break(
    *,
    actor: Actor,
    procedure: SilenceProcedure,
    state: State,
    reason: str,
    now: datetime.datetime | None = None,
) -> SilenceBreak:
    """A member state breaks silence before the deadline: the draft returns to negotiation."""
    group = procedure.document.group
    _require_state_actor(actor, group, state)
    moment = _now(now)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why silence is broken.")})
    _require_member(group, state)
    with transaction.atomic():
        document = _locked(procedure.document)
        procedure = SilenceProcedure.objects.select_for_update().get(pk=procedure.pk)
        if procedure.outcome == SilenceOutcome.BROKEN:
            first = procedure.breaks.select_related("state").first()
            raise Conflict(
                _("Silence was already broken by %(state)s.")
                % {"state": first.state.name if first else "-"}
            )
        if procedure.outcome == SilenceOutcome.ADOPTED:
            raise Conflict(_("The silence procedure has ended: the text was adopted."))
        if silence_outcome(deadline=procedure.deadline, breaks=[moment], now=moment) != "broken":
            raise Conflict(_("The deadline has passed: silence can no longer be broken."))
        broken = SilenceBreak.objects.create(
            procedure=procedure, state=state, by=user_of(actor), reason=reason[:5000], at=moment
        )
        procedure.outcome = SilenceOutcome.BROKEN
        procedure.closed_at = moment
        procedure.save(update_fields=["outcome", "closed_at"])
        document.status = DocumentStatus.DRAFTING
        document.save(update_fields=["status", "updated_at"])
        search_index.index_after_commit(document)
        audit_record(
            actor=actor,
            action="document.silence_broken",
            obj=document,
            group=document.group,
            data={"procedure": procedure.pk, "state": state.iso3, "reason": reason[:500]},
        )
    return broken


def silence_settle(
    *, procedure: SilenceProcedure, now: datetime.datetime | None = None
) -> SilenceProcedure:
    """Write what the deadline and the breaks say, once. When the deadline has passed
    unbroken, the adoption record is written, dated at the deadline; a second call (or a
    concurrent one) finds the procedure settled and writes nothing (and the database refuses a
    second adoption of a document)."""
    moment = _now(now)
    with transaction.atomic():
        document = _locked(procedure.document)
        procedure = SilenceProcedure.objects.select_for_update().get(pk=procedure.pk)
        if procedure.outcome != SilenceOutcome.PENDING:
            return procedure
        breaks = list(procedure.breaks.values_list("at", flat=True))
        outcome = silence_outcome(deadline=procedure.deadline, breaks=breaks, now=moment)
        if outcome == "pending":
            return procedure
        if outcome == "broken":
            procedure.outcome = SilenceOutcome.BROKEN
            procedure.closed_at = min(breaks)
            procedure.save(update_fields=["outcome", "closed_at"])
            document.status = DocumentStatus.DRAFTING
            document.save(update_fields=["status", "updated_at"])
            search_index.index_after_commit(document)
            return procedure
        Adoption.objects.create(
            document=document,
            version=procedure.version,
            method=AdoptionMethod.SILENCE,
            adopted_at=procedure.deadline,
            procedure=procedure,
        )
        procedure.outcome = SilenceOutcome.ADOPTED
        procedure.closed_at = procedure.deadline
        procedure.save(update_fields=["outcome", "closed_at"])
        document.status = DocumentStatus.ADOPTED
        document.adopted_at = procedure.deadline
        document.adoption_method = AdoptionMethod.SILENCE
        document.save(update_fields=["status", "adopted_at", "adoption_method", "updated_at"])
        search_index.index_after_commit(document)
        audit_record(
            actor=system_actor("silence"),
            action="document.adopted",
            obj=document,
            group=document.group,
            data={
                "method": "silence",
                "procedure": procedure.pk,
                "version": procedure.version.label_en,
                "adopted_at": procedure.deadline.isoformat(),
            },
        )
    return procedure


def silence_settle_due(
    *,
    now: datetime.datetime | None = None,
    group: Group | None = None,
    document: OutcomeDocument | None = None,
) -> int:
    """Settle every pending procedure whose deadline has passed (of a group or a document, or
    all); returns how many were settled. Called by the periodic task and before pages and the
    API read documents."""
    moment = _now(now)
    due = SilenceProcedure.objects.filter(outcome=SilenceOutcome.PENDING, deadline__lte=moment)
    if group is not None:
        due = due.filter(document__group=group)
    if document is not None:
        due = due.filter(document=document)
    settled = 0
    for procedure in due.select_related("document"):
        silence_settle(procedure=procedure, now=moment)
        settled += 1
    return settled


def silence_notice_send(*, procedure_id: int, entry_id: int | None = None) -> int:
    """E-mail every focal point of every member state that the text is under silence, with
    the deadline. Called by the outbox after commit (``entry_id``: its entry, so that no
    address gets the notice twice); returns how many were sent now."""
    from amity.documents import notices

    procedure = (
        SilenceProcedure.objects.select_related("document__group", "version")
        .filter(pk=procedure_id)
        .first()
    )
    if procedure is None:
        return 0
    sent = notices.send_silence_notice(procedure=procedure, entry_id=entry_id)
    with transaction.atomic():
        audit_record(
            actor=system_actor("mailer"),
            action="document.silence_notice_sent",
            obj=procedure.document,
            group=procedure.document.group,
            data={"procedure": procedure.pk, "count": sent},
        )
    return sent


# --- adoption, joining, publication ---------------------------------------------------------


def document_adopt_consensus(
    *,
    actor: Actor,
    document: OutcomeDocument,
    meeting: Meeting,
    agenda_item: AgendaItem | None = None,
    version: DocumentVersion | None = None,
    adopted_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> Adoption:
    """Record that the meeting adopted the latest version by consensus (dated at the
    meeting's start unless given)."""
    permissions.require_coordinator(actor, document.group)
    moment = _now(now)
    errors: dict[str, str] = {}
    if meeting.group_id != document.group_id:
        errors["meeting"] = _("The meeting is not one of this group's.")
    elif meeting.status == MeetingStatus.CANCELLED:
        errors["meeting"] = _("This meeting was cancelled.")
    elif meeting.starts_at > moment:
        errors["meeting"] = _("The meeting has not started yet.")
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        errors["agenda_item"] = _("The agenda item must belong to the chosen meeting.")
    if errors:
        raise ValidationError(errors)
    when = adopted_at or meeting.starts_at
    with transaction.atomic():
        document = _locked(document)
        if document.status == DocumentStatus.ADOPTED:
            raise Conflict(_("The text was already adopted."))
        if document.status == DocumentStatus.UNDER_SILENCE:
            raise Conflict(_("The text is under silence procedure: wait for its outcome."))
        latest = _latest_draft(document)
        if latest is None or (version is not None and version.pk != latest.pk):
            raise Conflict(_("Only the latest version can be adopted."))
        adoption = Adoption.objects.create(
            document=document,
            version=latest,
            method=AdoptionMethod.CONSENSUS,
            adopted_at=when,
            meeting=meeting,
            agenda_item=agenda_item,
            recorded_by=user_of(actor),
        )
        document.status = DocumentStatus.ADOPTED
        document.adopted_at = when
        document.adoption_method = AdoptionMethod.CONSENSUS
        document.save(update_fields=["status", "adopted_at", "adoption_method", "updated_at"])
        search_index.index_after_commit(document)
        audit_record(
            actor=actor,
            action="document.adopted",
            obj=document,
            group=document.group,
            data={
                "method": "consensus",
                "meeting": meeting.pk,
                "agenda_item": agenda_item.pk if agenda_item else None,
                "version": latest.label_en,
                "adopted_at": when.isoformat(),
            },
        )
    return adoption


def document_join(
    *,
    actor: Actor,
    document: OutcomeDocument,
    state: State,
    joined_on: datetime.date | None = None,
) -> Joining:
    """A member state joins (co-sponsors) the adopted text."""
    group = document.group
    _require_state_actor(actor, group, state)
    _require_member(group, state)
    with transaction.atomic():
        document = _locked(document)
        if document.status != DocumentStatus.ADOPTED:
            raise Conflict(_("States join a text at or after its adoption."))
        day = joined_on or timezone.localdate()
        if document.adopted_at and day < document.adopted_at.date():
            raise ValidationError({"joined_on": _("A state cannot join before the adoption.")})
        if Joining.objects.filter(document=document, state=state).exists():
            raise Conflict(_("%(state)s has already joined.") % {"state": state.name})
        joining = Joining.objects.create(
            document=document, state=state, joined_on=day, recorded_by=user_of(actor)
        )
        audit_record(
            actor=actor,
            action="document.joined",
            obj=document,
            group=group,
            data={"state": state.iso3, "joined_on": day.isoformat()},
        )
    return joining


def document_publish(
    *, actor: Actor, document: OutcomeDocument, published: bool = True
) -> OutcomeDocument:
    """Show (or stop showing) the adopted text on the public site."""
    permissions.require_coordinator(actor, document.group)
    with transaction.atomic():
        document = _locked(document)
        if published and document.status != DocumentStatus.ADOPTED:
            raise Conflict(_("Only an adopted text can be published."))
        document.is_published = published
        document.published_at = timezone.now() if published else None
        document.save(update_fields=["is_published", "published_at", "updated_at"])
        search_index.index_after_commit(document)
        audit_record(
            actor=actor,
            action="document.published" if published else "document.unpublished",
            obj=document,
            group=document.group,
        )
    return document


def document_share(*, actor: Actor, document: OutcomeDocument, shared: bool) -> OutcomeDocument:
    """Let the group's observers follow the negotiation (or stop them)."""
    permissions.require_coordinator(actor, document.group)
    with transaction.atomic():
        document = _locked(document)
        document.shared_with_observers = shared
        document.save(update_fields=["shared_with_observers", "updated_at"])
        search_index.index_after_commit(document)
        audit_record(
            actor=actor,
            action="document.shared" if shared else "document.unshared",
            obj=document,
            group=document.group,
        )
    return document
