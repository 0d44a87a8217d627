"""Column types that keep money exact and time in UTC on every database we support.

SQLite has no exact decimal type: SQLAlchemy's ``Numeric`` stores floats there and warns
about it. :class:`DecimalType` is ``NUMERIC(p, s)`` on PostgreSQL and a text column on
SQLite, quantised to the same scale on the way in, so both return the same ``Decimal``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

from sqlalchemy import DateTime, Dialect, Numeric, String
from sqlalchemy.types import TypeDecorator, TypeEngine

__all__ = ["DecimalType", "UTCDateTime"]


class DecimalType(TypeDecorator[Decimal]):
    """An exact decimal with a fixed scale: NUMERIC on PostgreSQL, text on SQLite."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int = 18, scale: int = 2) -> None:
        super().__init__(precision=precision, scale=scale, asdecimal=True)
        self.precision = precision
        self.scale = scale
        self._quantum = Decimal(1).scaleb(-scale)

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """Text on SQLite (lossless), NUMERIC elsewhere."""
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(self.precision + 2))
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        """Quantise to the column's scale; a value that would lose digits is a bug."""
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"a DecimalType column takes Decimal, not {type(value).__name__}")
        quantised = value.quantize(self._quantum, rounding=ROUND_HALF_EVEN)
        if quantised != value:
            raise ValueError(f"{value} has more than {self.scale} decimal places")
        return str(quantised) if dialect.name == "sqlite" else quantised

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        """Return a Decimal at the column's scale."""
        if value is None:
            return None
        return Decimal(str(value)).quantize(self._quantum)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timezone-aware UTC timestamp; naive datetimes are refused, results come back in UTC."""

    impl = DateTime
    cache_ok = True

    def __init__(self) -> None:
        super().__init__(timezone=True)

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        """Store in UTC (as naive UTC on SQLite, which has no time zones)."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware (UTC)")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        """Return an aware UTC datetime."""
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)
