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

from revtrack.extract.lines import is_dateline_word
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
# Month names in the languages most news in Latin script is written in (English,
# German, French, Spanish, Italian, Dutch, Portuguese), with common abbreviations.
_MONTH_NAMES = [
    ("jan", "january", "januar", "janvier", "enero", "gennaio", "januari", "janeiro", "j\u00e4nner"),
    ("feb", "february", "februar", "f\u00e9vrier", "fevrier", "febrero", "febbraio", "februari", "fevereiro"),
    ("mar", "march", "m\u00e4rz", "maerz", "mars", "marzo", "maart", "mar\u00e7o", "marco"),
    ("apr", "april", "avril", "abril", "aprile"),
    ("may", "mai", "mayo", "maggio", "mei", "maio"),
    ("jun", "june", "juni", "juin", "junio", "giugno", "junho"),
    ("jul", "july", "juli", "juillet", "julio", "luglio", "julho"),
    ("aug", "august", "ao\u00fbt", "aout", "agosto", "augustus"),
    ("sep", "sept", "september", "septembre", "septiembre", "settembre", "setembro"),
    ("oct", "october", "okt", "oktober", "octobre", "octubre", "ottobre", "outubro"),
    ("nov", "november", "novembre", "noviembre", "novembro"),
    ("dec", "december", "dez", "dezember", "d\u00e9cembre", "decembre", "diciembre", "dicembre", "dezembro"),
]
_MONTHS = {name: i + 1 for i, names in enumerate(_MONTH_NAMES) for name in names}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
# Offsets of the zone abbreviations news sites print after a time.
_ZONES = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "bst": 60,
    "cet": 60,
    "cest": 120,
    "met": 60,
    "mez": 60,
    "mesz": 120,
    "est": -300,
    "edt": -240,
    "cst": -360,
    "cdt": -300,
    "mst": -420,
    "mdt": -360,
    "pst": -480,
    "pdt": -420,
    "ist": 330,
    "kst": 540,
    "jst": 540,
    "hkt": 480,
    "sgt": 480,
    "aest": 600,
    "aedt": 660,
}
# A time of day with an optional zone: "9:24 pm ET", "10:02 a.m.", "14.30 Uhr", "09:24 CET".
_TIME = (
    r"(?P<hh>\d{1,2})[:.h](?P<mi>\d{2})(?::(?P<ss>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?\s*(?:uhr|h)?\s*"
    r"(?:\(?(?P<zone>[A-Za-z]{1,5})\)?|(?:UTC|GMT)\s*(?P<zoff>[+-]\d{1,2}(?::?\d{2})?))?"
)
# The same time after a date, joined by a comma, "at" (or "@", as blog themes print
# comment times: "8. April 2019 @ 11:38"), "um", a dash or a bar.
_TIME_TAIL = r"(?:\s*(?:,|at|@|um|\u00e0|a las|alle|om|-|\u2013|\u2014|\||/)?\s*" + _TIME + r")?\s*$"

# Each pattern must match at the END of a line; what precedes it is glued text
# (an outlet name, an icon label such as "time", or "Updated" and a weekday).
_RELATIVE = re.compile(
    r"(?P<n>\d+|an?|one)\s+(?P<unit>sec|second|min|minute|hr|hour|day|week|month|year)s?\s+ago\s*$",
    re.IGNORECASE,
)
_JUST_NOW = re.compile(r"(?:just now|moments? ago)\s*$", re.IGNORECASE)
_YESTERDAY = re.compile(r"(?<![A-Za-z])yesterday\s*$", re.IGNORECASE)
_DMY = re.compile(r"(?<!\d)(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})" + _TIME_TAIL, re.IGNORECASE)
_YMD_SLASH = re.compile(r"(?<!\d)(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})" + _TIME_TAIL, re.IGNORECASE)
# Every absolute date and every printed time has two digits side by side (a day, a
# year, minutes): a line without them is checked only for the relative words.
_TWO_DIGITS = re.compile(r"\d\d")
_ISO = re.compile(
    r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d+)?"
    # the zone glued on, or after one space in four digits (Jekyll's and git's "+0100")
    r"(?P<tz>Z|[+-]\d{2}(?::?\d{2})?| [+-]\d{2}:?\d{2})?)?\s*$"
)
_MDY_NAMED = re.compile(
    rf"(?<![^\W\d_])(?P<mon>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})"
    + _TIME_TAIL,
    re.IGNORECASE,
)
_DMY_NAMED = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th|\.|\u00ba)?\s+(?:de\s+)?(?P<mon>{_MONTH_RE})\.?,?\s+(?:de\s+)?"
    rf"(?P<y>\d{{4}})" + _TIME_TAIL,
    re.IGNORECASE,
)
# Chinese, Japanese and Korean: 2019年11月18日 / 2019년 11월 18일, a time may follow.
_CJK_DATE = re.compile(
    r"(?P<y>\d{4})\s*[\u5e74\ub144]\s*(?P<m>\d{1,2})\s*[\u6708\uc6d4]\s*(?P<d>\d{1,2})\s*[\u65e5\uc77c]?"
    r"(?:\s*(?:\([^)]{1,3}\)|\uff08[^\uff09]{1,3}\uff09))?"
    r"(?:\s*(?P<hh>\d{1,2})[:\u6642\uc2dc]\s*(?P<mi>\d{2})\s*\u5206?)?\s*$"
)
# A time alone after a dateline word: "Updated 10:02 a.m. ET". Its day is not printed.
_TIME_ONLY = re.compile(r"^(?P<word>\D{3,30}?)\s*" + _TIME + r"\s*$", re.IGNORECASE)


