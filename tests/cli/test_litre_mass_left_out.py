"""A commodity consumed by the litre, its kg_per_demand_unit left out: weighed as what it is, said.

Diesel given no density was weighed as water (1 kg a litre, 19 % heavier than diesel)
without a word. A fuel is now weighed at ``FUEL_KG_PER_LITRE``, anything else as water,
and each is a warning at the commodity's line naming the mass taken and the key to set;
water itself, which weighs 1 kg a litre, is not.
"""

from __future__ import annotations

import json
from pathlib import Path

from cli_helpers import run

from supplyline.domain.commodities import FUEL_KG_PER_LITRE

FUEL = "  - id: fuel\n"
FUEL_MASS = "    kg_per_demand_unit: 0.84       # diesel density, kg per litre\n"
WATER_MASS = "    kg_per_demand_unit: 1.0        # 1 L of water weighs 1 kg\n"


def _template(folder: Path) -> str:
    """Write the template scenario into ``folder``; its scenario.yaml's text."""
    done = run("init", folder)
    assert done.returncode == 0, done.stderr
    return (folder / "scenario.yaml").read_text(encoding="utf-8")


def _requirements(folder: Path, scenario: str) -> tuple[dict[str, float], str]:
    """``folder``'s scenario.yaml written as ``scenario``: each commodity's total t, and stderr."""
    (folder / "scenario.yaml").write_text(scenario, encoding="utf-8")
    done = run("requirements", folder, "--format", "json")
    assert done.returncode == 0, done.stderr
    return {row["commodity"]: row["total_t"] for row in json.loads(done.stdout)}, done.stderr


def _line_of(text: str, part: str) -> int:
    """The line (from 1) on which ``part`` starts in ``text``."""
    return text[: text.index(part)].count("\n") + 1


def test_a_fuel_with_no_density_is_weighed_as_a_fuel_and_said(tmp_path: Path) -> None:
    """The fuel's tonnes are those of its density given as FUEL_KG_PER_LITRE; a warning says so."""
    scenario = _template(tmp_path / "s")
    given = scenario.replace(FUEL_MASS, f"    kg_per_demand_unit: {FUEL_KG_PER_LITRE!r}\n")
    as_given, quiet = _requirements(tmp_path / "s", given)
    left_out, said = _requirements(tmp_path / "s", scenario.replace(FUEL_MASS, ""))
    assert left_out == as_given
    assert "kg_per_demand_unit" not in quiet
    assert (
        f"scenario.yaml:{_line_of(scenario, FUEL)}: commodities[2].kg_per_demand_unit: "
        "warning: commodity 'fuel' is consumed by the litre (demand_unit L) but gives no "
        f"kg_per_demand_unit: its litres are weighed at {FUEL_KG_PER_LITRE:g} kg a litre"
    ) in said
    assert "give the commodity kg_per_demand_unit, its kg a litre" in said


def test_a_liquid_neither_water_nor_fuel_is_weighed_as_water_and_said(tmp_path: Path) -> None:
    """Water's rates as another class, its density left out: 1 kg a litre, and a warning."""
    scenario = _template(tmp_path / "s")
    other = scenario.replace("supply_class: water", "supply_class: general", 1)
    as_given, _ = _requirements(tmp_path / "s", other)
    left_out, said = _requirements(tmp_path / "s", other.replace(WATER_MASS, ""))
    assert left_out == as_given
    assert "commodity 'water' is consumed by the litre (demand_unit L)" in said
    assert "its litres are weighed at 1 kg a litre, as water" in said


def test_water_needs_no_density(tmp_path: Path) -> None:
    """Water in litres with no density: 1 kg a litre, as given, and no word of it."""
    scenario = _template(tmp_path / "s")
    assert WATER_MASS in scenario
    as_given, _ = _requirements(tmp_path / "s", scenario)
    left_out, said = _requirements(tmp_path / "s", scenario.replace(WATER_MASS, ""))
    assert left_out["water"] == as_given["water"]
    assert "commodity 'water'" not in said
