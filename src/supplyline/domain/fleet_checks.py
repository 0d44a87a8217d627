"""Warnings on fleet.csv's ``carries``: goods no truck may load, and trucks that load nothing.

``carries`` keeps each commodity to the trucks that may load it, so a mistake in it does
not fail a load: it shows up days later, as ``routes``' ``no_truck_may_carry``. A convoy
officer's scenarios passed ``validate`` with both tankers carrying ``medical`` only (no
truck anywhere for the units' fuel), with a tanker carrying ``spare_parts`` where no
commodity is of that class (a truck that can never load anything), and with one group of
six left empty among five that name goods (likely an omission: it may load anything; ``*``
says "anything" on purpose and is not warned of: a relief planner's general-cargo trucks
were warned of on every command, with no way to say they were meant).
These are warnings, not errors: a planner may mean each of them.
"""

from __future__ import annotations

from supplyline.domain.commodities import SupplyClass
from supplyline.domain.findings import Finding
from supplyline.domain.scenario import Scenario
from supplyline.domain.stocks import FleetGroup
from supplyline.errors import Severity
from supplyline.types import ANY_CARGO

__all__ = ["check_carries"]

_MIN_NAMING = 2
"""How many other groups must name goods before one empty ``carries`` is warned of: a
bowser beside one general truck is a common fleet, not an omission."""


def check_carries(s: Scenario) -> list[Finding]:
    """The warnings on the fleet's ``carries``: uncarried goods, dead names, one empty cell.

    >>> from supplyline.planning.examples import one_link
    >>> check_carries(one_link()[0])
    []
    """
    return [*check_carried_goods(s), *check_carried_classes(s)]


def check_carried_goods(s: Scenario) -> list[Finding]:
    """Uncarried goods and one empty cell: they read every fleet row, the goods row by row.

    A commodity lost to an error of its own is simply not checked, so this check does not
    wait for scenario.yaml's errors (a tester's one wrong density was followed by a line
    saying what the fleet carries was not checked).
    """
    groups = [g for g in s.fleet if g.count > 0]
    if not groups:
        return []
    return [*_uncarried(s, groups), *_one_empty(s)]


def check_carried_classes(s: Scenario) -> list[Finding]:
    """Supply classes named in ``carries`` that no commodity has: they read every commodity."""
    if not any(g.count > 0 for g in s.fleet):
        return []
    return _dead_names(s)


def names_a_class(s: Scenario) -> bool:
    """Whether some fleet group's ``carries`` names a supply class (else nothing to check)."""
    classes = {c.value for c in SupplyClass}
    return any(g.count > 0 and not classes.isdisjoint(g.carries) for g in s.fleet)


def _uncarried(s: Scenario, groups: list[FleetGroup]) -> list[Finding]:
    """A commodity the units consume that no truck of any depot may load."""
    if not s.units:
        return []
    found = []
    for c in s.commodities:
        if not c.is_consumed or any(g.may_carry(c) for g in groups):
            continue
        cls = c.supply_class.value
        named = c.id if c.id == cls else f"{c.id} or {cls}"
        said = "; ".join(f"{g.id}: {';'.join(sorted(g.carries))}" for g in groups)
        found.append(
            Finding(
                entity="commodity",
                entity_id=c.id,
                field="id",
                severity=Severity.WARNING,
                message=f"no truck in fleet.csv may carry {c.id!r} (supply class {cls}), "
                "which the units consume: routes will leave it no_truck_may_carry; name "
                f"{named} in a fleet "
                f"group's carries, or leave a group's carries empty (carries: {said})",
            )
        )
    return found


def _dead_names(s: Scenario) -> list[Finding]:
    """A ``carries`` name that is a supply class no commodity of the scenario has."""
    ids = set(s.commodity_by_id)
    present = {c.supply_class.value for c in s.commodities}
    classes = {c.value for c in SupplyClass}
    found = []
    for g in s.fleet:
        dead = sorted(n for n in g.carries if n in classes - present and n not in ids)
        if not dead:
            continue
        nothing = len(dead) == len(g.carries)
        known = f"commodities: {', '.join(sorted(ids))}; classes: {', '.join(sorted(present))}"
        found.append(
            Finding(
                entity="fleet",
                entity_id=g.id,
                field="carries",
                severity=Severity.WARNING,
                message=f"fleet {g.id!r} carries {', '.join(map(repr, dead))}: no commodity "
                f"of scenario.yaml is of {'that class' if len(dead) == 1 else 'those classes'}"
                + (", so its trucks can never load anything" if nothing else "")
                + f" ({known})",
            )
        )
    return found


def _one_empty(s: Scenario) -> list[Finding]:
    """One group's empty ``carries`` among groups that each name goods: likely left out."""
    empty = [g for g in s.fleet if not g.carries and not g.carries_anything]
    naming = [g for g in s.fleet if g.carries]
    if len(empty) != 1 or len(naming) < _MIN_NAMING:
        return []
    (g,) = empty
    return [
        Finding(
            entity="fleet",
            entity_id=g.id,
            field="carries",
            severity=Severity.WARNING,
            message=f"fleet {g.id!r} leaves carries empty while every other group names what "
            f"it carries ({', '.join(x.id for x in naming)}): empty means its trucks may load "
            f"anything; if that is meant, write {ANY_CARGO} in its carries cell to say so (and "
            "no longer be warned); if not, name what they carry",
        )
    ]
