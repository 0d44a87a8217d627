"""Tables for people: on a narrow terminal no number is cut across lines."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st
from rich.console import Console

from supplyline.cli.output import (
    Amount,
    Exact,
    OutputFormat,
    _cell,
    _drawn_width,
    emit_rows,
    fitted_table,
)

MODES = [
    {
        "mode": "rail",
        "tonnes": 10406.62,
        "deploy_t": 10400.0,
        "pax": 0.0,
        "tonne_km": 15371163.6,
        "cost": 468165.5,
        "movements": 53,
    },
    {
        "mode": "air",
        "tonnes": 0.0,
        "deploy_t": 0.0,
        "pax": 1200.0,
        "tonne_km": 0.0,
        "cost": 0.0,
        "movements": 8,
    },
    {
        "mode": "all modes",
        "tonnes": 19642.95,
        "deploy_t": 18200.0,
        "pax": 7200.0,
        "tonne_km": 15683919.45,
        "cost": 492592.23,
        "movements": 572,
    },
]


def _amounts(bound: float, most: int) -> st.SearchStrategy[list[float]]:
    """A row's numbers: one to ``most`` finite amounts within ``±bound``."""
    amount = st.floats(min_value=-bound, max_value=bound, allow_nan=False, allow_infinity=False)
    return st.lists(amount, min_size=1, max_size=most)


def _text(longest: int) -> st.SearchStrategy[str]:
    """A text cell of words, dashes and slashes (a cause, a resource name)."""
    return st.text(alphabet="abcdefgh -/", min_size=1, max_size=longest)


def _render(rows: list[dict[str, object]], width: int) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, legacy_windows=False)
    emit_rows(rows, list(rows[0]), OutputFormat.TABLE, console=console, title="t")
    return out.getvalue()


def _cells(text: str) -> list[list[str]]:
    """Each table line's cells, stripped: split at its rules, or else at two spaces."""
    return [
        [c.strip() for c in line.strip("│┃").split("│" if "│" in line else "┃")]
        if "│" in line or "┃" in line
        else re.split(r"\s{2,}", line.strip())
        for line in text.splitlines()
    ]


def test_integers_get_thousands_separators_and_headings_stay_whole_on_wide_terminals() -> None:
    rows = [{"unit": "u", "why": "x " * 150, "short_t": 1.5, "movements": 1182}]
    text = _render(rows, 200)
    cells = [c for line in _cells(text) for c in line]
    assert "1,182" in cells
    assert "short t" in cells  # the long text column wraps; the number's heading does not


def test_thousands_lose_their_decimals_even_beside_zeros_and_fit_80_columns() -> None:
    text = _render(MODES, 80)
    assert max(map(len, text.splitlines())) <= 80
    cells = [c for line in _cells(text) for c in line]
    for number in ("10,407", "15,371,164", "468,166", "19,643", "15,683,919", "492,592"):
        assert number in cells
    assert "0" in cells
    assert "0.00" not in cells


def test_a_wide_terminal_shows_headings_on_one_line_with_spaces() -> None:
    text = _render(MODES, 200)
    header = next(line for line in text.splitlines() if "mode" in line)
    assert "deploy t" in header
    assert "tonne km" in header
    assert "_" not in header


def test_a_narrow_terminal_wraps_text_and_headings_between_words_not_numbers() -> None:
    rows = [
        {
            "rank": 1,
            "kind": "handling",
            "resource": "os-forward/spares at the border yard",
            "days": "C+4–C+11",
            "shadow_price": 1728000.0,
            "extra_per_day": 400.0,
            "removes_t": 0.5,
        }
    ]
    text = _render(rows, 72)
    assert max(map(len, text.splitlines())) <= 72
    cells = [c for line in _cells(text) for c in line]
    for number in ("1,728,000", "400", "0.50"):
        assert number in cells
    for word in ("shadow", "price", "extra", "removes", "resource"):
        assert word in cells  # a heading broken between words, never inside one


def _half_up(value: float, places: int) -> Decimal:
    """``value`` as it reads, to ``places`` decimals, a half rounded away from zero, no -0."""
    exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return exact + 0


def _places(value: float) -> int:
    """The decimals of a column of ``value`` alone, as the report's tables have them."""
    grams = round(value, 6)
    if abs(grams) >= 100 or grams.is_integer():
        return 0
    return max(2, min(6, 1 - math.floor(math.log10(abs(grams))))) if abs(grams) < 1 else 2


