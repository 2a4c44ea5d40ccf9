"""Publication dates as sources write them, parsed to timezone-aware datetimes."""

from __future__ import annotations

from datetime import UTC, datetime, timezone

from dateutil import parser as dateparser


def parse_date(value: object) -> datetime | None:
    """A datetime (UTC when the source gave no zone) from a string, epoch number or datetime; None if unparseable."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        dt = datetime.fromtimestamp(value / 1000 if value > 1e11 else value, tz=UTC)
    else:
        try:
            dt = dateparser.parse(str(value))
        except (ValueError, OverflowError, TypeError):
            return None
    if dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    # a fixed offset: dateutil reports "+00:00" as tzlocal() on a UTC machine, which would follow the host's zone
    offset = dt.utcoffset()
    return dt.replace(tzinfo=UTC if offset is None else timezone(offset))
