"""The order of the speakers' list (``speaking_order``), by example and by property."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from hypothesis import given
from hypothesis import strategies as st

from amity.live.models import Level, SpeechKind
from amity.live.ordering import level_of, precedence_key, speaking_order
from amity.members.models import Rank

T0 = datetime.datetime(2030, 12, 11, 10, 0, tzinfo=datetime.UTC)


@dataclass
class E:
    id: int
    kind: str = SpeechKind.STATEMENT
    level: int = Level.DELEGATE
    is_observer: bool = False
    minute: int = 0
    manual_position: int | None = None
    requested_at: datetime.datetime = field(init=False)

    def __post_init__(self) -> None:
        self.requested_at = T0 + datetime.timedelta(minutes=self.minute)


def ids(entries: list[E]) -> list[int]:
    return [e.id for e in entries]


def test_point_of_order_goes_first_and_right_of_reply_last():
    """A point of order raised last is heard first; a right of reply waits for the list."""
    entries = [
        E(1, kind=SpeechKind.RIGHT_OF_REPLY, minute=0),
        E(2, level=Level.HEAD_OF_STATE, minute=1),
        E(3, minute=2),
        E(4, kind=SpeechKind.POINT_OF_ORDER, minute=3),
    ]
    assert ids(speaking_order(entries)) == [4, 2, 3, 1]


def test_level_then_members_before_observers_then_request_time():
    """A minister who asked late speaks before an ambassador who asked early; at one level a
    member speaks before an observer; then the earlier request first."""
    entries = [
        E(1, level=Level.HEAD_OF_DELEGATION, minute=0),
        E(2, level=Level.MINISTER, minute=5),
        E(3, level=Level.MINISTER, is_observer=True, minute=1),
        E(4, level=Level.MINISTER, minute=3),
        E(5, level=Level.DELEGATE, minute=0),
    ]
    assert ids(speaking_order(entries)) == [4, 2, 3, 1, 5]


def test_manual_move_is_kept_when_a_higher_level_arrives():
    """An entry the chair put first stays first even when a head of state asks later."""
    entries = [E(1, level=Level.MINISTER), E(2, level=Level.DELEGATE, manual_position=0)]
    assert ids(speaking_order(entries)) == [2, 1]
    entries.append(E(3, level=Level.HEAD_OF_STATE, minute=9))
    assert ids(speaking_order(entries)) == [2, 3, 1]


def test_manual_position_beyond_the_end_means_last_and_ties_keep_precedence():
    entries = [
        E(1, manual_position=7),
        E(2, level=Level.MINISTER, manual_position=0),
        E(3, manual_position=0),
    ]
    assert ids(speaking_order(entries)) == [2, 3, 1]


def test_levels_map_from_protocol_rank_and_head_of_delegation():
    """The five top ranks are their own levels; below them the head of delegation comes
    before the other delegates."""
    assert level_of(Rank.HEAD_OF_STATE, False) == Level.HEAD_OF_STATE
    assert level_of(Rank.VICE_PRESIDENT, False) == Level.VICE_PRESIDENT
    assert level_of(Rank.HEAD_OF_GOVERNMENT, True) == Level.HEAD_OF_GOVERNMENT
    assert level_of(Rank.MINISTER, False) == Level.MINISTER
    assert level_of(Rank.DEPUTY_MINISTER, True) == Level.DEPUTY_MINISTER
    assert level_of(Rank.AMBASSADOR, True) == Level.HEAD_OF_DELEGATION
    assert level_of(Rank.AMBASSADOR, False) == Level.DELEGATE
    assert level_of(Rank.ATTACHE, False) == Level.DELEGATE


def test_input_is_not_changed():
    entries = [E(2, minute=1), E(1, minute=0)]
    speaking_order(entries)
    assert ids(entries) == [2, 1]


kinds = st.sampled_from(list(SpeechKind.values))
entry_lists = st.lists(
    st.tuples(kinds, st.sampled_from(list(Level.values)), st.booleans(), st.integers(0, 30)),
    max_size=25,
).map(
    lambda rows: [
        E(i, kind=k, level=lv, is_observer=o, minute=m) for i, (k, lv, o, m) in enumerate(rows)
    ]
)


@given(entry_lists)
def test_property_a_permutation_with_points_of_order_first_and_replies_last(entries):
    ordered = speaking_order(entries)
    assert sorted(ids(ordered)) == sorted(ids(entries))
    rank = {SpeechKind.POINT_OF_ORDER: 0, SpeechKind.STATEMENT: 1, SpeechKind.RIGHT_OF_REPLY: 2}
    groups = [rank[SpeechKind(e.kind)] for e in ordered]
    assert groups == sorted(groups)


@given(entry_lists)
def test_property_statements_respect_precedence_and_request_time(entries):
    statements = [e for e in speaking_order(entries) if e.kind == SpeechKind.STATEMENT]
    keys = [precedence_key(e) for e in statements]
    assert keys == sorted(keys)
    for kind in (SpeechKind.POINT_OF_ORDER, SpeechKind.RIGHT_OF_REPLY):
        times = [(e.requested_at, e.id) for e in speaking_order(entries) if e.kind == kind]
        assert times == sorted(times)


@given(entry_lists, st.data())
def test_property_manual_moves_are_honoured(entries, data):
    statements = [e for e in entries if e.kind == SpeechKind.STATEMENT]
    if statements:
        chosen = data.draw(
            st.lists(
                st.sampled_from(statements), unique_by=lambda e: e.id, max_size=len(statements)
            )
        )
        places = data.draw(
            st.lists(
                st.integers(0, len(statements) - 1),
                min_size=len(chosen),
                max_size=len(chosen),
                unique=True,
            )
        )
        for entry, place in zip(chosen, places, strict=True):
            entry.manual_position = place
    ordered = [e for e in speaking_order(entries) if e.kind == SpeechKind.STATEMENT]
    for index, entry in enumerate(ordered):
        if entry.manual_position is not None:
            assert index == entry.manual_position
    free = [precedence_key(e) for e in ordered if e.manual_position is None]
    assert free == sorted(free)
