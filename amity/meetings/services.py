"""Every write on meetings: the meeting, its agenda, invitations, registrations, attendance,
the record and statements.

Each function checks who may act, validates, writes in one transaction and records an audit
entry. Errors: ``ValidationError`` with a field dict (bad input, 400), ``Conflict`` (clashes
with the current state, 409), ``PermissionDenied`` (403). The system (demo
loader, command line) acts as a ``SystemActor`` (``amity.core.actors``), which the permission
checks let through by name; no function takes ``None``.

Invitations, updates and cancellations leave only after the transaction commits, through the
Celery task in ``tasks.py`` (inline in the embedded mode, a worker in the scale mode).
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.core import dates, formatting, outbox
from amity.core.actors import Actor, is_system, system_actor, user_of
from amity.core.errors import Conflict
from amity.core.languages import CONTENT_LANGUAGES, as_translations, clean_translations
from amity.core.uploads import validate_upload
from amity.meetings.extract import extract_text
from amity.meetings.models import (
    AgendaDocument,
    AgendaItem,
    AgendaItemKind,
    AttendanceMode,
    DatePoll,
    DatePollOption,
    DatePollVote,
    Meeting,
    MeetingFormat,
    MeetingLevel,
    MeetingStatus,
    PollAnswer,
    PollStatus,
    Presence,
    Registration,
    Statement,
    Visibility,
)
from amity.members import permissions
from amity.members.audit import audit_record
from amity.members.models import Group, GroupRole, Membership, Person, Role, State

# The largest upload, in MB (settings.AMITY_UPLOAD_MAX_MB).
UPLOAD_MAX_MB: int = settings.AMITY_UPLOAD_MAX_MB
UPLOAD_KINDS = ("pdf", "docx", "text")


def _uploads_per_item() -> int:
    """How many documents an agenda item, or statements a delegation on one item, may hold."""
    return int(getattr(settings, "AMITY_UPLOAD_MAX_PER_ITEM", 30))


# Fields a coordinator may set on a meeting, and those whose change is sent out as an update.
MEETING_FIELDS = (
    "titles",
    "original_language",
    "level",
    "format",
    "venue_name",
    "venue_city",
    "venue_country",
    "time_zone",
    "starts_at",
    "ends_at",
    "online_url",
    "ga_session",
    "visibility",
    "registration_deadline",
    "invitation_language",
    "notes",
)
# The {lang: text} fields among them.
TRANSLATED_FIELDS = frozenset({"titles", "venue_name", "venue_city", "notes"})
SCHEDULE_FIELDS = frozenset(
    {
        "titles",
        "format",
        "venue_name",
        "venue_city",
        "venue_country",
        "time_zone",
        "starts_at",
        "ends_at",
        "online_url",
    }
)


# --- checks ---------------------------------------------------------------------------------


def _check_zone(name: str) -> str | None:
    if not name:
        return _("Give the venue's time zone, e.g. Asia/Ashgabat.")
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return _(
            "Unknown time zone %(zone)s: give an IANA name such as Asia/Ashgabat or America/New_York."
        ) % {"zone": name}
    return None


def _validate_meeting(meeting: Meeting) -> None:
    """All the checks on a meeting's fields at once, so the form shows every problem."""
    errors: dict[str, str] = {}
    if not meeting.titles:
        errors["titles"] = _("Give the meeting's title in at least one language.")
    if meeting.original_language not in CONTENT_LANGUAGES:
        errors["original_language"] = _("Choose one of the six official languages.")
    if meeting.invitation_language not in CONTENT_LANGUAGES:
        errors["invitation_language"] = _("Choose one of the six official languages.")
    if meeting.level not in MeetingLevel.values:
        errors["level"] = _("Choose the level: ministerial, ambassadorial or expert.")
    if meeting.format not in MeetingFormat.values:
        errors["format"] = _("Choose the format: in person, virtual or hybrid.")
    if meeting.visibility not in Visibility.values:
        errors["visibility"] = _("Choose who may see the meeting: the public or members only.")
    zone_error = _check_zone(meeting.time_zone)
    if zone_error:
        errors["time_zone"] = zone_error
    for field in ("starts_at", "ends_at", "registration_deadline"):
        value = getattr(meeting, field)
        if value is not None and timezone.is_naive(value):
            errors[field] = _("The time must say which zone it is in.")
        elif not dates.in_range(value):
            errors[field] = dates.range_message()
    if meeting.starts_at is None:
        errors["starts_at"] = _("Give the start of the meeting.")
    if meeting.ends_at is None:
        errors["ends_at"] = _("Give the end of the meeting.")
    if (
        "starts_at" not in errors
        and "ends_at" not in errors
        and meeting.ends_at <= meeting.starts_at
    ):
        errors["ends_at"] = _("The meeting must end after it starts.")
    if (
        meeting.registration_deadline is not None
        and "registration_deadline" not in errors
        and "ends_at" not in errors
        and meeting.registration_deadline > meeting.ends_at
    ):
        errors["registration_deadline"] = _(
            "The registration deadline cannot fall after the meeting ends."
        )
    url = (meeting.online_url or "").strip()
    meeting.online_url = url
    if meeting.format in (MeetingFormat.VIRTUAL, MeetingFormat.HYBRID) and not url:
        errors["online_url"] = _(
            "A virtual or hybrid meeting needs the online link for remote participants."
        )
    elif url:
        try:
            URLValidator(schemes=["https"])(url)
        except ValidationError:
            errors["online_url"] = _("The online link must be a full https:// address.")
    if meeting.format in (MeetingFormat.IN_PERSON, MeetingFormat.HYBRID) and not (
        meeting.venue_name or meeting.venue_city
    ):
        errors["venue_name"] = _("A meeting in a room needs its venue: a name or a city.")
    if meeting.ga_session is not None and meeting.ga_session < 1:
        errors["ga_session"] = _("The General Assembly session is a positive number, e.g. 78.")
    if errors:
        raise ValidationError(errors)


