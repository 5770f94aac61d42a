"""The outcome of a silence procedure, as a pure function of its deadline, the breaks and the
clock. Nothing here reads the database or the time: the services pass them in.

A break counts only if it was made before the deadline (and is not in the future of the clock
reading). Any counting break -> "broken"; otherwise the text is adopted once the deadline has
been reached; before that the procedure is "pending".
"""

from __future__ import annotations

import datetime
from typing import Literal

MINIMUM_SILENCE = datetime.timedelta(hours=72)

Outcome = Literal["pending", "adopted", "broken"]


def silence_outcome(
    *, deadline: datetime.datetime, breaks: list[datetime.datetime], now: datetime.datetime
) -> Outcome:
    if any(at < deadline and at <= now for at in breaks):
        return "broken"
    if now >= deadline:
        return "adopted"
    return "pending"
