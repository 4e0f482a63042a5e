"""Date text resolved against the capture time."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from revtrack.extract.dates import find_date, parse_timestamp

CAP = datetime(2025, 8, 12, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("line", "prefix", "iso", "precision"),
    [
        ("22 minutes ago", "", "2025-08-12T08:38Z", "minute"),
        ("an hour ago", "", "2025-08-12T08:00Z", "hour"),
        ("timean hour ago", "time", "2025-08-12T08:00Z", "hour"),
        ("time2 hours ago", "time", "2025-08-12T07:00Z", "hour"),
        ("Korea Herald10 hours ago", "Korea Herald", "2025-08-11T23:00Z", "hour"),
        ("6 days ago", "", "2025-08-06", "day"),
        ("1 week ago", "", "2025-08-05", "day"),
        ("31-07-2025", "", "2025-07-31", "day"),
        ("Korea Herald31-07-2025", "Korea Herald", "2025-07-31", "day"),
        ("2025-07-31", "", "2025-07-31", "day"),
        ("2025-07-31T10:15:00+09:00", "", "2025-07-31T01:15:00Z", "second"),
        ("Aug. 12, 2025", "", "2025-08-12", "day"),
        ("12 August 2025", "", "2025-08-12", "day"),
        ("Reuters just now", "Reuters", "2025-08-12T09:00Z", "minute"),
        ("yesterday", "", "2025-08-11", "day"),
    ],
)
def test_date_forms(line, prefix, iso, precision):
    m = find_date(line, CAP)
    assert m is not None
    assert m.prefix == prefix
    assert m.published.iso() == iso
    assert m.published.precision == precision


@pytest.mark.parametrize("line", ["Seoul said Friday", "No comments yet...", "31-02-2025x", ""])
def test_not_dates(line):
    assert find_date(line, CAP) is None


def test_impossible_calendar_date_is_kept_unresolved():
    m = find_date("31-02-2025", CAP)
    assert m is not None and m.published is None and m.date_text == "31-02-2025"


def test_parse_timestamp_offsets():
    assert parse_timestamp("2025-08-12T18:00:00+09:00") == CAP
    with pytest.raises(ValueError):
        parse_timestamp("tomorrow")
