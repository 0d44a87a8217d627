"""A fleet group's ``carries``: which commodities its trucks may load, and its checks."""

from __future__ import annotations

import dataclasses

import pytest

from supplyline.domain import Commodity, FleetGroup, SupplyClass, check_scenario
from supplyline.errors import ArgumentError
from supplyline.planning.examples import one_link

DIESEL = Commodity(id="diesel", name="Diesel", supply_class=SupplyClass.FUEL)
WATER = Commodity(id="water", name="Water", supply_class=SupplyClass.WATER)


def group(*names: str) -> FleetGroup:
    return FleetGroup(
        id="g", depot="D", partner="A", vehicle_type="t", count=1, payload_t=10,
        speed_kmh=50, carries=frozenset(names),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("names", "diesel", "water"),
    [
        pytest.param((), True, True, id="empty-carries-anything"),
        pytest.param(("water",), False, True, id="by-commodity-id"),
        pytest.param(("fuel",), True, False, id="by-supply-class"),
        pytest.param(("diesel", "water"), True, True, id="both-named"),
    ],
)
def test_may_carry_by_id_or_class(names: tuple[str, ...], diesel: bool, water: bool) -> None:
    """A commodity is carried when its id or its supply class is named, or nothing is."""
    g = group(*names)
    assert (g.may_carry(DIESEL), g.may_carry(WATER)) == (diesel, water)


def test_a_name_follows_the_id_rule() -> None:
    """A script's name with a space is refused as the files refuse it."""
    with pytest.raises(ArgumentError, match=r"carries member\(='fresh water'\) has characters"):
        group("fresh water")


def test_unknown_name_is_a_finding_on_carries() -> None:
    """A scenario built in Python whose group names no commodity nor class is told so."""
    scenario, _ = one_link()
    trucks = group("fod")
    found = check_scenario(dataclasses.replace(scenario, fleet=(trucks,)))
    (finding,) = [f for f in found if f.field == "carries"]
    assert finding.message.startswith(
        f"fleet {trucks.id!r} refers to unknown commodity or supply class 'fod' "
        "(did you mean 'food'?"
    )
