"""`plan`'s bottleneck table and bottlenecks.csv, as a planner reads them.

On the bilateral example the table's ``removes t`` stood blank on all five rows (its claims
cut lateness and save cost, which the explanations say), and bottlenecks.csv gave
``capacity_unit``, what each row's ``capacity`` counts (t/day, pax/day, t), as its
fourteenth column, right of the long explanation, five columns after the figure.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import BILATERAL

from supplyline.domain.bottleneck import BOTTLENECK_PLACE_FIELDS

BOTTLENECK_COLUMNS = [
    "rank",
    "kind",
    "resource",
    "first_day",
    "first_label",
    "first_date",
    "last_day",
    "last_label",
    "last_date",
    "days",
    "shadow_price",
    "commodities",
    "capacity",
    "capacity_unit",
    "suggested_extra",
    "extra_unit",
    "extra_first_day",
    "extra_first_label",
    "extra_first_date",
    "extra_last_day",
    "extra_last_label",
    "extra_last_date",
    "shortfall_removed_t",
    "explanation",
    "late_t_days_cut",
    "late_pax_days_cut",
    "target_t_days_filled",
    "transport_cost_saved",
    "measuring",
    "then_limited_by",
    "together_with",
    "shortfall_extra",
    *BOTTLENECK_PLACE_FIELDS,
    "set_to",
]
"""bottlenecks.csv's header: every column it had, in its order, ``capacity_unit`` moved beside
``capacity``; each day's number and date beside its label, and the extra's days beside it;
``together_with`` (a joint claim's partner extras), then ``shortfall_extra`` (the least extra
for the shortfall alone), then where it is and its price read in its tier's unit
(``BOTTLENECK_PLACE_FIELDS``), then ``set_to`` (the scenario figure to write) last, so no
column before them moves."""

PLAN_JSON_BOTTLENECK_KEYS = [
    "kind",
    "resource",
    "days",
    "shadow_price",
    "commodities",
    "capacity",
    "capacity_unit",
    "suggested_extra",
    "extra_unit",
    "extra_days",
    "shortfall_removed_t",
    "late_t_days_cut",
    "late_pax_days_cut",
    "target_t_days_filled",
    "transport_cost_saved",
    "explanation",
    "measuring",
    "then_limited_by",
    "together_with",
    "shortfall_extra",
    *BOTTLENECK_PLACE_FIELDS,
    "set_to",
]
"""plan.json's bottleneck keys: every key it had, in its order, ``capacity_unit`` moved
from after ``explanation`` to beside ``capacity``; ``together_with``, then
``shortfall_extra``, then ``BOTTLENECK_PLACE_FIELDS``, then ``set_to`` (derived, not
read back) last."""


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The bilateral example planned on a 200-column terminal: its stdout and --out folder."""
    out = tmp_path_factory.mktemp("bilateral") / "out"
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "plan", str(BILATERAL), "--out", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, out


def test_a_removes_t_column_blank_on_every_row_is_not_shown(planned: tuple[str, Path]) -> None:
    """No rank removes shortfall: the table heads no ``removes t``, and names what it does."""
    lines = planned[0].splitlines()
    top = lines.index(next(line for line in lines if line.strip() == "Top bottlenecks"))
    heading = [c.strip() for c in lines[top + 2].split("┃")[1:-1]]
    assert heading == [
        "rank",
        "kind",
        "resource",
        "days",
        "one more saves",
        "capacity or supply",
        "extra",
        "then limited by",  # the Grenzfeld yard's gain, by the Kar-Tobe depot
    ]


def test_capacity_unit_stands_right_after_capacity(planned: tuple[str, Path]) -> None:
    """bottlenecks.csv keeps every column, and each row's unit is beside its capacity."""
    with (planned[1] / "bottlenecks.csv").open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == BOTTLENECK_COLUMNS
    assert (rows[0]["capacity"], rows[0]["capacity_unit"]) == ("300", "t/day")


def test_plan_json_puts_capacity_unit_right_after_capacity(planned: tuple[str, Path]) -> None:
    """Each plan.json bottleneck keeps every key, in order, its unit beside its capacity."""
    plan = json.loads((planned[1] / "plan.json").read_text(encoding="utf-8"))
    assert plan["bottlenecks"], "the bilateral example has bottlenecks to check"
    assert all(list(b) == PLAN_JSON_BOTTLENECK_KEYS for b in plan["bottlenecks"])
    assert (plan["bottlenecks"][0]["capacity"], plan["bottlenecks"][0]["capacity_unit"]) == (
        300,
        "t/day",
    )
