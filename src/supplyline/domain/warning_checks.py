"""The scenario's checks that only warn, each with the parts of the scenario it reads.

A load with errors builds a partial scenario: a row with an error is left out. A check is
only as good as what it reads, so the loader runs each check whose inputs are whole and
says which waited, and why (:func:`run_warning_checks`). A tester's distance warning on
links.csv vanished beside an unrelated stocks.csv error, when every warning waited for a
load without errors.

A check's ``reads`` are the parts any row of which can change what it says of another
row (the links of a place, for whether its coordinates look swapped). A part a check
only looks at row by row is not among them: a row left out is simply not checked (a unit
lost is not named at its camp of ``storage_t`` 0; a commodity lost is not counted among
those the units consume, which matters to the supply check only if it was the one).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from supplyline.domain.camp_storage import check_camp_storage
from supplyline.domain.commodities import check_litre_masses
from supplyline.domain.findings import Finding
from supplyline.domain.fleet_checks import (
    check_carried_classes,
    check_carried_goods,
    names_a_class,
)
from supplyline.domain.link_checks import (
    check_distances,
    check_gauges_known,
    check_one_way_dead_ends,
    check_same_spot,
)
from supplyline.domain.reach_checks import (
    check_deploy_reach,
    check_lift_in_place,
    check_nothing_to_move,
    check_supply_reach,
)
from supplyline.domain.scenario import Scenario
from supplyline.errors import Severity

__all__ = [
    "WARNING_CHECKS",
    "GatedCheck",
    "Part",
    "check_storage",
    "every_link_open",
    "gated_check",
    "run_warning_checks",
]


class Part(StrEnum):
    """A part of the scenario that a check may need whole."""

    LOCATIONS = "locations"
    LINKS = "links"
    UNITS = "units"
    STOCKS = "stocks"
    FLEET = "fleet"
    COMMODITIES = "commodities"
    HORIZON = "horizon"
    """The horizon's days: a wrong horizon_days leaves them unknown. The checks of which
    way a link leads (one-way roads, reach) do not read it: with the horizon unknown, the
    loader counts every link open (:func:`every_link_open`), and what cannot be reached
    even so cannot be reached on any horizon."""


@dataclass(frozen=True, slots=True, kw_only=True)
class GatedCheck:
    """A check run only where what it reads is whole: what it checks, in words, and how.

    The domain's own only warn (:data:`WARNING_CHECKS`); a layer above gives the loader
    further ones (the planner's arrival days), which may find errors too.
    """

    what: str
    """What it checks, said when it waits (``link distances against the map``)."""
    reads: frozenset[Part]
    run: Callable[[Scenario], list[Finding]]
    applies: Callable[[Scenario], bool] = lambda _: True
    """Whether what was read gives it anything to check: a check with nothing to check is
    not said to wait (a fleet that names no supply class in carries)."""


def check_storage(s: Scenario) -> list[Finding]:
    """Warn where more is on hand at a place than its ``storage_t`` can keep.

    The data contradict each other: the plan takes the place's room to be what is on hand
    (the larger of the two), on every day. A tester's 20 t on hand in a 3 t store once went
    5 t short without a word; what is on hand now takes room whether drawn or not, so the
    store counts it every day.
    """
    on_hand: defaultdict[str, float] = defaultdict(float)
    first: dict[str, str] = {}
    for st in s.stocks:
        on_hand[st.location] += st.initial_t
        first.setdefault(st.location, f"{st.location}/{st.commodity}")
    found: list[Finding] = []
    for loc_id, tonnes in on_hand.items():
        loc = s.location_by_id.get(loc_id)
        if loc is None or loc.storage_t is None or tonnes <= loc.storage_t + 1e-9:
            continue
        found.append(
            Finding(
                entity="stock",
                entity_id=first[loc_id],
                field="initial_t",
                severity=Severity.WARNING,
                message=f"{tonnes:,.6g} t on hand at {loc_id!r} (all commodities) is more than "
                f"its storage_t of {loc.storage_t:,.6g} t: the plan takes its room to be what "
                "is on hand, on every day (raise storage_t, or leave it empty for no limit)",
            )
        )
    return found


def every_link_open(s: Scenario) -> Scenario:
    """``s`` with no link closed on any day, for the checks of reach when the horizon is unknown.

    Closing a link only takes ways away, so a unit that cannot get somewhere over every
    link cannot get there whatever the horizon: a tester's unit bound for a camp no link
    reached went unsaid beside a wrong horizon_days.
    """
    links = tuple(dataclasses.replace(link, outage_days=frozenset()) for link in s.links)
    return dataclasses.replace(s, links=links)


def gated_check(
    what: str,
    reads: Collection[Part],
    run: Callable[[Scenario], list[Finding]],
    *,
    applies: Callable[[Scenario], bool] = lambda _: True,
) -> GatedCheck:
    """A :class:`GatedCheck`, its ``reads`` given as any collection."""
    return GatedCheck(what=what, reads=frozenset(reads), run=run, applies=applies)


P = Part
WARNING_CHECKS: tuple[GatedCheck, ...] = (
    gated_check(
        "rail gauges left empty where gauged rail meets", (P.LINKS, P.LOCATIONS), check_gauges_known
    ),
    gated_check(
        "link distances against the map (and swapped coordinates)",
        (P.LINKS, P.LOCATIONS),
        check_distances,
    ),
    gated_check("links between places at the same coordinates", (), check_same_spot),
    gated_check("one-way roads with no way back", (P.LINKS,), check_one_way_dead_ends),
    gated_check(
        "the mass of a litre where none is given", (), lambda s: check_litre_masses(s.commodities)
    ),
    gated_check("stock on hand against storage_t", (P.STOCKS,), check_storage),
    gated_check("storage_t 0 where units are", (), check_camp_storage),
    gated_check("what the fleet carries", (P.FLEET,), check_carried_goods),
    gated_check(
        "the supply classes the fleet carries",
        (P.FLEET, P.COMMODITIES),
        check_carried_classes,
        applies=names_a_class,
    ),
    gated_check(
        "whether each unit can reach its destination",
        (P.LINKS, P.LOCATIONS),
        check_deploy_reach,
    ),
    gated_check("units with nothing to move", (), check_nothing_to_move),
    gated_check("units in place with a lift to move", (), check_lift_in_place),
    gated_check(
        "whether each destination can be supplied from the stocks",
        (P.LINKS, P.LOCATIONS, P.STOCKS),
        check_supply_reach,
    ),
)
"""Every check that only warns, in the order their findings are said."""


def run_warning_checks(
    s: Scenario, broken: Collection[Part] = (), checks: Iterable[GatedCheck] = WARNING_CHECKS
) -> tuple[list[Finding], list[GatedCheck]]:
    """The findings of every check whose inputs are whole, and the checks that waited.

    ``broken``: the parts of ``s`` that lost a row to an error, or are unknown (the
    horizon, when horizon_days is wrong).

    >>> from supplyline.planning.examples import one_link
    >>> found, waited = run_warning_checks(one_link()[0], {Part.STOCKS})
    >>> [check.what for check in waited]
    ['stock on hand against storage_t', 'whether each destination can be supplied from the stocks']
    """
    found: list[Finding] = []
    waited: list[GatedCheck] = []
    for check in checks:
        if check.reads.isdisjoint(broken):
            found += check.run(s)
        elif check.applies(s):
            waited.append(check)
    return found, waited
