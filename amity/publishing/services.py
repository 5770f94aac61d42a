"""Every write of publishing: resolutions, initiatives and their status history, road maps and
their activities, press releases (draft from the record, edit, publish, withdraw).

Each function checks who may act (the group's coordinator; the system, a ``SystemActor``
of ``amity.core.actors``: demo loader, command line; never ``None``), validates (``ValidationError`` with a field dict), locks what it decides
on, writes in one transaction and records an audit entry. The search index is kept in step
after commit.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Iterable
from typing import Any

import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.core import outbox
from amity.core.actors import Actor, user_of
from amity.core.errors import Conflict
from amity.core.languages import (
    CONTENT_LANGUAGES,
    as_translations,
    clean_translations,
    translated,
)
from amity.meetings.models import AgendaItem, Meeting, MeetingStatus
from amity.members import permissions
from amity.members.audit import audit_record
from amity.members.models import Group, State
from amity.publishing import press
from amity.publishing.models import (
    Activity,
    ActivityStatus,
    Adoption,
    Initiative,
    InitiativeStatus,
    InitiativeStatusChange,
    PressRelease,
    PressStatus,
    Resolution,
    RoadMap,
)

# A General Assembly resolution: A/RES/<session>/<number>, with an optional letter for the
# parts of an omnibus resolution ("A/RES/50/80 A") or an emergency special session ("ES-10").
SYMBOL_RE = re.compile(r"^A/RES/(?:ES-\d{1,2}/|S-\d{1,2}/)?\d{1,3}/\d{1,4}(?: [A-Z])?$")

BODY_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "blockquote",
    "h2",
    "h3",
    "span",
}
BODY_ATTRIBUTES = {"a": {"href", "title"}, "*": {"lang", "dir"}}


def _cut(values: dict[str, str], length: int) -> dict[str, str]:
    """Each language version of a short text at most ``length`` characters."""
    return {code: text[:length] for code, text in values.items()}


def sanitize_body(html: str) -> str:
    """The HTML a press release may keep: paragraphs, emphasis, lists, links."""
    return nh3.clean(
        html or "",
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    ).strip()


def _user(actor: Actor) -> Any:
    return user_of(actor)


def _reindex_press_after_commit(translation_key: uuid.UUID, group_pk: int, subject: str) -> None:
    """Keep the search index in step with a press release once the transaction commits."""
    outbox.after_commit(
        "publishing.press_release_index",
        {"key": str(translation_key)},
        group_pk=group_pk,
        subject=subject,
    )


def _reindex_initiative_after_commit(initiative: Initiative) -> None:
    outbox.after_commit(
        "publishing.initiative_index",
        {"initiative_id": initiative.pk},
        group_pk=initiative.group_id,
        subject=translated(initiative.titles, fallback=initiative.original_language),
    )


def _require_version(current: int, seen: int) -> None:
    """Optimistic locking: an edit must be based on the version stored now."""
    if current != seen:
        raise Conflict(
            _("Someone else saved this record meanwhile: reload it, then make your change again.")
        )


# --- resolutions --------------------------------------------------------------------------


def _validate_resolution(
    *, symbol: str, adopted_on: Any, titles: dict[str, str], ga_session: Any, adoption: str
) -> tuple[str, dict[str, str]]:
    errors: dict[str, str] = {}
    symbol = " ".join((symbol or "").split()).upper()
    if not SYMBOL_RE.match(symbol):
        errors["symbol"] = _(
            "%(symbol)s is not a General Assembly resolution symbol: write it as A/RES/71/275 "
            "(session/number, with an optional part letter: A/RES/50/80 A)."
        ) % {"symbol": symbol or "—"}
    cleaned = clean_translations(titles)
    if not cleaned:
        errors["titles"] = _("Give the resolution's title in at least one language.")
    if not isinstance(adopted_on, datetime.date):
        errors["adopted_on"] = _("Give the date of adoption.")
    if not isinstance(ga_session, int) or ga_session < 1:
        errors["ga_session"] = _("The General Assembly session is a positive number, e.g. 71.")
    elif "symbol" not in errors and not symbol.startswith(("A/RES/ES", "A/RES/S-")):
        session = int(symbol.split("/")[2])
        if session != ga_session:
            errors["ga_session"] = _(
                "The symbol says session %(symbol_session)s, not %(session)s."
            ) % {"symbol_session": session, "session": ga_session}
    if adoption not in Adoption.values:
        errors["adoption"] = _(
            "Choose how it was adopted: without a vote, by consensus or by vote."
        )
    if errors:
        raise ValidationError(errors)
    return symbol, cleaned


@transaction.atomic
def resolution_create(
    *,
    actor: Actor,
    group: Group,
    symbol: str,
    adopted_on: datetime.date,
    titles: dict[str, str],
    ga_session: int,
    agenda_item: int | None = None,
    agenda_item_titles: dict[str, str] | None = None,
    adoption: str = Adoption.UNKNOWN,
    cosponsor_count: int | None = None,
    cosponsors: Iterable[State] = (),
    symbol_verified: bool = True,
    note: dict[str, str] | str = "",
) -> Resolution:
    """Record a General Assembly resolution the group builds on. A resolution already recorded
    (by another group) is linked to this group too."""
    permissions.require_coordinator(actor, group)
    symbol, cleaned = _validate_resolution(
        symbol=symbol,
        adopted_on=adopted_on,
        titles=titles,
        ga_session=ga_session,
        adoption=adoption,
    )
    if agenda_item is not None and agenda_item < 1:
        raise ValidationError({"agenda_item": _("The agenda item is a positive number.")})
    if cosponsor_count is not None and cosponsor_count < 0:
        raise ValidationError(
            {"cosponsor_count": _("The number of co-sponsors cannot be negative.")}
        )
    resolution = Resolution.objects.select_for_update().filter(symbol=symbol).first()
    if resolution is not None:
        if resolution.groups.filter(pk=group.pk).exists():
            raise Conflict(_("Resolution %(symbol)s is already recorded.") % {"symbol": symbol})
    else:
        resolution = Resolution.objects.create(
            symbol=symbol,
            symbol_verified=symbol_verified,
            adopted_on=adopted_on,
            titles=cleaned,
            ga_session=ga_session,
            agenda_item=agenda_item,
            agenda_item_titles=clean_translations(agenda_item_titles),
            adoption=adoption,
            cosponsor_count=cosponsor_count,
            note=_cut(as_translations(note), 300),
        )
        resolution.cosponsors.set(list(cosponsors))
    resolution.groups.add(group)
    audit_record(
        actor=actor,
        action="resolution.recorded",
        obj=resolution,
        group=group,
        data={"symbol": symbol},
    )
    return resolution


@transaction.atomic
def resolution_cosponsors_set(
    *, actor: Actor, group: Group, resolution: Resolution, states: Iterable[State]
) -> Resolution:
    """The co-sponsoring states, as the resolution's record lists them."""
    permissions.require_coordinator(actor, group)
    locked = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if not locked.groups.filter(pk=group.pk).exists():
        raise PermissionDenied(_("This resolution is not one the group builds on."))
    chosen = list(states)
    locked.cosponsors.set(chosen)
    audit_record(
        actor=actor,
        action="resolution.cosponsors_set",
        obj=locked,
        group=group,
        data={"states": sorted(s.iso3 for s in chosen)},
    )
    return locked


