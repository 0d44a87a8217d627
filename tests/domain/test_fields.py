"""A scenario built in Python: each field of its kind, the forms a script has taken as it.

A tester's round of API calls (2026-11-29): ``transit_days=1.5`` planned (as 1) and wrote
a folder the loader refused; ``Location(lat=np.float32(0.3))`` broke ``write_plan``;
``Scenario(start_date="2025-01-01")`` failed in date arithmetic; agreement modes as text
broke ``write_scenario``; ``activity_levels={"exercise": 1.8}`` dropped "normal".
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from supplyline.domain import (
    Agreement,
    Commodity,
    Link,
    Location,
    LocationKind,
    Mode,
    Partner,
    Price,
    ReimbursementMode,
    Scenario,
    Stock,
    SupplyClass,
    Unit,
)
from supplyline.errors import ArgumentError, OutputError, ScenarioError
from supplyline.io import load_scenario, write_scenario
from supplyline.io.factors import factors_for
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning.examples import one_link
from supplyline.requirements import compute_requirements

LINK = dict(id="L", origin="A", destination="B", mode="road", distance_km=10, transit_days=1)
PLACE = dict(id="A", name="A", partner="p", kind="depot", lat=0, lon=0)
UNIT = dict(id="u", name="U", partner="p", home="B", destination="B", personnel=10)


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda: Link(**{**LINK, "transit_days": 1.5}), r"transit_days\(=1\.5\) must be a whole"),
        (lambda: Link(**{**LINK, "distance_km": "10"}), r"distance_km\(='10'\) must be a number"),
        (lambda: Link(**{**LINK, "outage_days": 3}), r"outage_days\(=3\) must be a set"),
        (lambda: Location(**{**PLACE, "lat": "0"}), r"lat\(='0'\) must be a number"),
        (lambda: Unit(**{**UNIT, "on_hand_days": "3"}), r"on_hand_days\(='3'\)"),
        (lambda: Unit(**{**UNIT, "on_hand_days": True}), r"on_hand_days\(=True\)"),
        (lambda: Unit(**{**UNIT, "vehicles": {"truck": "3"}}), r"vehicles\['truck'\]"),
        (lambda: Stock(location="A", commodity="food", initial_t=None), r"initial_t\(=None\)"),
        (lambda: Partner(id="p", name="P", currency=None), r"currency\(=None\) must be text"),
        (
            lambda: Scenario(name="x", start_date="2025-01-01", horizon_days=5),
            r"start_date\(='2025-01-01'\) must be a date",
        ),
        (lambda: Scenario(name="x", start_date=dt.date(2025, 1, 1), horizon_days=5.5), "whole"),
        (
            lambda: Scenario(
                name="x",
                start_date=dt.date(2025, 1, 1),
                horizon_days=5,
                activity_levels={"a": np.nan},
            ),
            r"activity_levels\['a'\]\(=nan\) is not a number \(nan\) \(a finite number",
        ),
        (
            lambda: Unit(**{**UNIT, "personnel": 10**12}),
            r"personnel: 1000000000000 is too large \(a whole number from 0 to 10,000,000",
        ),
        (
            lambda: Location(**{**PLACE, "dwell_days": 10**300}),
            r"dwell_days: 1e\+300 is too large \(a whole number from 0 to 365 days\)",
        ),
        (lambda: Unit(**{**UNIT, "id": "u,1"}), r"id\(='u,1'\) has characters ids cannot have"),
        (lambda: Unit(**{**UNIT, "name": "Camp\nNorth"}), r"line break \(U\+000A\)"),
        (
            lambda: Location(**{**PLACE, "name": "\u202eevil\u202c camp"}),
            r"text-direction control U\+202E, which turns what follows",
        ),
        (lambda: Location(**{**PLACE, "name": " Depot "}), r"spaces at either end"),
        (lambda: Stock(location="A", commodity="food", owner=""), r"owner\(=''\) is empty"),
        (
            lambda: Link(**{**LINK, "cost_per_t": 1e308}),
            r"cost_per_t: 1e\+308 is too large \(a number from 0 to 1,000,000 per t\)",
        ),
        (lambda: Location(**{**PLACE, "lat": 10**400}), r"lat is out of range"),
        (lambda: Unit(**{**UNIT, "vehicles": {"truck": 10**30}}), r"vehicles\['truck'\]"),
        (
            lambda: Commodity(id="f", name="F", supply_class="food", priority="1"),
            r"priority\(='1'\) must be a whole number",
        ),
    ],
)
def test_a_field_of_the_wrong_kind_is_named(make: Any, says: str) -> None:
    with pytest.raises(ArgumentError, match=says):
        make()


def test_the_forms_a_script_has_are_taken_as_the_fields_kind() -> None:
    link = Link(**{**LINK, "transit_days": np.int64(2), "distance_km": np.float32(0.5)})
    assert (type(link.transit_days), link.transit_days) == (int, 2)
    assert (type(link.distance_km), link.distance_km) == (float, 0.5)
    assert link.mode is Mode.ROAD
    assert Location(**PLACE).kind is LocationKind.DEPOT
    assert Link(**{**LINK, "bidirectional": np.bool_(True)}).bidirectional is True
    assert Link(**{**LINK, "transit_days": 3.0, "outage_days": [1, 2]}).outage_days == {1, 2}
    price = Price(commodity="food", currency="EUR", per_t=4.5)
    assert price.per_t == Decimal("4.5")
    deal = Agreement(
        id="a",
        name="A",
        parties=["p", "q"],
        valid_from=dt.date(2025, 1, 1),
        valid_to=dt.date(2025, 2, 1),
        commodities={"food"},
        reimbursement_modes={"cash", "replacement_in_kind"},
    )
    assert deal.parties == ("p", "q")
    assert deal.reimbursement_modes == (  # a set has no order: the modes' own
        ReimbursementMode.CASH,
        ReimbursementMode.REPLACEMENT_IN_KIND,
    )
    with pytest.raises(ArgumentError, match=r"must be one of"):
        dataclasses.replace(deal, reimbursement_modes={"bogus"})


def test_activity_levels_are_added_to_the_defaults() -> None:
    levels = Scenario(
        name="x", start_date=dt.date(2025, 1, 1), horizon_days=5, activity_levels={"exercise": 1.8}
    ).activity_levels
    assert levels["exercise"] == 1.8
    assert levels["normal"] == 1.0


def test_a_scenario_of_text_enums_plans_writes_and_loads_back_equal(tmp_path: Path) -> None:
    base, _ = one_link()
    scenario = dataclasses.replace(
        base,
        commodities=(
            Commodity(id="food", name="Food", supply_class="food", per_person_per_day=1.0),
        ),
        locations=tuple(
            Location(
                id=x.id, name=x.name, partner=x.partner, kind=str(x.kind), lat=x.lat, lon=x.lon
            )
            for x in base.locations
        ),
        links=(Link(**{**LINK, "origin": "D", "destination": "U", "transit_days": np.int64(1)}),),
        activity_levels={"exercise": 1.8},
    )
    assert scenario.commodities[0].supply_class is SupplyClass.FOOD
    demand = compute_requirements(scenario, factors_for(scenario.factor_overrides))
    assert plan_movements(scenario, demand).status.value == "optimal"
    assert load_scenario(write_scenario(scenario, tmp_path / "copy")) == scenario


def test_write_scenario_refuses_an_empty_path_and_writes_all_files_or_none(tmp_path: Path) -> None:
    scenario, _ = one_link()
    with pytest.raises(OutputError, match="empty path"):
        write_scenario(scenario, "")
    target = tmp_path / "half"
    target.mkdir()
    (target / "scenario.yaml").write_text("name: old\n")  # over a scenario
    (target / "units.csv").mkdir()  # a folder where a file must go
    with pytest.raises(OutputError, match="it is a folder"):
        write_scenario(scenario, target)
    assert sorted(p.name for p in target.iterdir()) == ["scenario.yaml", "units.csv"]
    assert (target / "scenario.yaml").read_text() == "name: old\n"


def test_requirements_check_a_scenario_built_in_python() -> None:
    """An unknown activity level was a bare KeyError in compute_requirements."""
    from supplyline.domain import ActivityPeriod

    scenario, _ = one_link()
    unit = dataclasses.replace(
        scenario.units[0], activity=(ActivityPeriod(start_day=1, level="frenzy"),)
    )
    broken = dataclasses.replace(scenario, units=(unit,))
    with pytest.raises(ScenarioError, match="frenzy"):
        compute_requirements(broken, factors_for(broken.factor_overrides))


def test_write_scenario_writes_only_what_loads_back_equal(tmp_path: Path) -> None:
    """A tester's unit bound for an unknown place was written over a good folder."""
    scenario, _ = one_link()
    good = write_scenario(scenario, tmp_path / "good")
    before = {p.name: p.read_bytes() for p in good.iterdir()}
    lost = dataclasses.replace(
        scenario, units=(dataclasses.replace(scenario.units[0], home="zz", destination="zz"),)
    )
    with pytest.raises(ArgumentError, match=r"would not load back .* unknown location 'zz'"):
        write_scenario(lost, good)
    assert {p.name: p.read_bytes() for p in good.iterdir()} == before


