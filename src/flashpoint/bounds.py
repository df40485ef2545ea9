"""What a day, count, window or name asked of the store may hold, checked before any query
runs, by the API and the CLI alike. The store's integers are 64 bits, SQLite refuses a LIKE
pattern over 50,000 bytes, and Python's dates end at the years 1 and 9999, so an offset of
10**20, a name of 60,000 characters or `until=0001-01-01` would otherwise fail inside a query
or a date sum (found by the API targets of scripts/fuzz.sh).

Each check returns the value it was given, or raises `OutOfBounds` (a ValueError) with a
message that names the bound; the caller adds which parameter or option it was.
"""

from __future__ import annotations

import datetime as dt
import re

EARLIEST = dt.date(1800, 1, 1)  # a day outside EARLIEST..LATEST is not in any store
LATEST = dt.date(2200, 12, 31)
MAX_OFFSET = 1_000_000_000  # items to skip
MAX_ROWS = 1_000_000_000  # items to list (the CLI's --limit)
MAX_COUNT = 1_000_000  # a count to compare with, such as `min_outlets`
MAX_PATHS = 50  # escalation paths asked for
MAX_NAME = 500  # characters of a name, id, type or region asked for
MAX_WINDOW_DAYS = 36_600  # a window of at most a hundred years

UNITS = {"d": 1, "w": 7, "m": 30, "y": 365}
_WINDOW = re.compile(r"^\s*(\d+)\s*([dwmy]?)\s*$", re.IGNORECASE)


class OutOfBounds(ValueError):
    """A value that parses but lies past what the store or the calendar holds."""


def check_day(value: dt.date | None) -> dt.date | None:
    """A day within EARLIEST..LATEST, so that a window's date sums stay inside the calendar."""
    if value is not None and not EARLIEST <= value <= LATEST:
        raise OutOfBounds(f"want a day from {EARLIEST} to {LATEST}, not {value}")
    return value


def check_count(value: int | None, most: int = MAX_COUNT, least: int = 0) -> int | None:
    """A count within least..most, so that it fits the store's 64-bit integers."""
    if value is not None and not least <= value <= most:
        raise OutOfBounds(f"want a number from {least:,} to {most:,}, not {value:,}")
    return value


def check_name(value: str | None) -> str | None:
    """A name, id, type or region of at most MAX_NAME characters (SQLite's LIKE limit)."""
    if value is not None and len(value) > MAX_NAME:
        raise OutOfBounds(f"at most {MAX_NAME} characters, not {len(value):,}")
    return value


def window_days(value: str | int | None) -> int:
    """'30d', '6w', '3m' (30 days each), '1y' or a bare number of days, as days (None: 30).

    A length that does not parse raises ValueError; one over MAX_WINDOW_DAYS raises
    OutOfBounds, both with a message fit for the user.

    >>> window_days("6w")
    42
    """
    if value is None:
        return 30
    if isinstance(value, int):
        days = value
    else:
        match = _WINDOW.match(value)
        if not match or int(match.group(1)) < 1:
            raise ValueError(f"want a length such as 30d, 6w, 3m or 1y, not {value!r}")
        days = int(match.group(1)) * UNITS[(match.group(2) or "d").lower()]
    if days > MAX_WINDOW_DAYS:
        raise OutOfBounds(f"at most {MAX_WINDOW_DAYS:,} days")
    return days
