"""The silence outcome as a pure function of the deadline, the breaks and the clock."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from amity.documents.silence import silence_outcome

UTC = datetime.UTC
moments = st.datetimes(
    min_value=datetime.datetime(2020, 1, 1),  # noqa: DTZ001 - hypothesis adds the zone
    max_value=datetime.datetime(2040, 1, 1),  # noqa: DTZ001
    timezones=st.just(UTC),
)


@given(deadline=moments, breaks=st.lists(moments, max_size=6), now=moments)
def test_outcome_follows_from_deadline_and_breaks(deadline, breaks, now):
    """Broken iff a break was made before the deadline (and by now); else adopted once the
    deadline is reached; else pending."""
    outcome = silence_outcome(deadline=deadline, breaks=breaks, now=now)
    counted = [b for b in breaks if b < deadline and b <= now]
    if counted:
        assert outcome == "broken"
    elif now >= deadline:
        assert outcome == "adopted"
    else:
        assert outcome == "pending"


@given(
    deadline=moments,
    breaks=st.lists(moments, max_size=6),
    now=moments,
    later=st.timedeltas(min_value=datetime.timedelta(0), max_value=datetime.timedelta(days=3000)),
)
def test_a_settled_outcome_never_changes_as_time_passes(deadline, breaks, now, later):
    """Once adopted or broken, a later clock reading gives the same outcome (no timer can
    undo it)."""
    first = silence_outcome(deadline=deadline, breaks=breaks, now=now)
    if first != "pending":
        assert silence_outcome(deadline=deadline, breaks=breaks, now=now + later) == first


@given(deadline=moments, breaks=st.lists(moments, max_size=6), now=moments)
def test_breaks_after_the_deadline_do_not_count(deadline, breaks, now):
    """Adding breaks at or after the deadline never changes the outcome."""
    before = [b for b in breaks if b < deadline]
    assert silence_outcome(deadline=deadline, breaks=breaks, now=now) == silence_outcome(
        deadline=deadline, breaks=before, now=now
    )


def test_exact_edges():
    """A break exactly at the deadline is too late; the text is adopted at the deadline."""
    d = datetime.datetime(2030, 1, 4, 12, tzinfo=UTC)
    assert silence_outcome(deadline=d, breaks=[d], now=d) == "adopted"
    assert (
        silence_outcome(deadline=d, breaks=[], now=d - datetime.timedelta(seconds=1)) == "pending"
    )
    assert (
        silence_outcome(deadline=d, breaks=[d - datetime.timedelta(seconds=1)], now=d) == "broken"
    )