@settings(max_examples=60, deadline=None)
@given(values=_amounts(1e9, 5), text=_text(120), width=st.integers(min_value=60, max_value=160))
def test_every_number_stays_whole_when_the_numbers_fit(
    values: list[float], text: str, width: int
) -> None:
    rows = [{"name": text, **{f"value_{i}": v for i, v in enumerate(values)}}]
    # to the gram, whole when 100 or more or a whole number (zero as 0), else two
    # decimals or two significant digits below 1, a half up
    shown = [f"{_half_up(v, _places(v)):,}" for v in values]
    # the numbers (or their one-word headings "value" and "0"), a text column of 4 and
    # the borders and padding fit the terminal
    assume(sum(max(len(s), 5) for s in shown) + 4 + 3 * (len(values) + 1) + 1 <= width)
    rendered = _render(rows, width)
    cells = [c for line in _cells(rendered) for c in line]
    for number in shown:
        assert number in cells


@settings(max_examples=60, deadline=None)
@given(values=_amounts(1e12, 8), text=_text(80), width=st.integers(min_value=30, max_value=160))
def test_no_table_is_cut_off_at_the_right_whatever_the_width(
    values: list[float], text: str, width: int
) -> None:
    """Where the numbers cannot stand side by side they fold; the table keeps its right edge.

    A reviewer's 60-column terminal showed peaks of 104 and 11.23 as "10" and "11.2":
    numbers that were never to wrap ran past the edge, and rich cropped them.
    """
    rows = [{"name": text, **{f"value_{i}": v for i, v in enumerate(values)}}]
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    table = fitted_table(rows, list(rows[0]), "t", console)
    assert _drawn_width(table, width) <= width  # what rich would crop, it would draw wider


def test_a_wide_table_drops_its_rules_before_it_folds_a_number() -> None:
    """A tester's reach check at 80 columns folded 32.20 as "32.2" over "0".

    Its eleven columns do not stand side by side at 80 with every id whole (``kas-fw`` over
    ``d``): each unit is then a block of its own, every figure and id whole.
    """
    row = {
        "unit": "wm-inf-1",
        "railhead": "kar-tobe-rh",
        "road_km": 75,
        "depot": "kar-tobe-rh",
        "round_trip_h": 4.5,
        "turns_per_truck": 2,
        "daily_t": 12.97,
        "loads_needed": 1,
        "capacity_t": 225,
        "depot_load_pct": 32.2,
        "ok": "yes",
    }
    lines = _render([row], 80).splitlines()
    assert max(map(len, lines)) <= 80
    cells = [c for line in _cells("\n".join(lines)) for c in line]
    for whole in ("32.20", "12.97", "kar-tobe-rh", "wm-inf-1"):
        assert any(whole in c.split() for c in cells), "\n".join(lines)


def test_integers_that_name_things_keep_no_separator() -> None:
    """An order id or an audit sequence number of 1000 is 1000; a count of 1000 is 1,000."""
    cells = [
        c
        for line in _cells(_render([{"order_id": 1000, "seq": 2000, "movements": 3000}], 80))
        for c in line
    ]
    assert {"1000", "2000", "3,000"} <= set(cells)


# -- the ledger's exact amounts (Decimals) ---------------------------------------------------

ORDER_COLUMNS = [
    "id", "agreement", "provider", "receiver", "item", "quantity", "value", "currency", "mode",
    "needed_on", "status", "version", "issued", "received", "billed", "settled",
]  # fmt: skip


D3 = Decimal("12.000")


def _order_row(quantity: Decimal, value: Decimal, billed: object) -> dict[str, object]:
    return {
        "id": 1, "agreement": "wm-os-hns-2025", "provider": "ostravia", "receiver": "westmark",
        "item": "fuel", "quantity": quantity, "value": value, "currency": "EUR", "mode": "cash",
        "needed_on": "2025-08-01", "status": "requested", "version": 1,
        "issued": Decimal("0.000"), "received": Decimal("0.000"), "billed": billed,
        "settled": Decimal("0.00"),
    }  # fmt: skip


