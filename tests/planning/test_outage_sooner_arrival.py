"""An outage's claim is what a plan of the scenario without that window gains.

A tester's unit, travelling D→X→S→C behind a road closed C+5–C+7, could arrive on C+9
with the closure and C+7 without it. ``plan`` handed the planner the demand already moved
to the arrivals, so the bottleneck report's re-plan fed the unit from C+9 as the closure
had: "leaves 75 t-days more below the units' days-of-supply targets" where the plan made
without the closure leaves 90, and 1,385,917 saved where it saves 1,380,305. The planner
now takes the demand as computed and moves it to each plan's own arrivals.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from random_networks import SETTINGS

from supplyline.domain import Bottleneck, Plan, PlanStatus, ResourceKind
from supplyline.planning import PlanParams
from supplyline.services.planning import plan_scenario

_YAML = (
    "name: sooner\nstart_date: 2025-06-01\nhorizon_days: {days}\npartners:\n  - {{id: a}}\n"
    "commodities:\n  - {{id: food, name: Food, supply_class: food, priority: 1, "
    "demand_unit: kg, per_person_per_day: {kg}}}\n"
)
_LINKS = "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,capacity_pax_per_day,"
_LINKS += "cost_per_t,outage_days\n"
_LOCATIONS = "id,name,partner,kind,lat,lon,handling_t_per_day,handling_pax_per_day\n"
_UNITS = "id,name,partner,home,destination,personnel,available_day,required_day,"
_UNITS += "deployment_lift_t,days_of_supply\n"
_PARAMS = PlanParams(explain_time_s=120.0)
"""Time enough to re-plan every window, however loaded the machine."""


@dataclass(frozen=True, slots=True)
class _Case:
    """A scenario folder's files; the links' last cell is their outage days."""

    days: int
    kg_per_person: int
    links: str
    locations: str
    units: str
    stock_t: int

    def write(self, folder: Path, *, outage: bool) -> Path:
        """The folder's files, with the outage or without it (every outage cell emptied)."""
        folder.mkdir()
        (folder / "scenario.yaml").write_text(
            _YAML.format(days=self.days, kg=self.kg_per_person), "utf-8"
        )
        rows = self.links.splitlines()
        links = rows if outage else [row.rsplit(",", 1)[0] + "," for row in rows]
        (folder / "links.csv").write_text(_LINKS + "".join(f"{r}\n" for r in links), "utf-8")
        (folder / "locations.csv").write_text(_LOCATIONS + self.locations, "utf-8")
        (folder / "units.csv").write_text(_UNITS + self.units, "utf-8")
        (folder / "stocks.csv").write_text(
            f"location,commodity,initial_t\nL0,food,{self.stock_t}\n", "utf-8"
        )
        return folder


def _plan(folder: Path) -> Plan:
    plan = plan_scenario(folder, None, params=_PARAMS).plan
    assert plan.status is PlanStatus.OPTIMAL
    return plan


def _outages(plan: Plan) -> list[Bottleneck]:
    return [b for b in plan.bottlenecks if b.kind is ResourceKind.OUTAGE]


def _cost(plan: Plan, folder: Path) -> float:
    """The plan's transport cost, from its movements and the links' cost per tonne."""
    per_t = {}
    for row in (folder / "links.csv").read_text("utf-8").splitlines()[1:]:
        cells = row.split(",")
        per_t[cells[0]] = float(cells[8])
    return sum(m.tonnes * per_t[m.link] for m in plan.movements)


def _figures(plan: Plan, folder: Path) -> dict[str, float]:
    """What the bottleneck entries' gains are differences of, read from the plan's records."""
    return {
        "objective": plan.objective,
        "short": plan.total_short_t,
        "late_t": sum(c.late_t_days for c in plan.closures),
        "late_pax": sum(c.late_pax_days for c in plan.closures),
        "gap": sum(g.below_t for g in plan.target_gaps),
        "cost": _cost(plan, folder),
    }


def _assert_claims_what_the_plan_without_it_gains(case: _Case, root: Path) -> None:
    """Every outage entry's figures are the plan's less the plan made without its window."""
    closed = case.write(root / "closed", outage=True)
    plan = _plan(closed)
    entries = _outages(plan)
    if not entries:
        return
    (entry,) = entries  # one window: one entry at most
    opened = case.write(root / "opened", outage=False)
    was, now = _figures(plan, closed), _figures(_plan(opened), opened)
    assert entry.shadow_price == pytest.approx(max(0.0, was["objective"] - now["objective"]))
    assert entry.shortfall_removed_t == pytest.approx(was["short"] - now["short"], abs=1e-3)
    assert entry.late_t_days_cut == pytest.approx(was["late_t"] - now["late_t"], abs=1e-3)
    assert entry.late_pax_days_cut == pytest.approx(was["late_pax"] - now["late_pax"], abs=1e-3)
    assert entry.target_t_days_filled == pytest.approx(was["gap"] - now["gap"], abs=1e-3)
    assert entry.transport_cost_saved == pytest.approx(was["cost"] - now["cost"], abs=1e-2)


