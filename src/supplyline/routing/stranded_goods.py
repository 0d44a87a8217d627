"""Where a unit's goods are when no depot whose trucks serve it holds them.

``routes`` loads a truck at its own depot only. A tester's plan brought food by rail to
``el-rh``, a railhead with no trucks, and on by road to the unit; the only trucks, at
``el-depot``, held water and fuel. The reach check judged the unit's goods together, and
``el-depot``'s water hid the missing food (``0 of 4 unit(s) flagged``), while ``routes``
left 18.712 t of food ``depot_short``, saying only that ``el-depot`` held none.

Here, commodity by commodity and day by day: the tonnes the plan's road legs bring into
the unit's place from places where no truck serving it is based (the places those legs
start from, :meth:`~supplyline.routing.plan_sources.PlanSources.origins_on`) against what
the depots whose trucks serve it hold of it that day for it, as ``routes`` shares their
stock among the units they serve (:func:`~supplyline.routing.depot_days.plan_day_share`:
the plan's own legs first, then the most urgent, nearest first). Where the unit is left
short, reach flags it naming the commodity, the places, the tonnes, what the depots hold
and which units they load first; ``routes`` adds the places to a ``depot_short`` detail.
Weighed against the depots' whole stock, a depot shared by two units was counted once
for each: a tester's depot with 5 t of food a day, two units each brought 4 t a day
from a railhead without trucks, read "0 of 2 unit(s)" while ``routes`` left 3 t of u2's
food ``depot_short``. Judged by "holds any" at
first, a trickle hid the gap: a re-checker's depot with 1 t of food (or 1 t a day) read
ok while 10 t of food a day came from a railhead without trucks, and ``routes`` left
10 t ``depot_short`` on C+5. Without a plan nothing is judged here: whether goods held
where no truck is based go on by road through a depot with trucks or straight to the
unit is the plan's choice: judged from ``stocks.csv``, all 7 sites of a tester's quake
were flagged for medical stores at an airfield without trucks 20 km from a truck depot.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from typing import TYPE_CHECKING

from supplyline.domain import Plan, Scenario
from supplyline.routing.plan_sources import PlanSources, road_arrivals
from supplyline.routing.roads import RoadMatrix
from supplyline.types import (
    CommodityId,
    LocationId,
    UnitId,
    column_text,
    day_label,
    figure_decimals,
)

if TYPE_CHECKING:  # depot_share needs depot_stock, which says where goods are from here
    from supplyline.routing.depot_share import DayShare

__all__ = ["plan_origins", "stranded_reason", "stranded_words"]

_DUST_T = 1e-6
"""Tonnes a day below which a place sends nothing."""

_KG_T = 0.001
"""Tonnes a day below which the depots' stock is not short (``routes`` loads whole kg)."""

Origins = dict[CommodityId, dict[int, dict[LocationId, float]]]
"""Per commodity and arrival day, the tonnes from each place the plan's road legs start from."""

DayStock = Callable[[int], "DayShare"]
"""What each depot with trucks holds on a day, and how ``routes`` shares it among units."""


def plan_origins(
    scenario: Scenario, plan: Plan | None, places: Collection[LocationId]
) -> dict[LocationId, Origins]:
    """Tonnes of the plan's road legs into each of ``places``, by day and origin.

    Per place, commodity and day of the horizon, the day's legs traced back to where they
    start (:meth:`~supplyline.routing.plan_sources.PlanSources.origins_on`): a depot with
    trucks or a place without them. None without a plan.
    """
    if plan is None:
        return {}
    index = PlanSources(scenario, plan, scenario.horizon_days)
    arrivals = road_arrivals(plan, places)
    out: dict[LocationId, Origins] = defaultdict(dict)
    for (place, com, day), tonnes in sorted(arrivals.items()):
        if not 0 <= day < scenario.horizon_days:
            continue
        into = out[place].setdefault(com, {}).setdefault(day, {})
        for origin, share in index.origins_on(place, com, day).items():
            into[origin] = into.get(origin, 0.0) + tonnes * share
    return dict(out)


