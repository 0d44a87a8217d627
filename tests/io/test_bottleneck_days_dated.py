"""bottlenecks.csv gives each day as number, C+N label and date, and the extra's own days.

A tester's bottlenecks.csv had only ``first_label`` and ``last_label``, where every other
file gives day, label and date; and a yard bound on C+3–C+11 said "+400 t/day there on
C+3–C+7" in its explanation alone, so a reader of the file applied the extra to 9 days.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import Bottleneck, Plan, PlanStatus, ResourceKind
from supplyline.io.plan_files import read_plan, write_plan
from supplyline.planning import plan_movements
from supplyline.planning.examples import gauge_break
from supplyline.types import day_label

YARD = Bottleneck(
    kind=ResourceKind.HANDLING,
    resource="yard",
    days=tuple(range(3, 12)),
    shadow_price=10.0,
    capacity=300.0,
    suggested_extra=400.0,
    extra_days=tuple(range(3, 8)),
    explanation="the yard limits deployment on C+3–C+11; +400 t/day there on C+3–C+7 …",
)
STORE = Bottleneck(
    kind=ResourceKind.STORAGE,
    resource="depot",
    days=(2, 3, 9),
    shadow_price=1.0,
    capacity=20.0,
    suggested_extra=10.0,
    extra_unit="t",
)


@given(
    start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)),
    days=st.lists(st.integers(0, 400), max_size=5).map(sorted),
)
def test_span_cells_date_is_start_plus_day(start: dt.date, days: list[int]) -> None:
    """first_date is start_date + first_day, the label C+N, and so for the last; blank if none."""
    plan = Plan(scenario="s", start_date=start, horizon_days=401, status=PlanStatus.OPTIMAL,
                objective=0.0)  # fmt: skip
    cells = plan.span_cells("extra_", days)
    for end, day in (("first", days[0] if days else None), ("last", days[-1] if days else None)):
        if day is None:
            assert [cells[f"extra_{end}_{c}"] for c in ("day", "label", "date")] == [None] * 3
            continue
        assert cells[f"extra_{end}_day"] == day
        assert cells[f"extra_{end}_label"] == day_label(day) == f"C+{day}"
        assert cells[f"extra_{end}_date"] == (start + dt.timedelta(days=day)).isoformat()


def test_no_extra_has_no_days() -> None:
    """A bottleneck with no suggested extra has no extra days, whatever it was given."""
    b = dataclasses.replace(YARD, suggested_extra=None)
    assert (b.extra_days, b.extra_unit) == ((), None)


def test_bottlenecks_csv_dates_each_day_and_the_extra(tmp_path: Path) -> None:
    """The yard's row: days C+3–C+11 dated, its extra on C+3–C+7; the store's extra undated."""
    scenario, demand = gauge_break()
    plan = dataclasses.replace(plan_movements(scenario, demand), bottlenecks=(YARD, STORE))
    write_plan(tmp_path / "out", scenario, plan)
    with (tmp_path / "out" / "bottlenecks.csv").open(encoding="utf-8-sig", newline="") as fh:
        yard, store = list(csv.DictReader(fh))
    date = {d: (scenario.start_date + dt.timedelta(days=d)).isoformat() for d in (2, 3, 7, 9, 11)}
    assert [yard[f"first_{c}"] for c in ("day", "label", "date")] == ["3", "C+3", date[3]]
    assert [yard[f"last_{c}"] for c in ("day", "label", "date")] == ["11", "C+11", date[11]]
    assert yard["days"] == "9"  # a count
    assert [yard[f"extra_first_{c}"] for c in ("day", "label", "date")] == ["3", "C+3", date[3]]
    assert [yard[f"extra_last_{c}"] for c in ("day", "label", "date")] == ["7", "C+7", date[7]]
    assert (store["first_date"], store["last_date"]) == (date[2], date[9])
    extra_cells = [store[f"extra_{e}_{c}"] for e in ("first", "last") for c in ("day", "label")]
    assert extra_cells == [""] * 4  # a store's one storage_t: no days
    assert read_plan(tmp_path / "out").bottlenecks[0].extra_days == tuple(range(3, 8))
