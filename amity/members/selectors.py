"""Reads on groups and membership."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from amity.core import outbox
from amity.core.errors import NotFound
from amity.core.models import OutboxEntry, OutboxStatus
from amity.members import permissions
from amity.members.models import (
    ApplicationStatus,
    CoChair,
    Group,
    GroupRole,
    Membership,
    MembershipApplication,
    Person,
    Role,
    State,
)


def group_list() -> QuerySet[Group]:
    return Group.objects.annotate(
        member_count=Count(
            "memberships", filter=Membership.objects.current_condition("memberships__")
        )
    ).order_by("slug")


def group_or_none(*, slug: str) -> Group | None:
    """The group with this slug, or None."""
    return Group.objects.filter(slug=slug).first()


def group_id_of(*, slug: str) -> int | None:
    """The id of the group with this slug, or None."""
    return Group.objects.filter(slug=slug).values_list("pk", flat=True).first()


def group_get(*, slug: str) -> Group:
    group = Group.objects.select_related("initiated_by").filter(slug=slug).first()
    if group is None:
        raise NotFound(f"No group {slug!r}.")
    return group


def coordinated_group(*, slug: str, user: Any) -> Group:
    """The group, for a page only its coordinator may see (PermissionDenied otherwise)."""
    group = group_get(slug=slug)
    if not permissions.is_coordinator(user, group):
        raise PermissionDenied(_("Only the group's coordinator may see this page."))
    return group


def state_list() -> QuerySet[State]:
    return State.objects.all()


def state_get(*, code: str) -> State:
    """A state by ISO alpha-3, alpha-2 or M49 code."""
    code = (code or "").strip().upper()
    state = State.objects.filter(Q(iso3=code) | Q(iso2=code) | Q(m49=code)).first()
    if state is None:
        raise NotFound(f"Unknown state code {code!r}.")
    return state


def current_memberships(*, group: Group, regional_group: str | None = None) -> QuerySet[Membership]:
    qs = Membership.objects.current().filter(group=group).select_related("state")
    if regional_group:
        qs = qs.filter(state__regional_group=regional_group)
    return qs


def current_member_count(*, group: Group) -> int:
    return Membership.objects.current().filter(group=group).count()


def member_states(*, group: Group) -> QuerySet[State]:
    """The states that are members of ``group`` now (ordered by ISO code)."""
    return State.objects.filter(
        pk__in=Membership.objects.current().filter(group=group).values("state_id")
    )


def members_on(
    *, group: Group, day: datetime.date, regional_group: str | None = None
) -> QuerySet[Membership]:
    """Memberships in force on ``day``: joined on or before it and not left by then. Members
    whose date of accession is unknown cannot be placed in time and are left out."""
    qs = Membership.objects.on(day).filter(group=group).select_related("state")
    if regional_group:
        qs = qs.filter(state__regional_group=regional_group)
    return qs


def former_memberships(*, group: Group) -> QuerySet[Membership]:
    return Membership.objects.former().filter(group=group).select_related("state")


@dataclass(frozen=True)
class CountStep:
    day: datetime.date
    count: int


def membership_history(*, group: Group) -> tuple[list[CountStep], int]:
    """The member count after each day on which it changed, and how many current members have
    no known date of accession (they cannot be drawn on a time line)."""
    rows = list(Membership.objects.filter(group=group).values_list("joined_on", "left_on"))
    deltas: dict[datetime.date, int] = {}
    undated = 0
    for joined, left in rows:
        if joined is None:
            if left is None:
                undated += 1
            continue
        deltas[joined] = deltas.get(joined, 0) + 1
        if left is not None:
            deltas[left] = deltas.get(left, 0) - 1
    steps: list[CountStep] = []
    count = 0
    for day in sorted(deltas):
        count += deltas[day]
        steps.append(CountStep(day=day, count=count))
    return steps, undated


def co_chairs(*, group: Group) -> QuerySet[CoChair]:
    return CoChair.objects.filter(group=group).select_related("state")


def current_co_chairs(*, group: Group, day: datetime.date | None = None) -> list[CoChair]:
    day = day or timezone.localdate()
    return [c for c in co_chairs(group=group) if c.is_current_on(day)]


def applications(*, group: Group, state: State | None = None) -> QuerySet[MembershipApplication]:
    qs = MembershipApplication.objects.filter(group=group).select_related("state", "decided_by")
    if state is not None:
        qs = qs.filter(state=state)
    return qs


def pending_applications(*, group: Group) -> QuerySet[MembershipApplication]:
    return applications(group=group).filter(status=ApplicationStatus.PENDING)


def people(*, group: Group, state: State | None = None) -> QuerySet[Person]:
    qs = Person.objects.filter(group=group).select_related("state")
    if state is not None:
        qs = qs.filter(state=state)
    return qs


def _one_or_404(qs: QuerySet[Any], message: str) -> Any:
    found = qs.first()
    if found is None:
        raise NotFound(message)
    return found


def application_get(*, group: Group, pk: int) -> MembershipApplication:
    return _one_or_404(
        MembershipApplication.objects.filter(pk=pk, group=group), _("No such application.")
    )


def membership_get(*, group: Group, pk: int) -> Membership:
    return _one_or_404(Membership.objects.filter(pk=pk, group=group), _("No such membership."))


def cochair_get(*, group: Group, pk: int) -> CoChair:
    return _one_or_404(CoChair.objects.filter(pk=pk, group=group), _("No such co-chair."))


def person_get(*, group: Group, pk: int) -> Person:
    return _one_or_404(Person.objects.filter(pk=pk, group=group), _("No such person."))


def latest_membership(*, group: Group, state: State) -> Membership | None:
    """The state's latest period in the group (current or not), or None."""
    return Membership.objects.filter(group=group, state=state).order_by("-joined_on").first()


def state_by_iso3(code: str) -> State | None:
    return State.objects.filter(iso3=code).first()


def states_for(*, group: Group, coordinator: bool, own: State | None) -> QuerySet[State]:
    """The states someone may act for in a form: a coordinator, every member state; a focal
    point, their own; anyone else, none."""
    if coordinator:
        return member_states(group=group)
    return State.objects.filter(pk=own.pk) if own else State.objects.none()


def observers(*, group: Group) -> list[Any]:
    """The users who observe the group."""
    return [
        r.user
        for r in GroupRole.objects.filter(group=group, role=Role.OBSERVER).select_related("user")
    ]


@dataclass(frozen=True)
class Delivery:
    """An outbox entry of the group that did not go through (yet), as the coordinator sees
    it: what it is, how often it was tried, the last error, and when it is tried next."""

    entry: OutboxEntry
    description: str

    @property
    def failed(self) -> bool:
        return self.entry.status == OutboxStatus.FAILED


def undelivered(*, group: Group, limit: int = 100) -> list[Delivery]:
    """The group's side effects that failed for good (first) or are waiting for a retry after
    a failed attempt; newest first within each. Two queries."""
    entries = OutboxEntry.objects.filter(group_pk=group.pk).filter(
        Q(status=OutboxStatus.FAILED) | Q(status=OutboxStatus.PENDING, attempts__gt=0)
    )
    failed = list(
        entries.filter(status=OutboxStatus.FAILED).order_by("-finished_at", "-id")[:limit]
    )
    waiting = list(entries.exclude(status=OutboxStatus.FAILED).order_by("due_at", "id")[:limit])
    return [Delivery(entry=e, description=outbox.describe(e)) for e in failed + waiting]


def undelivered_failed_count(*, group: Group) -> int:
    return OutboxEntry.objects.filter(group_pk=group.pk, status=OutboxStatus.FAILED).count()
