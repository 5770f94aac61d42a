"""The actor of a write is a user or the named system, never ``None`` (issue 12, part 4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from amity.core.actors import SYSTEM, SystemActor, is_system, system_actor
from amity.members import services
from amity.members.models import AuditEntry


def test_system_actor_is_named_and_not_a_user() -> None:
    task = system_actor("settle-silence")
    assert task == SystemActor("settle-silence")
    assert is_system(task)
    assert is_system(SYSTEM)
    assert not is_system(None)
    assert task.is_authenticated is False
    assert task.is_superuser is False
    assert str(task) == "system (settle-silence)"


def test_none_no_longer_skips_the_permission_check(group: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.group_update(actor=None, group=group, cause={"en": "Changed by no one."})  # type: ignore[arg-type]
    group.refresh_from_db()
    assert group.cause == {"en": "Neutrality for peace."}


def test_system_actor_passes_the_check_and_is_audited_by_name(group: Any) -> None:
    services.group_update(
        actor=system_actor("loaddemo"), group=group, cause={"en": "Changed by the loader."}
    )
    entry = AuditEntry.objects.filter(action="group.updated").get()
    assert entry.actor is None
    assert entry.data == {"fields": ["cause"], "system_actor": "loaddemo"}


def test_a_user_without_the_role_is_still_refused(group: Any, make_user: Any) -> None:
    observer = make_user("obs", group=group, role="observer")
    with pytest.raises(PermissionDenied):
        services.group_update(actor=observer, group=group, cause={"en": "Not mine to change."})
