from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_as_loaded(db: None) -> Any:
    """The demo data of every app, as `amity loaddemo` loads it (with the press release of
    11 December 2023 published in the six languages)."""
    call_command("loaddemo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    from amity.meetings.models import Meeting

    return Meeting.objects.get(group__slug="neutrality", starts_at__date="2023-12-11")


@pytest.fixture
def demo(demo_as_loaded: Any) -> Any:
    """The demo, with the meeting of 11 December 2023 as yet without a press release: the
    tests of drafting, editing and publishing start from its record."""
    from amity.publishing.models import PressRelease

    PressRelease.objects.filter(meeting=demo_as_loaded).delete()
    return demo_as_loaded
