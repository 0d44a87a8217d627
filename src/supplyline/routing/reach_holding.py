"""What a depot holds of each good over the horizon for the units it serves, by source.

The reach check flags a depot holding less than one day of what its units ask of it
(:func:`~supplyline.routing.reach_goods.goods_elsewhere`). A tester read "south-depot,
which holds 40 t of food, fuel, medical, shelter, water over the horizon (stocks.csv and
the movement plan)" where ``stocks.csv`` gave it 1,480 t of water and the plan brought
in 5,239 t more: the 40 t were what is left once the plan's legs onward (to a hub, to
another depot, to a unit it does not serve) have taken theirs, and only of water. Here
the figure is kept with its parts, so that the words say what it is: its stock, what the
plan brings in, less what it sends on and where.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from supplyline.domain import Plan, Scenario
from supplyline.routing.road_ends import sent_elsewhere
from supplyline.types import CommodityId, LocationId, said_together

__all__ = ["Holding", "depot_holdings", "holding_words"]

_TOL_T = 1e-6
"""Tonnes below which a depot holds none of a good."""


@dataclass(slots=True, kw_only=True)
class Holding:
    """A depot's tonnes of one good over the horizon, as ``stocks.csv`` and the plan give them."""

    stock_t: float = 0.0
    """Its ``stocks.csv`` initial stock and replenishment over the horizon."""
    in_t: float = 0.0
    """What the movement plan brings in, by any mode."""
    out_t: float = 0.0
    """What the movement plan sends on to places other than those of the units it serves.

    Where its goods end: a road chain through a hub to a unit it serves is not sent on
    (:func:`~supplyline.routing.road_ends.sent_elsewhere`).
    """
    sent_to: set[LocationId] = field(default_factory=set)
    """The places ``out_t`` goes to."""

    @property
    def held_t(self) -> float:
        """What is left for the units it serves (>= 0)."""
        return max(0.0, self.stock_t + self.in_t - self.out_t)


def depot_holdings(
    scenario: Scenario,
    depot: LocationId,
    plan: Plan | None,
    served: Collection[LocationId],
) -> dict[CommodityId, Holding]:
    """Each good ``depot`` holds over the horizon for the units at ``served``, by source.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> {c: h.held_t for c, h in depot_holdings(s, "D", None, ["U"]).items()}
    {'food': 250.0}
    """
    book: dict[CommodityId, Holding] = defaultdict(Holding)
    for st in scenario.stocks:
        if st.location == depot:
            book[st.commodity].stock_t += (
                st.initial_t + st.replenishment_t_per_day * scenario.horizon_days
            )
    if plan is None:
        return dict(book)
    for m in plan.movements:
        if m.destination == depot and not m.commodity.startswith("deploy:"):
            book[m.commodity].in_t += m.tonnes
    for (_, com), to in sent_elsewhere(scenario, plan, [depot], served).items():
        book[com].out_t += sum(to.values())
        book[com].sent_to.update(to)
    return dict(book)


def holding_words(holdings: Mapping[CommodityId, Holding], goods: Sequence[CommodityId]) -> str:
    r"""``which holds 40 t of water for the units it serves over the horizon (…)``.

    ``goods`` are the goods asked (empty: not known, all it holds counts). The tonnes are
    the goods it holds any of, with where they come from; then the goods it holds none of.

    >>> h = {"water": Holding(stock_t=10.0, in_t=50.0, out_t=55.0, sent_to={"H"}),
    ...      "food": Holding(in_t=3.0, out_t=3.0, sent_to={"H"})}
    >>> print(holding_words(h, ["food", "water"]).replace(", ", ",\n"))
    which holds 5 t of water for the units it serves over the horizon (10 t in stocks.csv,
    and 50 t the movement plan brings in,
    less 55 t it sends on to H) and none of food
    """
    asked = list(goods) or sorted(holdings)
    some = [c for c in asked if c in holdings and holdings[c].held_t > _TOL_T]
    none = [c for c in asked if c not in some]
    if not some:
        return f"which holds none of them over the horizon ({_sources(holdings, asked)})"
    held = sum(holdings[c].held_t for c in some)
    of = f" of {', '.join(some)}" if goods else ""
    rest = f" and none of {', '.join(none)}" if goods and none else ""
    held_text = said_together(held, *(h.stock_t for c in some for h in [holdings[c]]))[0]
    return (
        f"which holds {held_text} t{of} for the units it serves over the horizon "
        f"({_sources(holdings, some)}){rest}"
    )


def _sources(holdings: Mapping[CommodityId, Holding], goods: Sequence[CommodityId]) -> str:
    """``10 t in stocks.csv, and 53 t the movement plan brings in, less 58 t it sends on to H``."""
    parts = [holdings[c] for c in goods if c in holdings]
    stock = sum(h.stock_t for h in parts)
    brought = sum(h.in_t for h in parts)
    sent = sum(h.out_t for h in parts)
    # said with the tonnes they add up to: one count of decimals (README, How figures read)
    _, stock_text, brought_text, sent_text = said_together(
        sum(h.held_t for h in parts), stock, brought, sent
    )
    said = [f"{stock_text} t in stocks.csv" if stock > _TOL_T else "none in stocks.csv"]
    if brought > _TOL_T:
        said.append(f"and {brought_text} t the movement plan brings in")
    if sent > _TOL_T:
        to = sorted({x for h in parts for x in h.sent_to})
        said.append(f"less {sent_text} t it sends on to {', '.join(to)}")
    return ", ".join(said)