def test_write_scenario_refuses_a_folder_of_other_files_of_its_names(tmp_path: Path) -> None:
    """A tester's scenario written into a plan's folder replaced the plan's stocks.csv."""
    scenario, _ = one_link()
    plan_folder = tmp_path / "plan"
    plan_folder.mkdir()
    (plan_folder / "stocks.csv").write_text("the plan's\n")
    with pytest.raises(OutputError, match=r"holds stocks\.csv but no scenario\.yaml"):
        write_scenario(scenario, plan_folder)
    assert (plan_folder / "stocks.csv").read_text() == "the plan's\n"


def test_ids_inside_a_record_hold_to_the_id_rule() -> None:
    """Agreement parties with a line break loaded back without it."""
    with pytest.raises(ArgumentError, match=r"parties member\(='b\\n'\)"):
        Agreement(
            id="a",
            name="A",
            parties=("p", "b\n"),
            valid_from=dt.date(2025, 1, 1),
            valid_to=dt.date(2025, 2, 1),
            commodities={"food"},
        )


def test_ids_are_taken_in_nfc_and_text_subclasses_as_plain_text() -> None:
    """Ids in NFC, as the files take them; text subclasses as plain text.

    A tester's location 한국 (NFC) and a unit at 한국 (NFD) did not meet; a str subclass
    and another enum's member as a name broke the YAML writer.
    """
    import unicodedata

    nfd = unicodedata.normalize("NFD", "한국")
    assert Location(**{**PLACE, "id": nfd}).id == unicodedata.normalize("NFC", "한국")
    name = Partner(id="a", name=Mode.ROAD).name
    assert (type(name), name) == (str, "road")


