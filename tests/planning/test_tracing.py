"""Owner tracing: the day-by-day sweep solves the same system as SuperLU.

:func:`~supplyline.planning.tracing._sweep_by_day` replaces the LU solve where every flow
ends on a later day than it starts; it must give the LU's shares wherever it is used.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from random_networks import SETTINGS, scenarios

from supplyline.domain import Demand, Scenario
from supplyline.planning import plan_movements, tracing
from supplyline.planning.assemble import build_model, prepare
from supplyline.planning.examples import two_depots_one_hub
from supplyline.planning.params import PlanParams
from supplyline.planning.tracing import _solve_by_lu, _sweep_by_day


@st.composite
def systems(
    draw: st.DrawFn,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Nodes on days (ascending), flows from a day to a later one, supply by two owners."""
    per_day = draw(st.lists(st.integers(0, 4), min_size=2, max_size=6).filter(sum))
    node_day = np.repeat(np.arange(len(per_day)), per_day).astype(np.int64)
    n_a = len(node_day)
    pairs = [
        (a, b) for a in range(n_a) for b in range(n_a) if node_day[b] > node_day[a]
    ]  # tail, head
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=12)) if pairs else []
    tail = np.array([a for a, _ in chosen], dtype=np.int64)
    head = np.array([b for _, b in chosen], dtype=np.int64)
    amount = np.array(
        draw(st.lists(st.floats(0.01, 50), min_size=len(chosen), max_size=len(chosen)))
    )
    supply = np.array(
        draw(st.lists(st.sampled_from([0.0, 0.5, 3.0, 20.0]), min_size=2 * n_a, max_size=2 * n_a))
    ).reshape(n_a, 2)
    throughput = supply.sum(axis=1) + np.bincount(head, weights=amount, minlength=n_a)
    through = np.where(throughput > 1e-9, throughput, 1.0)
    return node_day, head, tail, amount, supply, through


@given(systems())
def test_the_day_sweep_gives_the_lu_solves_shares(
    case: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray],
) -> None:
    """Wherever every flow goes to a later day, both give the same shares (to rounding)."""
    node_day, head, tail, amount, supply, through = case
    swept = _sweep_by_day(node_day, head, tail, amount, supply, through)
    solved = _solve_by_lu(head, tail, amount, supply, through)
    np.testing.assert_allclose(swept, solved, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(("transit_days", "solver"), [(0, "_solve_by_lu"), (1, "_sweep_by_day")])
def test_mixed_sources_are_traced_in_proportion_by_either_solver(
    transit_days: int, solver: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same-day roads go to SuperLU, day-long ones to the sweep: each delivery 4 t A, 4 t B."""
    used: list[str] = []
    real = getattr(tracing, solver)

    def spy(*args: object) -> object:
        used.append(solver)
        return real(*args)

    monkeypatch.setattr(tracing, solver, spy)
    plan = plan_movements(*two_depots_one_hub(transit_days))
    got = sorted((d.day, d.source_partner, d.tonnes) for d in plan.deliveries)
    assert got == [(d, p, 4.0) for d in range(2 * transit_days, 6) for p in ("A", "B")]
    assert used == [solver]


@SETTINGS
@given(scenarios())
def test_the_rows_read_from_the_matrix_are_each_columns_own_nodes(
    case: tuple[Scenario, Demand],
) -> None:
    """The balance rows tracing reads from the matrix are each column's own nodes.

    A flow column leaves (f, from, t) and enters (f, to, t + delay), a stock (f, v, t + 1);
    a supply or a delivery sits in (f, v, t).
    """
    p = prepare(*case, PlanParams())
    m = build_model(p)
    rows = m.rows["balance"]
    f_row, v_row, t_row = rows["f"], rows["v"], rows["t"]

    def node(r: np.ndarray) -> list[tuple[int, int, int]]:
        return list(zip(f_row[r].tolist(), v_row[r].tolist(), t_row[r].tolist(), strict=True))

    arc, stock = m.cols["arc"], m.cols["stock"]
    a = arc["a"]
    tail, head = tracing._ends(m, arc.index)
    assert node(tail) == list(
        zip(arc["f"].tolist(), p.net.arc_from[a].tolist(), arc["t"].tolist(), strict=True)
    )
    arrive = arc["t"] + p.net.arc_delay[a]
    assert node(head) == list(
        zip(arc["f"].tolist(), p.net.arc_to[a].tolist(), arrive.tolist(), strict=True)
    )
    # a stock on the horizon's last day (goods left where they went to make room) has no
    # next day: tracing leaves it out
    kept = np.flatnonzero(stock["t"] < p.days - 1)
    sf, sv, st = stock["f"][kept], stock["v"][kept], stock["t"][kept]
    tail, head = tracing._ends(m, stock.index[kept])
    assert node(tail) == list(zip(sf.tolist(), sv.tolist(), st.tolist(), strict=True))
    assert node(head) == list(zip(sf.tolist(), sv.tolist(), (st + 1).tolist(), strict=True))
    sup = m.cols["supply"]
    got = node(tracing._own_row(m, sup.index))
    assert got == list(zip(sup["f"].tolist(), sup["v"].tolist(), sup["t"].tolist(), strict=True))
    dl = m.cols["deliver"]
    got = node(tracing._own_row(m, dl.index))
    want = zip(dl["k"].tolist(), p.unit_dest[dl["u"]].tolist(), dl["t"].tolist(), strict=True)
    assert got == list(want)
