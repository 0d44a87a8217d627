"""How the reach check says what a unit's trucks carry and why its window binds.

The turns themselves are counted once, for ``reach`` and ``routes`` alike
(:func:`~supplyline.routing.turns.window_turns`); the reasons print each factor with the
decimals it needs, so that the product reads right.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from supplyline.domain import FleetGroup, Unit
from supplyline.types import LocationId, figure_text

__all__ = ["carried_words", "no_window_words", "num", "product_text", "window_words"]


def num(x: float) -> str:
    """A factor with the decimals it needs (``0.75``, ``2.25``, ``10``).

    So that a product reads right: a tester read ``0.8 available trucks × 2 turns × 10.0 t
    = 15.0 t/day`` (0.75 rounded).
    """
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def product_text(x: float) -> str:
    """What trucks carry a day, as the reasons and ``by_depot`` both say it.

    :func:`~supplyline.types.figure_text` with the decimals the product needs to read
    right, to the gram: ``3 trucks at 75 % availability × 1 turn × 1.5 t = 3.375 t/day``
    (not 3.38), and the same 3.375 in the table's ``by_depot`` (a tester read a reason's
    3.75 t/day beside ``by_depot``'s 3.8).

    >>> product_text(3.375), product_text(1260.0), product_text(2.0 / 3)
    ('3.375', '1,260', '0.667')
    """
    return figure_text(x, len(num(round(x, 3)).partition(".")[2]))


def carried_words(
    groups: Sequence[FleetGroup], turns: Mapping[str, int], availability: float
) -> str:
    """``1 truck at 75 % availability × 2 turns × 10 t = 15 t/day``, a term per truck type.

    Trucks counted whole, with the share of days a truck is on the road (the planning
    factor ``truck.fleet_availability_fraction``): a tester read "0.75 available trucks"
    of a fleet of one truck.
    """
    pct = f"{num(100 * availability)} % availability"
    # as the table's by_depot says it (a tester read 3.75 t/day here, 3.8 there)
    total = product_text(sum(g.count * availability * turns[g.id] * g.payload_t for g in groups))
    if len(groups) == 1:
        (g,) = groups
        n = turns[g.id]
        return (
            f"{g.count} truck{'' if g.count == 1 else 's'} at {pct} × {n} "
            f"turn{'' if n == 1 else 's'} × {num(g.payload_t)} t = {total} t/day"
        )
    text = " + ".join(f"{g.count} × {turns[g.id]} × {num(g.payload_t)} t ({g.id})" for g in groups)
    return f"trucks × turns × payload at {pct}: ({text}) × {num(availability)} = {total} t/day"


def window_words(unit: Unit) -> str:
    """``receiving window 8–9 h``."""
    return f"receiving window {unit.receive_open_h:g}–{unit.receive_close_h:g} h"


def no_window_words(
    depot: LocationId, g: FleetGroup, out_h: float, back_h: float, service_h: float, unit: Unit
) -> str:
    """Why no truck of ``g`` can serve the unit's window and be back by 24 h, in words."""
    start = max(out_h, unit.receive_open_h)
    if start > unit.receive_close_h:
        return (
            f"no truck can serve its {window_words(unit)}: {g.id} from {depot} arrives "
            f"{out_h:.2f} h after leaving at 0 h, after the window closes"
        )
    return (
        f"no truck can serve its {window_words(unit)} and be back by 24 h: {g.id} from "
        f"{depot} unloads from {start:g} h for {service_h:g} h and is back {back_h:.2f} h "
        f"later, at {start + service_h + back_h:.2f} h"
    )