@transaction.atomic
def resolution_update(
    *,
    actor: Actor,
    group: Group,
    resolution: Resolution,
    version: int,
    symbol: str,
    adopted_on: datetime.date,
    titles: dict[str, str],
    ga_session: int,
    agenda_item: int | None = None,
    agenda_item_titles: dict[str, str] | None = None,
    adoption: str = Adoption.UNKNOWN,
    cosponsor_count: int | None = None,
    cosponsors: Iterable[State] = (),
    symbol_verified: bool = True,
    note: dict[str, str] | str = "",
) -> Resolution:
    """Correct the record of a resolution the group builds on. The record is shared by every
    group that builds on it. ``version`` is the one the editor saw; a save by someone else
    meanwhile is a conflict."""
    permissions.require_coordinator(actor, group)
    locked = Resolution.objects.select_for_update().get(pk=resolution.pk)
    if not locked.groups.filter(pk=group.pk).exists():
        raise PermissionDenied(_("This resolution is not one the group builds on."))
    _require_version(locked.version, version)
    symbol, cleaned = _validate_resolution(
        symbol=symbol,
        adopted_on=adopted_on,
        titles=titles,
        ga_session=ga_session,
        adoption=adoption,
    )
    if agenda_item is not None and agenda_item < 1:
        raise ValidationError({"agenda_item": _("The agenda item is a positive number.")})
    if cosponsor_count is not None and cosponsor_count < 0:
        raise ValidationError(
            {"cosponsor_count": _("The number of co-sponsors cannot be negative.")}
        )
    if Resolution.objects.filter(symbol=symbol).exclude(pk=locked.pk).exists():
        raise ValidationError(
            {"symbol": _("Resolution %(symbol)s is already recorded.") % {"symbol": symbol}}
        )
    locked.symbol = symbol
    locked.symbol_verified = symbol_verified
    locked.adopted_on = adopted_on
    locked.titles = cleaned
    locked.ga_session = ga_session
    locked.agenda_item = agenda_item
    locked.agenda_item_titles = clean_translations(agenda_item_titles)
    locked.adoption = adoption
    locked.cosponsor_count = cosponsor_count
    locked.note = _cut(as_translations(note), 300)
    locked.version += 1
    locked.save()
    chosen = list(cosponsors)
    locked.cosponsors.set(chosen)
    audit_record(
        actor=actor,
        action="resolution.updated",
        obj=locked,
        group=group,
        data={
            "symbol": symbol,
            "version": locked.version,
            "cosponsors": sorted(s.iso3 for s in chosen),
        },
    )
    return locked


