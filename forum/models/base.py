"""Column helpers shared by the models."""
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator


# Ids are INTEGER columns (so are the counters a cursor may carry): PostgreSQL refuses to compare one
# with a larger number, so every id or integer from outside is checked against this first (issue 11).
MAX_ID = 2**31 - 1
INTEGER_RANGE = range(-MAX_ID - 1, MAX_ID + 1)
ID_RANGE = range(1, MAX_ID + 1)


def parse_utc(text: str) -> datetime:
    """An ISO 8601 time as an aware UTC datetime (one without a zone is taken as UTC); ValueError when
    it is malformed or its UTC moment falls outside the years 1 to 9999."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    try:
        return value.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError("out of range") from None


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timestamp that is always timezone-aware UTC in Python.

    SQLite keeps no zone, PostgreSQL does (timestamptz); this makes both hand back the same thing.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self):
        return datetime

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given; use an aware UTC one")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value


def str_enum(enum_cls, length: int = 16) -> sa.Enum:
    """Store a StrEnum by its value, as VARCHAR with a CHECK constraint (no native PG enum to migrate)."""
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=length,
        values_callable=lambda e: [m.value for m in e],
        name=enum_cls.__name__.lower(),
        validate_strings=True,
    )
