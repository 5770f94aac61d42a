"""The demo loader of publishing is idempotent."""

import pytest

from amity.members.models import AuditEntry
from amity.publishing import demo as publishing_demo
from amity.publishing.models import Activity, Initiative, InitiativeStatusChange, Resolution

pytestmark = pytest.mark.django_db


def test_publishing_demo_twice_changes_nothing(demo):
    counts = (
        Resolution.objects.count(),
        Initiative.objects.count(),
        InitiativeStatusChange.objects.count(),
        Activity.objects.count(),
        AuditEntry.objects.filter(action__startswith=("resolution")).count(),
    )
    before = AuditEntry.objects.count()
    publishing_demo.load()
    assert AuditEntry.objects.count() == before
    assert counts == (
        Resolution.objects.count(),
        Initiative.objects.count(),
        InitiativeStatusChange.objects.count(),
        Activity.objects.count(),
        AuditEntry.objects.filter(action__startswith=("resolution")).count(),
    )
    assert counts[:4] == (6, 2, 4, 1)
