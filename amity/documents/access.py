"""Who may see and do what with a group's outcome documents.

Drafts and the negotiation (versions, proposals, comments, silence) are for the coordinator and
the member focal points, and for observers when the coordinator shares the document with them.
The public sees a document once it is adopted and published: the adopted text and the states
that joined it, in its original language and in the translations marked final.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from amity.documents.models import DocumentStatus, OutcomeDocument, TextStatus
from amity.members import permissions
from amity.members.models import Role


def can_negotiate(user: Any, group: Any) -> bool:
    """Comments and proposals: the coordinator and the member focal points."""
    return permissions.is_coordinator(user, group) or (
        permissions.focal_point_state(user, group) is not None
    )


def can_see_drafts(user: Any, document: OutcomeDocument) -> bool:
    if can_negotiate(user, document.group):
        return True
    return document.shared_with_observers and permissions.is_observer(user, document.group)


def is_public(document: OutcomeDocument) -> bool:
    return document.status == DocumentStatus.ADOPTED and document.is_published


def can_see(user: Any, document: OutcomeDocument) -> bool:
    return is_public(document) or can_see_drafts(user, document)


def visible_condition(user: Any) -> Q:
    """``can_see`` for a query over many groups (``OutcomeDocument.objects.visible_to``):
    public documents, every document of the groups where ``user`` negotiates, and the shared
    ones of the groups they observe."""
    if permissions.sees_everything(user):
        return Q()
    negotiating = permissions.group_ids(user, Role.COORDINATOR, Role.FOCAL_POINT)
    observing = permissions.group_ids(user, Role.OBSERVER)
    return (
        Q(status=DocumentStatus.ADOPTED, is_published=True)
        | Q(group_id__in=negotiating)
        | Q(group_id__in=observing, shared_with_observers=True)
    )


# A language version the public may read: the original, or a translation marked final.
PUBLIC_TEXT_STATUSES = frozenset({TextStatus.ORIGINAL, TextStatus.FINAL})


def can_read_text(user: Any, document: OutcomeDocument, status: str) -> bool:
    """Whether ``user`` may read a language version of ``document`` in ``status``: those who
    see the drafts, any that has text (a draft translation, one in revision); the public, the
    original or a final translation of a public document."""
    if status == TextStatus.MISSING:
        return False
    if can_see_drafts(user, document):
        return True
    return is_public(document) and status in PUBLIC_TEXT_STATUSES
