"""Demo logins: the coordinator of the Group of Friends of Neutrality (for Turkmenistan) and the
focal point of Kazakhstan (``amity demologins`` prints them). Runs after the members' demo
loader, which creates the group. Idempotent: an existing user or role is left alone."""

from __future__ import annotations

from amity.accounts.models import User
from amity.accounts.services import user_create
from amity.core.actors import system_actor
from amity.members.models import Group, Person, PersonRole, Rank, Role, State
from amity.members.services import group_role_assign, person_create

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


# Example addresses (RFC 2606: example.org never reaches anyone).
DEMO_ADDRESSES = {
    "coordinator": "coordinator.turkmenistan@example.org",
    "kazakhstan": "focal-point.kazakhstan@example.org",
}


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
    for user, code, address in (
        (coordinator, "TKM", DEMO_ADDRESSES["coordinator"]),
        (focal_user, "KAZ", DEMO_ADDRESSES["kazakhstan"]),
    ):
        _focal_point(group, user, code, address)
    return [f"{len(DEMO_LOGINS)} demo logins ({group}), focal points at example.org addresses"]


def _focal_point(group: Group, user: User, code: str, address: str) -> None:
    """The demo login's delegation gets a focal point with an example.org address, so that
    convening a meeting in the demo sends (prints, with the console e-mail backend) a note
    verbale. The person is named as what it is, a demo login, not a real diplomat; the other
    members have no address, and the convening preview names them."""
    if Person.objects.filter(group=group, email=address).exists():
        return
    person_create(
        actor=system_actor("loaddemo"),
        group=group,
        state=State.objects.get(iso3=code),
        family_name=f"{user.display_name or user.username} (demo login)",
        rank=Rank.FIRST_SECRETARY,
        role=PersonRole.DELEGATE,
        email=address,
        is_focal_point=True,
    )


def present() -> bool:
    """Whether the demo's users are here already (the demo was loaded before)."""
    from amity.accounts.models import User

    return User.objects.filter(username__in=[u for u, _p, _w in DEMO_LOGINS]).exists()