@pytest.mark.parametrize("bad", [np.timedelta64(2, "D"), np.datetime64("2025-01-01")])
def test_numpy_times_are_not_numbers(bad: object) -> None:
    with pytest.raises(ArgumentError, match="personnel"):
        Unit(**{**UNIT, "personnel": bad})


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (
            lambda: Location(id="D", name="D", partner="A", kindd="depot", lat=5, lon=1),
            r"Location has no field 'kindd' \(did you mean 'kind'\?; its fields: id, name,",
        ),
        (lambda: PlanParams(time_limit=5), "PlanParams has no field 'time_limit' .did you mean"),
        (
            lambda: dataclasses.replace(one_link()[0], colour="red"),
            r"Scenario has no field 'colour' \(its fields: name, start_date",
        ),
    ],
)
def test_an_unknown_keyword_is_an_argument_error_offering_the_field_meant(
    make: Any, says: str
) -> None:
    """Python's 'unexpected keyword argument' named neither the record nor what was meant."""
    with pytest.raises(ArgumentError, match=says):
        make()


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda: PlanParams(5), r"PlanParams takes keyword arguments only, e\.g\. PlanParams\("),
        (
            lambda: Partner("a", "A"),
            r"Partner takes keyword arguments only, e\.g\. Partner\(id=…\)",
        ),
    ],
)
def test_a_positional_argument_says_the_record_takes_keywords(make: Any, says: str) -> None:
    """Python's 'takes 1 positional argument but 2 were given' did not say how to build it."""
    with pytest.raises(ArgumentError, match=says):
        make()


def test_the_keywords_example_is_a_working_call() -> None:
    """The example the message gives builds the record (its first field, its default)."""
    with pytest.raises(ArgumentError) as caught:
        PlanParams(5)  # type: ignore[misc]
    call = str(caught.value).split("e.g. ", 1)[1]
    field, value = call.removeprefix("PlanParams(").removesuffix(")").split("=")
    made = PlanParams(**{field: 5 if value == "…" else float(value)})
    assert isinstance(made, PlanParams)


NUMPY_LATER = """
import sys
from supplyline.domain import Link, Unit
from supplyline.errors import ArgumentError
link = dict(id="L", origin="A", destination="B", mode="road", distance_km=10, transit_days=1)
Link(**link)
print("numpy" in sys.modules)
import numpy as np
taken = Link(**{**link, "transit_days": np.int64(2), "bidirectional": np.bool_(False)})
print(type(taken.transit_days).__name__, taken.bidirectional)
unit = dict(id="u", name="U", partner="p", home="B", destination="B")
try:
    Unit(**unit, personnel=np.timedelta64(2, "D"))
except ArgumentError as refused:
    print("refused", "personnel" in str(refused))
"""


def test_numpy_imported_after_the_domain_is_still_taken_and_refused() -> None:
    """The records need no numpy to be built, and see its numbers once a script imports it.

    The domain no longer imports numpy (the command line's start went without it): its
    numbers are recognised whenever they can exist, so a script that imports numpy after
    the domain gets them taken (``np.int64``, ``np.bool_``) and refused (a ``timedelta64``
    is no count) as before.
    """
    done = subprocess.run(
        [sys.executable, "-c", NUMPY_LATER],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["False", "int False", "refused True"]
