"""requirements_daily.csv written in blocks is byte for byte what the row-by-row writer gave."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import json
import math
import os
import re
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from supplyline.domain import Demand, to_deliver
from supplyline.errors import ArgumentError, OutputError
from supplyline.io import requirements_daily
from supplyline.io.csv_out import csv_cell, to_gram, write_csv
from supplyline.io.csv_quoting import quoted_cell
from supplyline.io.requirements_daily import DAILY_COLUMNS, gram_texts, write_daily_csv
from supplyline.requirements import daily_rows, grand_totals
from supplyline.services.scenarios import assess_requirements, export_requirements


def _row_by_row(path: Path, demand: Demand, deliver: np.ndarray | None) -> None:
    """The writer this one replaced: a dictionary per row through csv's DictWriter."""
    write_csv(
        path,
        DAILY_COLUMNS,
        (
            {k: (to_gram(v) if isinstance(v, float) else v) for k, v in row.items()}
            for row in daily_rows(demand, deliver)
        ),
        ignore_extra=True,
    )


def _both(tmp: Path, demand: Demand, deliver: np.ndarray | None) -> tuple[bytes, bytes]:
    _row_by_row(tmp / "old.csv", demand, deliver)
    write_daily_csv(tmp / "new.csv", demand, deliver)
    return (tmp / "old.csv").read_bytes(), (tmp / "new.csv").read_bytes()


@pytest.mark.parametrize("example", ["bilateral-exercise", "relief-operation"])
@pytest.mark.parametrize("with_deliver", [True, False], ids=["to_deliver", "blank"])
def test_the_bundled_examples_give_the_same_bytes_as_row_by_row(
    tmp_path: Path, example: str, with_deliver: bool
) -> None:
    """Both examples' daily files, with to_deliver_t and with it blank, are identical."""
    result = assess_requirements(Path(__file__).parents[2] / "examples" / example)
    deliver = result.to_deliver_t if with_deliver else None
    old, new = _both(tmp_path, result.demand, deliver)
    assert old.count(b"\r\n") > 100  # a real table, not a header alone
    assert new == old


def test_blocks_of_a_few_units_join_into_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Blocks of one or two units give the file a single block gives, and say each step."""
    result = assess_requirements(Path(__file__).parents[2] / "examples" / "relief-operation")
    demand, deliver = result.demand, result.to_deliver_t
    write_daily_csv(tmp_path / "one.csv", demand, deliver)
    n_c, n_d = demand.consumption_t.shape[1:]
    monkeypatch.setattr(requirements_daily, "BLOCK_CELLS", 2 * n_c * n_d)
    steps: list[tuple[int, int]] = []
    rows = write_daily_csv(
        tmp_path / "blocks.csv", demand, deliver, progress=lambda *step: steps.append(step)
    )
    n_u = len(demand.unit_ids)
    assert steps == [(min(k + 2, n_u), n_u) for k in range(0, n_u, 2)]
    assert (tmp_path / "blocks.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()
    assert rows == (tmp_path / "one.csv").read_bytes().count(b"\r\n") - 1


AWKWARD = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True),
    st.floats(min_value=-1e-3, max_value=1e-3),  # tiny: exponents and zeros
    st.floats(min_value=-2e9, max_value=2e9),  # the edge of the numpy spelling
    st.integers(-(10**12), 10**12).map(lambda k: k * 5e-7),  # near half-grams
    st.builds(  # half-grams written in decimal (701.2484515), and a float either side
        lambda k, side: (
            float(np.nextafter((k + 0.5) / 1e6, side * math.inf)) if side else (k + 0.5) / 1e6
        ),
        st.integers(-(10**14), 10**14),
        st.sampled_from([-1, 0, 1]),
    ),
    st.integers(-(2**40), 2**40).map(lambda k: k / 128),  # exact half-grams (1/128 t)
    st.integers(-(10**15), 10**15).map(lambda k: k / 1e6),  # many decimals
    st.sampled_from([-0.0, 0.0, 1e-4, -1e-4, 5e-7, -5e-7, 1.5e-6, 999_999_999.9999995]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(AWKWARD, min_size=1, max_size=40))
def test_every_amount_is_spelt_as_csv_spells_the_float_to_the_gram(values: list[float]) -> None:
    """Negative zero, tiny, huge, non-finite and many-decimal amounts read as gram_text.

    Bare, as the row writer writes a number, beyond the 15 digits a spreadsheet keeps too.
    """
    assert gram_texts(np.array(values)) == [quoted_cell(csv_cell(v)) for v in values]


IDS = st.text(min_size=1, max_size=8).filter(lambda s: "\x00" not in s)


@st.composite
def demands(draw: st.DrawFn) -> tuple[Demand, np.ndarray | None]:
    """A small demand with awkward ids and amounts, and maybe a to_deliver table."""
    units = tuple(draw(st.lists(IDS, min_size=1, max_size=3, unique=True)))
    commodities = tuple(draw(st.lists(IDS, min_size=1, max_size=3, unique=True)))
    shape = (len(units), len(commodities), draw(st.integers(1, 5)))
    cells = st.one_of(st.just(0.0), AWKWARD.filter(lambda v: abs(v) < 1e300))  # sums finite
    arrays = [draw(hnp.arrays(np.float64, shape, elements=cells)) for _ in range(3)]
    demand = Demand(
        start_date=draw(st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1))),
        horizon_days=shape[2],
        unit_ids=units,
        commodity_ids=commodities,
        consumption_t=arrays[0],
        buildup_t=arrays[1],
        arrival_day=np.zeros(len(units), dtype=np.int64),
    )
    return demand, (arrays[2] if draw(st.booleans()) else None)


@settings(max_examples=100, deadline=None)
@given(demands())
def test_any_demand_gives_the_same_bytes_as_row_by_row(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[Demand, np.ndarray | None]
) -> None:
    """Ids with commas, quotes and other scripts, and any amounts, give identical files."""
    old, new = _both(tmp_path_factory.mktemp("daily"), *case)
    assert new == old


def test_a_failure_while_writing_leaves_nothing_in_the_folder(tmp_path: Path) -> None:
    """An error half-way through the daily rows writes none of the three files."""
    result = assess_requirements(Path(__file__).parents[2] / "examples" / "bilateral-exercise")
    out = tmp_path / "req"

    def fail(step: str) -> None:
        raise ArgumentError(f"stopped at {step}")

    with pytest.raises(ArgumentError, match=r"stopped at writing requirements_daily\.csv"):
        export_requirements(result, out, progress=fail)
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".req")]  # no scratch


def test_a_full_disk_while_writing_is_an_output_error_and_leaves_nothing(tmp_path: Path) -> None:
    """No space left half-way: the error names the output folder, and no file is there."""
    result = assess_requirements(Path(__file__).parents[2] / "examples" / "bilateral-exercise")
    out = tmp_path / "req"

    def disk_full(step: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(OutputError, match=rf"the requirements files into {re.escape(str(out))}"):
        export_requirements(result, out, progress=disk_full)
    assert list(tmp_path.iterdir()) == []  # neither the folder nor a scratch


def test_the_to_deliver_column_is_what_must_reach_the_units(tmp_path: Path) -> None:
    """The last column is to_deliver of the scenario, to the gram, on every row."""
    result = assess_requirements(Path(__file__).parents[2] / "examples" / "relief-operation")
    deliver = to_deliver(result.opened.scenario, result.demand)
    write_daily_csv(tmp_path / "d.csv", result.demand, deliver)
    lines = (tmp_path / "d.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    mask = (result.demand.consumption_t != 0) | (result.demand.buildup_t != 0)
    assert [float(line.rsplit(",", 1)[1]) for line in lines] == [
        to_gram(float(v)) for v in deliver[mask]
    ]


def _written_parts(path: Path) -> list[tuple[Decimal, Decimal, Decimal]]:
    """Each row's consumption, build-up and total, as the decimals the file writes."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            (Decimal(r["consumption_t"]), Decimal(r["buildup_t"]), Decimal(r["total_t"]))
            for r in csv.DictReader(handle)
        ]


