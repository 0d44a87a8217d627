"""How a result CSV's cells are quoted, so that ids survive a spreadsheet.

Why quote text: an id may look like a number (``0042``, ``1e3``: the scenario format
allows both), and a spreadsheet reading the CSV makes it one, so that ``0042`` comes back
``42`` and ``1e3`` comes back ``1000`` (a tester's round trip through LibreOffice). A
quoted field is text to a spreadsheet told so (LibreOffice's CSV filter option "quoted
field as text", the ``true`` in the README's ``--infilter="CSV:44,34,76,1,,,true"``), so
every text cell is written between double quotes.

Left bare: numbers (below), dates and blanks. A date is bare for what the cell is, not
for what its text looks like: its writer marks it a :class:`~supplyline.types.DateText`
(:func:`~supplyline.types.iso_date`, ``2026-12-25``: a date to the spreadsheet, written
back the same; :func:`~supplyline.io.csv_out.csv_time`, ``2026-11-30 15:00:21``, a
statement's UTC time to the second with no offset: quoted, its ``at`` had been text that
no spreadsheet sorted by as a time). Every other text is quoted, text that looks
like a date too: an id ``2026-12-25`` (a unit, a location, a key) had been left bare
because it looked like one, and a spreadsheet made it a date and wrote it back as
``12/25/26`` or a serial number, as it makes ``0042`` a 42. Text that is a plain number is
quoted too: an id ``5`` or ``12``, or ``0.5``, had been left bare as a number the
spreadsheet writes back the same, but a spreadsheet takes it for a number (a lookup by the
text ``5`` misses it, a SUM counts it), beside ``0042`` and ``1.50`` quoted in the same
column. Python's ``csv`` reads a quoted field as the text inside the quotes, so what
supplyline's readers see is unchanged.

Why every number is bare, whatever its digits: a number (an ``int``, ``float`` or finite
``Decimal``, or a :class:`NumberText`, a number already spelt) is never an id, and a
quoted number is text that a spreadsheet's SUM silently skips. The ledger writes its
amounts to fixed decimals (``543.00``, ``100.000``): taken for text, they were quoted (a
spreadsheet writes ``543.00`` back as ``543``), and a tester's statement summed without
its settlements in LibreOffice. A number beyond the 15 significant digits a spreadsheet
keeps is bare too: a SUM that counts it to 15 digits beats one that skips it. Text that
merely looks like a number (an id ``12``, ``12.50`` or ``1234567890123456``) is quoted.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from supplyline.types import DateText

__all__ = ["DateText", "NumberText", "csv_line", "quoted_cell"]


class NumberText(str):
    """A finite number as supplyline spells it in a file (``0.000002``, ``12000.01``).

    A ``str``, so that every writer takes it as text, but written bare by
    :func:`quoted_cell` whatever its digits: it is a number, not an id that looks like one.
    """

    __slots__ = ()


def quoted_cell(value: object) -> str:
    """``value`` as it stands between the commas of a result CSV (the module docstring).

    >>> [quoted_cell(v) for v in ("0042", "1e3", "camp-north", "-5", 2.5, 7, "", "a,b")]
    ['"0042"', '"1e3"', '"camp-north"', '"-5"', '2.5', '7', '', '"a,b"']
    >>> quoted_cell('Base "A" 1'), quoted_cell(DateText("2026-12-25")), quoted_cell("2026-12-25")
    ('"Base ""A"" 1"', '2026-12-25', '"2026-12-25"')
    >>> quoted_cell(DateText("2026-11-30 15:00:21")), quoted_cell("2026-11-30 15:00:21")
    ('2026-11-30 15:00:21', '"2026-11-30 15:00:21"')
    >>> quoted_cell(Decimal("543.00")), quoted_cell(Decimal("-0.000")), quoted_cell("12")
    ('543.00', '0.000', '"12"')
    >>> quoted_cell(NumberText("10000000000000000")), quoted_cell("10000000000000000")
    ('10000000000000000', '"10000000000000000"')
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal) and value.is_finite():  # a number: bare (module docstring)
        return format(value.copy_abs() if value.is_zero() else value, "f")
    if isinstance(value, NumberText | DateText):  # marked by its writer: bare
        return str(value)
    text = "" if value is None else str(value)
    if text == "":
        return text
    return '"' + text.replace('"', '""') + '"'


def csv_line(cells: Sequence[object]) -> str:
    """One line of a result CSV, without its line end: the cells quoted, comma-separated.

    A line of a single blank cell is written ``""``, as Python's ``csv`` writes it, so that
    a reader does not take it for no row at all.

    >>> csv_line(["0042", 1.5, None, "x"]), csv_line([""])
    ('"0042",1.5,,"x"', '""')
    """
    if len(cells) == 1 and quoted_cell(cells[0]) == "":
        return '""'
    return ",".join(quoted_cell(cell) for cell in cells)
