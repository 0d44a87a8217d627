"""Partners: the organisations (armed forces, agencies, governments) that support each other."""

from __future__ import annotations

from dataclasses import dataclass

from supplyline.domain.fields import check_fields, named_fields
from supplyline.errors import ArgumentError
from supplyline.types import PartnerId

__all__ = ["Partner"]


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Partner:
    """One partner organisation, with the currency its money is kept in (ISO 4217)."""

    id: PartnerId
    name: str
    currency: str = "EUR"

    def __post_init__(self) -> None:
        check_fields(self)
        if not self.id:
            raise ArgumentError("partner id must not be empty")
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            raise ArgumentError(f"currency(={self.currency!r}) must be a 3-letter ISO 4217 code")
