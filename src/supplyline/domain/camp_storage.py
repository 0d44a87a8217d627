"""A place's ``storage_t`` where units are: what it bounds, said where it could be misread.

The plan counts against a place's ``storage_t`` only what it keeps in the place's own
store; the stock a unit holds at its destination (its days of supply, what is delivered
to it) is the unit's. Counting it too was tried and left: a camp of ``storage_t`` 0, as
docs/planning.md advises to keep goods from being parked at camps, would then leave its
units unable to hold their days of supply, and a unit in place holding more on hand than
the room would make the LP infeasible. An analyst's camp of ``storage_t`` 0, with its
unit holding 8 t there on C+3, validated without a word: this says it.

``validate`` warns of a ``storage_t`` of 0 only, where any stock a unit holds is more: the
``init`` template's camp of ``storage_t`` 800 warned on every fresh scenario (39 io tests
of a clean template failed), a warning read so often that it is no longer read. Above 0,
the plan says the days and tonnes where the units' stock is more
(:func:`~supplyline.planning.camp_stock.units_beyond_storage`).
"""

from __future__ import annotations

from collections import defaultdict

from supplyline.domain.findings import Finding
from supplyline.domain.scenario import Scenario
from supplyline.errors import Severity

__all__ = ["check_camp_storage"]

NAMED_UNITS = 3
"""Units named in one warning; the rest are counted."""


def check_camp_storage(s: Scenario) -> list[Finding]:
    """Warn of each place of ``storage_t`` 0 that units are stationed at or deploy to.

    >>> from supplyline.planning.examples import one_link
    >>> check_camp_storage(one_link()[0])
    []
    """
    units_at: defaultdict[str, list[str]] = defaultdict(list)
    for unit in s.units:
        units_at[unit.destination].append(unit.id)
    found: list[Finding] = []
    for loc in s.locations:
        units = units_at.get(loc.id)
        if loc.storage_t != 0 or not units:
            continue
        named = ", ".join(repr(u) for u in units[:NAMED_UNITS])
        if len(units) > NAMED_UNITS:
            named += f" and {len(units) - NAMED_UNITS} more"
        found.append(
            Finding(
                entity="location",
                entity_id=loc.id,
                field="storage_t",
                severity=Severity.WARNING,
                message=f"storage_t 0 at {loc.id!r} keeps the place's own store empty, but "
                f"not the units there: what they hold (unit{'s' if len(units) > 1 else ''} "
                f"{named}: their days of supply and what is delivered to them) is theirs and "
                "not counted against storage_t; the plan warns of the days they hold stock "
                "there",
            )
        )
    return found
