"""Reads on meetings, shaped for the pages, feeds and emails (no N+1: related rows are fetched
with select_related / prefetch_related)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.core.errors import NotFound
from amity.meetings.models import (
    AgendaDocument,
    AgendaItem,
    AttendanceMode,
    DatePoll,
    DatePollOption,
    DatePollVote,
    Meeting,
    MeetingStatus,
    Registration,
    Statement,
    Visibility,
)
from amity.members.models import AuditEntry, Group, Membership, Person, State, StateStatus


def _with_related(qs: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return qs.select_related("group", "venue_country", "convened_by_state").prefetch_related(
        Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("position", "id"))
    )


def visible_meetings(*, user: Any, group: Group) -> QuerySet[Meeting]:
    """The meetings of a group the user may see (``MeetingQuerySet.visible_to``)."""
    return Meeting.objects.filter(group=group).visible_to(user)


def group_calendar(*, user: Any, group: Group) -> tuple[list[Meeting], list[Meeting]]:
    """(upcoming, past) meetings: upcoming soonest first, past latest first."""
    now = timezone.now()
    meetings = list(
        visible_meetings(user=user, group=group)
        .select_related("group", "venue_country")
        .order_by("starts_at")
    )
    upcoming = [m for m in meetings if m.ends_at >= now]
    past = [m for m in meetings if m.ends_at < now]
    past.reverse()
    return upcoming, past


@dataclass(frozen=True)
class MeetingChange:
    """A save of a meeting by someone: who, when, which fields, the version it made."""

    who: str
    at: Any
    fields: list[str]
    version: int


def meeting_changes_since(*, meeting: Meeting, version: int) -> list[MeetingChange]:
    """The saves of ``meeting`` after ``version`` (from its audit entries), oldest first: what
    someone else changed while an editor had the form open."""
    from django.contrib.contenttypes.models import ContentType

    entries = (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Meeting),
            object_id=str(meeting.pk),
            action__in=("meeting.updated", "meeting.convened"),
        )
        .select_related("actor")
        .order_by("-id")[:50]
    )
    changes = []
    for entry in entries:
        made = entry.data.get("version")
        if not isinstance(made, int) or made <= version:
            continue
        who = str(entry.actor) if entry.actor else str(entry.data.get("system_actor", ""))
        changes.append(
            MeetingChange(
                who=who,
                at=entry.created_at,
                fields=list(entry.data.get("fields", [])),
                version=made,
            )
        )
    return changes[::-1]


def meeting_get(*, pk: int, user: Any = None) -> Meeting:
    """A meeting with its group, venue and agenda; NotFound if it does not exist or the user
    may not know of it."""
    meeting = (
        _with_related(Meeting.objects.all())
        .prefetch_related("agenda_items__documents", "invited_observers")
        .filter(pk=pk)
        .first()
    )
    if meeting is None or (user is not None and not meeting.is_visible_to(user)):
        raise NotFound(f"No meeting {pk}.")
    return meeting


def meeting_for_email(*, meeting_id: int) -> Meeting:
    return _with_related(Meeting.objects.filter(pk=meeting_id)).get()


def meetings_for_feed(*, group: Group, include_members_only: bool) -> QuerySet[Meeting]:
    qs = _with_related(Meeting.objects.filter(group=group).exclude(status=MeetingStatus.DRAFT))
    if not include_members_only:
        qs = qs.filter(visibility=Visibility.PUBLIC)
    return qs.order_by("starts_at")


def registrations(*, meeting: Meeting, state: Any = None) -> QuerySet[Registration]:
    qs = Registration.objects.filter(meeting=meeting).select_related("state", "person")
    if state is not None:
        qs = qs.filter(state=state)
    return qs


def protocol_order(regs: list[Registration]) -> list[Registration]:
    """Participants by protocol precedence: Member States before observer States, then the
    rank of the person (Head of State first), heads of delegation before the rest of their
    rank, then by state and name for a stable order."""
    return sorted(
        regs,
        key=lambda r: (
            r.state.status == StateStatus.OBSERVER,
            r.person.rank,
            not r.is_head,
            str(r.state.names.get("en", r.state.iso3)),
            r.person.family_name,
        ),
    )


@dataclass(frozen=True)
class Counts:
    in_room: int
    remote: int
    delegations: int
    present_in_room: int
    present_online: int

    @property
    def total(self) -> int:
        return self.in_room + self.remote


def registration_counts(regs: list[Registration]) -> Counts:
    return Counts(
        in_room=sum(1 for r in regs if r.attendance_mode == AttendanceMode.IN_ROOM),
        remote=sum(1 for r in regs if r.attendance_mode == AttendanceMode.REMOTE),
        delegations=len({r.state_id for r in regs}),
        present_in_room=sum(1 for r in regs if r.presence == "in_room"),
        present_online=sum(1 for r in regs if r.presence == "online"),
    )


def statements(*, meeting: Meeting) -> QuerySet[Statement]:
    return Statement.objects.filter(meeting=meeting).select_related("state", "agenda_item")


def registrable_people(*, meeting: Meeting, state: Any) -> QuerySet[Person]:
    """The people of a state's delegation not yet registered for the meeting."""
    return (
        Person.objects.filter(group=meeting.group, state=state)
        .exclude(registrations__meeting=meeting)
        .select_related("state")
    )


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str
    state_name: dict[str, str]


