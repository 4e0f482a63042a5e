"""The revisit schedule: how often a fetched page is checked again as it ages.

By default every 15 minutes for its first 6 hours, hourly to 2 days, daily to
2 weeks, then never, as NewsDiffs and diffengine do. One schedule holds for
every page revtrack fetched, by ``fetch`` or from a feed; ``revisit:`` in
config.yaml replaces it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from revtrack.models import utc_text

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw])\s*$")
#: Longer durations are refused: a schedule past them would overflow the calendar.
MAX_DURATION = timedelta(days=100 * 365)
_UNIT = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def parse_duration(text: str) -> timedelta:
    """``"15m"``, ``"6h"``, ``"2d"``, ``"1w"`` as a timedelta; ``ValueError`` otherwise.

    >>> parse_duration("15m"), parse_duration("2d")
    (datetime.timedelta(seconds=900), datetime.timedelta(days=2))
    """
    match = _DURATION.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a duration such as 15m, 6h, 2d or 1w")
    seconds = float(match.group(1)) * _UNIT[match.group(2)]
    if seconds > MAX_DURATION.total_seconds():
        raise ValueError(f"{text!r} is longer than {MAX_DURATION.days // 365} years")
    return timedelta(seconds=seconds)


@dataclass(frozen=True)
class Revisit:
    """While an article is younger than each step's age, it is checked at that step's interval."""

    steps: tuple[tuple[timedelta, timedelta], ...] = (
        (timedelta(hours=6), timedelta(minutes=15)),
        (timedelta(days=2), timedelta(hours=1)),
        (timedelta(days=14), timedelta(days=1)),
    )

    @classmethod
    def parse(cls, steps: Iterable[object]) -> Revisit:
        """From config pairs such as ``[["6h", "15m"], ["2d", "1h"]]`` (until age, every)."""
        if not isinstance(steps, (list, tuple)):
            raise ValueError(f"revisit: {steps!r} is not a list of [until age, every] pairs")
        parsed = []
        for step in steps:
            if not isinstance(step, (list, tuple)) or len(step) != 2:
                raise ValueError(f"{step!r}: each revisit step is [until age, every]")
            parsed.append((parse_duration(step[0]), parse_duration(step[1])))
        return cls(tuple(sorted(parsed)))

    def next_check(self, first_fetched: datetime, now: datetime) -> datetime | None:
        """When to check again an article first fetched at ``first_fetched``; None: never.

        >>> from datetime import UTC
        >>> r, t0 = Revisit(), datetime(2026, 1, 1, tzinfo=UTC)
        >>> r.next_check(t0, t0 + timedelta(hours=1)) - t0
        datetime.timedelta(seconds=4500)
        >>> r.next_check(t0, t0 + timedelta(days=15)) is None
        True
        """
        age = now - first_fetched
        for until, every in self.steps:
            if age < until:
                return now + every
        return None

    def due(self, first_fetched: datetime, last_fetched: datetime, now: datetime) -> bool:
        """Whether a page first fetched at ``first_fetched``, last at ``last_fetched``, is due at ``now``.

        Worked out from this schedule each time, so a changed ``revisit:`` applies
        to pages already stored at the next pass.

        >>> from datetime import UTC
        >>> r, t0 = Revisit(), datetime(2026, 1, 1, tzinfo=UTC)
        >>> r.due(t0, t0, t0 + timedelta(minutes=10)), r.due(t0, t0, t0 + timedelta(minutes=15))
        (False, True)
        """
        when = self.next_check(first_fetched, last_fetched)
        return when is not None and when <= now

    def schedule(self, now: datetime) -> Callable[[str], str | None]:
        """For :func:`~revtrack.capture.pages.fetch_page`: a page's next check after a fetch at ``now``."""

        def next_check(first_fetched: str) -> str | None:
            when = self.next_check(utc_time(first_fetched), now)
            return utc_text(when) if when else None

        return next_check


def utc_time(stamp: str) -> datetime:
    """A stored UTC time (``...Z``) as an aware datetime."""
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))
