"""Every independent mistake of one scenario.yaml entry is said in one run (tester t128).

A vehicle class's misspelt fuel key beside a negative ``km_per_day`` was said only once
the number was mended, and a commodity's misspelt rate key beside ``activity_scaled:
perhaps`` was hidden, its override then told it was "not used": an entry with an error
was never built, so what is checked of a built one (its rate keys, the commodity's rules
across fields) was never asked of it. A units.csv row with errors has every cell checked;
a YAML entry now has too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_helpers import edit, validate

from supplyline.errors import ScenarioError, Severity
from supplyline.io import load_scenario, write_template

_COMMODITY_GOOD = {
    "id": "spare-food",
    "name": "Spare rations",
    "supply_class": "food",
    "priority": "2",
    "volume_m3_per_t": "2.0",
    "demand_unit": "kg",
    "per_person_per_day": "food.mil.ration_3mre_kg_ppd",
    "vehicle_fuel": "false",
    "activity_scaled": "false",
}
_COMMODITY_MISTAKES = {  # key: a value wrong on its own, or against the others as they are
    "id": "deploy:spare",
    "priority": "99",
    "volume_m3_per_t": "-1",
    "per_person_per_day": "food.mil.ration_3mre_kg_ppdx",
    "vehicle_fuel": "true",  # fuel counted in kg
    "activity_scaled": "perhaps",
}
_VEHICLE_GOOD = {
    "id": "van",
    "name": "Van",
    "fuel_l_per_100km": "fuel.medium_truck.payload_16t_l_per_100km",
    "km_per_day": "80",
}
_VEHICLE_MISTAKES = {
    "id": "_van",
    "name": "yes",
    "fuel_l_per_100km": "fuel.medium_truck.payload_16t_l_per_100kmX",
    "km_per_day": "-60",
}


def _entry(fields: dict[str, str]) -> str:
    return "  - {" + ", ".join(f"{key}: {value}" for key, value in fields.items()) + "}\n"


def _columns_said(folder: Path, before: str, entry: str) -> list[str]:
    """The fields that errors name on the line of ``entry``, added as the line ``before`` was."""
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    at = text.index(f"\n{before}") + 1
    line = text[:at].count("\n") + 1
    (folder / "scenario.yaml").write_text(text[:at] + entry + text[at:], encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [
        str(i.column).rsplit(".", 1)[-1]
        for i in caught.value.issues
        if i.severity is Severity.ERROR and i.file == "scenario.yaml" and i.line == line
    ]


_SETTINGS = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


_KINDS = {  # an entry's good keys, its mistakes, and the line it is added before
    "commodity": (_COMMODITY_GOOD, _COMMODITY_MISTAKES, "vehicle_classes:"),
    "vehicle class": (_VEHICLE_GOOD, _VEHICLE_MISTAKES, "activity_levels:"),
}


@pytest.mark.parametrize("kind", sorted(_KINDS))
@_SETTINGS
@given(data=st.data())
def test_an_entry_with_k_mistakes_gets_k_messages(
    tmp_path_factory: pytest.TempPathFactory, kind: str, data: st.DataObject
) -> None:
    """A commodity or vehicle class with k independent mistakes is told k errors, one per key."""
    good, mistakes, before = _KINDS[kind]
    wrong = data.draw(st.sets(st.sampled_from(sorted(mistakes)), min_size=1))
    folder = write_template(tmp_path_factory.mktemp("entry") / "scenario")
    fields = good | {key: mistakes[key] for key in wrong}
    assert sorted(_columns_said(folder, before, _entry(fields))) == sorted(wrong)


def test_the_testers_fuel_key_and_negative_km_are_said_by_one_validate(folder: Path) -> None:
    """`supplyline validate` says the misspelt fuel key beside the negative km_per_day."""
    edit(folder, "scenario.yaml", "payload_16t_l_per_100km", "payload_16t_l_per_100kmX")
    edit(folder, "scenario.yaml", "km_per_day: 60", "km_per_day: -60")
    proc = validate(folder)
    assert proc.returncode == 2
    said = proc.stderr.splitlines()
    assert any("vehicle_classes[0].km_per_day: -60 is negative" in line for line in said), said
    assert any(
        "vehicle_classes[0].fuel_l_per_100km: 'fuel.medium_truck.payload_16t_l_per_100kmX' "
        "is not a planning factor" in line
        for line in said
    ), said


def test_a_misspelt_rate_of_a_broken_entry_is_said_and_its_override_not_called_unused(
    folder: Path,
) -> None:
    """The override a misspelt key meant is offered by the key's error, not called unused."""
    edit(folder, "scenario.yaml", "planning_factors: {}", "planning_factors: {my.ration_kg: 1.7}")
    edit(
        folder,
        "scenario.yaml",
        "per_person_per_day: food.mil.ration_3mre_kg_ppd",
        "per_person_per_day: my.ration_kgg\n    activity_scaled: perhaps",
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    said = [str(i) for i in caught.value.issues]
    assert [s.split(": ", 1)[1] for s in said if "commodities[0]" in s] == [
        "commodities[0].per_person_per_day: 'my.ration_kgg' is not a planning factor "
        "(known keys like it: my.ration_kg; or a number)",
        "commodities[0].activity_scaled: 'perhaps' is not a yes/no value (true or false)",
    ]
    assert not [s for s in said if "planning_factors.my.ration_kg" in s]
