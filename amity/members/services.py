"""Every write on groups, membership, co-chairs and people.

Each function validates, writes in one transaction and records an audit entry. Errors:
``ValidationError`` (bad input, 400), ``Conflict`` (clashes with the current state, 409),
``PermissionDenied`` (403).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from amity.core import dates, outbox
from amity.core.actors import Actor, is_system, user_of
from amity.core.errors import Conflict, NotFound
from amity.core.languages import (
    CONTENT_LANGUAGES,
    as_translations,
    clean_translations,
    interface_language,
)
from amity.core.models import OutboxEntry, OutboxStatus
from amity.core.uploads import validate_upload
from amity.members import permissions
from amity.members.audit import audit_record
from amity.members.models import (
    ApplicationStatus,
    CoChair,
    DatePrecision,
    Group,
    GroupRole,
    Membership,
    MembershipApplication,
    Person,
    Role,
    State,
)

NOTE_SCAN_MAX_MB = int(getattr(settings, "AMITY_UPLOAD_SCAN_MAX_MB", 10))


def _check_accession_date(group: Group, day: datetime.date | None, field: str) -> None:
    if day is None:
        return
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if group.founded_on and day < group.founded_on:
        raise ValidationError(
            {
                field: _("The group was founded on %(date)s; a state cannot join it before that.")
                % {"date": group.founded_on.isoformat()}
            }
        )


def _require_not_member(group: Group, state: State) -> None:
    if Membership.objects.current().filter(group=group, state=state).exists():
        raise Conflict(_("%(state)s is already a member of the group.") % {"state": state.name})


def _in_six_languages(message: str, **params: str) -> dict[str, str]:
    """A note Amity writes itself (not typed by anyone), in each content language as the
    interface catalogs translate it."""
    texts = {"en": message % params}
    for code in CONTENT_LANGUAGES:
        with override(interface_language(code)):
            text = _(message)
        if text != message:  # a language whose catalog lacks it falls back to the English, marked
            texts[code] = text % params
    return texts


@transaction.atomic
def group_create(
    *,
    actor: Actor,
    slug: str,
    names: dict[str, str],
    original_language: str = "en",
    short_names: dict[str, str] | None = None,
    cause: dict[str, str] | None = None,
    working_methods: dict[str, str] | None = None,
    founded_on: datetime.date | None = None,
    founded_note: dict[str, str] | str = "",
    initiated_by: State | None = None,
) -> Group:
    dates.check(founded_on=founded_on)
    group = Group(
        slug=slug,
        names=clean_translations(names),
        short_names=clean_translations(short_names),
        cause=clean_translations(cause),
        working_methods=clean_translations(working_methods),
        original_language=original_language,
        founded_on=founded_on,
        founded_note=as_translations(founded_note, original_language),
        initiated_by=initiated_by,
    )
    if not group.names:
        raise ValidationError({"names": _("Give the group's name in at least one language.")})
    group.full_clean()
    group.save()
    audit_record(actor=actor, action="group.created", obj=group, group=group)
    return group


@transaction.atomic
def group_reported_members_set(
    *,
    actor: Actor,
    group: Group,
    count: int | None,
    on: datetime.date | None,
    source: str,
) -> Group:
    """Record how many members the group reported, on which day and where (the member list
    holds only the States whose membership is public)."""
    permissions.require_coordinator(actor, group)
    if count is not None and count < 0:
        raise ValidationError({"count": _("A number of members cannot be negative.")})
    locked = Group.objects.select_for_update().get(pk=group.pk)
    locked.reported_member_count = count
    locked.reported_member_on = on
    locked.reported_member_source = (source or "").strip()[:300]
    locked.save(
        update_fields=["reported_member_count", "reported_member_on", "reported_member_source"]
    )
    audit_record(
        actor=actor,
        action="group.reported_members",
        obj=locked,
        group=locked,
        data={"count": count, "on": on.isoformat() if on else None, "source": source[:300]},
    )
    return locked


def group_update(
    *,
    actor: Actor,
    group: Group,
    names: dict[str, str] | None = None,
    short_names: dict[str, str] | None = None,
    cause: dict[str, str] | None = None,
    working_methods: dict[str, str] | None = None,
    founded_on: datetime.date | None = None,
    founded_note: dict[str, str] | None = None,
    version: int | None = None,
) -> Group:
    """Edit the group's profile. ``version`` is the one the editor saw: a save by someone else
    meanwhile is refused as a conflict rather than overwritten (the demo loader, which edits
    no form, passes none)."""
    permissions.require_coordinator(actor, group)
    dates.check(founded_on=founded_on)
    group = Group.objects.select_for_update().get(pk=group.pk)
    if version is not None and group.version != version:
        raise Conflict(
            _("Someone else changed the group's profile meanwhile. Reload to see their change.")
        )
    changed: list[str] = ["version"]
    group.version += 1
    for field, value in (
        ("names", names),
        ("short_names", short_names),
        ("cause", cause),
        ("working_methods", working_methods),
        ("founded_note", founded_note),
    ):
        if value is not None:
            setattr(group, field, clean_translations(value))
            changed.append(field)
    if founded_on is not None:
        group.founded_on = founded_on
        changed.append("founded_on")
    if not group.names:
        raise ValidationError({"names": _("Give the group's name in at least one language.")})
    group.full_clean()
    group.save(update_fields=changed or None)
    audit_record(
        actor=actor,
        action="group.updated",
        obj=group,
        group=group,
        data={"fields": [f for f in changed if f != "version"]},
    )
    return group


@transaction.atomic
def membership_add(
    *,
    actor: Actor,
    group: Group,
    state: State,
    joined_on: datetime.date | None,
    joined_precision: str = DatePrecision.DAY,
    joined_note: dict[str, str] | str = "",
) -> Membership:
    """Record a membership directly (founding members, or history entered after the fact)."""
    permissions.require_coordinator(actor, group)
    dates.check(joined_on=joined_on)
    _check_accession_date(group, joined_on, "joined_on")
    _require_not_member(group, state)
    membership = Membership.objects.create(
        group=group,
        state=state,
        joined_on=joined_on,
        joined_precision=joined_precision,
        joined_note=as_translations(joined_note, group.original_language),
    )
    audit_record(
        actor=actor,
        action="membership.added",
        obj=membership,
        group=group,
        data={"state": state.iso3, "joined_on": joined_on.isoformat() if joined_on else None},
    )
    return membership


@transaction.atomic
def membership_end(
    *,
    actor: Actor,
    membership: Membership,
    left_on: datetime.date,
    note: dict[str, str] | str = "",
) -> Membership:
    """Record that a state left. The row stays: history answers "members on date D"."""
    dates.check(left_on=left_on)
    membership = (
        Membership.objects.select_for_update()
        .select_related("group", "state")
        .get(pk=membership.pk)
    )
    permissions.require_coordinator(actor, membership.group)
    if membership.left_on is not None:
        raise Conflict(
            _("%(state)s already left the group on %(date)s.")
            % {"state": membership.state.name, "date": membership.left_on.isoformat()}
        )
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": _("The date cannot be in the future.")})
    if membership.joined_on and left_on < membership.joined_on:
        raise ValidationError({"left_on": _("A state cannot leave before it joined.")})
    membership.left_on = left_on
    membership.left_note = as_translations(note, membership.group.original_language)
    membership.save(update_fields=["left_on", "left_note"])
    audit_record(
        actor=actor,
        action="membership.ended",
        obj=membership,
        group=membership.group,
        data={"state": membership.state.iso3, "left_on": left_on.isoformat()},
    )
    return membership


@transaction.atomic
def application_record(
    *,
    actor: Actor,
    group: Group,
    state: State,
    note_reference: str,
    received_on: datetime.date,
    note_date: datetime.date | None = None,
    scan: UploadedFile | None = None,
) -> MembershipApplication:
    """Record a membership application received by note verbale."""
    permissions.require_coordinator(actor, group)
    dates.check(received_on=received_on, note_date=note_date)
    errors: dict[str, str] = {}
    if not note_reference.strip():
        errors["note_reference"] = _("Give the reference of the note verbale.")
    if received_on > timezone.localdate():
        errors["received_on"] = _("The date cannot be in the future.")
    if note_date and note_date > received_on:
        errors["note_date"] = _("The note cannot be dated after it was received.")
    if scan is not None:
        try:
            validate_upload(scan, kinds=["pdf"], max_mb=NOTE_SCAN_MAX_MB)
        except ValidationError as exc:
            errors["scan"] = " ".join(exc.messages)
    if errors:
        raise ValidationError(errors)
    _require_not_member(group, state)
    if MembershipApplication.objects.filter(
        group=group, state=state, status=ApplicationStatus.PENDING
    ).exists():
        raise Conflict(
            _("An application from %(state)s is already pending.") % {"state": state.name}
        )
    application = MembershipApplication(
        group=group,
        state=state,
        note_reference=note_reference.strip(),
        note_date=note_date,
        received_on=received_on,
        created_by=user_of(actor),
    )
    if scan is not None:
        application.scan.save(scan.name or "note.pdf", scan, save=False)
    application.save()
    audit_record(
        actor=actor,
        action="application.recorded",
        obj=application,
        group=group,
        data={"state": state.iso3, "note_reference": application.note_reference},
    )
    return application


@transaction.atomic
def application_decide(
    *,
    actor: Actor,
    application: MembershipApplication,
    admit: bool,
    decided_on: datetime.date | None = None,
    accession_date: datetime.date | None = None,
    note: str = "",
) -> MembershipApplication:
    """Admit or decline an application. Admitting creates the membership in the same
    transaction, with the accession date (by default the day of the decision)."""
    dates.check(decided_on=decided_on, accession_date=accession_date)
    locked = (
        MembershipApplication.objects.select_for_update()
        .select_related("group", "state")
        .get(pk=application.pk)
    )
    group = locked.group
    permissions.require_coordinator(actor, group)
    if locked.status != ApplicationStatus.PENDING:
        raise Conflict(
            _("This application was already decided (%(status)s).")
            % {"status": locked.get_status_display()}
        )
    today = timezone.localdate()
    decided_on = decided_on or today
    if decided_on > today:
        raise ValidationError({"decided_on": _("The date cannot be in the future.")})
    if decided_on < locked.received_on:
        raise ValidationError({"decided_on": _("A decision cannot precede the application.")})
    locked.status = ApplicationStatus.ADMITTED if admit else ApplicationStatus.DECLINED
    locked.decided_on = decided_on
    locked.decided_by = user_of(actor)
    locked.decision_note = note
    if admit:
        accession_date = accession_date or decided_on
        _check_accession_date(group, accession_date, "accession_date")
        _require_not_member(group, locked.state)
        try:
            with transaction.atomic():
                locked.membership = Membership.objects.create(
                    group=group,
                    state=locked.state,
                    joined_on=accession_date,
                    joined_note=_in_six_languages(
                        gettext_noop("Admitted on application %(ref)s"),
                        ref=locked.note_reference,
                    ),
                )
        except IntegrityError as exc:  # a concurrent admission of the same state
            raise Conflict(
                _("%(state)s is already a member of the group.") % {"state": locked.state.name}
            ) from exc
    locked.save()
    audit_record(
        actor=actor,
        action="application.admitted" if admit else "application.declined",
        obj=locked,
        group=group,
        data={
            "state": locked.state.iso3,
            "accession_date": accession_date.isoformat() if admit and accession_date else None,
        },
    )
    return locked


def _note_of(note: dict[str, str] | str, group: Group) -> dict[str, str]:
    """A co-chair's note as ``{lang: text}``, each version at most 300 characters."""
    return {
        code: text[:300] for code, text in as_translations(note, group.original_language).items()
    }


