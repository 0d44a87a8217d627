"""The plan report's headline cards: status, tonnes moved, demand met, short, units, bottlenecks.

Apart from the page that holds them so that each figure's rule (the "demand met" card's
decimals above all) is read in one place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from supplyline.domain import Demand, Plan, ResourceKind, Scenario
from supplyline.reports.summary import cannot_deploy_note, headline
from supplyline.types import counted, figure_text, fixed_text

__all__ = ["Card", "headline_cards", "percent_met"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Card:
    """One headline card: a figure, its label, and a short note under it."""

    label: str
    value: str
    css: str = ""
    note: str = ""
    """Said under the value, small: why there is none ("not computed: …")."""


_MET_DECIMALS_MOST = 3
"""Most decimals of the "demand met" card: 99.9995 % reads 99.999 %, not 100."""


def percent_met(share: float) -> str:
    """The share of demand met as a percentage, with as many decimals as the short share needs.

    The one exception to "a figure is rounded as it reads": never 100 while anything is
    short. Enough decimals (1 to 3) that the share short, 100 less the figure, reads to
    two significant digits, so that 99.993 % is not shown as 99.9 % (14 times the
    shortfall); rounded as it reads, except that a figure that would read 100 is rounded
    down (99.999).

    >>> percent_met(0.93), percent_met(1 - 1.275 / 17893.075), percent_met(1.0)
    ('93.0', '99.993', '100')
    >>> percent_met(0.6), percent_met(0.9999999)
    ('60.0', '99.999')
    """
    percent = 100.0 * share
    short = 100.0 - percent
    if short <= 1e-9:
        return "100"
    decimals = min(_MET_DECIMALS_MOST, max(1, 1 - math.floor(math.log10(short))))
    text = fixed_text(percent, decimals)
    if float(text) >= 100.0:  # read as 100 while short
        text = f"{math.floor(percent * 10**decimals) / 10**decimals:.{decimals}f}"
    return text


def _closures_among(plan: Plan) -> str:
    """How many of the bottlenecks are closures, said where some are.

    The tables below show the binding capacities and the closures apart ("5 of 6 binding
    capacities"); a tester read 9 on the card against them.
    """
    closures = sum(b.kind is ResourceKind.OUTAGE for b in plan.bottlenecks)
    if not closures:
        return ""
    capacities = len(plan.bottlenecks) - closures  # "1 capacities, 1 closure" on a tester's
    return f"{counted(capacities, 'capacity', 'capacities')}, {counted(closures, 'closure')}"


def headline_cards(scenario: Scenario, demand: Demand, plan: Plan, places: int) -> list[Card]:
    """The headline's cards; ``places``: the summary's decimals (:func:`_places`)."""
    h = headline(demand, plan, scenario)
    met = "—" if h.met_share is None else f"{percent_met(h.met_share)} %"
    cards = [
        Card(label="status", value=h.status.replace("_", " "), css=f"status-{h.status}"),
        Card(label="tonnes moved (all legs)", value=figure_text(h.moved_t, places)),
        Card(label="demand met", value=met, css="bad" if h.short_t > 1e-6 else ""),
        Card(
            label="short (t)",
            value=figure_text(h.short_t, places),
            css="bad" if h.short_t > 1e-6 else "",
        ),
    ]
    if h.deploying_units:
        late = h.deploying_units - h.closed_on_time
        cards.append(
            Card(
                label="units closed on time",
                value=f"{h.closed_on_time} / {h.deploying_units}",
                css="bad" if late else "",
                note=cannot_deploy_note(h.units_cannot_deploy),
            )
        )
    if h.bottlenecks is None:  # "0" read as "nothing limits this plan"
        cards.append(
            Card(label="bottlenecks", value="—", note=f"not computed: {h.bottlenecks_not_computed}")
        )
    else:
        cards.append(
            Card(label="bottlenecks", value=str(h.bottlenecks), note=_closures_among(plan))
        )
    # kept, said what it is in the summary: it compares plans of one scenario
    # read by tier under it, in each tier's own unit: the total alone is no planner's unit
    by_tier = h.objective_by_tier or ""
    cards.append(
        Card(
            label="objective (weighted total)",
            value=f"{h.objective:,.2f}",
            note=f"{by_tier[:1].upper()}{by_tier[1:]}",
        )
    )
    return cards
