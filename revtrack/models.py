"""Frozen data classes shared by every layer of revtrack.

Nothing here touches the disk, the network or a terminal: these are plain values
passed between extraction, storage, grouping, diffing and rendering.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

#: Precisions a resolved published time can carry, finest first.
PRECISIONS = ("second", "minute", "hour", "day", "month", "year")


@dataclass(frozen=True)
class PublishedTime:
    """A publication time resolved against a capture time.

    ``value`` is timezone-aware UTC; ``precision`` says how much of it is known
    ("22 minutes ago" is minute precision, "6 days ago" and "31-07-2025" are day).
    """

    value: datetime
    precision: str

    def iso(self) -> str:
        """Return the time as ISO 8601, truncated to its precision.

        >>> from datetime import timezone
        >>> PublishedTime(datetime(2025, 8, 6, 23, 22, tzinfo=timezone.utc), "day").iso()
        '2025-08-06'
        >>> PublishedTime(datetime(2025, 8, 11, 23, 0, tzinfo=timezone.utc), "minute").iso()
        '2025-08-11T23:00Z'
        """
        v = self.value
        # isoformat pads years to four digits; strftime("%Y") gives "999", which sorts wrong
        if self.precision in ("day", "month", "year"):
            return v.date().isoformat()
        spec = "seconds" if self.precision == "second" else "minutes"
        return v.replace(tzinfo=None).isoformat(timespec=spec) + "Z"


@dataclass(frozen=True)
class Article:
    """One article as found in a capture, before it is stored."""

    headline: str
    body: str
    outlet: str | None = None
    section: str | None = None
    date_text: str | None = None
    published: PublishedTime | None = None
    position: int = 0
    url: str | None = None
    byline: str | None = None


def utc_text(value: datetime) -> str:
    """An aware time as stored: UTC, to the second, ``Z``, the year always four digits.

    >>> utc_text(datetime(999, 1, 2, 3, 4, 5, tzinfo=UTC))
    '0999-01-02T03:04:05Z'
    """
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def iso_timestamp(text: str | None) -> str | None:
    """A stored time as ISO 8601 with seconds and a UTC offset (how every JSON time is written).

    >>> iso_timestamp("2025-08-12T09:00:00Z"), iso_timestamp("2025-08-12T07:00Z")
    ('2025-08-12T09:00:00+00:00', '2025-08-12T07:00:00+00:00')
    >>> iso_timestamp("2025-08-05"), iso_timestamp(None)
    ('2025-08-05T00:00:00+00:00', None)
    """
    if not text:
        return None
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="seconds")


def order_key(published: str | None, captured: str, rid: str) -> tuple[str, str, str]:
    """Sort key of a revision: published time (else capture), first capture, id.

    >>> order_key(None, "2025-08-12T09:00:00Z", "ab") < order_key("2025-08-13", "2025-08-01", "aa")
    True
    """
    return (published or captured, captured, rid)
