"""A bottleneck says in its data whether it was measured, and if not why.

``explain_top=1, explain_time_s=0.001`` and ``explain_top=0`` gave equal records: only
the CLI said "Rank 1 is not measured: the measuring time (0.001 s) ran out". Now
``Bottleneck.measuring`` carries it, through plan.json and bottlenecks.csv, and the
CLI's sentence is said from it.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest

from supplyline.domain import Measuring, Plan
from supplyline.io.plan_files import read_plan, write_plan
from supplyline.planning import PlanParams, plan_movements
from supplyline.planning import bottlenecks as bottlenecks_module
from supplyline.planning.examples import one_link
from supplyline.planning.summary import bottleneck_caveats

SHORT = {"capacity_t_per_day": 5.0}  # the link is the bottleneck


def _plan(explain_top: int) -> Plan:
    return plan_movements(*one_link(**SHORT), PlanParams(explain_top=explain_top))


@pytest.fixture
def out_of_time(monkeypatch: pytest.MonkeyPatch) -> Plan:
    """A plan asked to measure its top bottleneck, with no measuring time at all.

    No wall clock: the budget is 0 s, so the deadline has passed before the first re-solve.
    """
    monkeypatch.setattr(bottlenecks_module, "explain_budget", lambda *_: 0.0)
    return _plan(1)


def test_not_asked_and_out_of_time_are_told_apart(out_of_time: Plan) -> None:
    not_asked = _plan(0)
    assert not_asked.bottlenecks[0].measuring is Measuring.NOT_ASKED
    assert out_of_time.bottlenecks[0].measuring is Measuring.TIME_RAN_OUT
    assert out_of_time.bottlenecks[0].suggested_extra is None


def test_a_measured_bottleneck_says_so() -> None:
    measured = _plan(1).bottlenecks[0]
    assert measured.measuring is Measuring.MEASURED
    assert measured.suggested_extra is not None


def test_the_cli_sentence_is_said_from_the_field(out_of_time: Plan) -> None:
    """The same plan with the field changed changes the sentence: nothing else is read."""
    (ran_out,) = bottleneck_caveats(out_of_time, 5)
    assert ran_out.startswith("rank 1 is not measured: the measuring time (")
    relabelled = dataclasses.replace(
        out_of_time,
        bottlenecks=tuple(
            dataclasses.replace(b, measuring=Measuring.NOT_ASKED) for b in out_of_time.bottlenecks
        ),
    )
    assert bottleneck_caveats(relabelled, 5) == [
        "rank 1 is ranked by shadow price only, not measured"
    ]


def test_plan_json_and_bottlenecks_csv_carry_it(out_of_time: Plan, tmp_path: Path) -> None:
    scenario, _ = one_link(**SHORT)
    write_plan(tmp_path / "out", scenario, out_of_time)
    assert read_plan(tmp_path / "out") == out_of_time
    with (tmp_path / "out" / "bottlenecks.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["measuring"] == "time_ran_out"


@pytest.mark.parametrize(("explain_top", "told"), [(1, "time_ran_out"), (0, "not_asked")])
def test_an_older_plan_json_reads_with_it_from_its_figures(
    out_of_time: Plan, tmp_path: Path, explain_top: int, told: str
) -> None:
    """A plan.json written before ``measuring`` reads back as its summary told it."""
    scenario, _ = one_link(**SHORT)
    write_plan(tmp_path / "out", scenario, out_of_time)
    path = tmp_path / "out" / "plan.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for b in data["bottlenecks"]:
        del b["measuring"]
    data["stats"]["explain_top"] = explain_top
    path.write_text(json.dumps(data), encoding="utf-8")
    assert read_plan(path).bottlenecks[0].measuring.value == told