# --- initiatives --------------------------------------------------------------------------


def _check_status_change(
    initiative: Initiative, status: str, on: Any, meeting: Meeting | None, item: AgendaItem | None
) -> None:
    errors: dict[str, str] = {}
    if status not in InitiativeStatus.values:
        errors["status"] = _("Choose a status from the list.")
    if not isinstance(on, datetime.date):
        errors["on"] = _("Give the date of the change.")
    if meeting is not None and meeting.group_id != initiative.group_id:
        errors["meeting"] = _("Choose a meeting of this group.")
    if item is not None and (meeting is None or item.meeting_id != meeting.pk):
        errors["agenda_item"] = _("Choose an item of the agenda of that meeting.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def initiative_create(
    *,
    actor: Actor,
    group: Group,
    titles: dict[str, str],
    descriptions: dict[str, str] | None = None,
    proposed_by: State | None = None,
    proposed_on: datetime.date,
    original_language: str = "en",
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    note: dict[str, str] | None = None,
) -> Initiative:
    """A new initiative, with its first status (proposed) as the start of its history."""
    permissions.require_coordinator(actor, group)
    errors: dict[str, str] = {}
    cleaned = clean_translations(titles)
    if not cleaned:
        errors["titles"] = _("Give the initiative's title in at least one language.")
    if original_language not in CONTENT_LANGUAGES:
        errors["original_language"] = _("Choose one of the six official languages.")
    if errors:
        raise ValidationError(errors)
    initiative = Initiative(
        group=group,
        titles=cleaned,
        descriptions=clean_translations(descriptions),
        proposed_by=proposed_by,
        original_language=original_language,
        status=InitiativeStatus.PROPOSED,
    )
    _check_status_change(initiative, InitiativeStatus.PROPOSED, proposed_on, meeting, agenda_item)
    initiative.save()
    InitiativeStatusChange.objects.create(
        initiative=initiative,
        status=InitiativeStatus.PROPOSED,
        on=proposed_on,
        meeting=meeting,
        agenda_item=agenda_item,
        note=clean_translations(note),
    )
    audit_record(actor=actor, action="initiative.created", obj=initiative, group=group)
    _reindex_initiative_after_commit(initiative)
    return initiative


@transaction.atomic
def initiative_update(
    *,
    actor: Actor,
    initiative: Initiative,
    version: int,
    titles: dict[str, str],
    descriptions: dict[str, str] | None = None,
    proposed_by: State | None = None,
    original_language: str = "en",
) -> Initiative:
    """Correct an initiative's title, description or proposing state. Its status changes only
    by a recorded status change."""
    locked = Initiative.objects.select_for_update().select_related("group").get(pk=initiative.pk)
    permissions.require_coordinator(actor, locked.group)
    _require_version(locked.version, version)
    errors: dict[str, str] = {}
    cleaned = clean_translations(titles)
    if not cleaned:
        errors["titles"] = _("Give the initiative's title in at least one language.")
    if original_language not in CONTENT_LANGUAGES:
        errors["original_language"] = _("Choose one of the six official languages.")
    if errors:
        raise ValidationError(errors)
    locked.titles = cleaned
    locked.descriptions = clean_translations(descriptions)
    locked.proposed_by = proposed_by
    locked.original_language = original_language
    locked.version += 1
    locked.save(
        update_fields=["titles", "descriptions", "proposed_by", "original_language", "version"]
    )
    audit_record(
        actor=actor,
        action="initiative.updated",
        obj=locked,
        group=locked.group,
        data={"version": locked.version},
    )
    _reindex_initiative_after_commit(locked)
    return locked


