"""A claim names only the commodities whose total shortfall the extra changes.

A tester's +0.053 t/day of medical supply "removed 1.98 t of shortfall: 20.79 t less of
water at bv-mrb-1, …; in the re-solved plan 35.68 t more of water at bv-mrb-2", where the
water short was 92.06 t re-planned with the extra as without it: a reshuffle between
equally good plans, read as "medical stock fixes water". And "6 t more of food at b" meant
more food short, but read as more food delivered. A re-checker's "21 t less water short
(18 t at u2, 6 t at u1 and others)" hid the others' 3 t more short.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from hypothesis import assume, given
from hypothesis import strategies as st

from supplyline.domain import Demand, Scenario
from supplyline.planning.assemble import prepare
from supplyline.planning.extract import Outcome
from supplyline.planning.outcome_words import effect
from supplyline.planning.params import PlanParams
from supplyline.planning.shortfall_words import commodity_changes, shortfall_words

EPS = 1e-3
UNITS = ("a", "b", "c", "d", "e")
COMMODITIES = ("water", "food", "fuel")
LISTED = re.compile(r"([\d,.]+) t (less|more) (\w+) short")
STATED = re.compile(r"^removes ([\d,.]+) t of shortfall")
CLAUSE = re.compile(r"([\d,.]+) t (less|more) (\w+) short( at \w+| \([^)]*\))?")
FIGURE = re.compile(r"([\d,.]+) t(?: (less|more))? (?:at \w+|elsewhere|spread over several units)")


def _outcome(short_by: dict[tuple[int, int], float]) -> Outcome:
    return Outcome(
        short_t=math.fsum(short_by.values()),
        short_by=short_by,
        late_days={},
        closure_day={},
        late_t_days=0.0,
        late_pax_days=0.0,
        transport_cost=100.0,
    )


def test_a_commodity_only_moved_between_units_is_not_said_removed(
    bilateral: tuple[Scenario, Demand],
) -> None:
    """2 t less of the first commodity; the second's 20 t moved from one unit to another.

    By hand: 30 t short before (10 + 20 at the first unit), 28 t after (8 there of the
    first, the second's 20 t at the second unit): 2 t removed, all of the first commodity.
    """
    problem = prepare(*bilateral, PlanParams())
    first = problem.demand.unit_ids[0]
    medical, water = problem.demand.commodity_ids[:2]
    base = _outcome({(0, 0): 10.0, (0, 1): 20.0})
    new = _outcome({(0, 0): 8.0, (1, 1): 20.0})
    assert effect(problem, base, new)[1] == (
        f"removes 2 t of shortfall: 2 t less {medical} short at {first}; in the re-solved "
        f"plan {water} moved between units, its total unchanged"
    )
    assert effect(problem, base, replace(new, short_by={(0, 0): 8.0, (0, 1): 20.0}))[1] == (
        f"removes 2 t of shortfall: 2 t less {medical} short at {first}"
    )


def test_a_rise_and_a_cut_both_say_shortfall_and_in_all() -> None:
    """The split_supply claim: 11 t less water short and 8 t more food short, 3 t in all."""
    change = {("a", "water"): -6.0, ("b", "water"): -5.0, ("b", "food"): 6.0, ("a", "food"): 2.0}
    assert shortfall_words(3.0, change, EPS, all_of_it=False) == (
        "removes 3 t of shortfall in all: 11 t less water short (6 t at a, 5 t at b), "
        "8 t more food short (6 t at b, 2 t at a)"
    )


def test_units_moving_against_the_total_are_said_so() -> None:
    """The r/5 pattern: 18 + 6 t less is 24, the 21 t cut said with the 3 t more at u0."""
    change = {
        ("u2", "water"): -18.0,
        ("u1", "water"): -6.0,
        ("u0", "water"): 3.0,
        ("u0", "food"): -5.0,
        ("u2", "food"): 5.0,
    }
    assert shortfall_words(21.0, change, EPS, all_of_it=False) == (
        "removes 21 t of shortfall: 21 t less water short (18 t less at u2, 6 t less at u1; "
        "3 t more at u0); in the re-solved plan food moved between units, its total unchanged"
    )


def test_the_units_not_named_are_said_as_their_sum_each_way() -> None:
    """Beyond two units a way, the rest's tonnes are said as "elsewhere", each way apart."""
    change = {("a", "water"): -10.0, ("b", "water"): -6.0, ("c", "water"): -2.0}
    change |= {("d", "water"): 3.0, ("e", "water"): 2.0, ("f", "water"): 1.0}
    assert shortfall_words(12.0, change, EPS, all_of_it=False) == (
        "removes 12 t of shortfall: 12 t less water short (10 t less at a, 6 t less at b "
        "and 2 t less elsewhere; 3 t more at d, 2 t more at e and 1 t more elsewhere)"
    )
    along = {("a", "food"): -10.0, ("b", "food"): -6.0, ("c", "food"): -2.0}
    assert shortfall_words(18.0, along, EPS, all_of_it=False) == (
        "removes 18 t of shortfall: 18 t less food short (10 t at a, 6 t at b and 2 t elsewhere)"
    )


def test_several_commodities_only_moved_are_said_once() -> None:
    """Two reshuffles are one clause; with none listed, the figure stands alone."""
    change = {("a", "water"): -4.0, ("b", "water"): 4.0, ("a", "fuel"): 1.0, ("c", "fuel"): -1.0}
    assert shortfall_words(0.5, change, EPS, all_of_it=False) == (
        "removes 0.50 t of shortfall; in the re-solved plan fuel and water moved between units, "
        "their totals unchanged"
    )


@st.composite
def _changes(draw: st.DrawFn) -> dict[tuple[str, str], float]:
    """Tonnes short by (unit, commodity), some commodities only moved between units."""
    out: dict[tuple[str, str], float] = {}
    for commodity in COMMODITIES:
        ds = [draw(st.integers(-6000, 6000)) / 100 for _ in UNITS]
        if draw(st.booleans()):  # a reshuffle: the total unchanged
            ds[-1] = -math.fsum(ds[:-1])
        out.update({(u, commodity): d for u, d in zip(UNITS, ds, strict=True)})
    return out


@given(_changes())
def test_listed_changes_are_real_and_sum_to_the_figure(
    change: dict[tuple[str, str], float],
) -> None:
    """Each commodity listed changes beyond the tolerance; the listed add up to the figure."""
    removed = -math.fsum(change.values())
    assume(removed > EPS)  # a claim says "removes" only of a shortfall removed
    said = shortfall_words(removed, change, EPS, all_of_it=False)
    totals = {c: math.fsum(d for (_, k), d in change.items() if k == c) for c in COMMODITIES}
    listed = {
        c: (-1 if way == "less" else 1) * float(t.replace(",", ""))
        for t, way, c in LISTED.findall(said)
    }
    assert all(abs(totals[c]) > EPS and abs(d) > 0 for c, d in listed.items())
    assert {c for c, t in totals.items() if abs(t) > EPS} == set(listed)
    stated = STATED.match(said)
    assert stated is not None
    figure = float(stated.group(1).replace(",", ""))
    # each figure rounded on its own (to 0.01, or whole from 100): "in all" says so
    rounding = math.fsum(0.5 if abs(f) >= 100 else 0.005 for f in [figure, *listed.values()])
    assert abs(figure + math.fsum(listed.values())) <= rounding + EPS * len(COMMODITIES)
    changed, _ = commodity_changes(change, EPS)
    unlisted = len(COMMODITIES) - len(changed)
    assert abs(removed + math.fsum(c.total_t for c in changed)) <= EPS * unlisted + 1e-9
    assert (" in all" in said) == (len(listed) > 1 or any(d > 0 for d in listed.values()))


@given(_changes())
def test_the_figures_said_for_a_commodity_add_up_to_its_change(
    change: dict[tuple[str, str], float],
) -> None:
    """Named units and "elsewhere", each signed by its way, sum to the commodity's change.

    A figure without its own way goes the total's way; each is rounded on its own, and what
    moves against the total within the tolerance is left unsaid; beyond it, it is said.
    """
    removed = -math.fsum(change.values())
    assume(removed > EPS)
    said = shortfall_words(removed, change, EPS, all_of_it=False)
    for total, way, commodity, units in CLAUSE.findall(said):
        sign = -1 if way == "less" else 1
        stated = sign * float(total.replace(",", ""))
        figures = [
            (sign if not each else (-1 if each == "less" else 1)) * float(t.replace(",", ""))
            for t, each in FIGURE.findall(units)
        ] or [stated]  # "… short at u" or no unit beyond the tolerance: the total itself
        rounding = math.fsum(0.5 if abs(f) >= 100 else 0.005 for f in [stated, *figures])
        assert abs(math.fsum(figures) - stated) <= rounding + EPS * len(UNITS), said
        against = [d for (_, k), d in change.items() if k == commodity and d * sign < -EPS]
        assert (";" in units) == bool(against), said  # the other way said, apart