@transaction.atomic
def cochair_add(
    *,
    actor: Actor,
    group: Group,
    state: State,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None = None,
    note: dict[str, str] | str = "",
) -> CoChair:
    """``note`` is ``{lang: text}`` (a plain string: the group's original language)."""
    permissions.require_coordinator(actor, group)
    dates.check(starts_on=starts_on, ends_on=ends_on)
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("A term cannot end before it starts.")})
    if not Membership.objects.current().filter(group=group, state=state).exists():
        raise ValidationError({"state": _("Only a member of the group can co-chair it.")})
    cochair = CoChair.objects.create(
        group=group,
        state=state,
        starts_on=starts_on,
        ends_on=ends_on,
        note=_note_of(note, group),
    )
    audit_record(
        actor=actor, action="cochair.added", obj=cochair, group=group, data={"state": state.iso3}
    )
    return cochair


@transaction.atomic
def cochair_update(
    *,
    actor: Actor,
    cochair: CoChair,
    starts_on: datetime.date | None,
    ends_on: datetime.date | None,
    note: dict[str, str] | str = "",
) -> CoChair:
    permissions.require_coordinator(actor, cochair.group)
    dates.check(starts_on=starts_on, ends_on=ends_on)
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("A term cannot end before it starts.")})
    cochair.starts_on, cochair.ends_on = starts_on, ends_on
    cochair.note = _note_of(note, cochair.group)
    cochair.save(update_fields=["starts_on", "ends_on", "note"])
    audit_record(actor=actor, action="cochair.updated", obj=cochair, group=cochair.group)
    return cochair


