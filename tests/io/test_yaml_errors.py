"""Broken scenario.yaml and agreements.yaml: each problem located by line and key path."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from io_helpers import edit

from supplyline.errors import ScenarioError, Severity
from supplyline.io import load_scenario, load_scenario_with_warnings
from supplyline.io.factors import factors_for

YAML_CASES = [
    pytest.param(
        "scenario.yaml", "horizon_days: 30", "horizon_days: 5000", 6, "horizon_days",
        r"too large.*1 to 3,660", id="horizon-too-long",
    ),
    pytest.param(
        "scenario.yaml", "start_date: 2025-06-01", "start_date: 2025-13-01", 5, "start_date",
        r"'2025-13-01' is not a real date \(there is no month 13", id="impossible-date",
    ),
    pytest.param(
        "scenario.yaml", "start_date: 2025-06-01", "start_date: 2025-02-30", 5, "start_date",
        r"^'2025-02-30' is not a real date \(February 2025 has 28 days\)$", id="february-30",
    ),
    pytest.param(
        "scenario.yaml", "start_date: 2025-06-01", "start_date: 2025-06-01T10:00:00", 5,
        "start_date", r"is a date and time \(a date is expected, YYYY-MM-DD: 2025-06-01\)",
        id="date-and-time",
    ),
    pytest.param(
        "scenario.yaml", "start_date: 2025-06-01", "start_date: 2025-06-01 08:00:00", 5,
        "start_date", r"is a date and time", id="date-and-time-with-space",
    ),
    pytest.param(
        "scenario.yaml", "start_date: 2025-06-01", "start_date: 9999-12-20", 5, "start_date",
        r"9999-12-20 with horizon_days 30: the horizon runs past 9999-12-31, the last date the "
        r"calendar can hold", id="horizon-past-year-9999",
    ),
    pytest.param(
        "agreements.yaml", "valid_to: 2025-07-31", "valid_to: 2025-07-31T18:00", 6, "[0].valid_to",
        r"is a date and time", id="agreement-date-and-time",
    ),
    pytest.param(
        "scenario.yaml", "start_date: 2025-06-01", "start_date: next monday", 5, "start_date",
        r"not a date", id="not-a-date",
    ),
    pytest.param(
        "scenario.yaml", "    priority: 2\n", "    priority: 12\n", 30, "commodities[2].priority",
        r"too large", id="priority-out-of-range",
    ),
    pytest.param(
        "scenario.yaml", "kg_per_demand_unit: 0.84", "kg_per_demand_unit: .nan", 32,
        "commodities[2].kg_per_demand_unit", r"'\.nan' is not a number", id="yaml-nan",
    ),
    pytest.param(
        "scenario.yaml", "    demand_unit: L\n    kg_per_demand_unit: 0.84",
        "    demand_unit: t\n    kg_per_demand_unit: 0.84", 32,
        "commodities[2].kg_per_demand_unit",
        r"kg_per_demand_unit\(=0.84\) contradicts demand_unit t, which is 1,000 kg",
        id="mass-against-tonnes",
    ),
    pytest.param(
        "scenario.yaml", "food.mil.ration_3mre_kg_ppd   #", "food.mil.ration_3mre_kgppd   #", 19,
        "commodities[0].per_person_per_day",
        r"not a planning factor.*food\.mil\.ration_3mre_kg_ppd",
        id="unknown-factor-key",
    ),
    pytest.param(
        "scenario.yaml", "food.mil.ration_3mre_kg_ppd   #", "2.5 kg   #", 19,
        "commodities[0].per_person_per_day", r"'2.5 kg' has a unit in it", id="rate-with-unit",
    ),
    pytest.param(
        "scenario.yaml", "    supply_class: water\n", "    supply_class: wet\n", 22,
        "commodities[1].supply_class", r"'wet' is not allowed \(one of: food, water",
        id="bad-class",
    ),
    pytest.param(
        "scenario.yaml", "    priority: 2\n", "    priority: 2\n    colour: red\n", 31,
        "commodities[2].colour", r"unknown key 'colour' \(known keys: id, name", id="unknown-key",
    ),
    pytest.param(
        "scenario.yaml", "  - {id: host, name: Host Nation, currency: EUR}",
        "  - {id: host, name: Host Nation, currency: Euro}", 10, "partners[1].currency",
        r"not a currency code", id="bad-currency",
    ),
    pytest.param(
        "scenario.yaml", "  - {id: host, name: Host Nation, currency: EUR}",
        "  - {id: home, name: Host Nation, currency: EUR}", 10, "partners[1].id",
        r"duplicate partner id 'home' \(first on line 9", id="duplicate-partner",
    ),
    pytest.param(
        "scenario.yaml", "  exercise: 1.8", "  exercise: -1", 42, "activity_levels.exercise",
        r"negative", id="negative-activity",
    ),
    pytest.param(
        "scenario.yaml", "partners:   ", "partners:\n  oops: [", 10, None, r"YAML syntax error",
        id="syntax-error",
    ),
    pytest.param(
        "scenario.yaml", "name: My operation", "name: My operation\nname: Again", 3, None,
        r"key 'name' appears twice", id="duplicate-key",
    ),
    pytest.param(
        "scenario.yaml", "horizon_days: 30 ", "horizon_days: [30] ", 6, "horizon_days",
        r"must be a single value, not a list", id="list-for-number",
    ),
    pytest.param(
        "scenario.yaml", "partners:   ", "partners: none\nx_partners:", 8, "partners",
        r"must be a list", id="partners-not-list",
    ),
    pytest.param(
        "scenario.yaml", "solver: {time_limit_s: 60}", "solver: {time_limit_s: 0}", 46,
        "solver.time_limit_s", r"zero", id="zero-time-limit",
    ),
    pytest.param(
        "scenario.yaml", "solver: {time_limit_s: 60}", "solver: {time_limit_s: 0.0001}", 46,
        "solver.time_limit_s", r"0\.0001 .*0\.001", id="time-limit-below-the-least",
    ),
    pytest.param(
        "scenario.yaml", "solver: {time_limit_s: 60}", "solver: {time_limit: 60}", 46,
        "solver.time_limit", r"unknown key 'time_limit' \(did you mean 'time_limit_s'\?; known",
        id="solver-key-misspelt",
    ),
    pytest.param(
        "agreements.yaml", "parties: [home, host]", "parties: [home, nobody]", 4, "[0].parties",
        r"unknown partner 'nobody'", id="agreement-unknown-party",
    ),
    pytest.param(
        "agreements.yaml", "parties: [home, host]", "parties: [home]", 4, "[0].parties",
        r"exactly two parties", id="agreement-one-party",
    ),
    pytest.param(
        "agreements.yaml", "valid_to: 2025-07-31", "valid_to: 2025-04-30", 6, "[0].valid_to",
        r"before valid_from", id="agreement-backwards",
    ),
    pytest.param(
        "agreements.yaml", '"1450.00"', '"-5"', 11, "[0].prices.fuel", r"price of 'fuel'.*negative",
        id="negative-price",
    ),
    pytest.param(
        "agreements.yaml", '"1450.00"', '"12 EUR"', 11, "[0].prices.fuel", r"not an amount",
        id="price-with-currency",
    ),
    pytest.param(
        "agreements.yaml", '"1450.00"', '"1450.12345"', 11, "[0].prices.fuel",
        r"price of 'fuel': '1450.12345' has more decimal places than 0.0001",
        id="price-below-the-ledgers-decimals",
    ),
    pytest.param(
        "agreements.yaml", '"1450.00"', '"1e14"', 11, "[0].prices.fuel",
        r"too large \(an amount from 0 to 99,999,999,999,999.9999\)$",
        id="price-above-the-ledgers-bound",
    ),
    pytest.param(
        "agreements.yaml", 'ceiling_total: "250000.00"', "ceiling_total: 250000.005", 12,
        "[0].ceiling_total", r"has more decimal places than 0.01", id="ceiling-below-the-cent",
    ),
    pytest.param(
        "agreements.yaml", 'ceiling_total: "250000.00"',
        'ceiling_per_order: "1000.00"\n  ceiling_total: "500.00"', 13, "[0].ceiling_total",
        r"^ceiling_total \(500.00\) is below ceiling_per_order \(1000.00\): no order could "
        r"reach the per-order ceiling", id="ceiling-total-below-per-order",
    ),
    pytest.param(
        "agreements.yaml", 'fuel: "1450.00"}', 'fuel: "1450.00", "fuel ": 1}', 11,
        "[0].prices.fuel ",
        r"price of 'fuel ': a second price in EUR", id="price-twice",
    ),
    pytest.param(
        "agreements.yaml", "commodities: [water, fuel]", "commodities: [water]", 11,
        "[0].prices.fuel", r"price for 'fuel', which is not in the agreement's commodities",
        id="price-not-covered",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "old", "new", "line", "column", "pattern"), YAML_CASES)
def test_yaml_problem_is_located(
    folder: Path, name: str, old: str, new: str, line: int, column: str | None, pattern: str
) -> None:
    """A bad YAML value is reported with its file, line, key path and a clear message."""
    edit(folder, name, old, new)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    errors = [i for i in caught.value.issues if i.severity is Severity.ERROR]
    hits = [i for i in errors if i.file == name and re.search(pattern, i.message)]
    assert hits, "\n".join(map(str, errors))
    assert hits[0].line == line
    if column is not None:
        assert hits[0].column == column


def test_agreements_must_be_a_list(folder: Path) -> None:
    """agreements.yaml holding one mapping instead of a list says it must be a list."""
    (folder / "agreements.yaml").write_text("id: mou-1\nname: x\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"agreements.yaml:1: must be a list"):
        load_scenario(folder)


def test_a_bare_agreement_says_each_missing_key_once(folder: Path) -> None:
    """``- id: x-2`` alone: 'parties' is missing, said once (not also 'not 0 parties')."""
    (folder / "agreements.yaml").write_text("- id: x-2\n", encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    said = [i.message for i in caught.value.issues if i.column == "[0].parties"]
    assert said == ["required key 'parties' is missing"]


def test_a_misspelt_parties_key_fails_its_agreement_without_a_traceback(folder: Path) -> None:
    """``arties:`` for ``parties:``: the unknown key and the missing one, and no traceback.

    The entry whose parties were never read had gone on to build an agreement and failed
    there with an IndexError (found by the mutated-template fuzz test).
    """
    edit(folder, "agreements.yaml", "parties: [home, host]", "arties: [home, host]")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    said = {i.column: i.message for i in caught.value.issues}
    assert said["[0].parties"] == "required key 'parties' is missing"
    assert "unknown key 'arties'" in " ".join(said.values())


def test_money_is_exact(folder: Path) -> None:
    """Prices are Decimals read from the text, whether quoted or not."""
    edit(folder, "agreements.yaml", '"1450.00"', "1450.10")
    scenario = load_scenario(folder)
    prices = {p.commodity: p.per_t for p in scenario.agreements[0].prices}
    assert prices == {"water": Decimal("4.50"), "fuel": Decimal("1450.10")}


def test_override_of_default_factor(folder: Path) -> None:
    """Overriding a default factor is kept, with no warning."""
    edit(
        folder,
        "scenario.yaml",
        "planning_factors: {}",
        "planning_factors: {food.mil.ration_3mre_kg_ppd: 2.2}",
    )
    scenario, warnings = load_scenario_with_warnings(folder)
    assert warnings == []
    assert scenario.factor_overrides == {"food.mil.ration_3mre_kg_ppd": 2.2}
    # its source is the scenario's now, with the default's for reference (a tester's
    # override of 2.2 still cited the doctrine's 5.50 lb alone)
    factor = factors_for(scenario.factor_overrides)["food.mil.ration_3mre_kg_ppd"]
    assert (factor.value, factor.overridden) == (2.2, True)
    assert factor.source_note.startswith(
        "[scenario] user value, in place of the default 2.495 ([primary"
    )


def test_new_factor_key_can_be_used_by_a_rate(folder: Path) -> None:
    """A rate may name a factor the scenario defines itself."""
    edit(
        folder, "scenario.yaml", "planning_factors: {}", "planning_factors: {my.ration_kg_ppd: 2.0}"
    )
    edit(folder, "scenario.yaml", "food.mil.ration_3mre_kg_ppd   #", "my.ration_kg_ppd   #")
    _, warnings = load_scenario_with_warnings(folder)
    assert warnings == []


def test_an_override_key_one_slip_from_a_default_is_an_error(folder: Path) -> None:
    """An unused override key like a default factor's says the plan would take the default."""
    edit(
        folder,
        "scenario.yaml",
        "planning_factors: {}",
        "planning_factors: {food.mil.ration_3mre_kgppd: 2}",
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    assert [str(i) for i in caught.value.issues] == [
        "scenario.yaml:44: planning_factors.food.mil.ration_3mre_kgppd: "
        "'food.mil.ration_3mre_kgppd' is no planning factor and no rate names it, so the plan "
        "would take the default factor food.mil.ration_3mre_kg_ppd (2.495 kg/person/day) "
        "instead: did you mean food.mil.ration_3mre_kg_ppd? (a new factor needs a rate that "
        "names it)"
    ]


def test_an_unused_new_factor_like_no_default_is_a_warning(folder: Path) -> None:
    """A new key that no rate names and that is like no default warns that it changes nothing."""
    edit(folder, "scenario.yaml", "planning_factors: {}", "planning_factors: {my.bread_kg: 2}")
    _, warnings = load_scenario_with_warnings(folder)
    assert [str(w) for w in warnings] == [
        "scenario.yaml:44: planning_factors.my.bread_kg: warning: 'my.bread_kg' is not used: "
        "it is no default planning factor and no rate names it, so it changes nothing (name it "
        "in a rate, or remove it)"
    ]


def test_factor_in_wrong_unit_is_a_warning(folder: Path) -> None:
    """A kg commodity rated with an L/person/day factor loads with a unit warning."""
    edit(
        folder,
        "scenario.yaml",
        "food.mil.ration_3mre_kg_ppd   #",
        "water.sphere.total_min_lppd   #",
    )
    _, warnings = load_scenario_with_warnings(folder)
    assert len(warnings) == 1
    assert "L/person/day" in warnings[0].message


def test_yaml_tags_are_refused(folder: Path) -> None:
    """A Python object tag is an error, never executed."""
    edit(
        folder, "scenario.yaml", "name: My operation", "name: !!python/object/apply:os.system [ls]"
    )
    with pytest.raises(ScenarioError, match="not supported"):
        load_scenario(folder)


def test_only_comments_is_empty(folder: Path) -> None:
    """A scenario.yaml with only comments is reported as empty."""
    (folder / "scenario.yaml").write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"scenario\.yaml: file is empty"):
        load_scenario(folder)


def test_csvs_are_checked_when_yaml_is_broken(folder: Path) -> None:
    """A broken scenario.yaml does not hide the errors of the CSV files."""
    (folder / "scenario.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    edit(folder, "units.csv", ",450,40,", ",-450,40,")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    assert {i.file for i in caught.value.issues} == {"scenario.yaml", "units.csv"}


def test_horizon_may_end_on_the_last_calendar_day(folder: Path) -> None:
    """A 30-day horizon from 9999-12-02 ends on 9999-12-31 and loads."""
    edit(folder, "scenario.yaml", "start_date: 2025-06-01", "start_date: 9999-12-02")
    edit(folder, "units.csv", ",0,C+6,", ",0,4,")
    scenario, _ = load_scenario_with_warnings(folder)
    assert scenario.date_of(scenario.horizon_days - 1) == dt.date.max
