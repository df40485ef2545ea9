"""What a query parameter may hold, checked before any query runs. The store's integers are
64 bits, SQLite refuses a LIKE pattern over 50,000 bytes, and Python's dates end at the years
1 and 9999, so an offset of 10**20, a name of 60,000 characters or `until=0001-01-01` would
otherwise fail inside a query or a date sum as a 500; past these bounds a parameter is a 422
that names it (found by the API targets of scripts/fuzz.sh)."""

from __future__ import annotations

import datetime as dt

EARLIEST = dt.date(1800, 1, 1)  # a day outside EARLIEST..LATEST is not in any store
LATEST = dt.date(2200, 12, 31)
MAX_OFFSET = 1_000_000_000  # items to skip
MAX_COUNT = 1_000_000  # a count to compare with, such as `min_outlets`
MAX_NAME = 500  # characters of a name, id, type or region asked for
MAX_WINDOW_DAYS = 36_600  # a window of at most a hundred years
