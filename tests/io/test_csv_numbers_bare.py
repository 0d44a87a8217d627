"""Every number a result CSV writes is bare, so that a spreadsheet sums it.

A tester's ledger statement had ``"543.00"`` and ``"100.000"`` between quotes (the
ledger writes fixed decimals, which the quoting took for text that looks like a number);
LibreOffice, told that a quoted field is text (the README's ``--infilter``), left those
rows out of a SUM. Text that merely looks like a number (an id) is still quoted.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.cli.cells import Amount
from supplyline.domain.amounts import largest_amount
from supplyline.io.csv_out import CSV_ENCODING, gram_text, to_gram, write_csv

LEDGER_DECIMALS = (2, 3, 4)
"""Money to the cent, tonnes to the kilogram, prices to 1/100 of a cent."""


@st.composite
def ledger_amounts(draw: st.DrawFn) -> Amount:
    """An amount the ledger may store, with the decimals it keeps of it."""
    decimals = draw(st.sampled_from(LEDGER_DECIMALS))
    most = largest_amount(decimals)
    value = draw(st.decimals(min_value=-most, max_value=most, places=decimals))
    return Amount(value, decimals)


def _written(path: Path, number: object) -> tuple[bytes, str]:
    """The data line's bytes and the number's cell as Python's csv reads it back."""
    write_csv(path, ["id", "number"], [{"id": "12.50", "number": number}])
    data_line = path.read_bytes().split(b"\r\n")[1]
    with path.open(encoding=CSV_ENCODING, newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    return data_line, row["number"]


@settings(max_examples=300, deadline=None)
@given(amount=ledger_amounts())
def test_a_ledger_amount_is_bare_and_reads_back_equal(
    tmp_path_factory: pytest.TempPathFactory, amount: Amount
) -> None:
    """Fixed decimals (``543.00``, ``-0.000``) bare; read back, the same number."""
    number = amount.number()
    line, cell = _written(tmp_path_factory.mktemp("ledger") / "st.csv", number)
    assert line == b'"12.50",' + format(number, "f").encode()
    assert Decimal(cell) == number


@settings(max_examples=300, deadline=None)
@given(value=st.floats(allow_nan=False, allow_infinity=False))
def test_a_plan_figure_is_bare_and_reads_back_equal(
    tmp_path_factory: pytest.TempPathFactory, value: float
) -> None:
    """A float to the gram, however many digits (``1e300`` too), bare and equal read back."""
    line, cell = _written(tmp_path_factory.mktemp("plan") / "flows.csv", value)
    assert line == b'"12.50",' + gram_text(value).encode()
    assert float(cell) == to_gram(value)


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (Decimal("543.00"), "543.00"),
        (Decimal("-40.000"), "-40.000"),
        (Decimal("-0.00"), "0.00"),
        (Decimal("1E+3"), "1000"),
        (1e16, "10000000000000000"),
        ("543.00", '"543.00"'),
        ("10000000000000000", '"10000000000000000"'),
        (float("inf"), '"inf"'),
    ],
)
def test_numbers_are_bare_and_text_like_numbers_quoted(
    tmp_path: Path, value: object, cell: str
) -> None:
    """A number is bare whatever its decimals or digits; an id spelt like one is quoted."""
    line, _ = _written(tmp_path / "t.csv", value)
    assert line == b'"12.50",' + cell.encode()