def stranded_words(
    scenario: Scenario,
    commodity: CommodityId,
    places: Mapping[LocationId, float | None],
    with_trucks: Collection[LocationId] = (),
) -> str:
    """Where ``commodity`` is, and why no truck that serves the unit loads it there.

    ``places`` are the places with the road km to the unit (None: not joined by road, or
    not known); ``with_trucks`` those of them where trucks are based (which cannot make
    the round trip to the unit).

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> stranded_words(s, "food", {"D": 45.0})
    'food is at D (depot, 45 km by road), where no truck is based'
    """

    def at(xs: list[LocationId]) -> str:
        return ", ".join(
            f"{x} ({scenario.location(x).kind}"
            + ("" if places[x] is None else f", {places[x]:.0f} km by road")
            + ")"
            for x in xs
        )

    bare = sorted(x for x in places if x not in with_trucks)
    far = sorted(x for x in places if x in with_trucks)
    said = [f"{at(bare)}, where no truck is based"] if bare else []
    if far:
        whose = "its" if len(far) == 1 else "their"
        said.append(f"{at(far)}, {whose} trucks cannot make the round trip within their hours")
    return f"{commodity} is at " + "; and at ".join(said)


def stranded_reason(
    scenario: Scenario,
    km: RoadMatrix,
    loc: LocationId,
    wanted: Mapping[CommodityId, float | None],
    *,
    unit: UnitId,
    serving: Collection[LocationId],
    depots: Collection[LocationId],
    held: Mapping[LocationId, frozenset[CommodityId]],
    origins: Origins,
    stock: DayStock,
) -> str:
    """Why some of a unit's goods come from where no truck serving it loads ('' if none).

    ``wanted`` are its commodities (with tonnes a day where known); ``serving`` the depots
    whose trucks make the round trip to it, ``depots`` every place with trucks, ``held``
    what each of them holds (and a truck of it may carry); ``origins`` where the plan's
    road legs bring each commodity from, day by day (:func:`plan_origins`); ``stock`` what
    each depot holds on a day and how ``routes`` shares it among the units
    (:func:`~supplyline.routing.depot_days.plan_day_share`). A commodity is named when,
    on some day, goods come from places other than the ``serving`` depots and the share
    leaves ``unit`` short of it (``depot_short``): the day most short is quoted, with what
    those depots hold then and what of it goes first to other units. So too where the
    plan's own road legs from the ``serving`` depots bring more than they hold that day
    (:func:`_own_legs_short`): ``routes`` leaves it ``depot_short`` as well.
    """
    mine = sorted(serving)
    found: dict[CommodityId, tuple[set[LocationId], int, float, float, int, str]] = {}
    for com, tonnes in sorted(wanted.items()):
        if tonnes is not None and tonnes <= 0:
            continue
        worst: tuple[float, int, float, float, str] | None = None
        places: set[LocationId] = set()
        days_short = 0
        for day, by_origin in sorted(origins.get(com, {}).items()):
            away = {x: t for x, t in by_origin.items() if t > _DUST_T and x not in (*mine, loc)}
            far_t = sum(away.values())
            if far_t <= _DUST_T:
                continue
            share = stock(day)
            short = share.short_t.get((unit, com), 0.0)
            if short <= _KG_T:
                continue
            days_short += 1
            places |= set(away)
            if worst is None or short > worst[0] + _DUST_T:
                has = sum(
                    max(0.0, share.held_t.get((d, com), 0.0))
                    for d in mine
                    if com in held.get(d, ())
                )
                worst = (short, day, far_t, has, _first_words(share, mine, com, unit))
        if worst is not None:
            found[com] = (places, worst[1], worst[2], worst[3], days_short, worst[4])
    own = _own_legs_short(wanted, origins, mine, loc, stock, unit)
    if not found:
        return own
    u = km.index(loc)
    pos = {x: i for i, x in enumerate(km.ids)}

    def road_km(x: LocationId) -> float | None:
        i = pos.get(x)
        if i is None or not km.by_road[i, u]:
            return None
        d = float(km.km[i, u])
        return d if math.isfinite(d) else None

    holds = "holds" if len(mine) == 1 else "hold"
    said = []
    for com, (xs, day, far_t, has, n, first) in found.items():
        short = stock(day).short_t.get((unit, com), 0.0)
        where = stranded_words(
            scenario, com, {x: road_km(x) for x in sorted(xs)}, [x for x in xs if x in depots]
        )
        more = "" if n <= 1 else f"; short on {n} days"
        what = "none of it" if has <= _DUST_T else f"{has:.1f} t of it{first}"
        whose = f", and {', '.join(mine)}, whose trucks serve it, {holds} {what}" if mine else ""
        said.append(
            f"{where}: {far_t:.1f} t of it on {day_label(day)}{whose} ({short:.1f} t short{more})"
        )
    stranded = "; ".join(said) + " (routes loads a truck at its own depot only)"
    return "; ".join(x for x in (stranded, own) if x)


