"""The audit log. Every service that writes calls ``audit_record`` inside its transaction.

Where the write comes from (web, api, cli, task; the client's address) is read from
``amity.core.audit``, set per request by its middleware and per task by ``audit_source``.
The group's latest entry is also its public content version (``selectors.group_public_version``).
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from amity.core.actors import Actor, is_system, user_of
from amity.core.audit import current_source
from amity.members.models import AuditEntry


def audit_record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model | None = None,
    group: Any = None,
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    source = current_source()
    if is_system(actor):
        # The system has no user row: its name (the task, command or loader) is the record.
        data = {**(data or {}), "system_actor": actor.name}
    return AuditEntry.objects.create(
        actor=user_of(actor),
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:300] if obj is not None else "",
        group=group,
        data=data or {},
        source=source.channel,
        ip_address=source.ip_address,
    )