@transaction.atomic
def initiative_status_change(
    *,
    actor: Actor,
    initiative: Initiative,
    status: str,
    on: datetime.date,
    meeting: Meeting | None = None,
    agenda_item: AgendaItem | None = None,
    note: dict[str, str] | None = None,
) -> InitiativeStatusChange:
    """Record where the initiative stands now (discussed at a meeting, endorsed, shelved ...).
    The history is append-only and runs forward: a change cannot be dated before the previous
    one, so the change just recorded is the initiative's status."""
    locked = Initiative.objects.select_for_update().select_related("group").get(pk=initiative.pk)
    permissions.require_coordinator(actor, locked.group)
    _check_status_change(locked, status, on, meeting, agenda_item)
    previous = locked.history.order_by("-on", "-id").first()
    if previous is not None and on < previous.on:
        raise ValidationError(
            {
                "on": _(
                    "The history runs forward: this change cannot be dated before the previous "
                    "one (%(previous)s)."
                )
                % {"previous": previous.on.isoformat()}
            }
        )
    change = InitiativeStatusChange.objects.create(
        initiative=locked,
        status=status,
        on=on,
        meeting=meeting,
        agenda_item=agenda_item,
        note=clean_translations(note),
    )
    if locked.status != status:
        locked.status = status
        locked.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="initiative.status_changed",
        obj=locked,
        group=locked.group,
        data={"status": status, "on": on.isoformat()},
    )
    _reindex_initiative_after_commit(locked)
    return change


# --- road maps ----------------------------------------------------------------------------


