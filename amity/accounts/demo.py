"""Demo logins: the coordinator of the Group of Friends of Neutrality (for Turkmenistan) and the
focal point of Kazakhstan (``amity demologins`` prints them). Runs after the members' demo
loader, which creates the group. Idempotent: an existing user or role is left alone."""

from __future__ import annotations

from amity.accounts.models import User
from amity.accounts.services import user_create
from amity.core.actors import system_actor
from amity.members.models import Group, Role, State
from amity.members.services import group_role_assign

NEUTRALITY = "neutrality"

DEMO_LOGINS = [
    (
        "coordinator",
        "coordinator-demo",
        "Coordinator (Turkmenistan), Group of Friends of Neutrality",
    ),
    ("kazakhstan", "kazakhstan-demo", "Focal point of Kazakhstan, Group of Friends of Neutrality"),
]

DEMO = system_actor("loaddemo")


def _user(username: str, password: str, display_name: str) -> User:
    existing = User.objects.filter(username=username).first()
    if existing is not None:
        return existing
    return user_create(username=username, password=password, display_name=display_name)


def load() -> list[str]:
    group = Group.objects.filter(slug=NEUTRALITY).first()
    if group is None:
        return []
    coordinator = _user(
        DEMO_LOGINS[0][0], DEMO_LOGINS[0][1], "Coordinator, Permanent Mission of Turkmenistan"
    )
    if not coordinator.group_roles.filter(group=group, role=Role.COORDINATOR).exists():
        group_role_assign(
            actor=DEMO,
            user=coordinator,
            group=group,
            role=Role.COORDINATOR,
            state=State.objects.get(iso3="TKM"),
        )
    focal_user = _user(
        DEMO_LOGINS[1][0], DEMO_LOGINS[1][1], "Focal point, Permanent Mission of Kazakhstan"
    )
    if not focal_user.group_roles.filter(group=group, role=Role.FOCAL_POINT).exists():
        group_role_assign(
            actor=DEMO,
            user=focal_user,
            group=group,
            role=Role.FOCAL_POINT,
            state=State.objects.get(iso3="KAZ"),
        )
    return [f"{len(DEMO_LOGINS)} demo logins ({group})"]
