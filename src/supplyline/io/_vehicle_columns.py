"""units.csv's ``vehicles_<class>`` columns: which vehicle class each one counts.

Column names are matched whatever their letter case, so the class part is too, where that
names one class (ids are case-sensitive: two classes equal but for case need it exact).
"""

from __future__ import annotations

from supplyline.io._csvtable import Table
from supplyline.io._source import Report

__all__ = ["VEHICLES_PREFIX", "class_of", "twice_a_class"]

VEHICLES_PREFIX = "vehicles_"


def class_of(classes: tuple[str, ...], cls: str) -> list[str]:
    """The vehicle classes a ``vehicles_<cls>`` column may mean; one when it is clear.

    Its own id, else those equal to it but for letter case (column names are matched so,
    and ``Vehicles_Truck`` was refused for the class ``truck``); ids are case-sensitive,
    so two such classes are both returned and the column must name one exactly.

    >>> class_of(("truck", "jeep"), "Truck")
    ['truck']
    """
    if cls in classes:
        return [cls]
    return [c for c in classes if c.casefold() == cls.casefold()]


def twice_a_class(table: Table, report: Report, classes: tuple[str, ...]) -> bool:
    """Whether two ``vehicles_`` columns name one class (``vehicles_truck``, ``Vehicles_Truck``)."""
    by_class: dict[str, str] = {}
    for col in table.columns:
        meant = class_of(classes, col[len(VEHICLES_PREFIX) :])
        if not col.lower().startswith(VEHICLES_PREFIX) or len(meant) != 1:
            continue
        if meant[0] in by_class:
            report.error(
                "units.csv",
                f"columns {by_class[meant[0]]!r} and {col!r} both count vehicle class "
                f"{meant[0]!r} (column names are matched whatever their letter case; keep one)",
                table.header_line,
                col,
            )
            return True
        by_class[meant[0]] = col
    return False
