"""Who performs a write: a signed-in user, or the system itself, named.

Every service takes ``actor: Actor`` and never ``None``. Requests pass their user; tasks,
commands, demo loaders and handlers that act on a recorded decision pass a ``SystemActor``
naming themselves (``system_actor("loaddemo")``), which the audit log records. Permission
checks treat the system explicitly (``is_system``): it may do what a coordinator may, and it
stands for no state. A ``None`` that slips through is refused like an anonymous visitor.

Core imports no app, so the user is typed through Django's base class, not ``accounts.User``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, TypeAlias, TypeGuard

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


@dataclass(frozen=True)
class SystemActor:
    """The system acting on its own account: a task, a command, the demo loader, a handler."""

    name: str

    # Read like a user's flags by code that asks them of any actor (``getattr``): the system
    # is not a signed-in person, and its powers come from ``is_system``, not from these.
    is_authenticated: ClassVar[bool] = False
    is_superuser: ClassVar[bool] = False
    pk: ClassVar[None] = None

    def __str__(self) -> str:
        return f"system ({self.name})"


# A user of ``settings.AUTH_USER_MODEL`` (an anonymous visitor where a public form writes),
# or the system.
Actor: TypeAlias = "AbstractBaseUser | AnonymousUser | SystemActor"

SYSTEM = SystemActor("system")


def system_actor(name: str) -> SystemActor:
    """The system acting as ``name`` (a task, a command, a demo loader)."""
    return SystemActor(name)


def is_system(actor: object) -> TypeGuard[SystemActor]:
    return isinstance(actor, SystemActor)


def user_of(actor: Actor) -> Any:
    """The user row to store in a ``created_by``-like field: the signed-in user, or ``None``
    for the system (whose name the audit entry keeps) and an anonymous visitor. Typed ``Any``
    because core may not name ``accounts.User`` (layers); the field's own type checks it."""
    if is_system(actor) or not getattr(actor, "is_authenticated", False):
        return None
    return actor
