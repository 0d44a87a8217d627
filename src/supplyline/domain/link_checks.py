"""Checks of the network's links.

- Two rail gauges may only meet at a transshipment location (an error).
"""

from __future__ import annotations

from collections import defaultdict

from supplyline.domain.findings import Finding
from supplyline.domain.network import LocationKind, Mode
from supplyline.domain.scenario import Scenario

__all__ = ["check_gauges"]


def _rail_ends(s: Scenario) -> dict[str, dict[int, str]]:
    """For each location: its rail gauges, with the first link of each."""
    gauged: defaultdict[str, dict[int, str]] = defaultdict(dict)
    for link in s.links:
        if link.mode is Mode.RAIL and link.gauge_mm is not None:
            for end in (link.origin, link.destination):
                gauged[end].setdefault(link.gauge_mm, link.id)
    return gauged


def check_gauges(s: Scenario) -> list[Finding]:
    """Rail links of different gauges may only meet at a transshipment location."""
    gauged = _rail_ends(s)
    found: list[Finding] = []
    for loc_id, by_gauge in gauged.items():
        loc = s.location_by_id.get(loc_id)
        if len(by_gauge) > 1 and loc is not None and loc.kind is not LocationKind.TRANSSHIPMENT:
            (g1, l1), (g2, l2) = sorted(by_gauge.items())[:2]
            found.append(
                Finding(
                    entity="link",
                    entity_id=l2,
                    field="gauge_mm",
                    message=f"rail link {l2!r} ({g2} mm) meets link {l1!r} ({g1} mm) "
                    f"at {loc_id!r}, "
                    f"which is a {loc.kind} (make it kind 'transshipment', or add a "
                    "transshipment yard between the two gauges)",
                )
            )
    return found
