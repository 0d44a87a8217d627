"""What the supply says of a shortfall's or a target gap's cause: the closure, it, or both.

A tester's unit was short of water on C+20 and the cause named the closure of its road;
re-planned with the road open, it was as short: its depot's replenishment could not have
covered the day anyway. So before a closure is blamed (:mod:`~supplyline.planning.
unreachable`), the plan's shortfall is weighed against the least any plan with the closure
reopened could leave (:mod:`~supplyline.planning.supply_floor`), and the supply is named
instead of the closure, or beside it where both bind.

The same judgement serves both kinds of record (target gaps named the closure on a depot
of 1 t/day where a re-plan without it left them as they were, 119 t-days). A shortfall is
weighed in all: a closure that only moves it between days is not its cause. A target is a
level held on each day, so a gap is weighed on its day, by what the units *miss* by then,
their shortfall so far plus their gap that day: what they ate and hold came from what can
have reached them, so where the plan misses as little as that allows, they could hold more
of their target only by being shorter, whatever a closure or a capacity did.

And the same words serve every day of a unit's commodity. A depot's 1 t/day, against units
eating 8, left them short on every day; the days goods could arrive read "capacity (see the
bottlenecks)" and the two days a road was closed "not enough Rations can reach U", in one
cell. Days goods can arrive are weighed too (nothing reopened: the capacities are the only
thing to lift), and where the supply binds with every closure the unit's days blame
reopened, every such day says it in the one sentence naming them all.

Where no day's count names the supply, a gap of units the supply leaves short in all is
weighed in all (:meth:`SupplyJudge._gap_in_all`): a tester's water gaps read "capacity"
beside the units' shortfall, "not enough … is in stock for every unit in the horizon", and
were as large with every capacity unlimited. No stock can be built up when there is not
enough to eat.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from supplyline.domain import Bottleneck, Shortfall, TargetGap
from supplyline.planning.assemble import Problem
from supplyline.planning.closure_words import closure_text
from supplyline.planning.floor_parts import FloorParts
from supplyline.planning.resources import listed
from supplyline.planning.shortfall_words import tonnage_words
from supplyline.planning.supply_floor import Floor, SupplyFloor
from supplyline.planning.supply_limit import limit_text
from supplyline.planning.target_floor import slack_t, slack_t_days
from supplyline.types import amount_eps, lower_bound_text

__all__ = [
    "SupplyJudge",
    "Weighed",
    "closed_with_supply",
]

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]

TRANSPORT = "transport capacities"
"""What a supply cause's count lifts: links, handling and storage; never a supply, which a
tester's bottleneck 1 ranked as "capacity" beside "whatever the capacities"."""

HELD = "in all without going short"
"""How a gap of units never short ends where the supply binds (weighed in all)."""

EVERYWHERE = -1
"""In place of a place's index: every place (the commodity's units together)."""


@dataclass(frozen=True, slots=True)
class Weighed:
    """What the supply says of a closure blamed for a record (or of a day none is)."""

    text: str
    alone: bool
    """The supply is the whole cause (``text`` replaces the closure's), else it adds to it."""


@dataclass(frozen=True, slots=True)
class _InAll:
    """The units the supply leaves short in all, and the words for it."""

    places: BoolArray
    """``[location]``: where they are."""
    text: str
    limit: str
    """The supply that limits them, as the bottlenecks rank it ("; the supply at …"), or ""."""