_HAND = _Case(
    days=8,
    kg_per_person=1,
    links="l1,L0,L1,road,40,1,100,100,100,2-3\n",
    locations="L0,Depot,a,depot,50.0,20.0,,\nL1,Camp,a,unit_area,50.0,21.0,,\n",
    units="U2,U2,a,L0,L1,100,2,3,0,0\n",
    stock_t=100,
)
"""Road l1 (L0→L1, a day, 100 a tonne) closed C+2–C+3; U2 (100 people eating 0.1 t of food
a day), available C+2 and required C+3, leaves C+4 and arrives C+5: 200 person-days late,
fed C+5–C+7 (0.3 t, 30 in cost). Without the closure it arrives C+3 and eats from then
(0.5 t, 50)."""


def test_the_closure_s_re_plan_feeds_the_unit_from_its_sooner_arrival(tmp_path: Path) -> None:
    """By hand: 200 person-days cut, for 20 more in cost (0.2 t of food more, at 100 a tonne).

    Fed from C+5 as with the closure, the re-plan had said the cost unchanged and sent only
    the deployment over the road on C+2–C+3.
    """
    plan = _plan(_HAND.write(tmp_path / "closed", outage=True))
    (entry,) = _outages(plan)
    assert entry.resource == "l1 closed C+2–C+3"
    assert entry.late_pax_days_cut == pytest.approx(200.0)
    assert entry.transport_cost_saved == pytest.approx(-20.0)
    assert entry.commodities == ("deployment", "food")
    assert "cuts the people arriving late by 200 person-days" in entry.explanation
    assert entry.explanation.endswith("for 20 more in transport cost (the links' cost units)")


def test_the_hand_case_s_claim_is_the_plan_without_its_closure(tmp_path: Path) -> None:
    """Every figure of the hand case's entry is the plan's less the plan made without it."""
    _assert_claims_what_the_plan_without_it_gains(_HAND, tmp_path)


@st.composite
def _cases(draw: st.DrawFn) -> _Case:
    """A unit deploying along a chain L0→…→Ln, one link of which is closed for a few days.

    The chain's links may limit tonnes and people, its inner places handle them; a unit may
    be in place at Ln already, with days of supply to hold, as the tester's camp unit was.
    """
    days = draw(st.integers(6, 10))
    n = draw(st.integers(1, 3))
    closed = draw(st.integers(0, n - 1))
    first = draw(st.integers(0, days - 3))
    last = first + draw(st.integers(0, 2))
    links = ""
    for i in range(n):
        cap_t = draw(st.sampled_from(["", "5", "12", "40"]))
        cap_pax = draw(st.sampled_from(["", "30", "100"]))
        transit = draw(st.integers(0, 1)) if i else 1  # one day at least along the chain
        outage = f"{first}-{last}" if i == closed else ""
        links += f"k{i},L{i},L{i + 1},road,40,{transit},{cap_t},{cap_pax},"
        links += f"{draw(st.integers(0, 3))},{outage}\n"
    kinds = ["depot", *(["transshipment"] * (n - 1)), "unit_area"]
    locations = ""
    for i, kind in enumerate(kinds):
        inner = 0 < i < n
        handling_t = draw(st.sampled_from(["", "12", "30"])) if inner else ""
        handling_pax = draw(st.sampled_from(["", "30", "80"])) if inner else ""
        locations += f"L{i},L{i},a,{kind},50.0,{20 + i / 2},{handling_t},{handling_pax}\n"
    available = draw(st.integers(0, 3))
    required = available + draw(st.integers(0, 2))
    lift, people = draw(st.integers(0, 20)), draw(st.integers(10, 100))
    dos = draw(st.integers(0, 3))
    units = f"U2,U2,a,L0,L{n},{people},{available},{required},{lift},{dos}\n"
    if draw(st.booleans()):
        camp = draw(st.integers(50, 1000))
        units = f"U,U,a,L{n},L{n},{camp},0,0,0,{draw(st.integers(0, 3))}\n" + units
    return _Case(
        days=days,
        kg_per_person=draw(st.integers(1, 10)),
        links=links,
        locations=locations,
        units=units,
        stock_t=draw(st.integers(5, 300)),
    )


@SETTINGS
@given(case=_cases())
def test_each_outage_claim_is_the_plan_without_its_window(case: _Case) -> None:
    """Shortfall, lateness, targets, cost and objective saved: the re-plan's are a plan's own."""
    with tempfile.TemporaryDirectory() as root:
        _assert_claims_what_the_plan_without_it_gains(case, Path(root))