@transaction.atomic
def cochair_remove(*, actor: Actor, cochair: CoChair) -> None:
    permissions.require_coordinator(actor, cochair.group)
    audit_record(actor=actor, action="cochair.removed", obj=cochair, group=cochair.group)
    cochair.delete()


PERSON_FIELDS = (
    "honorific",
    "given_name",
    "family_name",
    "names",
    "title",
    "rank",
    "role",
    "email",
    "is_focal_point",
)


@transaction.atomic
def person_create(*, actor: Actor, group: Group, state: State, **fields: Any) -> Person:
    if not is_system(actor) and not permissions.can_manage_state_people(actor, group, state):
        raise PermissionDenied(_("You may only manage the people of your own state."))
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if "names" in fields:
        fields["names"] = clean_translations(fields["names"])
    if "title" in fields:
        fields["title"] = as_translations(fields["title"], group.original_language)
    person = Person(group=group, state=state, **fields)
    person.full_clean()
    person.save()
    audit_record(
        actor=actor, action="person.created", obj=person, group=group, data={"state": state.iso3}
    )
    return person


@transaction.atomic
def person_update(*, actor: Actor, person: Person, version: int, **fields: Any) -> Person:
    """Update a person. ``version`` is the one the editor saw: if someone saved in between,
    the change is refused as a conflict rather than written over theirs."""
    locked = Person.objects.select_for_update().select_related("group", "state").get(pk=person.pk)
    if not is_system(actor) and not permissions.can_manage_state_people(
        actor, locked.group, locked.state
    ):
        raise PermissionDenied(_("You may only manage the people of your own state."))
    if locked.version != version:
        raise Conflict(_("Someone else changed this person meanwhile. Reload to see their change."))
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if "names" in fields:
        fields["names"] = clean_translations(fields["names"])
    if "title" in fields:
        fields["title"] = as_translations(fields["title"], locked.group.original_language)
    for key, value in fields.items():
        setattr(locked, key, value)
    locked.version += 1
    locked.full_clean()
    locked.save()
    audit_record(
        actor=actor,
        action="person.updated",
        obj=locked,
        group=locked.group,
        data={"fields": sorted(fields)},
    )
    return locked


