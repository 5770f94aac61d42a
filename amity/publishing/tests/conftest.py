from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db: None) -> Any:
    """The demo data of every app, as `amity loaddemo` loads it."""
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from amity.meetings.models import Meeting

    return Meeting.objects.get(group__slug="neutrality", starts_at__date="2023-12-11")