def _road_map_fields(
    group: Group,
    titles: dict[str, str],
    starts_on: Any,
    ends_on: Any,
    resolution: Resolution | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    cleaned = clean_translations(titles)
    if not cleaned:
        errors["titles"] = _("Give the road map's title in at least one language.")
    if not isinstance(starts_on, datetime.date):
        errors["starts_on"] = _("Give the first day of the period.")
    if not isinstance(ends_on, datetime.date):
        errors["ends_on"] = _("Give the last day of the period.")
    elif isinstance(starts_on, datetime.date) and ends_on < starts_on:
        errors["ends_on"] = _("The period must end after it starts.")
    if resolution is not None and not resolution.groups.filter(pk=group.pk).exists():
        errors["resolution"] = _("Choose a resolution the group builds on.")
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def road_map_create(
    *,
    actor: Actor,
    group: Group,
    titles: dict[str, str],
    starts_on: datetime.date,
    ends_on: datetime.date,
    resolution: Resolution | None = None,
    note: dict[str, str] | None = None,
) -> RoadMap:
    permissions.require_coordinator(actor, group)
    cleaned = _road_map_fields(group, titles, starts_on, ends_on, resolution)
    road_map = RoadMap.objects.create(
        group=group,
        titles=cleaned,
        starts_on=starts_on,
        ends_on=ends_on,
        resolution=resolution,
        note=clean_translations(note),
    )
    audit_record(actor=actor, action="road_map.created", obj=road_map, group=group)
    return road_map


@transaction.atomic
def road_map_update(
    *,
    actor: Actor,
    road_map: RoadMap,
    version: int,
    titles: dict[str, str],
    starts_on: datetime.date,
    ends_on: datetime.date,
    resolution: Resolution | None = None,
    note: dict[str, str] | None = None,
) -> RoadMap:
    """Correct a road map's title, period, resolution or note; its activities stay."""
    locked = RoadMap.objects.select_for_update().select_related("group").get(pk=road_map.pk)
    permissions.require_coordinator(actor, locked.group)
    _require_version(locked.version, version)
    cleaned = _road_map_fields(locked.group, titles, starts_on, ends_on, resolution)
    locked.titles = cleaned
    locked.starts_on = starts_on
    locked.ends_on = ends_on
    locked.resolution = resolution
    locked.note = clean_translations(note)
    locked.version += 1
    locked.save()
    audit_record(
        actor=actor,
        action="road_map.updated",
        obj=locked,
        group=locked.group,
        data={"version": locked.version},
    )
    return locked


def _activity_fields(
    road_map: RoadMap, titles: dict[str, str], on: Any, status: str, meeting: Meeting | None
) -> dict[str, str]:
    errors: dict[str, str] = {}
    cleaned = clean_translations(titles)
    if not cleaned:
        errors["titles"] = _("Say what the activity is, in at least one language.")
    if not isinstance(on, datetime.date):
        errors["on"] = _("Give the date of the activity.")
    if status not in ActivityStatus.values:
        errors["status"] = _("Choose the status: planned, done or cancelled.")
    if meeting is not None and meeting.group_id != road_map.group_id:
        errors["meeting"] = _("Choose a meeting of this group.")
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def activity_add(
    *,
    actor: Actor,
    road_map: RoadMap,
    titles: dict[str, str],
    on: datetime.date,
    place: dict[str, str] | str = "",
    lead_states: Iterable[State] = (),
    status: str = ActivityStatus.PLANNED,
    outcome: dict[str, str] | None = None,
    meeting: Meeting | None = None,
) -> Activity:
    locked = RoadMap.objects.select_for_update().select_related("group").get(pk=road_map.pk)
    permissions.require_coordinator(actor, locked.group)
    cleaned = _activity_fields(locked, titles, on, status, meeting)
    activity = Activity.objects.create(
        road_map=locked,
        titles=cleaned,
        on=on,
        place=_cut(as_translations(place, locked.group.original_language), 200),
        status=status,
        outcome=clean_translations(outcome),
        meeting=meeting,
    )
    activity.lead_states.set(list(lead_states))
    audit_record(actor=actor, action="road_map.activity_added", obj=activity, group=locked.group)
    return activity


@transaction.atomic
def activity_update(
    *,
    actor: Actor,
    activity: Activity,
    version: int,
    titles: dict[str, str],
    on: datetime.date,
    place: dict[str, str] | str = "",
    lead_states: Iterable[State] = (),
    status: str = ActivityStatus.PLANNED,
    outcome: dict[str, str] | None = None,
    meeting: Meeting | None = None,
) -> Activity:
    """Correct an activity, mark it done or cancelled and say what came of it."""
    locked = (
        Activity.objects.select_for_update().select_related("road_map__group").get(pk=activity.pk)
    )
    group = locked.road_map.group
    permissions.require_coordinator(actor, group)
    _require_version(locked.version, version)
    cleaned = _activity_fields(locked.road_map, titles, on, status, meeting)
    locked.titles = cleaned
    locked.on = on
    locked.place = _cut(as_translations(place, group.original_language), 200)
    locked.status = status
    locked.outcome = clean_translations(outcome)
    locked.meeting = meeting
    locked.version += 1
    locked.save()
    chosen = list(lead_states)
    locked.lead_states.set(chosen)
    audit_record(
        actor=actor,
        action="road_map.activity_updated",
        obj=locked,
        group=group,
        data={
            "status": status,
            "version": locked.version,
            "lead_states": sorted(s.iso3 for s in chosen),
        },
    )
    return locked


@transaction.atomic
def activity_remove(*, actor: Actor, activity: Activity, version: int) -> None:
    """Take an activity off the road map (entered by mistake, or dropped from the plan; a
    cancelled activity that was announced is better kept with the status "cancelled")."""
    locked = (
        Activity.objects.select_for_update().select_related("road_map__group").get(pk=activity.pk)
    )
    group = locked.road_map.group
    permissions.require_coordinator(actor, group)
    _require_version(locked.version, version)
    audit_record(
        actor=actor,
        action="road_map.activity_removed",
        obj=locked,
        group=group,
        data={"road_map": locked.road_map_id, "titles": locked.titles, "on": locked.on.isoformat()},
    )
    locked.delete()


# --- press releases -----------------------------------------------------------------------


@transaction.atomic
def press_release_draft(*, actor: Actor, meeting: Meeting) -> list[PressRelease]:
    """A draft press release in each of the six languages, written from the meeting's record
    with the per-language templates. One set per meeting: a second call is a conflict."""
    locked = Meeting.objects.select_for_update().select_related("group").get(pk=meeting.pk)
    permissions.require_coordinator(actor, locked.group)
    if locked.status != MeetingStatus.CONVENED:
        raise Conflict(
            _(
                "Only a meeting that was convened (not a draft, not cancelled) has a record to report."
            )
        )
    if PressRelease.objects.filter(meeting=locked).exists():
        raise Conflict(_("A press release for this meeting exists already: edit it."))
    key = uuid.uuid4()
    releases = []
    for language in CONTENT_LANGUAGES:
        headline, body = press.draft_text(locked, language)
        releases.append(
            PressRelease.objects.create(
                translation_key=key,
                language=language,
                group=locked.group,
                meeting=locked,
                headline=headline[:300],
                body=sanitize_body(body),
                created_by=_user(actor),
            )
        )
    audit_record(
        actor=actor,
        action="press_release.drafted",
        obj=releases[0],
        group=locked.group,
        data={"translation_key": str(key), "meeting": locked.pk},
    )
    _reindex_press_after_commit(key, locked.group_id, releases[0].headline)
    return releases


def _locked_release(release: PressRelease) -> PressRelease:
    return PressRelease.objects.select_for_update().select_related("group").get(pk=release.pk)


@transaction.atomic
def press_release_update(
    *, actor: Actor, release: PressRelease, headline: str, body: str, version: int
) -> PressRelease:
    """Save the coordinator's edit of one language version. ``version`` is the one the editor
    saw; someone else's save meanwhile is a conflict."""
    locked = _locked_release(release)
    permissions.require_coordinator(actor, locked.group)
    if locked.version != version:
        raise Conflict(
            _("Someone else saved this text meanwhile: reload it, then make your change again.")
        )
    headline = " ".join((headline or "").split())
    if len(headline) > 300:
        raise ValidationError({"headline": _("A headline has at most 300 characters.")})
    clean = sanitize_body(body)
    if locked.status == PressStatus.PUBLISHED and (not headline or not _has_text(clean)):
        raise ValidationError(
            {"body": _("A published press release cannot be emptied; withdraw it first.")}
        )
    locked.headline = headline
    locked.body = clean
    locked.version += 1
    locked.save(update_fields=["headline", "body", "version", "updated_at"])
    audit_record(
        actor=actor,
        action="press_release.edited",
        obj=locked,
        group=locked.group,
        data={"language": locked.language, "version": locked.version},
    )
    _reindex_press_after_commit(locked.translation_key, locked.group_id, locked.headline)
    return locked


def _has_text(html: str) -> bool:
    return bool(nh3.clean(html or "", tags=set()).strip())


@transaction.atomic
def press_release_publish(
    *, actor: Actor, release: PressRelease, published_at: datetime.datetime | None = None
) -> PressRelease:
    """Publish one language version: it appears on the public site and in the group's feed
    in that language. An empty version is refused. ``published_at`` records a release
    published outside Amity at that moment (history, the demo); by default, now."""
    locked = _locked_release(release)
    permissions.require_coordinator(actor, locked.group)
    if locked.status == PressStatus.PUBLISHED:
        raise Conflict(_("This version is already published."))
    errors: dict[str, str] = {}
    if not locked.headline.strip():
        errors["headline"] = _(
            "The %(language)s version has no headline: write one before publishing."
        ) % {"language": locked.get_language_display()}
    if not _has_text(locked.body):
        errors["body"] = _(
            "The %(language)s version is empty: write its text before publishing."
        ) % {"language": locked.get_language_display()}
    if errors:
        raise ValidationError(errors)
    locked.status = PressStatus.PUBLISHED
    locked.published_at = published_at or timezone.now()
    locked.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        action="press_release.published",
        obj=locked,
        group=locked.group,
        data={"language": locked.language},
    )
    _reindex_press_after_commit(locked.translation_key, locked.group_id, locked.headline)
    return locked


@transaction.atomic
def press_release_withdraw(*, actor: Actor, release: PressRelease) -> PressRelease:
    """Take a published version off the public site and the feed; it becomes a draft again."""
    locked = _locked_release(release)
    permissions.require_coordinator(actor, locked.group)
    if locked.status != PressStatus.PUBLISHED:
        raise Conflict(_("This version is not published."))
    locked.status = PressStatus.DRAFT
    locked.published_at = None
    locked.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        action="press_release.withdrawn",
        obj=locked,
        group=locked.group,
        data={"language": locked.language},
    )
    _reindex_press_after_commit(locked.translation_key, locked.group_id, locked.headline)
    return locked