def _locked(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)


def _require_open(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.CANCELLED:
        raise Conflict(_("This meeting was cancelled."))


def _send_after_commit(meeting: Meeting, kind: str) -> None:
    """Record the e-mails of ``kind`` (invitation, update, cancellation) in the outbox, in
    this transaction: they leave once it commits (nobody is told of a change that was rolled
    back), and are retried until they are sent if the mail server or the worker is away."""
    outbox.after_commit(
        "meetings.emails",
        {"meeting_id": meeting.pk, "kind": kind},
        group_pk=meeting.group_id,
        subject=str(meeting),
    )


def _reindex_after_commit(meeting: Meeting) -> None:
    """Refresh the meeting's search entries (its items and statements too) after commit."""
    outbox.after_commit(
        "meetings.search_index",
        {"meeting_id": meeting.pk},
        group_pk=meeting.group_id,
        subject=str(meeting),
    )


def _observers(group: Group, users: Sequence[Any]) -> list[Any]:
    allowed = set(
        GroupRole.objects.filter(group=group, role=Role.OBSERVER, user__in=users).values_list(
            "user_id", flat=True
        )
    )
    stray = [u for u in users if u.pk not in allowed]
    if stray:
        raise ValidationError(
            {
                "invited_observers": _("%(name)s is not an observer of the group.")
                % {"name": str(stray[0])}
            }
        )
    return list(users)


# --- the meeting ----------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    group: Group,
    titles: dict[str, str],
    level: str,
    format: str,
    time_zone: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    venue_name: dict[str, str] | str = "",
    venue_city: dict[str, str] | str = "",
    venue_country: State | None = None,
    online_url: str = "",
    ga_session: int | None = None,
    visibility: str = Visibility.PUBLIC,
    registration_deadline: datetime.datetime | None = None,
    original_language: str | None = None,
    invitation_language: str | None = None,
    invited_observers: Sequence[Any] = (),
    notes: dict[str, str] | str = "",
) -> Meeting:
    """Create a meeting in draft. Nobody is told until it is convened."""
    permissions.require_coordinator(actor, group)
    original_language = original_language or group.original_language
    meeting = Meeting(
        group=group,
        titles=clean_translations(titles),
        original_language=original_language,
        level=level,
        format=format,
        venue_name=as_translations(venue_name, original_language),
        venue_city=as_translations(venue_city, original_language),
        venue_country=venue_country,
        time_zone=(time_zone or "").strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        online_url=online_url,
        ga_session=ga_session,
        visibility=visibility,
        registration_deadline=registration_deadline,
        invitation_language=invitation_language or group.original_language,
        notes=as_translations(notes, original_language),
        created_by=user_of(actor),
    )
    _validate_meeting(meeting)
    observers = _observers(group, invited_observers)
    meeting.save()
    if observers:
        meeting.invited_observers.set(observers)
    audit_record(
        actor=actor,
        action="meeting.created",
        obj=meeting,
        group=group,
        data={"starts_at": meeting.starts_at.isoformat(), "time_zone": meeting.time_zone},
    )
    _reindex_after_commit(meeting)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: Actor,
    meeting: Meeting,
    version: int | None = None,
    invited_observers: Sequence[Any] | None = None,
    **changes: Any,
) -> Meeting:
    """Change a meeting. If it was already convened and its time, place, link or title
    changed, SEQUENCE is raised and every invitee receives the update. ``version`` is the
    one the editor saw: if someone saved the meeting since, nothing is written and
    ``Conflict`` says so (the page then shows their changes, ``meeting_changes_since``)."""
    locked = _locked(meeting)
    permissions.require_coordinator(actor, locked.group)
    _require_open(locked)
    if version is not None and version != locked.version:
        raise Conflict(
            _(
                "Someone else saved this meeting meanwhile (you edited version %(seen)s, it is "
                "now at version %(current)s): nothing was saved. Their changes are shown; "
                "check them, then save again."
            )
            % {"seen": version, "current": locked.version}
        )
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if "titles" in changes:
        changes["titles"] = clean_translations(changes["titles"])
    original = changes.get("original_language") or locked.original_language
    for field in ("venue_name", "venue_city", "notes"):
        if field in changes:
            changes[field] = as_translations(changes[field], original)
    if "time_zone" in changes:
        changes["time_zone"] = (changes["time_zone"] or "").strip()
    changed = sorted(field for field, value in changes.items() if getattr(locked, field) != value)
    before = {field: getattr(locked, field) for field in changed}
    for field in changed:
        setattr(locked, field, changes[field])
    _validate_meeting(locked)
    if invited_observers is not None:
        locked.invited_observers.set(_observers(locked.group, invited_observers))
    # A language added to the title or the venue is not a change of the meeting: only a
    # changed text in the meeting's original language sends the update.
    rescheduled = {
        field
        for field in SCHEDULE_FIELDS & set(changed)
        if field not in TRANSLATED_FIELDS
        or (before[field] or {}).get(locked.original_language)
        != (getattr(locked, field) or {}).get(locked.original_language)
    }
    sent = locked.status == MeetingStatus.CONVENED and bool(rescheduled)
    if sent:
        locked.ical_sequence += 1
    if changed or invited_observers is not None:
        locked.version += 1
    locked.save()
    audit_record(
        actor=actor,
        action="meeting.updated",
        obj=locked,
        group=locked.group,
        data={
            "fields": changed,
            "sequence": locked.ical_sequence,
            "update_sent": sent,
            "version": locked.version,
        },
    )
    _reindex_after_commit(locked)
    if sent:
        _send_after_commit(locked, "update")
    return locked


