"""The Routes result: last-mile convoy routes for one day, and the reach check.

Produced by :mod:`supplyline.routing`, read by services, reports and faces. As with the
plan, what cannot be done is data here, never an exception: a delivery no truck can
bring is an :class:`Unserved` record with its :class:`UnservedReason`, and a unit beyond
what its trucks can sustain is a :class:`ReachRow` with ``sustainable=False``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from supplyline.domain.fields import check_fields
from supplyline.domain.frozen_map import FrozenMap
from supplyline.domain.network import Mode
from supplyline.domain.reach_flags import FlagKind
from supplyline.domain.rounding import rounded, summed_figures
from supplyline.errors import ArgumentError
from supplyline.types import (
    CommodityId,
    LocationId,
    UnitId,
    day_label,
    figures_decimals,
    to_gram,
    written_text,
)

__all__ = [
    "NO_UNITS_WORDS",
    "DepotShort",
    "DrawnOnSite",
    "ReachCheck",
    "ReachRow",
    "ReachShare",
    "RoadLoad",
    "RouteStatus",
    "Routes",
    "Stop",
    "TruckRoute",
    "Unserved",
    "UnservedReason",
]

NO_UNITS_WORDS = "units.csv has no units: there is no one to serve"
"""What plan, routes and reach say of a scenario without units (a tester's header-only
units.csv crashed them; then "0 of 0 unit(s) flagged" and "nothing to deliver that day"
read as if units were there and fine)."""


class RouteStatus(StrEnum):
    """How the routing of a day ended."""

    SOLVED = "solved"
    """Routes found for every delivery that any truck could serve."""
    PARTIAL = "partial"
    """Routes found, but some deliveries stay unserved (see ``Routes.unserved``)."""
    NOTHING_TO_DO = "nothing_to_do"
    """No delivery on that day."""


class UnservedReason(StrEnum):
    """Why a delivery (or a truck-load of it) is not on any route."""

    NO_TRUCK_REACHES = "no_truck_reaches"
    """No depot with trucks is connected to the unit (no fleet at all, or zero trucks)."""
    ROAD_CLOSED = "road_closed"
    """Roads join the unit to the depots with trucks, but the ones it needs are closed that day."""
    BEYOND_DURATION = "beyond_duration"
    """Depot → unit → depot plus the stop takes longer than every truck's maximum route hours."""
    WINDOW_IMPOSSIBLE = "window_impossible"
    """No truck can arrive inside the unit's receiving window (it is too far for the window)."""
    TOO_LARGE = "too_large"
    """The delivery needs more truck-loads than the reaching trucks could ever carry in a day."""
    NOT_ENOUGH_TRUCKS = "not_enough_trucks"
    """Reachable in principle, but the trucks were all used for other deliveries."""
    DEPOT_SHORT = "depot_short"
    """No depot whose trucks can serve the unit holds the goods that day (what they hold
    went on more urgent loads): the trucks do not load what their depot does not have."""
    ROAD_FULL = "road_full"
    """The road the load needs carries no more tonnes that day (its ``capacity_t_per_day``
    is taken by the day's other loads), and no truck could bring it another way."""
    NO_TRUCK_MAY_CARRY = "no_truck_may_carry"
    """No truck it could go on may load its goods (fleet.csv's ``carries``: a bowser that
    carries water only, a flatbed no fuel)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Stop:
    """One visit of a truck at a unit: when it arrives, and what it unloads there."""

    unit: UnitId
    location: LocationId
    trip: int
    """1 for the first trip of the day; a truck that reloads at its depot starts trip 2, ..."""
    arrival_h: float
    """Hours after midnight of the route's day when the truck arrives (may wait till open)."""
    service_start_h: float
    departure_h: float
    load_t: Mapping[CommodityId, float]
    volume_m3: float | None = None
    """m³ of the commodities unloaded that have a ``volume_m3_per_t``; None when none has."""
    distance_from_previous_km: float = 0.0
    leg_by_road: bool = True
    """False when the leg from the previous place is an estimate (great circle × detour:
    the scenario has no road between them)."""
    roads: tuple[tuple[str, LocationId, LocationId], ...] = ()
    """The road directions (link, from, to) this stop's load rides over from its depot,
    in order, one a time it is driven: the legs of its trip up to the stop. A road's
    loaded tonnes (``Routes.road_loads``) are the stops that ride over it, so the route
    files write each road as the sum of its stops as written (a road read 10.668 t beside
    its stops' 4.513 + 6.156 t when rounded alone)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "load_t", FrozenMap(self.load_t))

    @property
    def tonnes(self) -> float:
        """Total tonnes unloaded here."""
        return sum(self.load_t.values())


@dataclass(frozen=True, slots=True, kw_only=True)
class TruckRoute:
    """The day of one truck: leave its depot, visit the stops in order, come back."""

    truck: str
    """A name for the truck: ``<fleet group id>#<n>``."""
    fleet_group: str
    vehicle_type: str
    depot: LocationId
    start_h: float
    end_h: float
    distance_km: float
    cost: float
    payload_t: float
    stops: tuple[Stop, ...]
    path: tuple[LocationId, ...] = ()
    """Depot, stops (with reload visits at the depot) and depot again, in order."""

    @property
    def duration_h(self) -> float:
        """Hours from leaving the depot to coming back."""
        return self.end_h - self.start_h

    @property
    def tonnes(self) -> float:
        """Tonnes delivered over the whole route."""
        return sum(s.tonnes for s in self.stops)

    @property
    def trips(self) -> int:
        """Number of trips (loads) the truck makes."""
        return max((s.trip for s in self.stops), default=0)