def _lines(rows: list[dict[str, object]], width: int) -> list[str]:
    out = io.StringIO()
    console = Console(file=out, width=width, color_system=None, legacy_windows=False)
    emit_rows(rows, ORDER_COLUMNS, OutputFormat.TABLE, console=console, title="orders")
    return out.getvalue().splitlines()


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (Decimal("17901233825.00"), "17,901,233,825"),
        (Decimal("100.00"), "100"),
        (Decimal("1234.56"), "1,235"),
        (Decimal("99.995"), "99.995"),  # tonnes to the kilogram
        (Decimal("13.30"), "13.30"),
        (Decimal("3.500"), "3.500"),
        (Decimal("0.001"), "0.001"),  # read 0.00
        (Decimal("29.505"), "29.505"),  # read 29.50
        (Decimal("1.45"), "1.45"),
        (Decimal("13.3"), "13.30"),
        (Decimal("0.0001"), "0.0001"),  # a price per tonne, to 1/100 of a cent
        (Decimal("40.000"), "40.000"),  # read 40 beside 29.500
        (Decimal("0.00"), "0.00"),
        (Decimal("-0.00"), "0.00"),
        (Decimal("-17550.00"), "-17,550"),
        (Amount(Decimal("12"), 3, "t"), "12.000 t"),  # read 12 t
        (Amount(Decimal("1234.500"), 3, "t"), "1,235 t"),  # a half up, as an invoice
        (Amount(Decimal("1"), 2), "1.00"),  # read 1 beside -1.42
        (Amount(Decimal("-1"), 2), "-1.00"),
        (Amount(Decimal("0"), 3), "0.000"),
        (Amount(Decimal("30"), 3), "30.000"),
    ],
)
def test_exact_amounts_read_as_other_numbers(amount: object, shown: str) -> None:
    """Thousands separated, no decimals from 100 up; below, to the amount's own decimals.

    The ledger keeps tonnes to the kilogram and money to the cent: an ``Amount`` says
    which, so 30 t reads 30.000 beside 29.500 and 1 EUR reads 1.00 beside -1.42.
    """
    assert _cell(amount, "value") == shown


def test_csv_and_json_keep_every_digit_of_an_amount(capsys: pytest.CaptureFixture[str]) -> None:
    """Only the table rounds: CSV and JSON get the exact value, a number without its unit."""
    rows = [_order_row(Decimal("3.500"), Decimal("17901233825.00"), Amount(D3, 3, "t"))]
    emit_rows(rows, ORDER_COLUMNS, OutputFormat.CSV, console=Console())
    emit_rows(rows, ORDER_COLUMNS, OutputFormat.JSON, console=Console())
    out = capsys.readouterr().out
    assert ',3.500,17901233825.00,"EUR",' in out  # amounts bare, text quoted
    assert ",12.000,0.00" in out
    assert '"value": "17901233825.00"' in out
    assert '"billed": "12.000"' in out


@given(
    digits=st.integers(min_value=-(10**17), max_value=10**17),
    decimals=st.sampled_from([2, 3]),
    exponent=st.integers(min_value=-4, max_value=0),
)
def test_a_machine_amount_is_its_number_to_the_ledgers_decimals(
    digits: int, decimals: int, exponent: int
) -> None:
    """CSV and JSON get the amount's value to exactly its decimals, never ``-0``."""
    value = Decimal(digits).scaleb(exponent).quantize(Decimal(1).scaleb(-decimals))
    number = Amount(value, decimals, "t").number()
    negative_zero = number == 0 and number.is_signed()
    assert (number == value, number.as_tuple().exponent, negative_zero) == (True, -decimals, False)


@pytest.mark.parametrize("width", [90, 100, 120])
def test_a_long_amount_never_folds_in_the_ledgers_orders(width: int) -> None:
    """Sixteen columns of orders at 100 columns folded 17901233825.00 over four lines.

    From 90 columns: at 80, with every amount below 100 to the kilogram or the cent
    (``0.000``, not ``0``), the sixteen columns leave an amount too little room.
    """
    rows = [
        _order_row(Decimal("12345678.500"), Decimal("17901233825.00"), Decimal("0.00")),
        _order_row(Decimal("3.500"), Decimal("13.30"), Amount(D3, 3, "t")),
    ]
    lines = _lines(rows, width)
    assert max(map(len, lines)) <= width
    for number in ("12,345,679", "17,901,233,825", "3.500", "13.30", "12.000 t"):  # .500 up
        assert any(number in line for line in lines), (number, "\n".join(lines))


