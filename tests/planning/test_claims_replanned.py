"""Each claim "+X … removes N t" holds when the scenario is re-planned with X more.

The least-extra search took the figure that covered what the unlimited re-solve used for
one that does as much, and never re-solved it before bisecting below it. An extra on hand
also takes room in its store, which unlimited capacity does not: a store's +20 t of food
on hand (what unlimited used) removed nothing, where +60 t removed 20 t.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from scenario_files import scenario_from_files
from test_claim_figures import ROAD_5
from test_on_hand_room import _crowded
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.domain import Bottleneck, Demand, Scenario
from supplyline.planning import plan_movements
from supplyline.planning.examples import gauge_break, one_link
from supplyline.types import figure_text

T = TypeVar("T")

_register_commands()
runner = CliRunner()

FULL_STORE = "D,food,10,0,home\nD,junk,50,0,home\n"


def _said_removed(b: Bottleneck) -> str:
    """The tonnes the claim says its extra removes, as written ("20", "17.15")."""
    found = re.search(r"removes ([\d,.]+) t of shortfall", b.explanation)
    assert found is not None, b.explanation
    return found.group(1)


def _raised(
    records: tuple[T, ...], chosen: Callable[[T], bool], field: str, more: float
) -> tuple[T, ...]:
    """The records with ``field`` raised by ``more`` on those ``chosen`` (empty counts as 0)."""
    return tuple(
        dataclasses.replace(r, **{field: (getattr(r, field) or 0.0) + more}) if chosen(r) else r
        for r in records
    )


def _more_on_hand(s: Scenario, place: str, commodity: str, more: float) -> Scenario:
    at = (place, commodity)
    stocks = _raised(s.stocks, lambda st: (st.location, st.commodity) == at, "initial_t", more)
    return dataclasses.replace(s, stocks=stocks)


def _more_link(s: Scenario, link: str, more: float) -> Scenario:
    links = _raised(s.links, lambda x: x.id == link, "capacity_t_per_day", more)
    return dataclasses.replace(s, links=links)


def _more_handling(s: Scenario, place: str, more: float) -> Scenario:
    locations = _raised(s.locations, lambda x: x.id == place, "handling_t_per_day", more)
    return dataclasses.replace(s, locations=locations)


def test_an_extra_on_hand_that_crowds_its_store_is_said_at_a_figure_that_does_it(
    tmp_path: Path,
) -> None:
    """The store's food: +60 t re-planned removes the 20 t said; +20 t (unlimited's use) none."""
    scenario, demand = _crowded(tmp_path, "full", 10, FULL_STORE)
    plan = plan_movements(scenario, demand)
    (supply,) = [b for b in plan.bottlenecks if b.kind.value == "supply"]
    assert supply.suggested_extra is not None
    again = plan_movements(_more_on_hand(scenario, "D", "food", supply.suggested_extra), demand)
    assert figure_text(plan.total_short_t - again.total_short_t) == _said_removed(supply)
    used = plan_movements(_more_on_hand(scenario, "D", "food", 20.0), demand)
    assert used.total_short_t == pytest.approx(plan.total_short_t)  # the old upper bracket


def test_no_smaller_round_extra_on_hand_removes_as_much(tmp_path: Path) -> None:
    """One rung below the figure said (59 t), re-planned, removes less than it."""
    scenario, demand = _crowded(tmp_path, "full", 10, FULL_STORE)
    plan = plan_movements(scenario, demand)
    (supply,) = [b for b in plan.bottlenecks if b.kind.value == "supply"]
    said = plan_movements(_more_on_hand(scenario, "D", "food", 60.0), demand)
    below = plan_movements(_more_on_hand(scenario, "D", "food", 59.0), demand)
    assert supply.suggested_extra == 60.0
    assert below.total_short_t > said.total_short_t + 1e-6


def _road_5(folder: Path) -> tuple[Scenario, Demand]:
    return scenario_from_files(folder, **ROAD_5)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "make", "raise_by"),
    [
        ("one link of 5 t/day", lambda _: one_link(capacity_t_per_day=5.0), "link:L1"),
        ("the road of 17.15 t", lambda tmp: _road_5(tmp / "road"), "link:l1"),
        ("the gauge break's yard", lambda _: gauge_break(), "handling:"),
    ],
)
def test_a_link_or_yard_claim_holds_when_re_planned_with_its_extra(
    tmp_path: Path, name: str, make: object, raise_by: str
) -> None:
    """Raised by the extra on every day, the shortfall falls by what the top claim says.

    The claims' days are all the days these capacities bind.
    """
    scenario, demand = make(tmp_path)  # type: ignore[operator]
    plan = plan_movements(scenario, demand)
    top = plan.bottlenecks[0]
    assert top.suggested_extra is not None, name
    kind, _, key = raise_by.partition(":")
    if kind == "link":
        raised = _more_link(scenario, key, top.suggested_extra)
    else:
        raised = _more_handling(scenario, top.resource, top.suggested_extra)
    again = plan_movements(raised, demand)
    assert figure_text(plan.total_short_t - again.total_short_t) == _said_removed(top)


def test_cli_claim_holds_when_the_scenario_files_are_re_planned(tmp_path: Path) -> None:
    """Through the CLI: bottlenecks.csv's extra at D, added to stocks.csv, removes what it says."""
    _crowded(tmp_path, "full", 10, FULL_STORE)
    folder = tmp_path / "full"
    first = runner.invoke(app, ["plan", str(folder), "--out", str(tmp_path / "a"), "-f", "json"])
    assert first.exit_code == 0, first.output
    data = json.loads(first.stdout)
    (supply,) = [b for b in data["bottlenecks"] if b["kind"] == "supply"]
    said = re.search(r"removes ([\d,.]+) t of shortfall", supply["explanation"])
    assert said is not None
    stocks = folder / "stocks.csv"
    more = supply["suggested_extra"]
    stocks.write_text(stocks.read_text().replace("D,food,10,", f"D,food,{10 + more:g},"))
    second = runner.invoke(app, ["plan", str(folder), "--out", str(tmp_path / "b"), "-f", "json"])
    assert second.exit_code == 0, second.output
    removed = data["summary"]["short_t"] - json.loads(second.stdout)["summary"]["short_t"]
    assert figure_text(removed) == said.group(1)