@dataclass(frozen=True, slots=True, kw_only=True)
class Unserved:
    """A delivery (or the part of it) that is on no route, and why."""

    unit: UnitId
    location: LocationId
    load_t: Mapping[CommodityId, float]
    reason: UnservedReason
    detail: str
    """The numbers behind the reason, in a planner's words."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "load_t", FrozenMap(self.load_t))

    @property
    def tonnes(self) -> float:
        """Tonnes not delivered."""
        return sum(self.load_t.values())


@dataclass(frozen=True, slots=True, kw_only=True)
class DrawnOnSite:
    """What a unit takes at the place it is at without a truck: from its stock, or as it lands.

    With ``link`` empty, drawn from the stock of the place. With ``link`` set (plan mode),
    what the movement plan lands at the unit's own place that day over a link that is
    not a road (``mode``: air, rail, water): a tester's routes listed a helicopter's 8 t
    at a site that holds no stock as "drawn on site" and never showed the airlift.
    """

    unit: UnitId
    location: LocationId
    load_t: Mapping[CommodityId, float]
    link: str = ""
    """The link the goods arrived over that day; empty: drawn from the place's stock."""
    mode: Mode | None = None
    """That link's mode (None with no ``link``)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "load_t", FrozenMap(self.load_t))
        if bool(self.link) != (self.mode is not None):
            raise ArgumentError(
                f"link(={self.link!r}) and mode(={self.mode!r}) go together: both or neither"
            )
        if self.mode is Mode.ROAD:
            raise ArgumentError(f"link {self.link!r}: goods by road come on the trucks")

    @property
    def tonnes(self) -> float:
        """Tonnes taken on site."""
        return sum(self.load_t.values())

    @property
    def arrived(self) -> bool:
        """Whether they arrived that day by a link other than a road (else: drawn from stock)."""
        return bool(self.link)

    @property
    def how(self) -> str:
        """How the unit got them, for a person: ``arrived by air on link a-h-s5, no truck``."""
        if self.mode is not None:
            return f"arrived by {self.mode.value.replace('_', ' ')} on link {self.link}, no truck"
        return f"drawn from the stock of {self.location}, no truck"


@dataclass(frozen=True, slots=True, kw_only=True)
class DepotShort:
    """A depot whose trucks are loaded, on a day, with more of a commodity than it holds.

    ``held_t`` is the most the depot can hold for its trucks that day by what supplyline
    knows (``Routes.depot_stock_basis`` says from what); ``asked_t`` what the day's
    truck-loads from it carry, always more than ``held_t``. A tester's depot without
    food sent food on its trucks.
    """

    depot: LocationId
    commodity: CommodityId
    day: int
    held_t: float
    asked_t: float
    kept_t: float = 0.0
    """Tonnes the depot holds beyond ``held_t`` that its trucks may not load that day: kept
    for the plan's own road legs and deliveries from it on later days (plan mode). A
    tester's depot read "holds 57.08 t of food …; the loads ask 14.43 t (-42.65 t more)"
    where 48.2 t of the 57.08 t were kept so: 8.88 t were the day's to load, 5.55 t short.
    """

    def __post_init__(self) -> None:
        check_fields(self)  # numpy's numbers as Python floats: a tester's np.float64 broke
        for name in ("held_t", "asked_t", "kept_t"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise ArgumentError(f"{name}(={value}) must be a finite number >= 0")
        if not self.asked_t > self.held_t:
            raise ArgumentError(
                f"asked_t(={self.asked_t}) must be more than held_t(={self.held_t}): "
                "a depot short is asked more than it holds for its trucks"
            )

    @property
    def short_t(self) -> float:
        """Tonnes the loads ask beyond what the depot holds for its trucks (above zero)."""
        return self.asked_t - self.held_t

    @property
    def message(self) -> str:
        """``depot D3 holds 4.0 t of food on C+2; the day's truck-loads from it ask 6.5 t``.

        With ``kept_t``, what it holds in all and what of it is kept: ``depot D holds 6 t
        of food on C+2, 4 t of it kept for the plan's own road legs and deliveries from it
        on later days: 2 t for the day's trucks, whose loads from it ask 5 t (3 t more)``.
        """
        when = day_label(self.day)
        if self.kept_t > 0:
            held, asked, short, whole, kept = _tonnes(
                self.held_t, self.asked_t, self.short_t, self.kept_t
            )
            return (
                f"depot {self.depot} holds {whole} t of {self.commodity} on {when}, {kept} t "
                f"of it kept for the plan's own road legs and deliveries from it on later "
                f"days: {held} t for the day's trucks, whose loads from it ask {asked} t "
                f"({short} t more)"
            )
        held, asked, short = _tonnes(self.held_t, self.asked_t, self.short_t)
        ask = f"the day's truck-loads from it ask {asked} t ({short} t more)"
        holds = (  # "holds 0.000 t" beside another depot's "holds 0.0 t" read as two rules
            f"holds no {self.commodity}"
            if self.held_t == 0
            else f"holds {held} t of {self.commodity}"
        )
        return f"depot {self.depot} {holds} on {when}; {ask}"


def _tonnes(held_t: float, asked_t: float, short_t: float, kept_t: float = 0.0) -> tuple[str, ...]:
    """Held, asked and short as the tables say tonnes, adding up as read.

    To the decimals the finest of them needs, as the tables and the plan's sentences say
    tonnes (:func:`~supplyline.types.figures_text`'s rule: ``0.09``, ``0.1``, ``2.78``,
    ``151``; depot_short.csv keeps every gram), held and short rounded to add up to
    asked (:func:`~supplyline.domain.rounding.summed_figures`). Each message had had its
    own style, a tenth or three decimals: ``ask 0.1 t (0.1 t more)`` stood beside ``ask
    0.090 t`` and ``0.160 t``. Given ``kept_t`` (above 0), two more: the whole held
    (``held_t + kept_t``, as it reads alone) and what of it is kept, the whole less held
    as said, so that they add up as read too.

    >>> _tonnes(4.0, 6.5, 2.5), _tonnes(0.0, 0.09, 0.09), _tonnes(0.0, 0.1, 0.1)
    (('4.0', '6.5', '2.5'), ('0', '0.09', '0.09'), ('0', '0.1', '0.1'))
    >>> _tonnes(1.234, 3.456, 2.222), _tonnes(0.05, 0.1, 0.05)
    (('1.24', '3.46', '2.22'), ('0.05', '0.10', '0.05'))
    >>> _tonnes(8.88, 14.43, 5.55, 48.198)
    ('8.88', '14.43', '5.55', '57.08', '48.20')
    """
    tonnes = [to_gram(t) for t in (held_t, asked_t, short_t)]
    whole_t = to_gram(held_t + kept_t)
    more = [to_gram(kept_t), whole_t] if kept_t > 0 else []
    decimals = figures_decimals(*tonnes, *more)
    held, short, asked = summed_figures([tonnes[0], tonnes[2]], tonnes[1], decimals)
    said = [held, asked, short]
    if more:
        whole = rounded(whole_t, decimals)
        said += [whole, max(whole - held, Decimal(0))]
    return written_text(said, decimals)


@dataclass(frozen=True, slots=True, kw_only=True)
class RoadLoad:
    """The loaded tonnes the day's trucks carry over one road, one way (empty runs are 0).

    A road's ``capacity_t_per_day`` is tonnes of goods a day per direction, shared by all
    trucks and commodities; the routes keep it (``capacity_t_per_day`` None: not limited).
    It is counted, as in the movement plan, on the day the goods set out over the road
    (``departure_day``: the routes' day less the road's ``transit_days``), and in plan
    mode ``plan_t`` of it is taken by the plan's road movements the trucks do not carry
    (depot to depot, into a hub, units' own equipment) that left that day: the trucks'
    ``tonnes`` and ``plan_t`` together keep the capacity. The trucks' ``tonnes`` are those
    of the stops whose ``roads`` hold the road's direction.
    """

    link: str
    origin: LocationId
    destination: LocationId
    tonnes: float
    departure_day: int
    capacity_t_per_day: float | None = None
    plan_t: float = 0.0

    def __post_init__(self) -> None:
        for name in ("tonnes", "plan_t"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise ArgumentError(f"{name}(={value}) must be a finite number >= 0")


@dataclass(frozen=True, slots=True, kw_only=True)
class Routes:
    """The convoy routes of one day, and every delivery they leave out."""

    scenario: str
    day: int
    date: dt.date
    status: RouteStatus
    routes: tuple[TruckRoute, ...] = ()
    unserved: tuple[Unserved, ...] = ()
    on_site: tuple[DrawnOnSite, ...] = ()
    """Deliveries served at the unit's own place without a truck: from its stock, or (plan
    mode, ``DrawnOnSite.arrived``) as they land there by air, rail or water that day."""
    source: str = "demand"
    """Where the deliveries came from: ``plan`` (the movement plan) or ``demand``."""
    plan_id: str | None = None
    """The identity (``plan.json``'s ``plan_id``) of the plan the deliveries came from; None
    from demand. ``routes.json`` records it, so that routes beside another plan's files are
    known for another plan's (:mod:`supplyline.io.earlier_outputs`)."""
    flows_id: str | None = None
    """That plan's ``flows_id`` (what it moves and holds, as ``plan.json`` records it: its
    ``plan_id`` differs from ``plan``'s, whose bottlenecks are measured); None from demand."""
    total_distance_km: float = 0.0
    total_cost: float = 0.0
    solve_s: float = 0.0
    notes: tuple[str, ...] = field(default_factory=tuple)
    """How deliveries were split into truck-loads and other choices a planner should know."""
    depot_short: tuple[DepotShort, ...] = ()
    """Depots whose trucks carry more of a commodity than the depot holds that day."""
    depot_stock_basis: str = ""
    """What the depots' stocks were checked against; empty when they were not checked."""
    road_loads: tuple[RoadLoad, ...] = ()
    """The loaded tonnes over each road driven loaded that day, by direction."""
    units: int | None = None
    """Units in the scenario (``None``: not told): with 0 there is no one to serve, which
    the faces say in :data:`NO_UNITS_WORDS` rather than as a quiet day."""
    brief_notes: tuple[tuple[str, str], ...] = ()
    """(note, its brief): what a terminal prints for a note of many lines (a day's full
    roads, :mod:`~supplyline.routing.road_note`); the files keep the note in full."""

    def brief(self, note: str) -> str:
        """What a terminal prints for ``note``: its brief, or the note itself."""
        return dict(self.brief_notes).get(note, note)

    @property
    def delivered_t(self) -> float:
        """Tonnes on routes."""
        return sum(r.tonnes for r in self.routes)

    @property
    def unserved_t(self) -> float:
        """Tonnes that no route brings."""
        return sum(u.tonnes for u in self.unserved)

    @property
    def on_site_t(self) -> float:
        """Tonnes units draw from the stock of their own place (no truck)."""
        return sum(d.tonnes for d in self.on_site if not d.arrived)

    @property
    def arrived_t(self) -> float:
        """Tonnes units take as they land at their own place by air, rail or water (no truck)."""
        return sum(d.tonnes for d in self.on_site if d.arrived)

    @property
    def arrived_by(self) -> str:
        """The modes of what arrived (``arrived_t``) in words: ``air``, ``rail and air``."""
        seen = {d.mode for d in self.on_site if d.mode is not None}
        words = [m.value.replace("_", " ") for m in Mode if m in seen]
        return " and ".join(filter(None, [", ".join(words[:-1]), *words[-1:]]))


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachShare:
    """One depot's share of a unit's goods, judged on that depot's trucks alone.

    ``routes`` loads each commodity on the trucks of the depot that holds it: a unit whose
    water comes from DA and rations from DB is judged on DA's trucks for the water and
    DB's for the rations, not on one depot's for all its tonnes.
    """

    depot: LocationId
    goods: tuple[CommodityId, ...]
    """The commodities it sends (empty: not known)."""
    daily_t: float
    trucks: int
    round_trip_h: float | None
    """Of its main truck type (None: no open road there and back)."""
    turns_per_truck: int
    turns_needed: int
    capacity_t_per_day: float
    depot_load_pct: float | None = None
    """Share of the depot's truck-hours that all the units it serves need (as the row's)."""
    reason: str = ""
    """Why its trucks cannot carry this share (empty: they can)."""
    unheld: tuple[CommodityId, ...] = ()
    """Those of ``goods`` that no depot whose trucks may serve the unit holds: counted on
    this (the serving) depot's trucks, as ``routes --from-demand`` loads them there."""
    unheld_t: float = 0.0
    """Their tonnes a day (part of ``daily_t``)."""
    unheld_why: str = ""
    """Who holds them instead, for a planner (``no depot with trucks holds them in
    stocks.csv (larnis-hub does, with no trucks)``)."""
    depot_units: tuple[UnitId, ...] = ()
    """The units whose goods ``depot_load_pct`` counts on the depot's trucks, sorted: a
    tester read 30.9 % for a depot in ``reach`` and 28.9 % in the plan's check for the
    same two units' loads, where ``reach`` also sent four other units' food from it (the
    only depot holding food in stocks.csv) and the plan from the depot it brought it to."""

    def __post_init__(self) -> None:
        """Numbers as Python's own (numpy's came back from the road matrix)."""
        check_fields(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachRow:
    """Whether the trucks that serve a unit can sustain its daily demand, with the numbers."""

    unit: UnitId
    location: LocationId
    supply_point: LocationId | None
    """Where its goods come from by road: the serving depot when it holds goods, else the
    nearest freight railhead, port, airfield or place with stock (or, given the movement
    plan, start of its road legs); None when none is connected."""
    supply_kind: str | None
    road_km: float | None
    by_road: bool
    """False when no road path exists and the distance is great-circle × detour factor."""
    depot: LocationId | None
    """The fleet depot whose trucks serve the unit (None when no truck can)."""
    trucks: int
    trucks_available: float
    payload_t: float
    round_trip_h: float | None
    turns_per_truck: int
    daily_t: float
    turns_needed: int
    capacity_t_per_day: float
    depot_load_pct: float | None = None
    """Share of the depot's available truck-hours that all units it serves need: of the
    busiest truck type, where the types reach different units (``routing.truck_hours``)."""
    sustainable: bool
    reason: str = ""
    cut_off_days: tuple[int, ...] = ()
    """Days no truck depot reaches the unit's place by road (its roads, or the way, closed)."""
    cut_off: str = ""
    """Those days and the closed roads, for a planner (``C+1–C+2: road A–C (link r-ac)``),
    and the days its stock covers (``; C+13 covered by its 3 days of supply``)."""
    covered_days: tuple[int, ...] = ()
    """Days with demand that it is cut off and that its own stock covers: not flagged
    (:mod:`~supplyline.routing.reach_cover`)."""
    shares: tuple[ReachShare, ...] = ()
    """Per depot, where its goods come from more than one (empty: all from ``depot``)."""
    on_site: bool = False
    """Its goods are drawn where it is, with no truck leg: a unit at a railhead, port or
    airfield, or at the depot whose trucks would serve it (``routes`` draws its goods
    there, ``on_site.csv``). Its road km, round trip and turns are empty: a tester's unit
    at a depot read "45 km, round trip 0.50 h, 18 turns" from a camp it drew nothing from."""
    arrives: bool = True
    """False for a deploying unit never at its destination within the horizon: it needs
    no daily resupply, so nothing is judged (``sustainable`` stays True, its ``reason``
    says "never arrives …") and it adds nothing to its depot's load (``depot_load_pct``
    None). A tester's such unit read "ok" at 0 t/day, which a planner took for "fine"."""
    busiest_day: int | None = None
    """With a movement plan, the day the plan's road legs bring the unit's place the most
    tonnes, what ``routes`` loads on its trucks that day (None: no plan, or nothing brought
    by road); judged against what its trucks carry that day
    (:mod:`~supplyline.routing.reach_busiest`)."""
    busiest_t: float | None = None
    """The tonnes the plan's road legs bring its place on ``busiest_day`` (all commodities,
    every unit there)."""
    busiest_capacity_t: float | None = None
    """What the trucks serving its place carry on ``busiest_day``, every truck on the road,
    as the judgement weighed it (None: not judged); a flag's reason says the same figure."""
    flagged_for: tuple[FlagKind, ...] = ()
    """Why it is flagged, by kind (empty when ok): what the faces' counts are made of."""

    def __post_init__(self) -> None:
        """Numbers as Python's own, and the tonnes and trucks finite and >= 0.

        A tester's ``round_trip_h`` came back as ``np.float64(1.3)`` from the road matrix:
        each field is taken as its annotation says (:func:`~supplyline.domain.fields.
        check_fields`), as the scenario's records are.
        """
        check_fields(self)
        for name in ("trucks_available", "payload_t", "daily_t", "capacity_t_per_day"):
            value = getattr(self, name)
            if not (math.isfinite(value) and value >= 0):
                raise ArgumentError(f"{name}(={value}) must be a finite number >= 0")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachCheck:
    """The reach check of a scenario: one row per unit, and the assumptions used."""

    scenario: str
    rows: tuple[ReachRow, ...]
    availability: float
    service_minutes: float
    detour_factor: float
    trucks: int = 0
    """Trucks in the scenario's fleet: with none (no fleet.csv) there is nothing to check."""
    units: int | None = None
    """Units in the scenario (``None``: not told): with 0 the check has no one to judge
    and the faces say :data:`NO_UNITS_WORDS`, not "0 of 0 unit(s) flagged"."""
    start_date: dt.date | None = None
    """The scenario's C+0, so that a row's ``busiest_day`` has its date too (reach.csv gave
    a bare 13 where every other file gives day, C+N and date); None: not told."""

    @property
    def flagged(self) -> tuple[ReachRow, ...]:
        """Units beyond what their trucks can sustain (none when the fleet is not given)."""
        if self.trucks == 0:
            return ()
        return tuple(r for r in self.rows if not r.sustainable)

    @property
    def never_arriving(self) -> tuple[ReachRow, ...]:
        """Units never at their destination within the horizon: nothing of theirs judged."""
        return tuple(r for r in self.rows if not r.arrives)
