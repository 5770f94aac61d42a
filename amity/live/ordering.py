"""The order of the speakers' list: one pure function, ``speaking_order``.

The rules, as a chair applies them under UN practice:

1. A **point of order** is heard first, before anything else (several: in the order they
   were raised).
2. Then the **statements**, by level of representation: heads of state; vice-presidents and
   crown princes; heads of government; ministers; deputy ministers; other heads of
   delegation; other delegates (``Level``, lower first). Within a level, **members before
   observers**; then the **time the floor was requested** (then the entry's id, so the order
   is total and stable).
3. A statement the chair **moved by hand** keeps the place it was moved to (its
   ``manual_position``, 0 being first among the statements), whatever arrives later; the
   others fill the remaining places in the order of rule 2. Two moved entries claiming the
   same place keep rule 2's order between them; a place beyond the end means "last".
4. A **right of reply** comes after the list, in the order requested.

The function takes anything with the attributes ``kind``, ``level``, ``is_observer``,
``requested_at``, ``id`` and ``manual_position`` (a ``SpeakerEntry``, or a plain object in
the tests), and returns a new list: it never reads the database nor changes its input.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any, Protocol, TypeVar

from amity.live.models import Level, SpeechKind
from amity.members.models import Rank


class Orderable(Protocol):
    kind: str
    level: int
    is_observer: bool
    requested_at: datetime.datetime
    id: Any
    manual_position: int | None


E = TypeVar("E", bound=Orderable)

_RANK_LEVEL = {
    Rank.HEAD_OF_STATE: Level.HEAD_OF_STATE,
    Rank.VICE_PRESIDENT: Level.VICE_PRESIDENT,
    Rank.HEAD_OF_GOVERNMENT: Level.HEAD_OF_GOVERNMENT,
    Rank.MINISTER: Level.MINISTER,
    Rank.DEPUTY_MINISTER: Level.DEPUTY_MINISTER,
}


def level_of(rank: int | None, is_head: bool) -> int:
    """The level of representation of a person of protocol ``rank``: the five top ranks map
    to their own level; below them a head of delegation comes before other delegates."""
    if rank is not None and rank in _RANK_LEVEL:
        return int(_RANK_LEVEL[Rank(rank)])
    return int(Level.HEAD_OF_DELEGATION if is_head else Level.DELEGATE)


def precedence_key(entry: Orderable) -> tuple[int, bool, datetime.datetime, Any]:
    """Rule 2's order of statements: level, members before observers, request time, id."""
    return (entry.level, entry.is_observer, entry.requested_at, entry.id)


def _by_time(entry: Orderable) -> tuple[datetime.datetime, Any]:
    return (entry.requested_at, entry.id)


def speaking_order(entries: Iterable[E]) -> list[E]:
    """The entries in the order they will be given the floor (see the module's rules)."""
    items = list(entries)
    points = sorted((e for e in items if e.kind == SpeechKind.POINT_OF_ORDER), key=_by_time)
    replies = sorted((e for e in items if e.kind == SpeechKind.RIGHT_OF_REPLY), key=_by_time)
    statements = sorted(
        (e for e in items if e.kind not in (SpeechKind.POINT_OF_ORDER, SpeechKind.RIGHT_OF_REPLY)),
        key=precedence_key,
    )
    moved = sorted(
        (e for e in statements if e.manual_position is not None),
        key=lambda e: (e.manual_position, precedence_key(e)),
    )
    free = [e for e in statements if e.manual_position is None]
    slots: list[E | None] = [None] * len(statements)
    late: list[E] = []
    for entry in moved:
        place = int(entry.manual_position or 0)
        # Taken (a tie) or beyond the end: the next free place after it, else the end.
        while place < len(slots) and slots[place] is not None:
            place += 1
        if place < len(slots):
            slots[place] = entry
        else:
            late.append(entry)
    free_iter = iter(free)
    ordered: list[E] = []
    for slot in slots:
        if slot is not None:
            ordered.append(slot)
        else:
            nxt = next(free_iter, None)
            if nxt is not None:
                ordered.append(nxt)
    ordered.extend(free_iter)
    ordered.extend(late)
    return points + ordered + replies