def invitation_recipients(*, meeting: Meeting) -> list[Recipient]:
    """Every focal point with an email of every current member state, and the invited
    observers with an email; each address once."""
    people = (
        Person.objects.filter(group=meeting.group, is_focal_point=True)
        .filter(
            state_id__in=Membership.objects.current().filter(group=meeting.group).values("state_id")
        )
        .exclude(email="")
        .select_related("state")
        .distinct()
        .order_by("state__iso3", "family_name")
    )
    seen: set[str] = set()
    found: list[Recipient] = []
    for person in people:
        key = person.email.lower()
        if key not in seen:
            seen.add(key)
            found.append(
                Recipient(email=person.email, name=person.full_name, state_name=person.state.names)
            )
    for user in meeting.invited_observers.exclude(email=""):
        key = user.email.lower()
        if key not in seen:
            seen.add(key)
            found.append(Recipient(email=user.email, name=str(user), state_name={}))
    return found


def members_without_address(*, meeting: Meeting) -> list[State]:
    """The current member States none of whose focal points has an e-mail address: a note
    verbale cannot reach them through Amity."""
    current = Membership.objects.current().filter(group=meeting.group).values("state_id")
    reached = (
        Person.objects.filter(group=meeting.group, is_focal_point=True)
        .exclude(email="")
        .values("state_id")
    )
    return list(State.objects.filter(pk__in=current).exclude(pk__in=reached))


def _one_or_404(qs: QuerySet[Any], message: str) -> Any:
    found = qs.first()
    if found is None:
        raise NotFound(message)
    return found


def agenda_item_get(*, meeting: Meeting, pk: int) -> AgendaItem:
    return _one_or_404(AgendaItem.objects.filter(pk=pk, meeting=meeting), _("No such agenda item."))


def agenda_document_get(*, meeting: Meeting, pk: int) -> AgendaDocument:
    return _one_or_404(
        AgendaDocument.objects.filter(pk=pk, item__meeting=meeting), _("No such agenda document.")
    )


def statement_get(*, meeting: Meeting, pk: int) -> Statement:
    return _one_or_404(Statement.objects.filter(pk=pk, meeting=meeting), _("No such statement."))


def registration_of(*, meeting: Meeting, pk: int | str | None) -> Registration | None:
    """A registration of ``meeting`` by its id as posted (None when absent or not a number)."""
    if pk is None or not str(pk).isdigit():
        return None
    return (
        Registration.objects.select_related("state", "person")
        .filter(pk=int(pk), meeting=meeting)
        .first()
    )


def registration_get(*, meeting: Meeting, pk: int) -> Registration:
    found = registration_of(meeting=meeting, pk=pk)
    if found is None:
        raise NotFound(_("No such registration."))
    return found


def meetings_to_link(*, group: Group) -> list[Meeting]:
    """The meetings a document may be tied to: the group's, not cancelled, latest first."""
    return list(
        Meeting.objects.filter(group=group)
        .exclude(status=MeetingStatus.CANCELLED)
        .prefetch_related("agenda_items")
        .order_by("-starts_at")
    )


# --- Finding a date (issue 16) -------------------------------------------------------------


@dataclass
class OptionTally:
    option: DatePollOption
    yes: int
    if_need_be: int
    no: int
    answers: dict[int, str]  # state id -> answer

    @property
    def score(self) -> tuple[int, int]:
        """Most "yes", then most "yes or if need be": the order a coordinator reads."""
        return (self.yes, self.yes + self.if_need_be)


def polls_of(*, group: Group) -> list[DatePoll]:
    return list(
        DatePoll.objects.filter(group=group)
        .select_related("meeting", "chosen")
        .prefetch_related("options")
    )


def poll_get(*, pk: int) -> DatePoll:
    return _one_or_404(
        DatePoll.objects.filter(pk=pk).select_related("group", "meeting", "chosen"),
        _("No such poll."),
    )


def poll_option_get(*, poll: DatePoll, pk: int | str | None) -> DatePollOption | None:
    if not str(pk or "").isdigit():
        return None
    return DatePollOption.objects.filter(poll=poll, pk=int(str(pk))).first()


def poll_tally(*, poll: DatePoll) -> tuple[list[OptionTally], list[State], set[int]]:
    """Each proposed time with its counts and each delegation's answer; the member States
    (who may answer), and the ids of those that answered. Three queries."""
    options = list(DatePollOption.objects.filter(poll=poll))
    votes = list(
        DatePollVote.objects.filter(option__poll=poll).values_list(
            "option_id", "state_id", "answer"
        )
    )
    by_option: dict[int, dict[int, str]] = {o.pk: {} for o in options}
    for option_id, state_id, answer in votes:
        by_option[option_id][state_id] = answer
    tallies = [
        OptionTally(
            option=o,
            yes=sum(1 for a in by_option[o.pk].values() if a == "yes"),
            if_need_be=sum(1 for a in by_option[o.pk].values() if a == "if_need_be"),
            no=sum(1 for a in by_option[o.pk].values() if a == "no"),
            answers=by_option[o.pk],
        )
        for o in options
    ]
    members = list(
        State.objects.filter(
            pk__in=Membership.objects.current().filter(group=poll.group).values("state_id")
        )
    )
    answered = {state_id for _o, state_id, _a in votes}
    return tallies, members, answered