@dataclass
class SupplyJudge:
    """Whether the supply, not a closure or a capacity, leaves units short.

    The plan's ``shortfalls`` of a commodity, at a place and in all, against the least any
    plan with the closures blamed reopened could leave (and for a target gap, what the
    plan misses by its day, ``target_gaps`` too); cached per commodity, place, closures.
    ``arc_open`` gives, for a set of closures (link indices) reopened, the days goods may
    leave each arc.
    """

    p: Problem
    shortfalls: Sequence[Shortfall]
    target_gaps: Sequence[TargetGap]
    arc_open: Callable[[frozenset[int]], BoolArray]
    bottlenecks: Sequence[Bottleneck] = ()
    """The plan's, ranked: the supply a cause blames is named by its rank where it has one."""
    short_decimals: int | None = None
    """The shortfall table's decimals: "as in this plan" says the plan's tonnes as it does."""
    _floor: SupplyFloor = field(init=False)
    _least: dict[tuple[int, bytes, frozenset[int]], FloatArray] = field(default_factory=dict)
    _plan_missed: dict[tuple[int, bytes], FloatArray] = field(default_factory=dict)
    _said: dict[tuple[int, int, frozenset[int]], Weighed | None] = field(default_factory=dict)
    _together: dict[tuple[int, bytes, frozenset[int]], Floor] = field(default_factory=dict)
    _parted: dict[tuple[int, bytes], FloorParts] = field(default_factory=dict)
    _gaps_in_all: dict[tuple[int, int, frozenset[int]], Weighed | None] = field(
        default_factory=dict
    )
    _held: dict[tuple[int, bytes, frozenset[int]], bool] = field(default_factory=dict)
    _never_short: dict[tuple[int, int, frozenset[int]], Weighed | None] = field(
        default_factory=dict
    )

    def __post_init__(self) -> None:
        self._floor = SupplyFloor(p=self.p, arc_open=self.arc_open)

    def weigh(self, k: int, v: int, blamed: frozenset[int]) -> Weighed | None:
        """What to say of the supply where ``blamed`` cut ``v`` off from ``k``; None: nothing.

        With nothing ``blamed`` (goods can arrive, or no closure would let them), only
        whether the supply alone binds: "the capacities", else, would not be the cause.
        """
        if (k, v, blamed) not in self._said:
            self._said[k, v, blamed] = self._weighed(k, v, blamed)
        return self._said[k, v, blamed]

    def weigh_gap(self, k: int, v: int, blamed: frozenset[int], day: int) -> Weighed | None:
        """As :meth:`weigh`, for the units at ``v`` below their target of ``k`` on ``day``.

        A shortfall is weighed in all (a closure that only moves it is not its cause); a
        target is a level held on each day, so the gap is weighed on its day: by what the
        units miss by then, their shortfall so far and their gap that day
        (:meth:`~supplyline.planning.supply_floor.SupplyFloor.least_missed`).
        """
        missed = self._missed(k, v)[day]
        eps = _eps(missed)
        if missed <= eps:
            return None
        least = float(self._least_missed(k, v, blamed)[day])
        commodity, place = self._names(k, v)
        if missed <= least + eps:
            return Weighed(
                text=f"not enough {commodity} can reach {place} in time: "
                f"{_whatever(self.p, blamed)}, the units there could hold no more of their "
                "target on these days without being shorter by then"
                + self._limit(k, self._at(v), blamed),
                alone=True,
            )
        pool = self._floor.sharing(k, v, blamed)
        others = self._sharers(k, pool, v)
        shared = others and not bool(pool[self._eating(k)].all())
        if shared:
            missed_pool = self._missed_in(k, pool)[day]
            least_pool = float(self._least_missed_in(k, pool, blamed)[day])
            if missed_pool <= least_pool + _eps(missed_pool):
                return Weighed(
                    text=f"not enough {commodity} is in stock in time for the units at {place} "
                    f"and at {others}, which share its supply: {_whatever(self.p, blamed)}, "
                    "they could hold no more of their targets on these days without being "
                    "shorter by then" + self._limit(k, pool, blamed),
                    alone=True,
                )
        missed_all = self._missed(k, EVERYWHERE)[day]
        if missed_all <= float(self._least_missed(k, EVERYWHERE, blamed)[day]) + _eps(missed_all):
            return Weighed(
                text=f"not enough {commodity} is in stock for every unit in time: "
                f"{_whatever(self.p, blamed)}, the units could hold no more of their targets "
                "on these days without being shorter by then"
                + self._limit(k, self._at(EVERYWHERE), blamed),
                alone=True,
            )
        in_all = self._gap_in_all(k, v, blamed) or self._never_short_in_all(k, v, blamed)
        if in_all is not None:
            return in_all
        if blamed and least > eps:
            them = "it" if len(blamed) == 1 else "them"
            return Weighed(
                text=f"; the supply is short too: with {them} reopened, the units at {place} "
                f"could still not hold all their target of {commodity} on these days without "
                "being shorter by then",
                alone=False,
            )
        if blamed and shared and float(self._least_missed_in(k, pool, blamed)[day]) > eps:
            them = "it" if len(blamed) == 1 else "them"
            return Weighed(
                text=f"; the supply is short too: with {them} reopened, the units at {place} "
                f"and at {others}, which share its supply, could still not hold all their "
                f"targets of {commodity} on these days without being shorter by then",
                alone=False,
            )
        return None

    def beside_capacities(self, k: int, v: int, day: int, see: str) -> str | None:
        """The supply's share of a shortfall the capacities bind too, as a lower bound; None.

        A tester's units were 17,666 t short of water, every row "capacity (see the
        bottlenecks)"; re-planned with every capacity lifted they were still 14,992 t short.
        Where the units at ``v`` are short in the plan, and ``v``'s ``day`` falls in a part
        of the supply's floor for the units sharing its supply (nothing reopened; the
        place-days no plan, whatever the capacities, can serve in full:
        :meth:`~supplyline.planning.supply_floor.SupplyFloor.parts`, a true lower bound,
        rounded down), the claim for the units of that part together, never per unit.
        Only where some of it falls on days goods can reach them (before, it is the way's).
        A floor on other days is not this day's: a tester's rows of C+18–C+39 claimed
        1.88 t of one unit's C+3, before fuel could reach it. ``see`` points at the
        bottlenecks, before the supply ranked among them is named.
        """
        none: frozenset[int] = frozenset()
        if not self._short_at(k, self._at(v)):
            return None  # the units at v are short on no day: the supply leaves them enough
        parts = self._parts(k, self._floor.sharing(k, v, none))
        part = parts.at(v, day)
        if part < 0:
            return None  # some plan serves this day in full: the capacities alone bind it
        short_t = float(parts.short_t[part])
        if short_t - float(parts.way_t[part]) <= _eps(short_t):
            return None
        commodity, place = self._names(k, v)
        places = parts.places(part, len(self.p.net.location_ids))
        others = self._sharers(k, places, v)
        if bool(places[self._eating(k)].all()):
            units = "the units"
        elif others:
            units = f"the units at {place} and at {others}, which share its supply,"
        else:
            units = f"the units at {place}"
        return (
            f"{_whatever(self.p, none)}, {units} would still be short of at least "
            f"{lower_bound_text(short_t)} t of {commodity} in all {see}"
            f"{self._limit(k, places, none)}"
        )

    def catching_up(self, k: int, v: int, closed: frozenset[int], day: int) -> bool:
        """Whether ``closed`` and the capacities together keep ``v``'s units missing ``k``.

        On a day goods can arrive after the closures: the plan's units at ``v`` miss by
        then (shortfall so far and gap, :meth:`_missed`) as little as the capacities allow
        with the closures in force, more than the supply's count allows whatever the
        capacities, and more than the capacities would allow with ``closed`` reopened
        (:meth:`~supplyline.planning.supply_floor.SupplyFloor.least_missed_through`).
        """
        missed = float(self._missed(k, v)[day])
        eps = _eps(missed)
        none: frozenset[int] = frozenset()
        if missed <= eps or missed <= float(self._least_missed(k, v, none)[day]) + eps:
            return False
        if missed > self._floor.least_missed_through(k, v, none, day) + eps:
            return False  # the capacities alone do not explain it: no claim
        return self._floor.least_missed_through(k, v, closed, day) < missed - eps

    def _names(self, k: int, v: int) -> tuple[str, str]:
        """The commodity's and the place's names, as a reader knows them."""
        p = self.p
        com_id = p.demand.commodity_ids[k]
        known = p.scenario.commodity_by_id.get(com_id)
        return (
            known.name if known is not None else com_id,
            p.scenario.location(p.net.location_ids[v]).name,
        )

    def _at(self, v: int) -> BoolArray:
        """``[location]``: ``v`` alone, or every place for :data:`EVERYWHERE`."""
        if v == EVERYWHERE:
            return np.ones(len(self.p.net.location_ids), dtype=bool)
        at_v = np.zeros(len(self.p.net.location_ids), dtype=bool)
        at_v[v] = True
        return at_v

    def _least_missed(self, k: int, v: int, blamed: frozenset[int]) -> FloatArray:
        return self._least_missed_in(k, self._at(v), blamed)

    def _least_missed_in(self, k: int, places: BoolArray, blamed: frozenset[int]) -> FloatArray:
        """``[day]``: the least the units at ``places`` can miss by then (cached)."""
        key = (k, places.tobytes(), blamed)
        if key not in self._least:
            self._least[key] = self._floor.least_missed(k, places, blamed)
        return self._least[key]

    def _missed(self, k: int, v: int) -> FloatArray:
        """``[day]``: the plan's shortfall of ``k`` at ``v`` so far plus its gap that day.

        At every place for :data:`EVERYWHERE`.
        """
        return self._missed_in(k, self._at(v))

    def _missed_in(self, k: int, places: BoolArray) -> FloatArray:
        """``[day]``: as :meth:`_missed`, of the units at ``places`` together."""
        key = (k, places.tobytes())
        if key not in self._plan_missed:
            p = self.p
            com_id = p.demand.commodity_ids[k]
            unit_at = {uid: int(p.unit_dest[i]) for i, uid in enumerate(p.demand.unit_ids)}

            def counted(unit: str) -> bool:
                return unit in unit_at and bool(places[unit_at[unit]])

            short, below = np.zeros(p.days), np.zeros(p.days)
            for s in self.shortfalls:
                if s.commodity == com_id and counted(s.unit):
                    short[s.day] += s.short_t
            for g in self.target_gaps:
                if g.commodity == com_id and counted(g.unit):
                    below[g.day] += g.below_t
            self._plan_missed[key] = np.cumsum(short) + below
        return self._plan_missed[key]

    def _weighed(self, k: int, v: int, blamed: frozenset[int]) -> Weighed | None:
        p = self.p
        com_id = p.demand.commodity_ids[k]
        commodity, place = self._names(k, v)
        unit_at = {uid: int(p.unit_dest[i]) for i, uid in enumerate(p.demand.unit_ids)}
        mine = [s for s in self.shortfalls if s.commodity == com_id]
        short_here = sum(s.short_t for s in mine if unit_at.get(s.unit) == v)
        if short_here <= _eps(short_here):
            return None  # none short there: the supply leaves room for all they need
        in_all = self._short_in_all(k, v, blamed)
        if in_all is not None:
            return Weighed(text=in_all.text + in_all.limit, alone=True)
        if not blamed:
            return None
        here = self._floor.least_short(k, self._at(v), blamed)
        pool = self._floor.sharing(k, v, blamed)
        shared = self._least_short_together(k, pool, blamed)
        short_pool = sum(s.short_t for s in mine if pool[unit_at.get(s.unit, v)])
        others = self._sharers(k, pool, v)
        them = "it" if len(blamed) == 1 else "them"
        if here.after_first_t > _eps(short_here):
            return Weighed(
                text=f"; the supply is short too: with {them} reopened, the units at {place} "
                f"would still be short of at least {lower_bound_text(here.total_t)} t of "
                f"{commodity} in all (in this plan {self._plans(short_here)} t)",
                alone=False,
            )
        if others and shared.after_first_t > _eps(short_pool):
            return Weighed(
                text=f"; the supply is short too: with {them} reopened, the units at {place} "
                f"and at {others}, which share its supply, would still be short of at least "
                f"{lower_bound_text(shared.total_t)} t of {commodity} in all (in this plan "
                f"{self._plans(short_pool)} t)",
                alone=False,
            )
        return None

    def _plans(self, tonnes: float) -> str:
        """The plan's own tonnes short, as its shortfall table writes them: 342.51, not 342."""
        return tonnage_words(tonnes, self.short_decimals)

    def _short_in_all(self, k: int, v: int, blamed: frozenset[int]) -> _InAll | None:
        """The units (at ``v``, sharing its supply, or all) the supply leaves short in all.

        Where the plan is as short there as the supply allows, ``blamed`` reopened and
        whatever the capacities; ``v`` itself counted only where its units are short.
        """
        p = self.p
        com_id = p.demand.commodity_ids[k]
        commodity, place = self._names(k, v)
        unit_at = {uid: int(p.unit_dest[i]) for i, uid in enumerate(p.demand.unit_ids)}
        mine = [s for s in self.shortfalls if s.commodity == com_id]
        short_all = sum(s.short_t for s in mine)
        short_here = sum(s.short_t for s in mine if unit_at.get(s.unit) == v)
        whatever = _whatever(p, blamed)
        if short_here > _eps(short_here):
            here = self._floor.least_short(k, self._at(v), blamed)
            if short_here <= here.total_t + _eps(short_here):
                return _InAll(
                    places=self._at(v),
                    text=f"not enough {commodity} can reach {place} in the horizon: "
                    f"{whatever}, the units there would still be short of "
                    f"{self._plans(short_here)} t in all, as in this plan",
                    limit=self._limit(k, self._at(v), blamed),
                )
        pool = self._floor.sharing(k, v, blamed)
        shared = self._least_short_together(k, pool, blamed)
        short_pool = sum(s.short_t for s in mine if pool[unit_at.get(s.unit, v)])
        if short_pool <= _eps(short_pool):
            return None
        everyone = bool(pool[self._eating(k)].all())
        if everyone and short_all <= shared.total_t + _eps(short_all):
            return _InAll(
                places=pool,
                text=f"not enough {commodity} is in stock for every unit in the horizon: "
                f"{whatever}, the units would still be short of "
                f"{self._plans(short_all)} t in all, as in this plan",
                limit=self._limit(k, pool, blamed),
            )
        others = self._sharers(k, pool, v)
        if not everyone and short_pool <= shared.total_t + _eps(short_pool):
            return _InAll(
                places=pool,
                text=f"not enough {commodity} is in stock for the units at {place} and at "
                f"{others}, which share its supply: {whatever}, they would still be short of "
                f"{self._plans(short_pool)} t in all, as in this plan",
                limit=self._limit(k, pool, blamed),
            )
        return None

    def _gap_in_all(self, k: int, v: int, blamed: frozenset[int]) -> Weighed | None:
        """The supply as the cause of every gap of ``k`` at ``v``, weighed over the horizon.

        Where the supply leaves the units short in all (:meth:`_short_in_all`) and no plan,
        whatever the capacities, leaves them fewer tonne-days below their targets without
        their going short sooner (:meth:`~supplyline.planning.supply_floor.SupplyFloor.
        least_below`): no stock can be built up when there is not enough to eat.
        """
        key = (k, v, blamed)
        if key not in self._gaps_in_all:
            self._gaps_in_all[key] = None
            in_all = self._short_in_all(k, v, blamed)
            if in_all is not None and self._held_all_it_can(k, in_all.places, blamed):
                self._gaps_in_all[key] = Weighed(
                    text=f"{in_all.text}; nor could they hold more of their targets "
                    f"without going short sooner{in_all.limit}",
                    alone=True,
                )
        return self._gaps_in_all[key]

    def _never_short_in_all(self, k: int, v: int, blamed: frozenset[int]) -> Weighed | None:
        """The supply as the cause of every gap of ``k`` at ``v``, of units never short.

        A depot of 4 t a day for a unit there eating 2 and one a day away eating 3, each
        with a 6 t target: never short, 54 t-days below, the same with every capacity
        unlimited, 3 with 12 t a day; the gaps read "capacity". Where the units sharing
        ``v``'s supply (every unit, or those at some places) are short on no day and no plan,
        whatever the capacities, leaves them fewer tonne-days below their targets without
        their going short (:meth:`_held_all_it_can`), the supply is the cause. Units at one
        place alone are not weighed so: never short, they eat all they need, so the most
        they can hold on a day is what can have reached them by then less that, and the
        least in all is the sum of the days' counts, which :meth:`weigh_gap` weighs first.
        Nor where the supply's count for them together misses nothing on any day: the
        linear programme (60 ms on the relief example, where six such pools had cost
        0.36 s) is asked only where the supply can bind at all.
        """
        key = (k, v, blamed)
        if key not in self._never_short:
            self._never_short[key] = None
            commodity, place = self._names(k, v)
            whatever = _whatever(self.p, blamed)
            pool = self._floor.sharing(k, v, blamed)
            others = self._sharers(k, pool, v)
            if (
                others
                and not self._short_at(k, pool)
                and bool((self._least_missed_in(k, pool, blamed) > _eps(0.0)).any())
                and self._held_all_it_can(k, pool, blamed)
            ):
                everyone = bool(pool[self._eating(k)].all())
                said = (
                    f"not enough {commodity} is in stock for every unit to hold its "
                    f"target: {whatever}, the units could hold no more of their targets {HELD}"
                    if everyone
                    else f"not enough {commodity} is in stock for the units at {place} and at "
                    f"{others}, which share its supply, to hold their targets: {whatever}, they "
                    f"could hold no more of them {HELD}"
                )
                self._never_short[key] = Weighed(
                    text=said + self._limit(k, pool, blamed), alone=True
                )
        return self._never_short[key]

    def _limit(self, k: int, places: BoolArray, blamed: frozenset[int]) -> str:
        """The ranked supply the units at ``places`` draw on ("; the supply at …"), or ""."""
        if not self.bottlenecks:
            return ""
        sources = self._floor.sources(k, places, blamed)
        return limit_text(self.p, self.bottlenecks, k, sources)

    def _short_at(self, k: int, places: BoolArray) -> bool:
        """Whether the plan leaves any unit at ``places`` short of ``k`` on any day."""
        p = self.p
        com_id = p.demand.commodity_ids[k]
        at = {uid for i, uid in enumerate(p.demand.unit_ids) if places[p.unit_dest[i]]}
        short_t = sum(s.short_t for s in self.shortfalls if s.commodity == com_id and s.unit in at)
        return short_t > _eps(short_t)

    def _held_all_it_can(self, k: int, places: BoolArray, blamed: frozenset[int]) -> bool:
        """Whether the units at ``places`` are as little below their targets as they can be.

        In all, whatever the capacities, ``blamed`` reopened, eating no less by any day
        than in the plan (one linear programme per places, cached).
        """
        key = (k, places.tobytes(), blamed)
        if key not in self._held:
            eaten_by, records_by, below = self._plan_eats(k, places)
            slack = slack_t(eaten_by, records_by)
            least = self._floor.least_below(k, places, blamed, eaten_by=eaten_by, slack=slack)
            self._held[key] = least is not None and below <= least + slack_t_days(slack) + _eps(
                below
            )
        return self._held[key]

    def _plan_eats(self, k: int, places: BoolArray) -> tuple[FloatArray, FloatArray, float]:
        """What the units at ``places`` eat of ``k`` by each day in the plan, and its gaps.

        ``[day]`` each: the tonnes eaten by then and the shortfall records they are
        counted from; and the tonne-days below their targets in all.
        """
        p = self.p
        com_id = p.demand.commodity_ids[k]
        units = places[p.unit_dest]
        present = np.arange(p.days)[None, :] >= p.demand.arrival_day[units][:, None]
        ids = {uid for uid, there in zip(p.demand.unit_ids, units, strict=True) if there}
        short, records = np.zeros(p.days), np.zeros(p.days)
        for s in self.shortfalls:
            if s.commodity == com_id and s.unit in ids:
                short[s.day] += s.short_t
                records[s.day] += 1
        below = sum(g.below_t for g in self.target_gaps if g.commodity == com_id and g.unit in ids)
        eats = np.cumsum((p.consumption_t[units, k, :] * present).sum(axis=0)) - np.cumsum(short)
        return eats, np.cumsum(records), below

    def _eating(self, k: int) -> BoolArray:
        """The places of the units that eat ``k``, by index (repeated where several do)."""
        p = self.p
        return np.asarray(p.unit_dest[p.consumption_t[:, k, :].sum(axis=1) > 0])

    def _sharers(self, k: int, pool: BoolArray, v: int) -> str:
        """The other places in ``pool`` with units that eat ``k``, by name ("" if none)."""
        p = self.p
        fed = np.zeros_like(pool)
        fed[self._eating(k)] = True
        others = np.flatnonzero(pool & fed).tolist()
        names = [p.scenario.location(p.net.location_ids[i]).name for i in others if i != v]
        return listed(tuple(names)) if names else ""

    def _parts(self, k: int, pool: BoolArray) -> FloorParts:
        """Where the supply's floor falls for the units at ``pool``, nothing reopened (cached)."""
        key = (k, pool.tobytes())
        if key not in self._parted:
            self._parted[key] = self._floor.parts(k, pool, frozenset())
        return self._parted[key]

    def _least_short_together(self, k: int, places: BoolArray, blamed: frozenset[int]) -> Floor:
        """The least the units at ``places`` can be short together (one maximum flow, cached)."""
        key = (k, places.tobytes(), blamed)
        if key not in self._together:
            self._together[key] = self._floor.least_short_together(k, places, blamed)
        return self._together[key]