@transaction.atomic
def person_delete(*, actor: Actor, person: Person) -> None:
    if not is_system(actor) and not permissions.can_manage_state_people(
        actor, person.group, person.state
    ):
        raise PermissionDenied(_("You may only manage the people of your own state."))
    audit_record(actor=actor, action="person.deleted", obj=person, group=person.group)
    person.delete()


@transaction.atomic
def group_role_assign(
    *,
    actor: Actor,
    user: Any,
    group: Group,
    role: str,
    state: State | None = None,
    organization: str = "",
) -> GroupRole:
    if role == Role.FOCAL_POINT and state is None:
        raise ValidationError({"state": _("A focal point acts for a state: choose the state.")})
    grant, _created = GroupRole.objects.update_or_create(
        user=user, group=group, role=role, defaults={"state": state, "organization": organization}
    )
    audit_record(actor=actor, action="role.assigned", obj=grant, group=group, data={"role": role})
    return grant


# --- side effects that did not go through -------------------------------------------------


def delivery_retry(*, actor: Actor, group: Group, entry_id: int) -> OutboxEntry:
    """Try again a side effect of the group's work that failed for good (invitations the mail
    server refused, say): it waits again, with its attempts counted afresh, and is delivered
    once this commits. Only the group's coordinator may."""
    permissions.require_coordinator(actor, group)
    with transaction.atomic():
        entry = (
            OutboxEntry.objects.select_for_update().filter(pk=entry_id, group_pk=group.pk).first()
        )
        if entry is None:
            raise NotFound(_("No such delivery."))
        if entry.status != OutboxStatus.FAILED or not outbox.retry(entry):
            raise Conflict(_("Only a delivery that failed can be tried again."))
        audit_record(
            actor=actor,
            action="outbox.retry",
            obj=entry,
            group=group,
            data={"handler": entry.handler, "attempts": entry.attempts},
        )
    entry.refresh_from_db()
    return entry


@transaction.atomic
def group_second_factor_set(*, actor: Actor, group: Group, required: bool) -> Group:
    """The group's setting "coordinators must use a second factor" (issue 14)."""
    permissions.require_coordinator(actor, group)
    group = Group.objects.select_for_update().get(pk=group.pk)
    if group.coordinators_need_second_factor != required:
        group.coordinators_need_second_factor = required
        group.save(update_fields=["coordinators_need_second_factor"])
        audit_record(
            actor=actor,
            action="group.second_factor_required" if required else "group.second_factor_optional",
            obj=group,
            group=group,
        )
    return group