@settings(max_examples=40, deadline=None)
@given(
    digits=st.lists(st.integers(min_value=0, max_value=10**17), min_size=2, max_size=2),
    width=st.integers(min_value=100, max_value=160),
)
@example(digits=[9_999_999_999_500, 99_999_999_999_950], width=100)
@example(digits=[10**17, 10**17 - 1], width=100)
def test_any_stored_amount_stays_whole_in_the_orders_table(digits: list[int], width: int) -> None:
    """Whatever the amounts (up to the ledger's largest), each is on one line, whole.

    From 100 columns: at 90, two amounts near the largest (9,999,999,999.5 t worth
    999,999,999,999.50) leave the other columns, their zeros now written to the cent
    (``0.00``), too little room, and fold; a long amount of ordinary size fits from 90
    (:func:`test_a_long_amount_never_folds_in_the_ledgers_orders`).
    """
    quantity, value = (Decimal(digits[0]).scaleb(-3), Decimal(digits[1]).scaleb(-2))
    rows = [_order_row(quantity, value, Decimal("0.00"))]
    lines = _lines(rows, width)
    assert max(map(len, lines)) <= width
    for amount in (quantity, value):
        assert any(_cell(amount, "value") in line for line in lines), "\n".join(lines)


def test_a_column_of_hours_takes_one_number_of_decimals() -> None:
    """Start hours 5.77, 6, 6.93 read 5.77, 6.00, 6.93; a column of whole numbers none."""
    rows = [{"start_h": h, "trips": n} for h, n in ((5.77, 5.0), (6.0, 12.0), (6.93, 3.0))]
    cells = [c for line in _cells(_render(rows, 80)) for c in line]
    assert [c for c in cells if c[:1].isdigit() and "." in c] == ["5.77", "6.00", "6.93"]
    assert {"5", "12", "3"} <= set(cells)


def test_truth_values_read_yes_and_no_in_tables_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    """A table and the CSV on stdout write yes/no, as the files do; JSON keeps true/false."""
    rows = [{"unit": "U1", "by_road": True}, {"unit": "U2", "by_road": False}]
    assert {"yes", "no"} <= {c for line in _cells(_render(rows, 80)) for c in line}
    emit_rows(rows, ["unit", "by_road"], OutputFormat.CSV, console=Console())
    assert capsys.readouterr().out.splitlines() == ["unit,by_road", '"U1","yes"', '"U2","no"']


def test_square_brackets_in_names_and_titles_are_shown_not_read_as_markup() -> None:
    """A name "Training area [south]" read "Training area "; source notes lost their tags."""
    rows = [{"location": "Training area [south]", "note": "[primary-copy] QM4923 [b]x[/b]"}]
    out = io.StringIO()
    console = Console(file=out, width=120, color_system=None, legacy_windows=False)
    emit_rows(rows, list(rows[0]), OutputFormat.TABLE, console=console, title="Plan [draft]")
    text = out.getvalue()
    for shown in ("Training area [south]", "[primary-copy] QM4923 [b]x[/b]", "Plan [draft]"):
        assert shown in text


def test_exact_numbers_show_every_digit_and_stay_numbers_in_csv_and_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Planning factors: WFP's 0.555 kg read 0.56, 2.495 read 2.50 and 0.00289 read 0.00."""
    values = (("a", 0.555), ("b", 2.495), ("c", 0.00289), ("d", 170900.0), ("e", 1.23e-05))
    rows = [{"key": k, "value": Exact(v)} for k, v in values]
    cells = {c for line in _cells(_render(rows, 80)) for c in line}
    assert {"0.555", "2.495", "0.00289", "170,900", "0.0000123"} <= cells
    emit_rows(rows, ["key", "value"], OutputFormat.CSV, console=Console())
    emit_rows(rows, ["key", "value"], OutputFormat.JSON, console=Console())
    out = capsys.readouterr().out
    assert '"a",0.555\n"b",2.495\n"c",0.00289\n"d",170900\n"e",0.0000123\n' in out
    assert '"value": 0.00289' in out


def test_a_date_is_never_broken_where_the_table_has_room() -> None:
    """A newcomer read "2025-08-0" over "1" in the orders' needed-on column at 160 columns."""
    rows = [
        {
            **_order_row(Decimal("30.000"), Decimal("43500.00"), Decimal("42775.00")),
            "needed_on": dt.date(2025, 8, 1),
            "status": "billed",
            "version": 7,
            "issued": Decimal("30.000"),
            "received": Decimal("29.500"),
            "settled": Decimal("20000.00"),
        },
        {**_order_row(Decimal("150.250"), Decimal("570.95"), Decimal("0.00")), "item": "water"},
    ]
    lines = _lines(rows, 160)
    assert max(map(len, lines)) <= 160
    assert any("2025-08-01" in line for line in lines), "\n".join(lines)