def _own_legs_short(
    wanted: Mapping[CommodityId, float | None],
    origins: Origins,
    mine: list[LocationId],
    loc: LocationId,
    stock: DayStock,
    unit: UnitId,
) -> str:
    """``food: on C+2 the plan's own road legs from D, … bring it 2.0 t: …`` ('' if none).

    On the days the plan's road legs bring a good into the unit's place only from the
    depots whose trucks serve it, and the day's share (:func:`~supplyline.routing.
    depot_days.plan_day_share`) still leaves the unit short of it: a depot holds less
    than the plan's own legs from it take that day, its own and other units'. A
    re-checker's plan sent 2 t from D on C+2 where D held none; ``routes`` left them
    ``depot_short`` and reach, looking only at goods from places without trucks, said
    nothing. The depot is named with what it holds and what its legs take
    (:func:`_over_held`): summed over every depot serving the unit, a tester read "hold
    1010.2 t of it on C+33, less than the plan's own road legs from them bring (67.5 t;
    29.9 t short)", where aster-wh held 162.5 t and its legs took 192.4 t.
    """
    said = []
    for com, tonnes in sorted(wanted.items()):
        if tonnes is not None and tonnes <= 0:
            continue
        worst: tuple[float, int, dict[LocationId, float]] | None = None
        days = 0
        for day, by_origin in sorted(origins.get(com, {}).items()):
            if any(t > _DUST_T and x not in (*mine, loc) for x, t in by_origin.items()):
                continue  # goods from elsewhere too: stranded_reason's matter
            share = stock(day)
            own = _own_legs(share, by_origin, mine, com, unit)
            short = share.short_t.get((unit, com), 0.0)
            if not own or short <= _KG_T:
                continue
            days += 1
            if worst is None or short > worst[0] + _DUST_T:
                worst = (short, day, own)
        if worst is not None:
            short, day, own = worst
            more = "" if days <= 1 else f"; short on {days} days"
            fig = _Figures()  # one sentence, one count of decimals (README, How figures read)
            why = _over_held(stock(day), own, com, unit, fig)
            said.append(
                fig.said(
                    f"{com}: on {day_label(day)} the plan's own road legs from "
                    f"{', '.join(own)}, whose trucks serve it, bring it "
                    f"{fig(sum(own.values()))} t"
                    + (f": {why}" if why else "")
                    + f" ({fig(short)} t short{more})"
                )
            )
    return "; ".join(said)


def _own_legs(
    share: DayShare,
    by_origin: Mapping[LocationId, float],
    mine: Collection[LocationId],
    com: CommodityId,
    unit: UnitId,
) -> dict[LocationId, float]:
    """The tonnes the plan's own road legs of the day bring ``unit`` from each of ``mine``.

    As ``routes`` traces them to the unit (``DayShare.traced_t``); where none is, the legs
    into its place (``by_origin``). By place alone, a unit sharing its place read "bring it
    3.4 t, and it is left 0.0 t short" of the other unit's legs.
    """
    traced = {
        d: t
        for d in sorted(mine)
        if (t := share.traced_t.get((d, com), {}).get(unit, 0.0)) > _DUST_T
    }
    return traced or {x: t for x, t in sorted(by_origin.items()) if x in mine and t > _DUST_T}


def _over_held(
    share: DayShare,
    own: Mapping[LocationId, float],
    com: CommodityId,
    unit: UnitId,
    fig: _Figures,
) -> str:
    """``D holds 1 t of it that day, less than the 2 t the plan's own road legs …``.

    Each of the depots ``own`` legs start from that loads the unit less than its legs
    bring: where its legs that day take more than it holds for the day's trucks, with the
    other units they go to; else what its trucks load of them, and what it holds. What it
    keeps for the plan's later legs (``DayShare.kept_t``) is said, and the comparison is
    with the rest: a tester (g7) read "holds 287.2 t of it on C+8, less than the plan's own
    road legs from it bring (191.4 t; 4.7 t short)", where 100.5 t were kept and 186.7 t
    left for the day's trucks (the t93 scenario's
    north-depot held 400.2 t and loaded 109.0 t of its own legs' 117.6 t: its trucks' hours
    ran out on them, and beyond the plan's own legs the depots spared none). Its figures
    are the sentence's (``fig``): one count of decimals with the tonnes around them.
    """
    said = []
    for d, own_t in own.items():
        got = share.given_t.get((d, com), {}).get(unit, 0.0)
        if got >= own_t - _KG_T:
            continue
        to = share.traced_t.get((d, com), {})
        legs_t = sum(to.values())
        held = max(0.0, share.held_t.get((d, com), 0.0))
        kept = min(max(0.0, share.kept_t.get((d, com), 0.0)), held)
        has = "none of it" if held <= _DUST_T else f"{fig(held)} t of it"
        keeps = (
            f", {fig(kept)} t of it kept for the plan's own road legs and deliveries from {d} "
            f"on later days: {{}} t for the day's trucks"
            if kept > _DUST_T
            else ""
        )
        if legs_t > held - kept + _KG_T:
            less, more = fig.apart(held - kept, legs_t)
            if not keeps and held > _DUST_T:
                has = f"{less} t of it"
            said.append(
                f"{d} holds {has} that day{keeps.format(less)}, less than the {more} t the "
                f"plan's own road legs from {d} bring{_to_others(to, unit, fig)}"
            )
            continue
        said.append(
            f"{d}'s trucks load it {fig(got)} t of the {fig(own_t)} t that day, though {d} "
            f"holds {has}{keeps.format(fig(held - kept))}"
        )
    return "; and ".join(said)


