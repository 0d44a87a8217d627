"""Which trucks may carry which loads: fleet.csv's ``carries``, as the day's routing needs it.

A planner sends water on a bowser and fuel on a tanker, and no fuel on a flatbed: a fleet
group's ``carries`` names the commodities and supply classes its trucks may load (empty:
anything). The day's commodities fall into *cargo classes* by which fleet groups may carry
them; a unit's request mixing classes is split into one request per class before the loads
are cut to truck size, so each truck-load holds one class and goes on the groups that may
carry it only (in the search, a capacity of the class: :mod:`~supplyline.routing.day_model`).
A scenario whose trucks all carry anything has one class, and its requests stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from supplyline.domain import FleetGroup, Scenario
from supplyline.domain.routes import Unserved, UnservedReason
from supplyline.routing.requests import DeliveryRequest
from supplyline.routing.site_stock import part_of
from supplyline.types import CommodityId

__all__ = ["carriers", "may_carry", "no_carrier", "split_by_cargo", "uncarried_note"]


def carriers(scenario: Scenario, commodities: Iterable[CommodityId]) -> frozenset[str] | None:
    """The fleet groups (of ``fleet.csv``) that may carry every one of ``commodities``.

    ``None`` when every group may: no restriction, as in a scenario without ``carries``.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> carriers(s, ["food"]) is None
    True
    """
    coms = [scenario.commodity_by_id[c] for c in commodities]
    fleet = scenario.fleet
    able = frozenset(g.id for g in fleet if all(g.may_carry(c) for c in coms))
    return None if len(able) == len(fleet) else able


def may_carry(g: FleetGroup, scenario: Scenario, commodities: Iterable[CommodityId]) -> bool:
    """Whether trucks of ``g`` may load every one of ``commodities``."""
    coms = scenario.commodity_by_id
    return all(g.may_carry(coms[c]) for c in commodities)


def split_by_cargo(
    scenario: Scenario, requests: Sequence[DeliveryRequest]
) -> list[DeliveryRequest]:
    """Each request as one request per cargo class, the most urgent class first.

    A request of one class is returned as it is (the same object), so a scenario whose
    trucks carry anything routes exactly as before. A part keeps the plan's sources of its
    own commodities only.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> req = DeliveryRequest(unit="u1", location="U", load_t={"food": 8.0})
    >>> split_by_cargo(s, [req]) == [req]
    True
    """
    out: list[DeliveryRequest] = []
    coms = scenario.commodity_by_id
    for req in requests:
        by_class: dict[frozenset[str] | None, dict[CommodityId, float]] = {}
        for c, t in req.load_t.items():
            by_class.setdefault(carriers(scenario, [c]), {})[c] = t
        if len(by_class) == 1:
            out.append(req)
            continue
        parts = sorted(
            by_class.values(), key=lambda p: (min(coms[c].priority for c in p), sorted(p))
        )
        for load in parts:
            part = part_of(scenario, req, load)
            sources = {k: t for k, t in req.sources_t.items() if k[1] in load}
            bare = {k: t for k, t in req.off_truck_t.items() if k[1] in load}
            out.append(DeliveryRequest(
                unit=part.unit, location=part.location, load_t=part.load_t,
                volume_m3=part.volume_m3, priority=part.priority, sources_t=sources,
                off_truck_t=bare,
            ))  # fmt: skip
    return out


def no_carrier(req: DeliveryRequest, groups: Sequence[FleetGroup], scenario: Scenario) -> Unserved:
    """The request, ``no_truck_may_carry``: none of ``groups`` may load what it holds.

    Said of the whole fleet when no truck of fleet.csv may (the planner widens a row's
    ``carries`` or adds trucks), else of ``groups``, the trucks it could go on (its
    depot's, the ones left idle). The detail names what each carries.
    """
    coms = scenario.commodity_by_id
    what = ", ".join(_named(c, coms[c].supply_class.value) for c in sorted(req.load_t))
    anywhere = [g for g in scenario.fleet if g.count > 0 and may_carry(g, scenario, req.load_t)]
    if anywhere:
        detail = f"none of the trucks it could go on may carry {what} ({_carried(groups)})"
    else:
        trucks = [g for g in scenario.fleet if g.count > 0]
        detail = f"no truck in fleet.csv may carry {what} ({_carried(trucks)})"
    return Unserved(
        unit=req.unit,
        location=req.location,
        load_t=req.load_t,
        reason=UnservedReason.NO_TRUCK_MAY_CARRY,
        detail=detail,
    )


def _carried(groups: Sequence[FleetGroup]) -> str:
    """What the groups may load, as fleet.csv's ``carries`` says, groups alike together.

    >>> from supplyline.domain import FleetGroup
    >>> g = [FleetGroup(id=i, depot="D", partner="A", vehicle_type="t", count=1, payload_t=1,
    ...     speed_kmh=1, carries=frozenset(c)) for i, c in (("b1", {"water"}),
    ...     ("t", {"food", "general"}), ("b2", {"water"}))]
    >>> _carried(g)
    'carries: water on b1, b2; food;general on t'
    """
    if not groups:
        return "no trucks"
    on: dict[str, list[str]] = {}
    for g in groups:
        on.setdefault(";".join(sorted(g.carries)) or "anything", []).append(g.id)
    return "carries: " + "; ".join(f"{what} on {', '.join(ids)}" for what, ids in on.items())


def uncarried_note(unserved: Sequence[Unserved]) -> list[str]:
    """The day's note of the goods no truck of fleet.csv may carry, summed by commodity.

    >>> u = Unserved(unit="u", location="L", load_t={"fuel": 0.5},
    ...     reason=UnservedReason.NO_TRUCK_MAY_CARRY, detail="no truck in fleet.csv may …")
    >>> uncarried_note([u])
    ["no truck in fleet.csv may carry fuel (0.500 t for 1 unit(s)): name it or its supply \
class in a fleet group's carries, or add trucks that carry it"]
    """
    tonnes: dict[CommodityId, float] = {}
    units: dict[CommodityId, set[str]] = {}
    for u in unserved:
        if u.reason is UnservedReason.NO_TRUCK_MAY_CARRY and u.detail.startswith("no truck in"):
            for c, t in u.load_t.items():
                tonnes[c] = tonnes.get(c, 0.0) + t
                units.setdefault(c, set()).add(u.unit)
    if not tonnes:
        return []
    said = ", ".join(
        f"{c} ({tonnes[c]:,.3f} t for {len(units[c])} unit(s))" for c in sorted(tonnes)
    )
    return [
        f"no truck in fleet.csv may carry {said}: name it or its supply class in a fleet "
        "group's carries, or add trucks that carry it"
    ]


def _named(commodity: CommodityId, supply_class: str) -> str:
    """``rations (food)``; ``fuel`` alone where the id is its class's name."""
    return commodity if commodity == supply_class else f"{commodity} ({supply_class})"
