"""Rates and people a thousand times off are warned of, naming both numbers and the slip."""

from __future__ import annotations

import dataclasses
import statistics
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain import Scenario
from supplyline.domain.magnitudes import FAR_FACTOR, check_people_sizes, check_rate_sizes
from supplyline.io import load_scenario, load_scenario_with_warnings, write_template
from supplyline.io.factors import default_factors

RELIEF = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"


def relief() -> Scenario:
    return load_scenario(RELIEF)


def with_people(s: Scenario, people: list[int]) -> Scenario:
    units = tuple(
        dataclasses.replace(u, personnel=n) for u, n in zip(s.units, people, strict=False)
    )
    return dataclasses.replace(s, units=units[: len(people)])


def with_food(s: Scenario, rate: float) -> Scenario:
    coms = tuple(
        dataclasses.replace(c, per_person_per_day=rate) if c.id == "food" else c
        for c in s.commodities
    )
    return dataclasses.replace(s, commodities=coms)


def test_food_in_grams_typed_as_kg_is_named_as_such() -> None:
    """555 kg of food a person a day is 1,000× WFP's 0.555 kg: grams typed as kg."""
    (found,) = check_rate_sizes(with_food(relief(), 555), default_factors(), {})
    assert (found.entity, found.entity_id, found.field) == (
        "commodity",
        "food",
        "per_person_per_day",
    )
    assert found.message == (
        "555 kg a person a day is 1,000× the factor food.wfp.full_ration_net_kg_ppd (0.555): "
        "grams typed as kg?"
    )


def test_an_override_far_below_its_default_is_named() -> None:
    """An override of 0.0025 for a 2.495 kg factor is 1/998 of it: tonnes typed as kg."""
    key = "food.mil.ration_3mre_kg_ppd"
    (found,) = check_rate_sizes(relief(), default_factors(), {key: 0.0025})
    assert found.message == (
        f"0.0025 kg/person/day is 1/998 of the factor {key} (2.495): tonnes typed as kg?"
    )


def test_a_site_with_three_zeros_too_many_is_named() -> None:
    """4,200,000 people beside sites of hundreds to thousands is said with the 4,200 meant."""
    s = with_people(relief(), [4_200_000, 1800, 950, 3100])
    (found,) = check_people_sizes(s)
    assert found.message == (
        "4,200,000 people is 2,333× the median of the scenario's other units (1,800): check "
        "the number (a slip of 1,000: 4,200?)"
    )


def test_two_units_are_not_compared() -> None:
    """With fewer than three units with people, none is called the odd one."""
    assert check_people_sizes(with_people(relief(), [4_200_000, 1800])) == []


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(1, 400_000), min_size=3, max_size=6), st.floats(0.05, 20))
def test_people_within_the_spread_are_never_warned(base: list[int], scale: float) -> None:
    """Sizes no further apart than FAR_FACTOR from each other raise nothing, at any scale."""
    scaled = [max(1, round(n * scale)) for n in base]
    people = [min(n, min(scaled) * int(FAR_FACTOR)) for n in scaled]
    assert check_people_sizes(with_people(relief(), people)) == []


_RELIEF = relief()
"""Loaded once: the property below builds a scenario per example from its first unit."""


def per_unit_median_warnings(people: list[int]) -> list[tuple[str, str]]:
    """The warned units and the words the median gives, each median taken straightforwardly."""
    sized = [(f"u{i}", n) for i, n in enumerate(people) if n > 0]
    if len(sized) < 3:
        return []
    found = []
    for i, (uid, n) in enumerate(sized):
        median = statistics.median(p for j, (_, p) in enumerate(sized) if j != i)
        if n > FAR_FACTOR * median:
            found.append((uid, f"{n / median:,.0f}× the median of the scenario's other units "
                               f"({median:,.0f})"))  # fmt: skip
    return found


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.sampled_from([0, 1, 50, 50, 900, 4_200_000]), st.integers(0, 10**7)),
        max_size=40,
    )
)
def test_the_median_of_the_others_is_each_units_own(people: list[int]) -> None:
    """The same units warned, in order, with the same median as one taken per unit apart."""
    unit = _RELIEF.units[0]
    units = tuple(dataclasses.replace(unit, id=f"u{i}", personnel=n) for i, n in enumerate(people))
    found = check_people_sizes(dataclasses.replace(_RELIEF, units=units))
    expected = per_unit_median_warnings(people)
    assert [f.entity_id for f in found] == [uid for uid, _ in expected]
    for finding, (_, words) in zip(found, expected, strict=True):
        assert words in finding.message


@settings(max_examples=50, deadline=None)
@given(st.floats(0.555 / FAR_FACTOR, 4.259 * FAR_FACTOR))
def test_food_rates_within_the_factors_reach_are_never_warned(rate: float) -> None:
    """A food rate within 20× of the published food factors' span raises nothing."""
    assert check_rate_sizes(with_food(relief(), rate), default_factors(), {}) == []


def test_the_examples_and_the_template_raise_no_such_warning(tmp_path: Path) -> None:
    """Neither bundled example nor `init`'s template is warned of a rate or a size."""
    template = write_template(tmp_path / "scenario")
    for path in (RELIEF, RELIEF.parent / "bilateral-exercise", template):
        _, warnings = load_scenario_with_warnings(path)
        assert not [w for w in warnings if "×" in w.message or "1/" in w.message]


def test_a_factor_of_zero_sets_no_scale() -> None:
    """Held to a factor of 0 (a scenario may set one so), a rate is not divided by it.

    The round-trip property test met a ZeroDivisionError here: an override of 0 gave the
    comparison nothing to scale by.
    """
    defaults = default_factors()
    key = "food.mil.ration_3mre_kg_ppd"
    zero = dataclasses.replace(defaults[key], value=0.0)
    table = dataclasses.replace(defaults, factors={**defaults.factors, key: zero})
    assert check_rate_sizes(relief(), table, {key: 2.5}) == []
    assert check_rate_sizes(with_food(relief(), 2.5), table, {}) == []


def test_an_override_too_small_to_divide_by_still_gets_words() -> None:
    """CI's round-trip property test met a ZeroDivisionError: an override of 5e-324.

    Against a cruise speed of hundreds of km/h the ratio underflows to 0, and 1/0 failed
    to print; the warning must read as words instead.
    """
    key = "air.a400m.cruise_kmh"
    (found,) = check_rate_sizes(relief(), default_factors(), {key: 5e-324})
    assert found.field == key
    assert "a vanishing fraction of the factor" in found.message


@settings(max_examples=300)
@given(
    st.sampled_from(sorted(default_factors())),
    st.floats(min_value=0, allow_infinity=False, allow_nan=False, allow_subnormal=True),
)
def test_no_override_breaks_the_comparison(key: str, value: float) -> None:
    """Every finite override of every default factor gets a finding or none, never an error."""
    for found in check_rate_sizes(relief(), default_factors(), {key: value}):
        assert found.field == key
        assert "inf" not in found.message.split(": ")[0].replace("beyond 1e308", "")
