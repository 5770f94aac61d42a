"""Who may see and do what in a group. Plain functions over ``GroupRole`` rows.

The roles of a user are read once per request and cached on the user object, so that a page
that asks several questions costs one query.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from amity.core.actors import Actor, is_system
from amity.members.models import GroupRole, Role


def _roles(user: Any) -> list[GroupRole]:
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_amity_roles", None)
    if cached is None:
        cached = list(GroupRole.objects.filter(user=user).select_related("state"))
        user._amity_roles = cached
    return cached


def roles_in(user: Any, group: Any) -> list[GroupRole]:
    return [r for r in _roles(user) if r.group_id == group.pk]


def is_coordinator(user: Any, group: Any) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(r.role == Role.COORDINATOR for r in roles_in(user, group))


def require_coordinator(actor: Actor, group: Any) -> None:
    """Raise PermissionDenied unless ``actor`` coordinates ``group`` or is the system itself
    (a ``SystemActor``: the demo loader, commands, tasks acting on a recorded decision).
    ``None`` is no one and is refused."""
    if not is_system(actor) and not is_coordinator(actor, group):
        raise PermissionDenied(_("Only the group's coordinator may do this."))


def focal_point_state(user: Any, group: Any) -> Any:
    """The state the user is focal point of in this group, or None."""
    for r in roles_in(user, group):
        if r.role == Role.FOCAL_POINT:
            return r.state
    return None


def acting_state(user: Any, group: Any) -> Any:
    """The state the user acts for in this group (coordinator's or focal point's), or None."""
    for r in roles_in(user, group):
        if r.state is not None and r.role in (Role.COORDINATOR, Role.FOCAL_POINT):
            return r.state
    return None


def is_observer(user: Any, group: Any) -> bool:
    return any(r.role == Role.OBSERVER for r in roles_in(user, group))


def is_participant(user: Any, group: Any) -> bool:
    """Sees the group's internal pages: coordinators, focal points and observers."""
    return getattr(user, "is_superuser", False) or bool(roles_in(user, group))


class Standing(IntEnum):
    """What someone is to a group, as far as seeing its things goes: each standing sees what
    the ones below it see, and more."""

    PUBLIC = 0
    PARTICIPANT = 1  # focal points and observers (and coordinators)
    COORDINATOR = 2


def standing(user: Any, group: Any) -> Standing:
    return standing_with(user, [r.role for r in roles_in(user, group)])


def standing_with(user: Any, roles: Iterable[str]) -> Standing:
    """Where ``user`` stands in a group where they hold ``roles`` (a reader that fetched the
    roles with something else in one query: the polled live state)."""
    held = set(roles)
    if sees_everything(user) or Role.COORDINATOR in held:
        return Standing.COORDINATOR
    if held:
        return Standing.PARTICIPANT
    return Standing.PUBLIC


def sees_everything(user: Any) -> bool:
    """The superuser stands as coordinator in every group, existing or not."""
    return bool(getattr(user, "is_superuser", False))


def groups_by_standing(user: Any) -> dict[Standing, set[int]]:
    """The ids of the groups where ``user`` stands above the public, by standing (for
    querysets that apply a rule to many groups at once; see ``sees_everything``)."""
    found: dict[Standing, set[int]] = {Standing.PARTICIPANT: set(), Standing.COORDINATOR: set()}
    for r in _roles(user):
        found[Standing.PARTICIPANT].add(r.group_id)
        if r.role == Role.COORDINATOR:
            found[Standing.COORDINATOR].add(r.group_id)
    found[Standing.PARTICIPANT] -= found[Standing.COORDINATOR]
    return found


def group_ids(user: Any, *roles: str) -> set[int]:
    """The ids of the groups where ``user`` holds one of ``roles``."""
    return {r.group_id for r in _roles(user) if r.role in roles}


def can_manage_state_people(user: Any, group: Any, state: Any) -> bool:
    if is_coordinator(user, group):
        return True
    own = focal_point_state(user, group)
    return own is not None and state is not None and own.pk == state.pk