# A day and month with a time of day and no year, as comment threads sign a reply:
# "Jun 20th at 2:41 am", "19. Juni um 15:28 Uhr", "20 juin à 11h13".
_DAY_AND_TIME = re.compile(
    rf"(?:(?<![^\W\d_])(?:{_MONTH_RE})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"|(?<!\d)\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?(?:{_MONTH_RE})\.?)"
    r"\s*(?:,|at|@|um|\u00e0|a las|alle|om|-|\u2013|\u2014|\|)?\s*\d{1,2}[:.h]\d{2}(?!\d)",
    re.IGNORECASE,
)


# An entry of a timeline or a dated log: a date, a colon or a dash, what happened:
# "Jan. 4, 2026: Union calls a walkout", "Oct 14, 2020: Support for ...", "2024-03-01 - Released".
_DATED_ENTRY = re.compile(
    rf"^(?:(?:{_MONTH_RE})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?(?:{_MONTH_RE})\.?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})\s*(?::|\s[-\u2013\u2014])\s+\S",
    re.IGNORECASE,
)


def is_dated_entry(line: str) -> bool:
    """A line that opens with a date, then a colon or a dash and what happened on it: an
    entry of a timeline, a NEWS file or a log.

    >>> is_dated_entry("Jan. 4, 2026: Union announces night-shift walkout")
    True
    >>> is_dated_entry("2024-03-01 \u2013 Version 2.0 released"), is_dated_entry("4 März 2024: Streik")
    (True, True)
    >>> is_dated_entry("March 6, 2026"), is_dated_entry("On Jan. 4, 2026 the union walked out")
    (False, False)
    """
    return _DATED_ENTRY.match(line.strip()) is not None


# A weekday (or a place) and a comma before a date alone: "Monday, March 3, 2024", "Montag, 3. März 2024".
# The longest date alone: "Mittwoch, 30. September 2024 um 10:32 Uhr GMT+02:00" and room to spare.
_BARE_DATE_CHARS = 64
_WORD_AND_COMMA = re.compile(r"^[^\W\d_]{2,15}\.?,\s+")


def is_bare_date(line: str) -> bool:
    """A line that is a date and nothing else (a word and a comma before it, a time after
    it): the date under a headline or atop a letter, a field on a line of its own.

    >>> is_bare_date("March 3, 2024"), is_bare_date("Montag, 3. März 2024, 10:32")
    (True, True)
    >>> is_bare_date("2024-03-03"), is_bare_date("March 3, 2024."), is_bare_date("met on March 3, 2024")
    (True, False, False)
    """
    text = line.strip()
    if len(text) > _BARE_DATE_CHARS:  # a wrapped line of running text: most lines, at once
        return False
    text = _WORD_AND_COMMA.sub("", text)
    patterns = (_MDY_NAMED, _DMY_NAMED, _DMY, _YMD_SLASH, _ISO, _CJK_DATE)
    return bool(_TWO_DIGITS.search(text)) and any(pattern.match(text) for pattern in patterns)


