"""``routes-bench --out FILE`` and ``-f json`` give the routes, re-checked here from scratch.

A user could not re-check "feasible" nor re-score the cost: the command printed neither
the routes nor a file. Each check below reads the instance file and the solution with
its own few lines (not supplyline's readers or scoring), so a fault in those would show.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.errors import OutputError

_register_commands()
runner = CliRunner()

# Solomon rows: number, x, y, demand, ready, due, service (the depot first, numbered 0)
SOLOMON_ROWS = [
    (0, 40, 50, 0, 0, 240, 0),
    (1, 45, 68, 10, 0, 200, 10),
    (2, 45, 70, 30, 20, 120, 10),
    (3, 42, 66, 10, 0, 200, 10),
    (4, 25, 85, 20, 50, 190, 10),
    (5, 22, 75, 30, 0, 200, 10),
    (6, 60, 40, 20, 0, 150, 10),
    (7, 62, 30, 10, 30, 200, 10),
    (8, 33, 35, 20, 0, 200, 10),
]
CAPACITY = 60


def _solomon(folder: Path) -> Path:
    path = folder / "tiny.txt"
    rows = "\n".join(" ".join(str(v) for v in row) for row in SOLOMON_ROWS)
    path.write_text(
        f"TINY\n\nVEHICLE\nNUMBER CAPACITY\n5 {CAPACITY}\n\nCUSTOMER\n"
        f"CUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME\n\n{rows}\n"
    )
    return path


def _arc(a: int, b: int) -> float:
    """Solomon's DIMACS arc: the Euclidean distance truncated to a tenth."""
    (_, xa, ya, *_), (_, xb, yb, *_) = SOLOMON_ROWS[a], SOLOMON_ROWS[b]
    return math.floor(10 * math.hypot(xa - xb, ya - yb) + 1e-9) / 10


def _solution(path: Path) -> tuple[list[list[int]], float]:
    text = path.read_text()
    routes = [
        [int(c) for c in m.group(1).split()]
        for m in re.finditer(r"^Route #\d+: (.*)$", text, re.MULTILINE)
    ]
    (cost,) = re.findall(r"^Cost (\S+)$", text, re.MULTILINE)
    return routes, float(cost)


def _bench(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["routes-bench", *args, "--time-limit", "0.5", "-f", "json"])
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)
    assert isinstance(row, dict)
    return row


def test_the_solution_file_is_feasible_and_rescores_to_the_printed_cost(tmp_path: Path) -> None:
    """Each customer once, loads within capacity, windows kept; the sum of arcs is the cost."""
    sol = tmp_path / "tiny.sol"
    row = _bench(str(_solomon(tmp_path)), "--out", str(sol))
    routes, cost = _solution(sol)
    assert sorted(c for r in routes for c in r) == list(range(1, len(SOLOMON_ROWS)))
    total = 0.0
    for route in routes:
        assert sum(SOLOMON_ROWS[c][3] for c in route) <= CAPACITY
        t = 0.0
        for a, b in zip([0, *route], [*route, 0], strict=True):
            t += _arc(a, b)
            total += _arc(a, b)
            t = max(t, SOLOMON_ROWS[b][4])
            assert t <= SOLOMON_ROWS[b][5] + 1e-9  # service starts by the due time
            t += SOLOMON_ROWS[b][6]
    assert total == pytest.approx(cost, abs=1e-6)
    assert row["cost"] == pytest.approx(total, abs=1e-6)
    assert row["feasible"] is True
    assert row["vehicles"] == len(routes)


def test_json_gives_each_route_with_load_distance_and_times(tmp_path: Path) -> None:
    """-f json: customers in visit order as the file has them, load, km, arrival, start."""
    sol = tmp_path / "tiny.sol"
    row = _bench(str(_solomon(tmp_path)), "--out", str(sol))
    routes, _ = _solution(sol)
    given = row["routes"]
    assert isinstance(given, list)
    assert [r["customers"] for r in given] == routes
    for r in given:
        path = [0, *r["customers"], 0]
        assert r["load"] == sum(SOLOMON_ROWS[c][3] for c in r["customers"])
        assert r["distance"] == pytest.approx(sum(_arc(a, b) for a, b in itertools.pairwise(path)))
        t, arrivals, starts = 0.0, [], []
        for a, b in itertools.pairwise(path[:-1]):
            t += _arc(a, b)
            arrivals.append(t)
            t = max(t, SOLOMON_ROWS[b][4])
            starts.append(t)
            t += SOLOMON_ROWS[b][6]
        assert r["arrival"] == pytest.approx(arrivals)
        assert r["service_start"] == pytest.approx(starts)


def test_the_file_reads_back_as_bks_at_no_gap(tmp_path: Path) -> None:
    """--bks FILE of the file written: the same cost, a gap of 0."""
    inst, sol = _solomon(tmp_path), tmp_path / "tiny.sol"
    first = _bench(str(inst), "--out", str(sol))
    again = _bench(str(inst), "--bks", str(sol))
    assert (again["bks"], again["bks_vehicles"]) == (first["cost"], first["vehicles"])


def test_a_cvrplib_route_has_no_times_and_rescores_to_nint_arcs(tmp_path: Path) -> None:
    """A .vrp instance: its routes re-score with arcs rounded to the nearest whole number."""
    coords = [(0, 0), (3, 4), (6, 8), (-5, 2), (-4, -7), (9, -1)]
    demand = [0, 4, 3, 5, 2, 6]
    lines = [
        "NAME : tiny", "TYPE : CVRP", f"DIMENSION : {len(coords)}",
        "EDGE_WEIGHT_TYPE : EUC_2D", "CAPACITY : 10", "NODE_COORD_SECTION",
        *(f"{i + 1} {x} {y}" for i, (x, y) in enumerate(coords)),
        "DEMAND_SECTION", *(f"{i + 1} {d}" for i, d in enumerate(demand)),
        "DEPOT_SECTION", "1", "-1", "EOF",
    ]  # fmt: skip
    inst, sol = tmp_path / "tiny.vrp", tmp_path / "tiny.sol"
    inst.write_text("\n".join(lines) + "\n")
    row = _bench(str(inst), "--out", str(sol))
    routes, cost = _solution(sol)
    assert sorted(c for r in routes for c in r) == [1, 2, 3, 4, 5]

    def arc(a: int, b: int) -> int:
        (xa, ya), (xb, yb) = coords[a], coords[b]
        return math.floor(math.hypot(xa - xb, ya - yb) + 0.5)

    total = sum(arc(a, b) for r in routes for a, b in zip([0, *r], [*r, 0], strict=True))
    assert all(sum(demand[c] for c in r) <= 10 for r in routes)
    assert (cost, row["cost"]) == (pytest.approx(total), pytest.approx(total))
    assert all("arrival" not in r for r in row["routes"])  # type: ignore[attr-defined]


def test_out_keeps_a_users_file_without_force(tmp_path: Path) -> None:
    """A published .sol at --out is kept (OutputError, exit 8), as every file output keeps one."""
    sol = tmp_path / "best.sol"
    sol.write_text("Route #1: 1 2 3\nCost 1\n")
    args = ["routes-bench", str(_solomon(tmp_path)), "--time-limit", "0.2", "--out", str(sol)]
    result = runner.invoke(app, args)
    assert isinstance(result.exception, OutputError)
    assert "give --force to replace it" in str(result.exception)
    assert sol.read_text() == "Route #1: 1 2 3\nCost 1\n"
    assert runner.invoke(app, [*args, "--force"]).exit_code == 0
    assert sol.read_text().startswith("Generator: supplyline routes-bench, TINY")
