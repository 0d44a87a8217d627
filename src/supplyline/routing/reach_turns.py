"""How many turns a truck makes to a unit in a day, and how the reach check says it.

The turns count the unit's receiving window as ``routes`` does (service starts inside it,
the truck is back at its depot by the end of the day and within its drivers' hours); the
reasons print each factor with the decimals it needs, so that the product reads right.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from supplyline.domain import FleetGroup, Unit
from supplyline.types import LocationId

__all__ = ["carried_words", "no_window_words", "num", "window_turns", "window_words"]


def window_turns(
    g: FleetGroup, out_h: float, back_h: float, service_h: float, open_h: float, close_h: float
) -> int:
    """Round trips a truck of ``g`` can make to a unit in a day, as ``routes`` may drive them.

    Service starts inside the receiving window ``open_h``–``close_h``, the next load a
    round trip later; the truck is back at its depot within the day (by 24 h) and within
    its drivers' hours. A tester's unit open 8–9 h, 1.25 h round trips, was given 7 turns
    a truck by drivers' hours alone, where ``routes`` could bring one; a window no truck
    can serve and be back from by 24 h (open 23–24 h, 1 h out) has none.

    >>> from supplyline.domain import FleetGroup
    >>> g = FleetGroup(id="t", depot="D", partner="A", vehicle_type="t", count=1,
    ...                payload_t=10.0, speed_kmh=40.0)
    >>> window_turns(g, 0.375, 0.375, 0.5, 8.0, 9.0)
    1
    >>> window_turns(g, 0.375, 0.375, 0.5, 6.0, 18.0)
    7
    """
    rt = max(out_h + back_h + service_h, 1e-9)
    start = max(out_h, open_h)  # the first service: not before the truck can be there
    if not rt < math.inf or start > close_h + 1e-9 or start + service_h + back_h > 24 + 1e-9:
        return 0
    by_hours = math.floor(g.max_route_hours / rt + 1e-9)
    by_window = math.floor((close_h - start) / rt + 1e-9) + 1
    by_day = math.floor((24 - start - service_h - back_h) / rt + 1e-9) + 1
    return max(0, min(by_hours, by_window, by_day))


def num(x: float) -> str:
    """A factor with the decimals it needs (``0.75``, ``2.25``, ``10``).

    So that a product reads right: a tester read ``0.8 available trucks × 2 turns × 10.0 t
    = 15.0 t/day`` (0.75 rounded).
    """
    text = f"{x:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def carried_words(
    groups: Sequence[FleetGroup], turns: Mapping[str, int], availability: float
) -> str:
    """``0.75 available trucks × 2 turns × 10 t = 15 t/day``, a term per truck type."""
    terms = [
        (f"{num(g.count * availability)}", str(turns[g.id]), f"{num(g.payload_t)} t", g.id)
        for g in groups
    ]
    total = num(sum(g.count * availability * turns[g.id] * g.payload_t for g in groups))
    if len(terms) == 1:
        trucks, n, t, _ = terms[0]
        return (
            f"{trucks} available truck{'' if trucks == '1' else 's'} × {n} "
            f"turn{'' if n == '1' else 's'} × {t} = {total} t/day"
        )
    text = " + ".join(f"{a} × {n} × {t} ({gid})" for a, n, t, gid in terms)
    return f"available trucks × turns × payload: {text} = {total} t/day"


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
