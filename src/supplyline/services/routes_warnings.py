"""What a reader of a day's routes must be warned of, in the words every face says them in.

``routes`` printed these on the terminal (the words made in the CLI) and its report said
none of them: a depot asked for more than it held was a table there, with no word of
what the trucks were loaded with. They are said once here; the terminal prints them and
the routes report lists them in its Warnings section.
"""

from __future__ import annotations

from collections.abc import Sequence

from supplyline.domain.routes import Routes, UnservedReason

__all__ = ["routes_warnings"]


def routes_warnings(
    routes: Routes, not_proven: Sequence[str] = (), *, short_listed: str
) -> tuple[str, ...]:
    """The plan not proven best (``not_proven``), each depot short of stock, and its basis.

    ``short_listed``: where the reader finds the depots short, when their trucks are loaded
    all the same (``see depot_short.csv``, a report's table), said in the last line, which
    also says what a depot's stock was taken to be.

    >>> import datetime as dt
    >>> from supplyline.domain.routes import Routes, RouteStatus
    >>> day = Routes(scenario="x", day=0, date=dt.date(2025, 1, 1), status=RouteStatus.SOLVED)
    >>> routes_warnings(day, ("the plan is not proven best",), short_listed="see depot_short.csv")
    ('warning: the plan is not proven best.',)
    """
    said = [f"warning: {warning}." for warning in not_proven]
    said += [f"warning: {short.message}" for short in routes.depot_short]
    if routes.depot_short:
        left = any(u.reason is UnservedReason.DEPOT_SHORT for u in routes.unserved)
        said.append(
            f"  (what a depot holds: {routes.depot_stock_basis}; "
            + (
                "what none holds is not loaded: depot_short under Not delivered)"
                if left
                else f"the trucks are loaded all the same; {short_listed})"
            )
        )
    return tuple(said)
