"""Mutual logistics support agreements between partners."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from supplyline.domain.amounts import (
    MONEY_DECIMALS,
    UNIT_PRICE_DECIMALS,
    amount_problem,
    check_amounts,
    unit_price_text,
)
from supplyline.domain.field_ranges import field_named
from supplyline.domain.fields import check_fields, named_fields
from supplyline.errors import ArgumentError
from supplyline.types import CommodityId, PartnerId

__all__ = [
    "Agreement",
    "Price",
    "ReimbursementMode",
    "ceilings_problem",
    "other_currency_only",
    "period_words",
    "prices_outside",
    "second_price",
]


def period_words(valid_from: dt.date, valid_to: dt.date) -> str:
    """An agreement's period as every message and table says it, first and last day.

    One form: a tester read ``within 2026-04-06–2026-05-31`` in one error, ``(2026-04-06
    to 2026-05-31)`` in another and ``2026-04-06..2026-05-31`` in ``ledger agreements``; a
    dash between ISO dates reads as one more of their hyphens.

    >>> period_words(dt.date(2026, 4, 6), dt.date(2026, 5, 31))
    '2026-04-06 to 2026-05-31'
    """
    return f"{valid_from.isoformat()} to {valid_to.isoformat()}"


class ReimbursementMode(StrEnum):
    """How a receiving partner pays back what it was given."""

    CASH = "cash"
    REPLACEMENT_IN_KIND = "replacement_in_kind"
    EQUAL_VALUE_EXCHANGE = "equal_value_exchange"


def prices_outside(
    commodities: frozenset[str] | set[str], prices: tuple[Price, ...] | list[Price]
) -> list[str]:
    """Why each price outside an agreement's commodities is wrong, one message per price.

    One wording for the checks of a loaded scenario and of an agreement entry that had
    another error (so both are said in one run).

    >>> prices_outside({"food"}, [Price(commodity="fuel", currency="EUR", per_t=Decimal(1))])
    ["price for 'fuel', which is not in the agreement's commodities (food)"]
    """
    return [
        f"price for {price.commodity!r}, which is not in the agreement's commodities "
        f"({', '.join(sorted(commodities)) or 'none'})"
        for price in prices
        if price.commodity not in commodities
    ]


def second_price(currency: str) -> str:
    """Why a second price of one commodity in one currency is wrong (the price list's key).

    One wording for agreements.yaml (at the price's line) and for :class:`Agreement` built
    in Python, which took two prices of fuel in EUR (the ledger's import then refused it,
    in words of its own, and ``price_of`` took whichever came first).

    >>> second_price("EUR")
    'a second price in EUR (one price per commodity and currency)'
    """
    return f"a second price in {currency} (one price per commodity and currency)"


def _decimals_problem(value: Decimal | None, decimals: int) -> str | None:
    """Why finite ``value`` has more decimals than the ledger keeps, said as ``validate`` did."""
    if value is None or (problem := amount_problem(value, decimals)) is None:
        return None
    return f"{value} {problem}"


def ceilings_problem(per_order: Decimal | None, total: Decimal | None) -> str | None:
    """Why a ``ceiling_total`` below the ``ceiling_per_order`` is wrong, or None if it is not.

    Almost surely a typo, and it makes the per-order ceiling one no order could reach (a
    tester's 1000 per order and 500 in all refused a request of 600 on the total): refused,
    not warned. One wording for :class:`Agreement` (an ArgumentError, from Python and the
    ledger's import) and for ``agreements.yaml`` (at the file's line).

    >>> ceilings_problem(Decimal("1000.00"), Decimal("500.00")).split(":")[0]
    'ceiling_total (500.00) is below ceiling_per_order (1000.00)'
    """
    if per_order is None or total is None or total >= per_order:
        return None
    return (
        f"ceiling_total ({total}) is below ceiling_per_order ({per_order}): no order could "
        "reach the per-order ceiling (raise ceiling_total or lower ceiling_per_order)"
    )


def _check_currency(currency: str) -> None:
    if len(currency) != 3 or not currency.isupper():
        raise ArgumentError(f"currency(={currency!r}) must be a 3-letter ISO 4217 code")


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Price:
    """The agreed price of one tonne of a commodity, in a currency (money is Decimal)."""

    commodity: CommodityId
    currency: str
    per_t: Decimal

    def __post_init__(self) -> None:
        check_fields(self)
        if not self.per_t.is_finite() or self.per_t < 0:
            raise ArgumentError(f"price per_t(={self.per_t}) must be a finite amount >= 0")
        check_amounts(self, (("per_t", UNIT_PRICE_DECIMALS),), prefix="price ")
        # to 1/100 of a cent, as agreements.yaml and the ledger keep it: 950.12345 was
        # taken here and refused only by ``validate`` or the ledger's import
        if (problem := _decimals_problem(self.per_t, UNIT_PRICE_DECIMALS)) is not None:
            raise ArgumentError(f"price of {self.commodity!r}: {problem}")
        _check_currency(self.currency)


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Agreement:
    """Who may support whom with what, for how long, up to what value, and how it is repaid.

    The agreement is mutual: either party may request from the other, within ``commodities``
    (goods) and ``services`` (such as transport, handling, fuelling).
    ``reimbursement_modes`` keep the order they are written in: a request that names none
    is repaid in cash where it is permitted, else in the first (a set, which has no order,
    is taken in the modes' alphabetical order, and a mode given twice is kept once).
    """

    id: str
    name: str
    parties: tuple[PartnerId, PartnerId]
    valid_from: dt.date
    valid_to: dt.date
    commodities: frozenset[CommodityId]
    services: frozenset[str] = frozenset()
    reimbursement_modes: tuple[ReimbursementMode, ...] = (ReimbursementMode.CASH,)
    prices: tuple[Price, ...] = ()
    currency: str = "EUR"
    ceiling_per_order: Decimal | None = None
    ceiling_total: Decimal | None = None

    def __post_init__(self) -> None:
        modes: Any = self.reimbursement_modes
        if isinstance(modes, set | frozenset):  # no order given: the modes' own
            object.__setattr__(self, "reimbursement_modes", tuple(sorted(modes)))
        check_fields(self)
        # the order as written (the first is the default after cash), each mode once
        object.__setattr__(
            self, "reimbursement_modes", tuple(dict.fromkeys(self.reimbursement_modes))
        )
        if not self.id:
            raise ArgumentError("agreement id must not be empty")
        if self.parties[0] == self.parties[1]:
            raise ArgumentError(
                f"an agreement needs two different parties, not {self.parties[0]} twice"
            )
        if self.valid_to < self.valid_from:
            raise ArgumentError(
                f"valid_to(={self.valid_to}) is before valid_from(={self.valid_from})"
            )
        if not self.reimbursement_modes:
            raise ArgumentError("an agreement needs at least one reimbursement mode")
        for name in ("ceiling_per_order", "ceiling_total"):
            value = getattr(self, name)
            if value is not None and (not value.is_finite() or value <= 0):
                raise ArgumentError(f"{name}(={value}) must be a finite amount > 0")
        check_amounts(
            self, (("ceiling_per_order", MONEY_DECIMALS), ("ceiling_total", MONEY_DECIMALS))
        )
        for name in ("ceiling_per_order", "ceiling_total"):  # to the cent, as the file
            if (problem := _decimals_problem(getattr(self, name), MONEY_DECIMALS)) is not None:
                raise ArgumentError(f"{field_named('agreement', self.id, name)}: {problem}")
        problem = ceilings_problem(self.ceiling_per_order, self.ceiling_total)
        if problem is not None:
            raise ArgumentError(problem)
        _check_currency(self.currency)  # "EURO" failed in the database (3 characters)
        self._check_one_price_per_key()

    def _check_one_price_per_key(self) -> None:
        """Refuse a second price of a commodity in a currency, in agreements.yaml's words."""
        seen: set[tuple[str, str]] = set()
        for price in self.prices:
            key = (price.commodity, price.currency)
            if key in seen:
                raise ArgumentError(
                    f"{field_named('agreement', self.id, 'prices')}: price of "
                    f"{price.commodity!r}: {second_price(price.currency)}"
                )
            seen.add(key)

    def covers(
        self, *, provider: PartnerId, receiver: PartnerId, commodity: CommodityId, on: dt.date
    ) -> bool:
        """Whether ``provider`` may support ``receiver`` with ``commodity`` on a date."""
        return (
            {provider, receiver} == set(self.parties)
            and commodity in self.commodities
            and self.valid_from <= on <= self.valid_to
        )

    def price_of(self, commodity: CommodityId) -> Price | None:
        """The agreed price of a commodity, if the price list has one."""
        return next((p for p in self.prices if p.commodity == commodity), None)

    def order_price(self, commodity: CommodityId) -> Price | None:
        """The price an order of ``commodity`` is valued at: the one in the agreement's currency.

        Orders are priced in their agreement's currency only, and nothing converts one
        currency into another (the scenario defines no rate), so a price in another
        currency is no order's price.
        """
        return next(
            (p for p in self.prices if p.commodity == commodity and p.currency == self.currency),
            None,
        )

    @property
    def default_mode(self) -> ReimbursementMode:
        """The mode of a request that names none: cash where permitted, else the first permitted.

        The first as written (it was the alphabetical first).
        """
        if ReimbursementMode.CASH in self.reimbursement_modes:
            return ReimbursementMode.CASH
        return self.reimbursement_modes[0]

    def needs_price(self, mode: ReimbursementMode) -> bool:
        """Whether an order of a commodity reimbursed by ``mode`` must have a price.

        Cash and an equal-value exchange repay the order's value, its tonnes at the
        price. Replacement in kind repays the tonnes themselves (billed, settled and
        balanced in tonnes), so it needs a price only where the agreement has a ceiling,
        which counts each order's value; without one its order is worth nothing in money.
        """
        if mode is not ReimbursementMode.REPLACEMENT_IN_KIND:
            return True
        return self.ceiling_per_order is not None or self.ceiling_total is not None

    def can_value(self, commodity: CommodityId, mode: ReimbursementMode) -> bool:
        """Whether an order of ``commodity`` reimbursed by ``mode`` can be priced: the one rule.

        It can where the agreement prices the commodity in its own currency, or where
        ``mode`` needs no price (:meth:`needs_price`: in kind, no ceiling; worth 0 then).
        A request (refused otherwise), a proposed draft (noted otherwise) and the
        warnings of ``validate`` and ``agreements import`` all ask it.
        """
        return self.order_price(commodity) is not None or not self.needs_price(mode)

    def modes_unable(self, commodity: CommodityId) -> list[ReimbursementMode]:
        """The permitted modes under which ``commodity`` cannot be requested, as written."""
        return [m for m in self.reimbursement_modes if not self.can_value(commodity, m)]

    def mode_for(self, commodity: CommodityId) -> ReimbursementMode:
        """The mode ``propose`` drafts a commodity's order in: one that can value it.

        :attr:`default_mode` (a request's that names none: cash where permitted) where it
        can value the commodity, else the first permitted mode, as written, that can:
        under ``[replacement_in_kind, cash]`` without a ceiling, food priced is drafted for
        cash and shelter with no price in kind (its draft was left out, "no USD price for
        shelter", while a request ``--mode replacement_in_kind`` was taken). Where none
        can, the default, and the draft says why. A service, and an item outside the
        scope, take the default.
        """
        if commodity not in self.commodities:
            return self.default_mode
        order = [self.default_mode, *self.reimbursement_modes]
        return next((m for m in order if self.can_value(commodity, m)), self.default_mode)

    def unpriced(self) -> tuple[list[CommodityId], list[ReimbursementMode]]:
        """The commodities in scope that no price values, and the permitted modes that need one.

        Both empty when every order the agreement permits can be valued. A commodity
        priced in another currency only is not listed: :func:`other_currency_only` says it.
        """
        priced = {p.commodity for p in self.prices}
        missing = sorted(c for c in self.commodities - priced if self.modes_unable(c))
        return missing, (self.modes_unable(missing[0]) if missing else [])


def other_currency_only(agreement: Agreement, commodity: CommodityId) -> str | None:
    """Why ``commodity`` cannot be requested when only other currencies price it, else None.

    One wording for a request (refused) and a proposed draft (noted): a price in USD on a
    EUR agreement was stored, and the request was told ``has no price for fuel in EUR;
    add one to its price list`` beside the USD price the user could see.

    >>> a = Agreement(id="a-1", name="A", parties=("wm", "os"), valid_from=dt.date(2025, 1, 1),
    ...     valid_to=dt.date(2025, 12, 31), commodities=frozenset({"fuel"}),
    ...     prices=(Price(commodity="fuel", currency="USD", per_t=Decimal("1450.00")),))
    >>> other_currency_only(a, "fuel").split(":")[0]
    'agreement a-1 prices fuel only in USD (1,450.00 USD/t), not in its own EUR'
    """
    if agreement.order_price(commodity) is not None:
        return None
    others = [p for p in agreement.prices if p.commodity == commodity]
    if not others:
        return None
    cur = agreement.currency
    return (
        f"agreement {agreement.id} prices {commodity} only in "
        f"{', '.join(p.currency for p in others)} "
        f"({', '.join(f'{unit_price_text(p.per_t)} {p.currency}/t' for p in others)}), "
        f"not in its own {cur}: "
        f"orders are priced in the agreement's currency and the ledger converts none, so "
        f"{commodity} cannot be requested under it (an agreement with a {cur} price for "
        f"{commodity}, under a new id, can)"
    )
