"""Ctrl+C stops HiGHS within an iteration, wherever it runs, and leaves nothing running."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import highspy
import numpy as np
import pytest
from scipy.sparse import block_diag, csc_matrix
from scipy.sparse import random as sparse_random

from supplyline.planning import interrupt as interrupt_module
from supplyline.planning.block_start import solve_pieces
from supplyline.planning.highs import new_highs, pass_lp
from supplyline.planning.interrupt import run_stoppably
from supplyline.planning.model import LpModel


def _packing(seed: int, rows: int = 1500, cols: int = 3000) -> LpModel:
    """A random sparse packing LP: on this machine about 2 s and 6,000 simplex iterations."""
    rng = np.random.default_rng(seed)
    matrix = sparse_random(
        rows,
        cols,
        density=8 / rows,
        random_state=rng,
        format="csc",
        data_rvs=lambda k: rng.uniform(0.1, 1.0, k),
    )
    return LpModel(
        cost=-rng.uniform(1.0, 2.0, cols),
        col_lower=np.zeros(cols),
        col_upper=np.full(cols, 10.0),  # bounded even where a column has no entry
        row_lower=np.full(rows, -np.inf),
        row_upper=rng.uniform(1.0, 2.0, rows),
        matrix=csc_matrix(matrix),
        offset=0.0,
        cols={},
        rows={},
    )


@contextmanager
def ctrl_c_when(under_way: Callable[[], bool]) -> Iterator[None]:
    """Press Ctrl+C (SIGINT to this process) as soon as ``under_way()`` says so."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    done = threading.Event()

    def press() -> None:
        while not done.is_set():
            if under_way():
                os.kill(os.getpid(), signal.SIGINT)
                return
            time.sleep(0.001)

    presser = threading.Thread(target=press, daemon=True)
    presser.start()
    try:
        yield
    finally:
        done.set()
        presser.join()
        signal.signal(signal.SIGINT, previous)


def _new_worker_running() -> Callable[[], bool]:
    """HiGHS called from the main thread runs in a new thread named "highs"."""
    before = set(threading.enumerate())
    return lambda: any(
        t.name == "highs" and t.is_alive() and t not in before for t in threading.enumerate()
    )


def _pieces_running() -> bool:
    with interrupt_module._runs_lock:
        return bool(interrupt_module._runs)


def _nothing_left_running() -> None:
    assert not interrupt_module._runs
    assert not interrupt_module._stopping.is_set()
    assert not [t for t in threading.enumerate() if t.name == "highs"]


def test_ctrl_c_stops_a_run_in_the_main_thread() -> None:
    """The run ends as interrupted (not finished) and KeyboardInterrupt reaches the caller."""
    h = new_highs()
    pass_lp(h, _packing(seed=1))
    with ctrl_c_when(_new_worker_running()), pytest.raises(KeyboardInterrupt):
        run_stoppably(h)
    # stopped before its end: "interrupted", or "not set" when stopped while starting
    assert h.getModelStatus() in (
        highspy.HighsModelStatus.kInterrupt,
        highspy.HighsModelStatus.kNotset,
    )
    _nothing_left_running()


@pytest.mark.parametrize("alike", [False, True])
def test_ctrl_c_stops_pieces_solved_side_by_side(alike: bool) -> None:
    """Pieces in worker threads stop too; those not started are dropped.

    ``alike``: the three copies of each piece wait for the first (leaders and followers,
    as the block start solves flows of the same shape): the followers never start.
    """
    one, two = _packing(seed=2), _packing(seed=3)
    model = LpModel(
        cost=np.concatenate([one.cost, two.cost]),
        col_lower=np.zeros(2 * one.num_cols),
        col_upper=np.full(2 * one.num_cols, np.inf),
        row_lower=np.concatenate([one.row_lower, two.row_lower]),
        row_upper=np.concatenate([one.row_upper, two.row_upper]),
        matrix=block_diag([one.matrix, two.matrix], format="csc"),
        offset=0.0,
        cols={},
        rows={},
    )
    n, m = one.num_cols, one.num_rows
    jobs = [(np.arange(n), np.arange(m)), (n + np.arange(n), m + np.arange(m))] * 3
    with ctrl_c_when(_pieces_running), pytest.raises(KeyboardInterrupt):
        solve_pieces(model, jobs, scale=1.0, threads=2, alike=alike)
    _nothing_left_running()


def test_a_run_after_an_interrupt_goes_to_its_end() -> None:
    """Nothing of the stop lingers: the next run is solved to optimality."""
    h = new_highs()
    pass_lp(h, _packing(seed=4, rows=150, cols=300))
    run_stoppably(h)
    assert h.getModelStatus() == highspy.HighsModelStatus.kOptimal


def test_ctrl_c_during_plan_exits_130_and_writes_nothing(
    bilateral_dir: Path, tmp_path: Path
) -> None:
    """`supplyline plan`: a message, exit code 130, no traceback, no output folder."""
    out = tmp_path / "out"
    child = subprocess.Popen(
        [sys.executable, "-m", "supplyline", "plan", str(bilateral_dir), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # a shell may start jobs with Ctrl+C ignored; the user's terminal does not
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    assert child.stderr is not None
    seen = []
    for line in child.stderr:  # one line per stage when stderr is not a terminal
        seen.append(line)
        if "flows apart" in line or "solving (" in line:
            child.send_signal(signal.SIGINT)
            break
    _, rest = child.communicate(timeout=120)
    assert child.returncode == 130, "".join(seen) + rest
    assert "interrupted: no plan written" in rest
    assert "Traceback" not in rest
    assert not out.exists()


def test_a_second_ctrl_c_does_not_cut_short_the_wait_for_stopped_runs() -> None:
    """Pressed again while HiGHS winds down: the wait ends first, then the interrupt.

    A tester's `timeout -s INT` sent two (to the process and to its group); the second
    ended the wait, and the bottleneck report restored a model's costs while HiGHS still
    ran on it: a segmentation fault.
    """
    wound_down = threading.Event()

    def wait_for_runs() -> None:
        os.kill(os.getpid(), signal.SIGINT)  # the second press
        time.sleep(0.3)  # the runs stopping
        wound_down.set()

    with pytest.raises(KeyboardInterrupt), interrupt_module.stopping_on_interrupt(wait_for_runs):
        raise KeyboardInterrupt  # the first press
    assert wound_down.is_set()