@transaction.atomic
def meeting_convene(*, actor: Actor, meeting: Meeting, notify: bool = True) -> Meeting:
    """Convene a draft meeting: every focal point of every current member, and the invited
    observers, receive the note verbale with the iCalendar invitation (METHOD:REQUEST).
    ``notify=False`` records a meeting convened outside Amity (history, the demo)."""
    locked = _locked(meeting)
    permissions.require_coordinator(actor, locked.group)
    _require_open(locked)
    if locked.status == MeetingStatus.CONVENED:
        raise Conflict(
            _("This meeting was already convened on %(date)s.")
            % {"date": locked.convened_at.date().isoformat() if locked.convened_at else "?"}
        )
    locked.status = MeetingStatus.CONVENED
    locked.convened_at = timezone.now()
    locked.convened_by_state = (
        permissions.acting_state(actor, locked.group) if not is_system(actor) else None
    ) or locked.group.initiated_by
    # An edit begun on the draft would now send an update to every invitee: it must be
    # looked at again.
    locked.version += 1
    locked.save(
        update_fields=["status", "convened_at", "convened_by_state", "version", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="meeting.convened",
        obj=locked,
        group=locked.group,
        data={"notify": notify, "fields": ["status"], "version": locked.version},
    )
    _reindex_after_commit(locked)
    if notify:
        _send_after_commit(locked, "invitation")
    return locked


@transaction.atomic
def meeting_cancel(*, actor: Actor, meeting: Meeting, reason: dict[str, str] | str = "") -> Meeting:
    """Cancel a meeting. If it was convened, SEQUENCE is raised and the invitees receive the
    cancellation (METHOD:CANCEL). ``reason`` is ``{lang: text}`` (a plain string is the text
    in the meeting's original language)."""
    locked = _locked(meeting)
    permissions.require_coordinator(actor, locked.group)
    _require_open(locked)
    was_convened = locked.status == MeetingStatus.CONVENED
    locked.status = MeetingStatus.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.cancel_reason = {
        code: text[:300] for code, text in as_translations(reason, locked.original_language).items()
    }
    locked.ical_sequence += 1
    locked.version += 1
    locked.save(
        update_fields=[
            "status",
            "cancelled_at",
            "cancel_reason",
            "ical_sequence",
            "version",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        action="meeting.cancelled",
        obj=locked,
        group=locked.group,
        data={"reason": locked.cancel_reason},
    )
    _reindex_after_commit(locked)
    if was_convened:
        _send_after_commit(locked, "cancellation")
    return locked


def meeting_emails_send(*, meeting_id: int, kind: str, entry_id: int | None = None) -> int:
    """Send the note verbale of ``kind`` to every invitee, one message each, with the
    iCalendar attached. Called by the outbox after commit, ``entry_id`` being its entry: an
    address the entry has already reached is skipped, so a retry or a second delivery sends
    nobody the note twice. Returns how many were sent now."""
    from amity.meetings import invitations, selectors

    meeting = selectors.meeting_for_email(meeting_id=meeting_id)
    recipients = selectors.invitation_recipients(meeting=meeting)
    sent = invitations.send(meeting=meeting, kind=kind, recipients=recipients, entry_id=entry_id)
    with transaction.atomic():
        audit_record(
            actor=system_actor("mailer"),
            action=f"meeting.emails_sent.{kind}",
            obj=meeting,
            group=meeting.group,
            data={"count": sent, "sequence": meeting.ical_sequence},
        )
    return sent


# --- the agenda -----------------------------------------------------------------------------


def _agenda_locked(actor: Actor, meeting: Meeting, version: int) -> Meeting:
    """Lock the meeting and check that the agenda is still the one the editor saw."""
    locked = _locked(meeting)
    permissions.require_coordinator(actor, locked.group)
    _require_open(locked)
    if locked.agenda_version != version:
        raise Conflict(
            _(
                "Someone else changed the agenda meanwhile (you edited version %(seen)s, it is now at "
                "version %(current)s). Reload the agenda to see their change, then make yours again."
            )
            % {"seen": version, "current": locked.agenda_version}
        )
    if locked.agenda_adopted_at is not None:
        raise Conflict(_("The agenda was adopted; it can no longer be changed."))
    return locked


def _agenda_bump(meeting: Meeting) -> None:
    meeting.agenda_version += 1
    meeting.save(update_fields=["agenda_version", "updated_at"])


def _item_fields(
    titles: dict[str, str], kind: str, speaking_time_limit: int | None
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    cleaned = clean_translations(titles)
    if not cleaned:
        errors["titles"] = _("Give the item's title in at least one language.")
    if kind not in AgendaItemKind.values:
        errors["kind"] = _("Choose the kind: for discussion, for decision or for information.")
    if speaking_time_limit is not None and not (10 <= speaking_time_limit <= 3600):
        errors["speaking_time_limit"] = _(
            "A speaking-time limit is between 10 seconds and one hour."
        )
    if errors:
        raise ValidationError(errors)
    return {"titles": cleaned, "kind": kind, "speaking_time_limit": speaking_time_limit}


@transaction.atomic
def agenda_item_add(
    *,
    actor: Actor,
    meeting: Meeting,
    version: int,
    titles: dict[str, str],
    kind: str = AgendaItemKind.DISCUSSION,
    speaking_time_limit: int | None = None,
) -> AgendaItem:
    """Add an item at the end of the agenda."""
    locked = _agenda_locked(actor, meeting, version)
    fields = _item_fields(titles, kind, speaking_time_limit)
    last = locked.agenda_items.order_by("-position").values_list("position", flat=True).first() or 0
    item = AgendaItem.objects.create(meeting=locked, position=last + 1, **fields)
    _agenda_bump(locked)
    audit_record(
        actor=actor,
        action="agenda.item_added",
        obj=item,
        group=locked.group,
        data={"version": locked.agenda_version},
    )
    _reindex_after_commit(locked)
    return item


@transaction.atomic
def agenda_item_update(
    *,
    actor: Actor,
    item: AgendaItem,
    version: int,
    titles: dict[str, str],
    kind: str,
    speaking_time_limit: int | None = None,
) -> AgendaItem:
    locked = _agenda_locked(actor, item.meeting, version)
    fields = _item_fields(titles, kind, speaking_time_limit)
    item = AgendaItem.objects.get(pk=item.pk, meeting=locked)
    for key, value in fields.items():
        setattr(item, key, value)
    item.save(update_fields=list(fields))
    _agenda_bump(locked)
    audit_record(
        actor=actor,
        action="agenda.item_updated",
        obj=item,
        group=locked.group,
        data={"version": locked.agenda_version},
    )
    _reindex_after_commit(locked)
    return item


@transaction.atomic
def agenda_item_remove(*, actor: Actor, item: AgendaItem, version: int) -> None:
    locked = _agenda_locked(actor, item.meeting, version)
    if item.statements.exists():
        raise Conflict(_("Statements were uploaded on this item; it cannot be removed."))
    audit_record(actor=actor, action="agenda.item_removed", obj=item, group=locked.group)
    item.delete()
    for position, pk in enumerate(
        locked.agenda_items.order_by("position", "id").values_list("pk", flat=True), 1
    ):
        AgendaItem.objects.filter(pk=pk).update(position=position)
    _agenda_bump(locked)
    _reindex_after_commit(locked)


@transaction.atomic
def agenda_reorder(
    *, actor: Actor, meeting: Meeting, version: int, order: Sequence[int]
) -> list[AgendaItem]:
    """Put the items in the given order (a list of every item's id)."""
    locked = _agenda_locked(actor, meeting, version)
    items = {item.pk: item for item in locked.agenda_items.all()}
    if sorted(order) != sorted(items) or len(set(order)) != len(order):
        raise ValidationError({"order": _("Give every item of the agenda once, in the new order.")})
    for position, pk in enumerate(order, 1):
        items[pk].position = position
    AgendaItem.objects.bulk_update(items.values(), ["position"])
    _agenda_bump(locked)
    audit_record(
        actor=actor,
        action="agenda.reordered",
        obj=locked,
        group=locked.group,
        data={"order": list(order)},
    )
    _reindex_after_commit(locked)
    return sorted(items.values(), key=lambda i: i.position)


@transaction.atomic
def agenda_adopt(*, actor: Actor, meeting: Meeting, version: int) -> Meeting:
    """Adopt the agenda as it stands at ``version``; afterwards it no longer changes."""
    locked = _agenda_locked(actor, meeting, version)
    if not locked.agenda_items.exists():
        raise ValidationError({"agenda": _("An empty agenda cannot be adopted.")})
    locked.agenda_adopted_at = timezone.now()
    locked.agenda_version += 1
    locked.save(update_fields=["agenda_adopted_at", "agenda_version", "updated_at"])
    audit_record(actor=actor, action="agenda.adopted", obj=locked, group=locked.group)
    return locked


@transaction.atomic
def agenda_document_attach(
    *, actor: Actor, item: AgendaItem, file: UploadedFile, title: dict[str, str] | str = ""
) -> AgendaDocument:
    """Attach a document (PDF, DOCX or text, at most 20 MB) to an agenda item. ``title`` is
    ``{lang: text}`` (a plain string: the meeting's original language; none: the file's name)."""
    meeting = item.meeting
    permissions.require_coordinator(actor, meeting.group)
    _require_open(meeting)
    limit = _uploads_per_item()
    if AgendaDocument.objects.filter(item=item).count() >= limit:
        raise ValidationError(
            {
                "file": _(
                    "This agenda item already has %(limit)s documents, the most it may hold; "
                    "remove one first."
                )
                % {"limit": limit}
            }
        )
    try:
        kind = validate_upload(file, kinds=UPLOAD_KINDS, max_mb=UPLOAD_MAX_MB)
    except ValidationError as exc:
        raise ValidationError({"file": " ".join(exc.messages)}) from exc
    original = meeting.original_language
    titles = {code: text[:300] for code, text in as_translations(title, original).items()}
    document = AgendaDocument(
        item=item,
        title=titles or {original: (file.name or "").strip()[:300] or _("Document")},
        kind=kind,
        uploaded_by=user_of(actor),
    )
    document.file.save(file.name or "document", file, save=False)
    document.save()
    audit_record(actor=actor, action="agenda.document_attached", obj=document, group=meeting.group)
    _reindex_after_commit(meeting)
    return document


@transaction.atomic
def agenda_document_retitle(
    *, actor: Actor, document: AgendaDocument, title: dict[str, str] | str
) -> AgendaDocument:
    """Give an attached document's title in more languages, or correct it. ``title`` is
    ``{lang: text}`` (a plain string: the meeting's original language)."""
    meeting = document.item.meeting
    permissions.require_coordinator(actor, meeting.group)
    _require_open(meeting)
    titles = {
        code: text[:300] for code, text in as_translations(title, meeting.original_language).items()
    }
    if not titles:
        raise ValidationError({"title": _("Give the document's title in at least one language.")})
    locked = AgendaDocument.objects.select_for_update().get(pk=document.pk)
    locked.title = titles
    locked.save(update_fields=["title"])
    audit_record(actor=actor, action="agenda.document_retitled", obj=locked, group=meeting.group)
    _reindex_after_commit(meeting)
    return locked


# --- registration and attendance ------------------------------------------------------------


def _registration_open(meeting: Meeting, actor: Actor) -> None:
    """Open: convened, not cancelled, before the deadline and before the end. The system
    (a ``SystemActor``) may record a past meeting's registrations after the fact."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise Conflict(_("This meeting was cancelled; registration is closed."))
    if meeting.status == MeetingStatus.DRAFT:
        raise Conflict(_("Registration opens when the meeting is convened."))
    if is_system(actor):
        return
    now = timezone.now()
    if meeting.registration_deadline is not None and now > meeting.registration_deadline:
        raise Conflict(
            _("Registration closed on %(deadline)s (UTC).")
            % {"deadline": formatting.date_time(meeting.registration_deadline, zone=datetime.UTC)}
        )
    if now > meeting.ends_at:
        raise Conflict(_("The meeting is over; registration is closed."))


def _require_delegation_rights(actor: Actor, meeting: Meeting, state: State) -> None:
    """A focal point registers its own state; the coordinator any member."""
    if is_system(actor) or permissions.is_coordinator(actor, meeting.group):
        return
    own = permissions.focal_point_state(actor, meeting.group)
    if own is None:
        raise PermissionDenied(_("Only focal points register delegations."))
    if own.pk != state.pk:
        raise ValidationError(
            {
                "person": _(
                    "This person belongs to the delegation of %(state)s; you register the "
                    "delegation of %(own)s."
                )
                % {"state": state.name, "own": own.name}
            }
        )


def _check_mode(meeting: Meeting, attendance_mode: str) -> None:
    if attendance_mode not in AttendanceMode.values:
        raise ValidationError({"attendance_mode": _("Choose in the room or remotely.")})
    if attendance_mode == AttendanceMode.REMOTE and not meeting.has_remote_part:
        raise ValidationError(
            {"attendance_mode": _("This meeting is held in person only; no one attends remotely.")}
        )
    if attendance_mode == AttendanceMode.IN_ROOM and not meeting.has_room:
        raise ValidationError(
            {"attendance_mode": _("This meeting is virtual; everyone attends remotely.")}
        )


def _clear_other_head(meeting: Meeting, state: State, keep: int | None) -> None:
    heads = Registration.objects.filter(meeting=meeting, state=state, is_head=True)
    if keep is not None:
        heads = heads.exclude(pk=keep)
    heads.update(is_head=False)


@transaction.atomic
def registration_submit(
    *, actor: Actor, meeting: Meeting, person: Person, attendance_mode: str, is_head: bool = False
) -> Registration:
    """Register one person of a delegation. Marking a head of delegation moves the mark from
    whoever held it in the same delegation."""
    locked = _locked(meeting)
    _require_delegation_rights(actor, locked, person.state)
    if person.group_id != locked.group_id:
        raise ValidationError(
            {"person": _("This person is not in the group's list of delegations.")}
        )
    _registration_open(locked, actor)
    if not Membership.objects.current().filter(group=locked.group, state=person.state).exists():
        raise ValidationError(
            {"person": _("%(state)s is not a member of the group.") % {"state": person.state.name}}
        )
    _check_mode(locked, attendance_mode)
    if Registration.objects.filter(meeting=locked, person=person).exists():
        raise Conflict(
            _("%(name)s is already registered for this meeting.") % {"name": person.full_name}
        )
    if is_head:
        _clear_other_head(locked, person.state, None)
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                meeting=locked,
                state=person.state,
                person=person,
                attendance_mode=attendance_mode,
                is_head=is_head,
                registered_by=user_of(actor),
            )
    except IntegrityError as exc:  # the same person registered at the same moment elsewhere
        raise Conflict(
            _("%(name)s is already registered for this meeting.") % {"name": person.full_name}
        ) from exc
    audit_record(
        actor=actor,
        action="registration.submitted",
        obj=registration,
        group=locked.group,
        data={"state": person.state.iso3, "mode": attendance_mode, "head": is_head},
    )
    return registration


@transaction.atomic
def registration_update(
    *, actor: Actor, registration: Registration, attendance_mode: str, is_head: bool
) -> Registration:
    """Change how a registered person attends, until the deadline."""
    locked = _locked(registration.meeting)
    registration = (
        Registration.objects.select_for_update()
        .select_related("state", "person")
        .get(pk=registration.pk)
    )
    _require_delegation_rights(actor, locked, registration.state)
    _registration_open(locked, actor)
    _check_mode(locked, attendance_mode)
    if is_head:
        _clear_other_head(locked, registration.state, registration.pk)
    registration.attendance_mode = attendance_mode
    registration.is_head = is_head
    registration.save(update_fields=["attendance_mode", "is_head"])
    audit_record(
        actor=actor,
        action="registration.updated",
        obj=registration,
        group=locked.group,
        data={"mode": attendance_mode, "head": is_head},
    )
    return registration


@transaction.atomic
def registration_withdraw(*, actor: Actor, registration: Registration) -> None:
    locked = _locked(registration.meeting)
    _require_delegation_rights(actor, locked, registration.state)
    _registration_open(locked, actor)
    audit_record(actor=actor, action="registration.withdrawn", obj=registration, group=locked.group)
    registration.delete()


@transaction.atomic
def attendance_record(*, actor: Actor, registration: Registration, presence: str) -> Registration:
    """Record whether a registered person was present in the room, online, or absent."""
    meeting = registration.meeting
    permissions.require_coordinator(actor, meeting.group)
    _require_open(meeting)
    if presence not in Presence.values:
        raise ValidationError(
            {"presence": _("Choose present in the room, present online or absent.")}
        )
    if presence == Presence.ONLINE and not meeting.has_remote_part:
        raise ValidationError({"presence": _("This meeting had no online part.")})
    if presence == Presence.IN_ROOM and not meeting.has_room:
        raise ValidationError({"presence": _("This meeting had no room.")})
    registration.presence = presence
    registration.save(update_fields=["presence"])
    audit_record(
        actor=actor,
        action="attendance.recorded",
        obj=registration,
        group=meeting.group,
        data={"presence": presence},
    )
    return registration


# --- the record -----------------------------------------------------------------------------


@transaction.atomic
def summary_record_update(*, actor: Actor, meeting: Meeting, summary: dict[str, str]) -> Meeting:
    """The summary record of the meeting, in any of the six languages."""
    locked = _locked(meeting)
    permissions.require_coordinator(actor, locked.group)
    locked.summary_record = clean_translations(summary)
    locked.save(update_fields=["summary_record", "updated_at"])
    audit_record(
        actor=actor,
        action="meeting.summary_recorded",
        obj=locked,
        group=locked.group,
        data={"languages": sorted(locked.summary_record)},
    )
    _reindex_after_commit(locked)
    return locked


@transaction.atomic
def decision_record(*, actor: Actor, item: AgendaItem, decision: dict[str, str]) -> AgendaItem:
    """What the meeting decided on an agenda item, in any of the six languages."""
    meeting = item.meeting
    permissions.require_coordinator(actor, meeting.group)
    _require_open(meeting)
    item.decision = clean_translations(decision)
    item.save(update_fields=["decision"])
    audit_record(
        actor=actor,
        action="agenda.decision_recorded",
        obj=item,
        group=meeting.group,
        data={"languages": sorted(item.decision)},
    )
    _reindex_after_commit(meeting)
    return item


@transaction.atomic
def meeting_record_save(
    *,
    actor: Actor,
    meeting: Meeting,
    summary: dict[str, str],
    decisions: Sequence[tuple[AgendaItem, dict[str, str]]],
) -> Meeting:
    """The record page's one intent, "save the record": the summary record and the decision
    on each agenda item, all in one transaction, so a refusal (of any item) saves none."""
    locked = summary_record_update(actor=actor, meeting=meeting, summary=summary)
    for item, decision in decisions:
        if item.meeting_id != locked.pk:
            raise ValidationError({"decision": _("Choose an item of this meeting's agenda.")})
        decision_record(actor=actor, item=item, decision=decision)
    return locked


@transaction.atomic
def statement_upload(
    *,
    actor: Actor,
    meeting: Meeting,
    agenda_item: AgendaItem,
    state: State,
    file: UploadedFile,
    original_language: str,
    title: dict[str, str] | str = "",
) -> Statement:
    """A delegation's statement on an agenda item (PDF, DOCX or text, at most 20 MB). Its text
    is extracted and kept for search; the language it was delivered in is recorded."""
    _require_statement_author(actor, meeting, state)
    _require_open(meeting)
    errors: dict[str, str] = {}
    if agenda_item.meeting_id != meeting.pk:
        errors["agenda_item"] = _("Choose an item of this meeting's agenda.")
    if original_language not in CONTENT_LANGUAGES:
        errors["original_language"] = _("Choose the language the statement was delivered in.")
    kind = ""
    limit = _uploads_per_item()
    if (
        Statement.objects.filter(meeting=meeting, agenda_item=agenda_item, state=state).count()
        >= limit
    ):
        errors["file"] = _(
            "Your delegation already has %(limit)s statements on this item, the most it may "
            "upload; ask the coordinator to remove one."
        ) % {"limit": limit}
    else:
        try:
            kind = validate_upload(file, kinds=UPLOAD_KINDS, max_mb=UPLOAD_MAX_MB)
        except ValidationError as exc:
            errors["file"] = " ".join(exc.messages)
    if errors:
        raise ValidationError(errors)
    try:
        text = extract_text(file, kind)
    except ValidationError as exc:
        raise ValidationError({"file": " ".join(exc.messages)}) from exc
    statement = Statement(
        meeting=meeting,
        agenda_item=agenda_item,
        state=state,
        title={
            code: text[:300] for code, text in as_translations(title, original_language).items()
        },
        kind=kind,
        original_language=original_language,
        text=text,
        uploaded_by=user_of(actor),
    )
    statement.file.save(file.name or "statement", file, save=False)
    statement.save()
    audit_record(
        actor=actor,
        action="statement.uploaded",
        obj=statement,
        group=meeting.group,
        data={"state": state.iso3, "kind": kind, "language": original_language},
    )
    _reindex_after_commit(meeting)
    return statement


def _require_statement_author(actor: Actor, meeting: Meeting, state: State) -> None:
    """Who uploads a delegation's statements, and gives their titles: the coordinator, or
    that delegation's focal point."""
    if not is_system(actor) and not permissions.is_coordinator(actor, meeting.group):
        own = permissions.focal_point_state(actor, meeting.group)
        if own is None:
            raise PermissionDenied(_("Only focal points and the coordinator upload statements."))
        if own.pk != state.pk:
            raise PermissionDenied(_("You may only upload the statements of your own delegation."))


@transaction.atomic
def statement_retitle(
    *, actor: Actor, statement: Statement, title: dict[str, str] | str
) -> Statement:
    """Give a statement's title in more languages after its upload, or correct it (who may
    upload it may: the coordinator, or the delegation's focal point). ``title`` is
    ``{lang: text}`` (a plain string: the language it was delivered in); none left: the
    statement is named by its delegation, as at upload."""
    meeting = statement.meeting
    _require_statement_author(actor, meeting, statement.state)
    _require_open(meeting)
    locked = Statement.objects.select_for_update().get(pk=statement.pk)
    locked.title = {
        code: text[:300] for code, text in as_translations(title, locked.original_language).items()
    }
    locked.save(update_fields=["title"])
    audit_record(
        actor=actor,
        action="statement.retitled",
        obj=locked,
        group=meeting.group,
        data={"languages": sorted(locked.title)},
    )
    _reindex_after_commit(meeting)
    return locked


# --- Finding a date (issue 16) -------------------------------------------------------------

POLL_MAX_OPTIONS = 12


@transaction.atomic
def poll_create(
    *,
    actor: Actor,
    group: Group,
    title: str,
    level: str,
    format: str,
    time_zone: str,
    starts: Sequence[datetime.datetime],
    duration_minutes: int = 120,
    venue_name: str = "",
    venue_city: str = "",
    online_url: str = "",
    note: str = "",
    now: datetime.datetime | None = None,
) -> DatePoll:
    """Propose times for a meeting. Each time lasts ``duration_minutes``; the other details
    become the meeting's when the coordinator picks a time."""
    permissions.require_coordinator(actor, group)
    moment = now or timezone.now()
    errors: dict[str, str] = {}
    title = " ".join((title or "").split())
    if not title:
        errors["title"] = _("Give the meeting's title.")
    try:
        zoneinfo.ZoneInfo((time_zone or "").strip())
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        errors["time_zone"] = _("Unknown time zone %(name)s.") % {"name": time_zone}
    if level not in MeetingLevel.values:
        errors["level"] = _("Choose a level.")
    if format not in MeetingFormat.values:
        errors["format"] = _("Choose a format.")
    if not 15 <= int(duration_minutes or 0) <= 24 * 60:
        errors["duration_minutes"] = _("A meeting lasts between 15 minutes and 24 hours.")
    unique = sorted(set(starts))
    if not unique:
        errors["starts"] = _("Propose at least one time.")
    elif len(unique) > POLL_MAX_OPTIONS:
        errors["starts"] = _("Propose at most %(count)s times.") % {"count": POLL_MAX_OPTIONS}
    elif any(timezone.is_naive(s) for s in unique):
        errors["starts"] = _("Each time must say which zone it is in.")
    elif any(s <= moment for s in unique):
        errors["starts"] = _("Propose times in the future.")
    if errors:
        raise ValidationError(errors)
    poll = DatePoll.objects.create(
        group=group,
        title=title[:300],
        original_language=group.original_language,
        level=level,
        format=format,
        venue_name=venue_name.strip(),
        venue_city=venue_city.strip(),
        online_url=online_url.strip(),
        time_zone=time_zone.strip(),
        duration_minutes=int(duration_minutes),
        note=note.strip(),
        created_by=user_of(actor),
    )
    length = datetime.timedelta(minutes=int(duration_minutes))
    DatePollOption.objects.bulk_create(
        [DatePollOption(poll=poll, starts_at=s, ends_at=s + length) for s in unique]
    )
    audit_record(
        actor=actor,
        action="date_poll.created",
        obj=poll,
        group=group,
        data={"options": [s.isoformat() for s in unique]},
    )
    return poll


def _locked_poll(poll: DatePoll) -> DatePoll:
    return DatePoll.objects.select_for_update().select_related("group").get(pk=poll.pk)


def poll_answer(
    *, actor: Actor, poll: DatePoll, state: State, answers: dict[int, str]
) -> list[DatePollVote]:
    """A delegation's answers (yes / if need be / no) to the proposed times, given by its focal
    point (or by the coordinator, for a delegation that answered another way). Answering again
    replaces the earlier answers; a time left out keeps its answer."""
    group = poll.group
    if actor is not None and not (
        permissions.is_coordinator(actor, group)
        or permissions.focal_point_state(actor, group) == state
    ):
        raise PermissionDenied(_("Only the focal point of this delegation may answer for it."))
    if not Membership.objects.current().filter(group=group, state=state).exists():
        raise ValidationError({"state": _("Only member delegations answer.")})
    if any(value not in PollAnswer.values for value in answers.values()):
        raise ValidationError({"answers": _("Answer yes, if need be or no.")})
    if not answers:
        raise ValidationError({"answers": _("Answer at least one of the proposed times.")})
    with transaction.atomic():
        locked = _locked_poll(poll)
        if not locked.is_open:
            raise Conflict(_("This poll is closed: the date was chosen."))
        options = {o.pk: o for o in DatePollOption.objects.filter(poll=locked)}
        if set(answers) - set(options):
            raise ValidationError({"answers": _("One of the times is not one of this poll's.")})
        moment = timezone.now()
        votes = []
        for option_id, value in sorted(answers.items()):
            vote, _created = DatePollVote.objects.update_or_create(
                option=options[option_id],
                state=state,
                defaults={
                    "answer": value,
                    "answered_by": user_of(actor),
                    "answered_at": moment,
                },
            )
            votes.append(vote)
        audit_record(
            actor=actor,
            action="date_poll.answered",
            obj=locked,
            group=group,
            data={"state": state.iso3, "answers": {str(k): v for k, v in answers.items()}},
        )
    return votes


@transaction.atomic
def poll_close(
    *, actor: Actor, poll: DatePoll, option: DatePollOption, without_answers: bool = False
) -> Meeting:
    """Turn the chosen time into the meeting (a draft, to be completed and convened). A poll
    nobody answered is closed only when the coordinator says so (``without_answers``)."""
    locked = _locked_poll(poll)
    permissions.require_coordinator(actor, locked.group)
    if not locked.is_open:
        raise Conflict(_("This poll is closed already."))
    if option.poll_id != locked.pk:
        raise ValidationError({"option": _("Choose one of this poll's times.")})
    if not without_answers and not DatePollVote.objects.filter(option__poll=locked).exists():
        raise ValidationError(
            {"confirm": _("Nobody has answered yet: confirm that the meeting is set anyway.")}
        )
    meeting = meeting_create(
        actor=actor,
        group=locked.group,
        titles={locked.original_language: locked.title},
        original_language=locked.original_language,
        level=locked.level,
        format=locked.format,
        time_zone=locked.time_zone,
        starts_at=option.starts_at,
        ends_at=option.ends_at,
        venue_name=locked.venue_name,
        venue_city=locked.venue_city,
        online_url=locked.online_url,
        visibility=Visibility.MEMBERS,
        notes=locked.note,
    )
    locked.status = PollStatus.CLOSED
    locked.chosen = option
    locked.meeting = meeting
    locked.closed_at = timezone.now()
    locked.save(update_fields=["status", "chosen", "meeting", "closed_at"])
    audit_record(
        actor=actor,
        action="date_poll.closed",
        obj=locked,
        group=locked.group,
        data={"option": option.starts_at.isoformat(), "meeting": meeting.pk},
    )
    return meeting