class _Figures:
    """One sentence's figures, written to one count of decimals once it is all said.

    ``fig(t)`` stands for a figure in the sentence; :meth:`said` writes them all as
    :func:`~supplyline.types.said_together` would (README, How figures read): the
    sentence's pieces are built apart, and a tester read "bring it 6.0 t: D holds 10 t"
    where each piece had rounded its own. A "less than" pair (:meth:`apart`) never reads
    equal: the sentence takes kilograms where its decimals would read them alike.
    """

    def __init__(self) -> None:
        self.values: list[float] = []
        self.pairs: list[tuple[float, float]] = []

    def __call__(self, value: float) -> str:
        self.values.append(float(value))
        return f"\x00{len(self.values) - 1}\x00"

    def apart(self, less: float, more: float) -> tuple[str, str]:
        """``less`` and ``more``, told apart as read (``more`` is over by a kilogram)."""
        self.pairs.append((less, more))
        return self(less), self(more)

    def said(self, text: str) -> str:
        """``text`` with its figures written, one count of decimals."""
        decimals = figure_decimals(self.values)
        while decimals < 3 and any(  # kilograms tell a "less than" pair apart
            column_text(a, decimals) == column_text(b, decimals) for a, b in self.pairs
        ):
            decimals += 1
        return re.sub(
            "\x00(\\d+)\x00",
            lambda m: _written(self.values[int(m.group(1))], decimals),
            text,
        )


def _written(value: float, decimals: int) -> str:
    """A sentence's figure: exactly nothing reads ``0``, as in :func:`said_together`."""
    return "0" if value == 0 else column_text(value, decimals)


def _to_others(to: Mapping[UnitId, float], unit: UnitId, fig: _Figures) -> str:
    """``, 5 t of them to u1, 2.20 t to u3 and 1 more``: the legs to units other than ``unit``."""
    others = sorted(
        ((u, t) for u, t in to.items() if u != unit and t > _DUST_T), key=lambda x: (-x[1], x[0])
    )
    named = [f"{fig(t)} t to {u}" for u, t in others[:3]]
    if not named:
        return ""
    more = len(others) - len(named)
    named[0] = named[0].replace(" t to ", " t of them to ", 1)
    if more:
        named.append(f"{more} more")
    return ", " + (", ".join(named[:-1]) + " and " if len(named) > 1 else "") + named[-1]


def _first_words(
    share: DayShare, mine: Collection[LocationId], com: CommodityId, unit: UnitId
) -> str:
    """``, 4.0 t of which go first to u1``: the depots' stock that other units take first.

    With several, each unit's tonnes (``to u1 (4.0 t), u3 (2.0 t)``); then what the depots
    keep for the plan's own later legs from them (``, 4.0 t kept for the plan's own road
    legs and deliveries from D on later days``: earlier days' trucks took the rest); ''
    where none goes to another unit and none is kept.
    """
    to: dict[UnitId, float] = defaultdict(float)
    for d in mine:
        for u, t in share.given_t.get((d, com), {}).items():
            if u != unit:
                to[u] += t
    others = sorted(((u, t) for u, t in to.items() if t > _DUST_T), key=lambda x: (-x[1], x[0]))
    keep = {d: share.kept_t.get((d, com), 0.0) for d in sorted(mine)}
    kept = {d: t for d, t in keep.items() if t > _DUST_T}
    later = (
        f", {sum(kept.values()):.1f} t kept for the plan's own road legs and deliveries from "
        f"{', '.join(kept)} on later days"
        if kept
        else ""
    )
    if not others:
        return later
    if len(others) == 1:
        named = others[0][0]
    else:
        named = ", ".join(f"{u} ({t:.1f} t)" for u, t in others[:3])
        named += f" and {len(others) - 3} more" if len(others) > 3 else ""
    return f", {sum(t for _, t in others):.1f} t of which go first to {named}{later}"