def closed_with_supply(p: Problem, closures: frozenset[int], supply: Weighed) -> str:
    """The closures and the supply together, for a day goods can arrive after them.

    ``supply`` says the supply alone binds with the closures in force, where it would not
    with them reopened. A unit whose only road was closed C+10–C+16, its depot storing
    nothing and giving 9 t a day for 8 eaten, could not refill its target after it:
    C+18–C+21 read "whatever the capacities" as if the road did not matter, yet re-planned
    with it open those days were never below target (nor with 20 t a day more).
    """
    named = ", ".join(closure_text(p, li) for li in sorted(closures))
    them = "it" if len(closures) == 1 else "them"
    return (
        f"the {'closure' if len(closures) == 1 else 'closures'} of {named} and the supply "
        f"together: with {them} closed, {supply.text}; with {them} reopened, the supply would "
        "leave room for more"
    )


def _whatever(p: Problem, blamed: frozenset[int]) -> str:
    """What the supply is counted without: the capacities, and the closures ``blamed``."""
    if not blamed:
        return f"whatever the {TRANSPORT}"
    named = ", ".join(closure_text(p, li) for li in sorted(blamed))
    return f"with {named} reopened and whatever the {TRANSPORT}"


def _eps(short_t: float) -> float:
    """Tonnes within which the plan is as short as the floor: a gram, or a millionth.

    :func:`~supplyline.types.amount_eps`: a flat kilogram took a 7-person team's 0.5 kg of
    medical short for none, and said "capacity" where the depot's supply was the limit.
    """
    return amount_eps(short_t)
