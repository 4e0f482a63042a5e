"""Date text found on aggregator pages, resolved against the capture time.

Handles relative ages ("22 minutes ago", "an hour ago", "6 days ago"), absolute
dates (31-07-2025 is day-month-year, ISO 2025-07-31, "Aug. 12, 2025",
"12 August 2025") and both glued to neighbouring text ("timean hour ago",
"Korea Herald31-07-2025"). Pure functions; no clock is read here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from revtrack.models import PublishedTime

_UNITS = {
    "second": (timedelta(seconds=1), "second"),
    "sec": (timedelta(seconds=1), "second"),
    "minute": (timedelta(minutes=1), "minute"),
    "min": (timedelta(minutes=1), "minute"),
    "hour": (timedelta(hours=1), "hour"),
    "hr": (timedelta(hours=1), "hour"),
    "day": (timedelta(days=1), "day"),
    "week": (timedelta(weeks=1), "day"),
    "month": (timedelta(days=30), "month"),
    "year": (timedelta(days=365), "year"),
}
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ]
    )
    for m in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))

# Each pattern must match at the END of a line; what precedes it is glued text
# (an outlet name or an icon label such as "time").
_RELATIVE = re.compile(
    r"(?P<n>\d+|an?|one)\s+(?P<unit>sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago\s*$",
    re.IGNORECASE,
)
_JUST_NOW = re.compile(r"(?:just now|moments? ago)\s*$", re.IGNORECASE)
_YESTERDAY = re.compile(r"(?<![A-Za-z])yesterday\s*$", re.IGNORECASE)
_DMY = re.compile(r"(?<!\d)(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})\s*$")
_ISO = re.compile(
    r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?(?P<tz>Z|[+-]\d{2}:?\d{2})?)?\s*$"
)
_MDY_NAMED = re.compile(
    rf"(?<![A-Za-z])(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\s*$",
    re.IGNORECASE,
)
_DMY_NAMED = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_RE})\.?,?\s+(?P<y>\d{{4}})\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMatch:
    """A date expression found at the end of a line."""

    prefix: str  # glued text before the date, stripped ("" when none)
    date_text: str  # the date expression as printed
    published: PublishedTime | None  # None when it cannot be resolved (bad calendar date)


def _safe_datetime(y: int, m: int, d: int, hh: int = 0, mm: int = 0, ss: int = 0) -> datetime | None:
    try:
        return datetime(y, m, d, hh, mm, ss, tzinfo=UTC)
    except ValueError:
        return None


def find_date(line: str, captured_at: datetime) -> DateMatch | None:
    """Find a date expression ending ``line`` and resolve it against ``captured_at``.

    >>> cap = datetime(2025, 8, 11, 23, 22, tzinfo=UTC)
    >>> m = find_date("timean hour ago", cap)
    >>> (m.prefix, m.date_text, m.published.iso(), m.published.precision)
    ('time', 'an hour ago', '2025-08-11T22:22Z', 'hour')
    >>> m = find_date("Korea Herald31-07-2025", cap)
    >>> (m.prefix, m.date_text, m.published.iso())
    ('Korea Herald', '31-07-2025', '2025-07-31')
    >>> find_date("22 minutes ago", cap).published.iso()
    '2025-08-11T23:00Z'
    >>> find_date("Seoul agreed on Tuesday", cap) is None
    True
    """
    text = line.rstrip()
    m = _RELATIVE.search(text)
    if m:
        n_text = m.group("n").lower()
        n = 1 if n_text in ("a", "an", "one") else int(n_text)
        step, precision = _UNITS[m.group("unit").lower()]
        try:
            value = captured_at - step * n
        except OverflowError:
            return DateMatch(text[: m.start()].strip(), m.group(0).strip(), None)
        return DateMatch(text[: m.start()].strip(), m.group(0).strip(), PublishedTime(value, precision))
    m = _JUST_NOW.search(text)
    if m:
        return DateMatch(text[: m.start()].strip(), m.group(0).strip(), PublishedTime(captured_at, "minute"))
    m = _YESTERDAY.search(text)
    if m:
        value = captured_at - timedelta(days=1)
        return DateMatch(text[: m.start()].strip(), m.group(0).strip(), PublishedTime(value, "day"))
    m = _ISO.search(text)
    if m:
        g = m.groupdict()
        if g["H"] is not None:
            value = _safe_datetime(
                int(g["y"]), int(g["m"]), int(g["d"]), int(g["H"]), int(g["M"]), int(g["S"] or 0)
            )
            value = _apply_offset(value, g["tz"])
            precision = "second" if g["S"] else "minute"
        else:
            value, precision = _safe_datetime(int(g["y"]), int(g["m"]), int(g["d"])), "day"
        pub = PublishedTime(value, precision) if value else None
        return DateMatch(text[: m.start()].strip(), m.group(0).strip(), pub)
    m = _DMY.search(text)
    if m:
        value = _safe_datetime(int(m["y"]), int(m["m"]), int(m["d"]))
        pub = PublishedTime(value, "day") if value else None
        return DateMatch(text[: m.start()].strip(), m.group(0).strip(), pub)
    for pattern in (_MDY_NAMED, _DMY_NAMED):
        m = pattern.search(text)
        if m:
            value = _safe_datetime(int(m["y"]), _MONTHS[m["mon"].lower()], int(m["d"]))
            pub = PublishedTime(value, "day") if value else None
            return DateMatch(text[: m.start()].strip(), m.group(0).strip(), pub)
    return None


def _apply_offset(value: datetime | None, tz: str | None) -> datetime | None:
    """Shift a naive-as-UTC time by an explicit ``+HH:MM`` offset."""
    if value is None or not tz or tz == "Z":
        return value
    sign = 1 if tz[0] == "+" else -1
    digits = tz[1:].replace(":", "")
    return value - sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))


def parse_timestamp(text: str) -> datetime:
    """Parse an ISO 8601 timestamp (as in manifests and ``--captured-at``) to aware UTC.

    A timestamp without an offset is taken as UTC.

    >>> parse_timestamp("2025-08-12T18:00:00+09:00").isoformat()
    '2025-08-12T09:00:00+00:00'
    >>> parse_timestamp("2025-08-12").isoformat()
    '2025-08-12T00:00:00+00:00'
    """
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)
