"""What the benchmarks that start servers share: where the project is, a free port on the
loopback, and the demo's chair with an API token (run in the benchmark's installation by
``manage.py shell -c SETUP``; it prints the 11 December 2023 meeting's id and the token)."""

from __future__ import annotations

import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv/bin/python")
HOST = "127.0.0.1"
SETUP = """
import datetime
from amity.accounts.models import User
from amity.accounts.services import api_token_create, user_create
from amity.meetings.models import Meeting
from amity.members.models import Group, State
from amity.members.services import group_role_assign
from amity.core.actors import system_actor
group = Group.objects.get(slug="neutrality")
meeting = Meeting.objects.get(group=group, starts_at__date=datetime.date(2023, 12, 11))
user = User.objects.filter(username="bench-chair").first()
if user is None:
    user = user_create(username="bench-chair", password="a-long-bench-password", email="b@example.org")
    group_role_assign(actor=system_actor("bench"), user=user, group=group, role="coordinator", state=State.objects.get(iso3="TKM"))
print(meeting.pk, api_token_create(user=user, name="bench")[1])
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])
