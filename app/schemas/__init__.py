"""Pydantic request and response bodies, named XCreate / XRead / XUpdate; the shared field types live here."""

from datetime import UTC, datetime
from typing import Annotated

from pydantic import Field, PlainSerializer

# Ids and counts are 32-bit integers in every database we run on: a larger number can name nothing.
MAX_DB_INT = 2**31 - 1
DbId = Annotated[int, Field(ge=1, le=MAX_DB_INT)]
DbInt = Annotated[int, Field(ge=0, le=MAX_DB_INT)]


def utc_z(value: datetime) -> str:
    """ISO 8601 in UTC ending in Z; SQLite hands back naive datetimes, which are UTC by construction."""
    value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value.isoformat().replace("+00:00", "Z")


def clock(seconds: float | None) -> str:
    """A time in a recording as m:ss or h:mm:ss, as pages and exports show it; empty when unknown."""
    if seconds is None:
        return ""
    total = int(max(0.0, float(seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


UtcDateTime = Annotated[datetime, PlainSerializer(utc_z, return_type=str, when_used="json")]
