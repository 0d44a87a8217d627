"""``plan --format json|csv`` lists every bottleneck; the table shows the top 5 and says so.

A tester's ``--explain 7`` heard "measuring bottleneck 7 of 7", then read a JSON whose
``bottlenecks`` held 5 entries beside ``summary.bottlenecks`` 7: the formats for programs
had been cut to the table's top 5.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.plan_cmds import TOP_BOTTLENECKS
from supplyline.services.scenarios import bundled_example

_register_commands()
runner = CliRunner()


def _plan(fmt: str) -> str:
    """The relief example's plan (10 bottlenecks, none measured) in ``fmt`` on stdout."""
    result = runner.invoke(
        app, ["plan", str(bundled_example("relief-operation")), "--explain=0", "--format", fmt]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.slow
def test_json_lists_as_many_bottlenecks_as_its_summary_counts() -> None:
    """10 counted, 10 listed (it listed 5), ranked 1 to 10."""
    data = json.loads(_plan("json"))
    count = data["summary"]["bottlenecks"]
    assert count > TOP_BOTTLENECKS
    assert [b["rank"] for b in data["bottlenecks"]] == list(range(1, count + 1))


@pytest.mark.slow
def test_csv_lists_as_many_bottlenecks_as_its_summary_counts() -> None:
    """The long-form CSV numbers every bottleneck as an item of its section."""
    rows = list(csv.DictReader(io.StringIO(_plan("csv"))))
    count = next(
        int(r["value"]) for r in rows if (r["section"], r["field"]) == ("summary", "bottlenecks")
    )
    items = {r["item"] for r in rows if r["section"] == "bottlenecks"}
    assert count > TOP_BOTTLENECKS
    assert items == {str(i) for i in range(1, count + 1)}


@pytest.mark.slow
def test_json_says_of_each_bottleneck_whether_it_was_measured() -> None:
    """A planner's script could not tell "not asked" from "measured, gains nothing".

    bottlenecks.csv and plan.json carried ``measuring``; ``--format json`` did not.
    """
    listed = json.loads(_plan("json"))["bottlenecks"]
    capacities = {b["measuring"] for b in listed if b["kind"] != "outage"}
    assert capacities == {"not_asked"}  # --explain=0: ranked by shadow price only
