"""Warnings on fleet.csv's ``carries``: goods no truck may load, dead names, one empty cell.

A convoy officer's scenarios passed ``validate`` in silence with no truck for the units'
fuel, a tanker naming a supply class no commodity has, and one group of six left empty.
"""

from __future__ import annotations

import dataclasses

import pytest

from supplyline.domain import FleetGroup, Scenario, check_scenario
from supplyline.domain.findings import Finding
from supplyline.errors import Severity
from supplyline.planning.examples import one_link


def group(gid: str, *names: str, count: int = 1) -> FleetGroup:
    return FleetGroup(
        id=gid, depot="D", partner="A", vehicle_type="t", count=count, payload_t=10,
        speed_kmh=50, carries=frozenset(names),
    )  # fmt: skip


def with_fleet(*groups: FleetGroup) -> Scenario:
    scenario, _ = one_link()
    return dataclasses.replace(scenario, fleet=groups)


def carries_warnings(scenario: Scenario) -> list[Finding]:
    found = check_scenario(scenario)
    assert not [f for f in found if f.severity is Severity.ERROR]
    return [f for f in found if "carr" in f.message and f.severity is Severity.WARNING]


def test_a_consumed_commodity_no_truck_may_carry_is_warned_of() -> None:
    """Every truck carries medical only: the units' food has none, said at the commodity."""
    warnings = carries_warnings(with_fleet(group("tankers", "medical"), group("vans", "water")))
    (warning,) = [w for w in warnings if w.entity == "commodity"]
    assert (warning.entity, warning.entity_id) == ("commodity", "food")
    assert warning.message.startswith(
        "no truck in fleet.csv may carry 'food' (supply class food), which the units consume"
    )
    assert "tankers: medical; vans: water" in warning.message


def test_trucks_of_no_count_do_not_carry() -> None:
    """A group of 0 trucks that may carry food does not carry it."""
    warnings = carries_warnings(with_fleet(group("g1", "medical"), group("g0", "food", count=0)))
    (warning,) = [w for w in warnings if w.entity == "commodity"]
    assert warning.entity_id == "food"


def test_a_class_no_commodity_has_is_a_truck_that_loads_nothing() -> None:
    """'spare_parts' where no commodity is of that class: the group can never load anything."""
    warnings = carries_warnings(
        with_fleet(group("flatbed", "food"), group("tanker", "spare_parts"))
    )
    (warning,) = [w for w in warnings if w.entity == "fleet"]
    assert (warning.entity_id, warning.field) == ("tanker", "carries")
    assert "carries 'spare_parts': no commodity of scenario.yaml is of that class, so its " \
        "trucks can never load anything" in warning.message  # fmt: skip


def test_a_dead_class_beside_a_live_name_is_said_without_loading_nothing() -> None:
    """'food;fuel' with no fuel commodity: fuel is dead, but the trucks still load food."""
    (warning,) = carries_warnings(with_fleet(group("flatbed", "food", "fuel")))
    assert "carries 'fuel': no commodity" in warning.message
    assert "never load anything" not in warning.message


@pytest.mark.parametrize("others", [2, 5])
def test_one_empty_carries_among_named_groups_is_warned_of(others: int) -> None:
    """One group empty while the others name goods: likely an omission, said at its row."""
    named = [group(f"g{i}", "food") for i in range(others)]
    warnings = carries_warnings(with_fleet(*named, group("blank")))
    (warning,) = [w for w in warnings if w.entity == "fleet"]
    assert warning.entity_id == "blank"
    assert "leaves carries empty while every other group names what it carries" in warning.message
    assert "if that is meant, write * in its carries cell to say so" in warning.message


def test_anything_said_on_purpose_is_not_warned_of() -> None:
    """The same fleet with ``*`` (carries_anything) for the general trucks: no warning."""
    named = [group(f"g{i}", "food") for i in range(3)]
    general = dataclasses.replace(group("general"), carries_anything=True)
    assert not [w for w in carries_warnings(with_fleet(*named, general)) if w.entity == "fleet"]


@pytest.mark.parametrize(
    "fleet",
    [
        pytest.param((group("bowser", "food"), group("general")), id="one-named-one-empty"),
        pytest.param((group("a"), group("b"), group("c", "food")), id="two-empty"),
        pytest.param((group("a", "food"), group("b", "food")), id="all-named"),
        pytest.param((), id="no-fleet"),
    ],
)
def test_a_fleet_that_carries_what_it_should_is_not_warned_of(
    fleet: tuple[FleetGroup, ...],
) -> None:
    """A general truck beside one specialised group, two empty, all named, or no trucks: quiet."""
    assert carries_warnings(with_fleet(*fleet)) == []
