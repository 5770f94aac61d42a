"""Who may do what, as one table: the source of the permission test
(``amity/core/tests/test_permission_matrix.py``) and of ``docs/permissions.md``.

Every object acted on belongs to group X, and where a state matters, to state A: the roles
of group Y, of state B, the observer and the signed-in stranger must be refused there exactly
as the anonymous visitor is. The test performs each action through each channel listed
(a page, the API, the WebSocket) as each role and compares the outcome with ``allowed``.
Regenerate the document after a change: ``python -m amity.core.permission_matrix``.

Pure data, no imports of the apps: it sits in the bottom layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROLES: tuple[tuple[str, str], ...] = (
    ("anonymous", "anonymous visitor"),
    ("signed_in", "signed in, no role"),
    ("focal_a", "focal point of state A (member of X)"),
    ("focal_b", "focal point of state B (member of X)"),
    ("observer", "observer of X"),
    ("coord_x", "coordinator of X"),
    ("coord_y", "coordinator of Y"),
    ("superuser", "superuser"),
)

PARTICIPANTS_X = frozenset({"focal_a", "focal_b", "observer", "coord_x", "superuser"})
NEGOTIATORS_X = frozenset({"focal_a", "focal_b", "coord_x", "superuser"})
COORDINATORS_X = frozenset({"coord_x", "superuser"})


@dataclass(frozen=True)
class Action:
    key: str
    label: str
    channels: tuple[str, ...]  # "page", "api", "ws"
    allowed: frozenset[str]
    note: str = ""


ACTIONS: tuple[Action, ...] = (
    Action(
        "view_draft_meeting",
        "see a meeting of X not yet convened",
        ("page", "api"),
        COORDINATORS_X,
        "a draft is the coordinator's alone",
    ),
    Action(
        "view_live",
        "follow the live session of a members-only meeting of X",
        ("page", "api", "ws"),
        PARTICIPANTS_X,
    ),
    Action(
        "request_floor",
        "ask for the floor for a delegate of state A",
        ("page", "api"),
        frozenset({"focal_a"}),
        "the chair adds speakers from the console, with the version it saw",
    ),
    Action(
        "edit_agenda",
        "add an item to the agenda of a meeting of X",
        ("page", "api"),
        COORDINATORS_X,
    ),
    Action(
        "read_draft_document",
        "read a document of X under negotiation",
        ("page", "api"),
        NEGOTIATORS_X,
        "observers only when the coordinator shares it with them (not shared here)",
    ),
    Action(
        "propose_amendment",
        "propose an amendment to a document of X",
        ("page", "api"),
        NEGOTIATORS_X,
    ),
    Action(
        "adopt",
        "record the adoption of a document of X by consensus",
        ("page",),
        COORDINATORS_X,
    ),
    Action(
        "export_draft",
        "export a document of X under negotiation (Akoma Ntoso, .docx)",
        ("page",),
        NEGOTIATORS_X,
    ),
    Action(
        "circulate",
        "prepare the circulation of an adopted document of X to the Secretary-General",
        ("page",),
        COORDINATORS_X,
    ),
    Action(
        "circulation_overview",
        "see the translations and circulation of a document of X under negotiation",
        ("page",),
        NEGOTIATORS_X,
    ),
    Action(
        "manage_members",
        "open the management of X's membership",
        ("page",),
        COORDINATORS_X,
    ),
    Action(
        "read_applications",
        "read the membership application of a state other than one's own to X",
        ("api",),
        COORDINATORS_X,
        "a focal point reads its own state's applications only",
    ),
    Action(
        "record_application",
        "record a membership application to X",
        ("api",),
        COORDINATORS_X,
    ),
    Action(
        "edit_state_people",
        "edit a person of state A's delegation to X",
        ("page",),
        frozenset({"focal_a", "coord_x", "superuser"}),
    ),
    Action(
        "retitle_statement",
        "give the title of state A's statement at a meeting of X in more languages",
        ("page",),
        frozenset({"focal_a", "coord_x", "superuser"}),
        "who may upload it",
    ),
    Action(
        "machine_proposal",
        "ask a proposal for a missing language of a text of X (translation memory, machine)",
        ("page",),
        COORDINATORS_X,
        "nothing is saved; the form is",
    ),
)

CHANNEL_NAMES = {"page": "page", "api": "API", "ws": "WebSocket"}


def cases() -> list[tuple[str, str, str, bool]]:
    """(action, channel, role, allowed) for every cell of the table."""
    return [
        (action.key, channel, role, role in action.allowed)
        for action in ACTIONS
        for channel in action.channels
        for role, _label in ROLES
    ]


def markdown() -> str:
    lines = [
        "# Who may do what",
        "",
        "Generated from `amity/core/permission_matrix.py` by "
        "`python -m amity.core.permission_matrix`; do not edit by hand. The test "
        "`amity/core/tests/test_permission_matrix.py` performs every cell through every channel "
        "listed (a page, the API, the WebSocket) and fails when this file is out of date.",
        "",
        "Every object belongs to group X and, where a state matters, to state A. "
        "✓ allowed, — refused (403, 404, a sign-in redirect or a closed socket; nothing written).",
        "",
        "| action | " + " | ".join(label for _key, label in ROLES) + " |",
        "|---|" + "---|" * len(ROLES),
    ]
    for action in ACTIONS:
        channels = ", ".join(CHANNEL_NAMES[c] for c in action.channels)
        marks = " | ".join("✓" if key in action.allowed else "—" for key, _label in ROLES)
        lines.append(f"| {action.label} ({channels}) | {marks} |")
    lines += ["", "Notes:", ""]
    lines += [f"- {action.label}: {action.note}." for action in ACTIONS if action.note]
    return "\n".join(lines) + "\n"


DOC = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"

if __name__ == "__main__":
    DOC.write_text(markdown(), encoding="utf-8")
    print(f"wrote {DOC}")