def _adds_up(parts: tuple[Decimal, Decimal, Decimal]) -> bool:
    used, built, total = parts
    return used + built == total


PLAIN = st.one_of(
    st.floats(min_value=-1e6, max_value=1e6),
    st.integers(-(10**12), 10**12).map(lambda k: k * 5e-7),  # near half-grams
    st.integers(-(10**12), 10**12).map(lambda k: k / 1e6 + 4.9e-7),  # just below one
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(PLAIN, PLAIN), min_size=1, max_size=30))
def test_the_written_consumption_and_build_up_add_up_to_the_written_total(
    tmp_path_factory: pytest.TempPathFactory, pairs: list[tuple[float, float]]
) -> None:
    """Each to the gram, yet adding up: rounded alone, 2 bilateral rows were a gram off."""
    used = np.array([[[c for c, _ in pairs]]])
    built = np.array([[[b for _, b in pairs]]])
    demand = Demand(
        start_date=dt.date(2025, 1, 1),
        horizon_days=len(pairs),
        unit_ids=("u",),
        commodity_ids=("fuel",),
        consumption_t=used,
        buildup_t=built,
        arrival_day=np.zeros(1, dtype=np.int64),
    )
    path = tmp_path_factory.mktemp("parts") / "daily.csv"
    write_daily_csv(path, demand)
    written = _written_parts(path)
    kept = [(c, b) for c, b in pairs if c != 0 or b != 0]
    assert len(written) == len(kept)
    for (c, b), (w_used, w_built, w_total) in zip(kept, written, strict=True):
        assert w_used + w_built == w_total
        assert w_used == Decimal(repr(to_gram(c)))  # the consumption and total as rounded alone
        assert w_total == Decimal(repr(to_gram(c + b)))
        assert abs(w_built - Decimal(repr(to_gram(b)))) <= Decimal("0.000001")  # a gram at most


@pytest.mark.parametrize("example", ["bilateral-exercise", "relief-operation"])
def test_every_requirements_file_adds_its_parts_up_to_its_totals(
    tmp_path: Path, example: str
) -> None:
    """Daily, by unit, by commodity and in all: consumption + build-up = total, to the gram."""
    result = assess_requirements(Path(__file__).parents[2] / "examples" / example)
    export_requirements(result, tmp_path / "req")
    daily = _written_parts(tmp_path / "req" / "requirements_daily.csv")
    assert len(daily) > 500
    assert all(map(_adds_up, daily))
    assert all(map(_adds_up, _written_parts(tmp_path / "req" / "requirements_by_unit.csv")))
    summary = json.loads((tmp_path / "req" / "requirements.json").read_text(encoding="utf-8"))
    rows = [*summary["by_commodity"], *summary["by_unit"]]
    rows.append(grand_totals(result.opened.scenario, result.demand))  # the command's total line
    for row in rows:
        assert _adds_up(
            tuple(Decimal(repr(row[k])) for k in ("consumption_t", "buildup_t", "total_t"))
        )