def day_and_time(line: str) -> bool:
    """Whether a line prints a day and month with a time of day but no year, as comment
    threads sign replies (the year is the page's own, so the date reader leaves it out).

    >>> day_and_time("JanBeek   Jun 20th at 2:41 am"), day_and_time("Ben 19. Juni um 15:28 Uhr")
    (True, True)
    >>> day_and_time("Doors open June 20"), day_and_time("In 2019, at 14:00")
    (False, False)
    """
    return _TWO_DIGITS.search(line) is not None and _DAY_AND_TIME.search(line) is not None


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
    >>> m = find_date("Updated 9:22 PM EST, Mon November 6, 2023", cap)
    >>> (m.prefix, m.published.iso())
    ('Updated 9:22 PM EST, Mon', '2023-11-06')
    >>> find_date("Nov 18, 2019 at 9:24 pm ET", cap).published.iso()
    '2019-11-19T02:24Z'
    >>> find_date("Nov 18, 2019 at 9:24 pm EST", cap).published.iso()
    '2019-11-19T02:24Z'
    >>> find_date("18. November 2019, 14:30 Uhr MEZ", cap).published.iso()
    '2019-11-18T13:30Z'
    >>> find_date("2024-03-05 14:30:00 +0100", cap).published.iso()
    '2024-03-05T13:30:00Z'
    >>> find_date("2019年11月18日 14:30", cap).published.iso()
    '2019-11-18'
    >>> m = find_date("Updated 10:02 a.m.", cap)
    >>> (m.prefix, m.date_text, m.published)
    ('Updated', '10:02 a.m.', None)
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
    if not _TWO_DIGITS.search(text):
        return None
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
    for pattern in (_DMY, _YMD_SLASH, _MDY_NAMED, _DMY_NAMED, _CJK_DATE):
        m = pattern.search(text)
        if m:
            return _absolute(text, m)
    m = _TIME_ONLY.match(text)
    if m and is_dateline_word(m["word"]):
        return DateMatch(m["word"].strip(), text[m.start("hh") :].strip(), None)
    return None


def _absolute(text: str, m: re.Match[str]) -> DateMatch:
    """A day-month-year match, with its time when one is printed with a known zone."""
    month = int(m["m"]) if "m" in m.re.groupindex else _MONTHS[m["mon"].lower()]
    value = _safe_datetime(int(m["y"]), month, int(m["d"]))
    pub = PublishedTime(value, "day") if value else None
    if value is not None and m["hh"] is not None:
        timed = _with_time(value, m)
        if timed is not None:
            pub = timed
    return DateMatch(text[: m.start()].strip(" \t,|-\u2013\u2014"), m.group(0).strip(), pub)


# "ET", "CT", "MT", "PT": standard or daylight time by the date (US rules since 2007).
_US_GENERIC = {"et": -300, "ct": -360, "mt": -420, "pt": -480}


def _us_daylight_time(day: datetime) -> bool:
    """True from the second Sunday of March to the first Sunday of November.

    >>> _us_daylight_time(datetime(2026, 3, 2, tzinfo=UTC))
    False
    >>> _us_daylight_time(datetime(2026, 7, 1, tzinfo=UTC))
    True
    """
    march = datetime(day.year, 3, 1, tzinfo=UTC)
    start = march + timedelta(days=(6 - march.weekday()) % 7 + 7)
    november = datetime(day.year, 11, 1, tzinfo=UTC)
    end = november + timedelta(days=(6 - november.weekday()) % 7)
    return start <= day.replace(hour=0, minute=0, second=0, microsecond=0) < end


def _with_time(day: datetime, m: re.Match[str]) -> PublishedTime | None:
    """The day at the printed time, in UTC; None when the zone is not known.

    Without a zone the hour could be any of 24, so the day alone is kept.
    """
    groups = m.groupdict()
    hour, minute = int(groups["hh"]), int(groups["mi"])
    ampm = (groups.get("ampm") or "").replace(".", "").replace(" ", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    if groups.get("zoff"):
        sign = -1 if groups["zoff"][0] == "-" else 1
        digits = groups["zoff"][1:].replace(":", "")
        offset = sign * (int(digits[:2] if len(digits) > 2 else digits) * 60 + int(digits[2:] or 0))
    elif groups.get("zone") and _ZONES.get(groups["zone"].lower()) is not None:
        offset = _ZONES[groups["zone"].lower()]
    elif groups.get("zone") and groups["zone"].lower() in _US_GENERIC:
        offset = _US_GENERIC[groups["zone"].lower()] + (60 if _us_daylight_time(day) else 0)
    else:
        return None
    value = day.replace(hour=hour, minute=minute) - timedelta(minutes=offset)
    return PublishedTime(value, "minute")


def _apply_offset(value: datetime | None, tz: str | None) -> datetime | None:
    """Shift a naive-as-UTC time by an explicit ``+HH:MM`` offset."""
    if value is None or not tz or tz == "Z":
        return value
    tz = tz.lstrip()  # "2024-03-05 14:30:00 +0100", as Jekyll and git print it
    sign = 1 if tz[0] == "+" else -1
    digits = tz[1:].replace(":", "")
    return value - sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))


def parse_timestamp(text: str) -> datetime:
    """Parse an ISO 8601 timestamp (as in manifests and ``--captured-at``) to aware UTC.

    A timestamp without an offset is taken as UTC.

    >>> parse_timestamp("2025-08-12T18:00:00+09:00").isoformat()
    '2025-08-12T09:00:00+00:00'
    >>> parse_timestamp("2025-08-12").isoformat()
    '2025-08-12T00:00:00+00:00'
    """
    if not text.strip():
        raise ValueError("an empty time")
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError:  # 9999-12-31T23:59-01:00 is in year 10000 in UTC
        raise ValueError(f"{text.strip()!r} is out of range once in UTC") from None
