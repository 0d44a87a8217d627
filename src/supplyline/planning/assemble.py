"""Build the time-expanded multicommodity LP of a scenario, vectorised.

Columns (all ≥ 0), by block:

``arc``      flow ``f`` on arc ``a`` departing day ``t`` (tonnes; people for a pax flow)
``stock``    flow ``f`` held at location ``v`` at the end of day ``t``
``supply``   flow ``f`` taken from a source at ``v`` on day ``t`` (≤ what is available)
``arrived``  a deployment flow arrived at its destination by the end of day ``t``
``deliver``  goods handed to unit ``u`` (commodity ``k``) on day ``t``
``short``    demand of unit ``u`` for ``k`` on day ``t`` that is not met (≤ the demand)
``hold``     stock unit ``u`` holds of ``k`` at the end of day ``t``
``gap``      how far that stock is below the unit's days-of-supply target

Rows, by block: ``balance`` (flow conservation per flow, location, day; arrivals count on
the day they become usable: departure + transit + the destination's dwell), ``unit``
(the unit's own stock balance: held + delivered + short − consumed), ``target`` (held +
gap ≥ target), ``link_t`` / ``link_pax`` (per arc-direction and day), ``handle_in`` /
``handle_out`` (tonnes unloaded / loaded at a location per day), ``handle_pax_in`` /
``handle_pax_out`` (people arriving / leaving), ``storage``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from supplyline.domain import Demand, Scenario, Stock, check_scenario_sound, held_at_start
from supplyline.planning.arrival import (
    consume_from_arrival,
    consumption_start,
    days_of_supply,
    earliest_arrival,
    earliest_open_arrival,
)
from supplyline.planning.fair_share import add_fair_shares
from supplyline.planning.fits import check_demand_fits
from supplyline.planning.making_room import on_hand_room, with_room_to_move
from supplyline.planning.model import Assembler, IntArray, LpModel
from supplyline.planning.network import (
    NEGLIGIBLE_T,
    FlowKind,
    Flows,
    NetworkArrays,
    Reach,
    full_reach,
    index_flows,
    index_network,
    reach,
)
from supplyline.planning.objective_tiers import TierOrder, tier_order
from supplyline.planning.params import PlanParams, Weights
from supplyline.planning.unit_holding import (
    CAMP_STORE_SHARE,
    handed_over_from,
    most_worth_holding,
)

__all__ = ["Problem", "build_model", "on_hand_room", "prepare", "stocks_placed"]

FloatArray = npt.NDArray[np.float64]
RowSpec = tuple[Mapping[str, IntArray], FloatArray, FloatArray]


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """A scenario and its demand as arrays, with the weights in force: the builder's input."""

    scenario: Scenario
    demand: Demand
    net: NetworkArrays
    flows: Flows
    reach: Reach
    unit_dest: IntArray
    """Destination location of each demand unit (``demand.unit_ids`` order)."""
    consumption_t: FloatArray
    """``[unit, commodity, day]`` demand, with amounts below :data:`NEGLIGIBLE_T` as zero."""
    target_t: FloatArray
    """``[unit, commodity, day]`` stock a unit should hold: its days-of-supply target."""
    priority: IntArray
    """Priority of each demand commodity (1 is the most important)."""
    on_hand_t: FloatArray
    """``[unit, commodity]`` stock a unit already holds when it starts consuming: a unit in
    place (home = destination) starts with its ``on_hand_days``, by default its
    days-of-supply target (:func:`~supplyline.domain.held_at_start`)."""
    earliest_arrival: IntArray
    """First day each of ``scenario.units`` can be wholly at its destination (the horizon's
    length if never; 0 for a unit that does not deploy)."""
    earliest_open_arrival: IntArray
    """The same were every link open every day: what distance alone allows."""
    cost_scale: float
    partners: tuple[str, ...]
    """Partners that can own stock; the ``owner`` of a supply column indexes this."""
    params: PlanParams
    weights: Weights
    """The objective weights in force: the parameters', adjusted for fair shares."""

    @property
    def days(self) -> int:
        """Days in the horizon."""
        return self.demand.horizon_days

    @property
    def tiers(self) -> TierOrder:
        """What a plan gains, most important first, as these weights rank it (:func:`tier_order`).

        The order the bottleneck and closure claims compare outcomes and say their gains in.
        """
        return tier_order(self.weights, self.days)

    @property
    def short_weight(self) -> FloatArray:
        """What a tonne short of each demand commodity weighs, 1 (priority 1) to 1/9 (9).

        The objective's shortfall cost is this times the scale and the shortfall weight;
        the bottleneck report compares plans' shortfalls by it too.
        """
        weight: FloatArray = (10 - self.priority) / 9
        return weight


def prepare(scenario: Scenario, demand: Demand, params: PlanParams) -> Problem:
    """Number everything and compute the reachability bounds.

    The demand planned for is each unit's from the first day its people can be at its destination
    (:func:`~supplyline.planning.arrival.demand_on_arrival`). Raises
    :class:`~supplyline.errors.ScenarioError` if ``demand`` does not fit the scenario.
    """
    check_scenario_sound(scenario)
    check_demand_fits(scenario, demand)
    net = index_network(scenario)
    flows = index_flows(scenario, demand, net)
    # the bounds from the demand as given: a unit that can never arrive stays a sink, which
    # keeps a few more columns (exact all the same), and they hold the arrival days
    bounds = (
        reach(scenario, demand, net, flows)
        if params.prune
        else full_reach(len(flows.names), len(net.location_ids), scenario.horizon_days)
    )
    # the arrival is read from the demand's bounds; goods on hand in a full store may also
    # leave it for places no demand is reached from, or too late (making_room)
    room_to_move = with_room_to_move(scenario, net, flows, bounds, pruned=params.prune)
    arrival = earliest_arrival(
        net, flows, len(scenario.units), scenario.horizon_days, bounds if params.prune else None
    )
    demand = consume_from_arrival(
        demand, consumption_start(scenario, arrival), days_of_supply=days_of_supply(scenario)
    )
    pos = {loc_id: i for i, loc_id in enumerate(net.location_ids)}
    priority = [
        scenario.commodity_by_id[c].priority if c in scenario.commodity_by_id else 3
        for c in demand.commodity_ids
    ]
    return Problem(
        scenario=scenario,
        demand=demand,
        net=net,
        flows=flows,
        reach=room_to_move,
        unit_dest=np.array(
            [pos[scenario.unit(u).destination] for u in demand.unit_ids], dtype=np.int64
        ),
        consumption_t=np.where(demand.consumption_t < NEGLIGIBLE_T, 0.0, demand.consumption_t),
        target_t=np.where(demand.target_t < NEGLIGIBLE_T, 0.0, demand.target_t),
        on_hand_t=held_at_start(scenario, demand),
        earliest_arrival=arrival.whole,
        earliest_open_arrival=earliest_open_arrival(
            net, flows, len(scenario.units), scenario.horizon_days, arrival
        ),
        priority=np.array(priority, dtype=np.int64),
        cost_scale=max(
            1.0, float(net.arc_cost.max(initial=0.0)), float(net.arc_cost_pax.max(initial=0.0))
        ),
        partners=tuple(
            sorted(
                {x.id for x in scenario.partners}
                | set(net.partner_of)
                | {st.owner for st in scenario.stocks if st.owner}
            )
        ),
        params=params,
        weights=(
            params.weights.with_fair_shares(scenario.horizon_days)
            if params.fair_share
            else params.weights
        ),
    )


class _Keys:
    """Integer keys of the row blocks (one namespace per block)."""

    def __init__(self, p: Problem) -> None:
        self.n_v, self.n_k, self.days = len(p.net.location_ids), len(p.demand.commodity_ids), p.days

    def balance(self, f: IntArray, v: IntArray, t: IntArray) -> IntArray:
        return _keyed(f, self.n_v, v, self.days, t)

    def unit(self, u: IntArray, k: IntArray, t: IntArray) -> IntArray:
        return _keyed(u, self.n_k, k, self.days, t)

    def day(self, x: IntArray, t: IntArray) -> IntArray:
        key = np.multiply(x, self.days, dtype=np.int64)
        key += t
        return key


def _keyed(a: IntArray, n_b: int, b: IntArray, n_c: int, c: IntArray) -> IntArray:
    """``(a * n_b + b) * n_c + c`` in one new array (a fresh process pays for every new page)."""
    key = np.multiply(a, n_b, dtype=np.int64)
    key += b
    key *= n_c
    key += c
    return key


def _add_arcs(p: Problem, asm: Assembler, keys: _Keys) -> None:
    net, flows, days, w = p.net, p.flows, p.days, p.weights
    delay = net.arc_delay
    # [flow, arc]: may the flow use the arc, and from which to which departure day
    is_pax_flow = flows.kind == FlowKind.DEPLOY_PAX
    deploys = flows.kind != FlowKind.GOODS
    usable = np.where(is_pax_flow[:, None], net.arc_cap_pax, net.arc_cap_t) > 0
    usable &= ~(deploys[:, None] & (net.arc_from[None, :] == flows.dest[:, None]))
    first = p.reach.earliest[:, net.arc_from]
    first = np.where(deploys[:, None], np.maximum(first, flows.start_day[:, None]), first)
    last = np.minimum(p.reach.latest[:, net.arc_to], days - 1) - delay[None, :]
    t_grid = np.arange(days)
    mask = (
        (usable[:, :, None] & net.arc_open[None, :, :])
        & (t_grid >= first[:, :, None])
        & (t_grid <= last[:, :, None])
    )
    if net.arc_open_goods is not net.arc_open:  # a truck must come back: goods only
        goods = np.flatnonzero(~deploys)
        mask[goods] &= net.arc_open_goods[None, :, :]
    f, a, t = np.nonzero(mask)  # flow by flow, arc by arc, day by day
    # what depends on the flow and arc alone, repeated over each pair's days in one pass
    per_pair = np.count_nonzero(mask, axis=2)
    is_pax = np.repeat(is_pax_flow, per_pair.sum(axis=1))
    pair_cost = np.where(is_pax_flow[:, None], net.arc_cost_pax, net.arc_cost)
    pair_cost += w.move_per_t * p.cost_scale
    cost = np.repeat(pair_cost.ravel(), per_pair.ravel())
    block = asm.add_columns("arc", {"f": f, "a": a, "t": t}, cost=cost)
    col = block.index
    # the lower row first: every column's rows then come in order, as scipy's canonical
    # layout had them (HiGHS's pivoting, and so which of tied optima it returns, follows it).
    # A flow's balance rows go by location, then day: the row where an arc leaves is the
    # lower of its two where the arc runs to a later-numbered location (a column's day is
    # before the horizon's end less the arc's delay, so the location decides)
    forward = net.arc_from < net.arc_to
    leave_at, arrive_at = net.arc_from * days, net.arc_to * days + delay
    row_at_0 = np.multiply(f, len(net.location_ids) * days, dtype=np.int64)
    row_at_0 += t  # the flow's balance row at location 0 that day
    lower_row = row_at_0 + np.where(forward, leave_at, arrive_at)[a]
    higher_row = np.add(row_at_0, np.where(forward, arrive_at, leave_at)[a], out=row_at_0)
    sign = np.where(forward, -1, 1).astype(np.int8)[a]  # of the lower row's entry (-1: leave)
    asm.add_entries("balance", lower_row, col, sign)
    asm.add_entries("balance", higher_row, col, -sign)
    # capacities and handling by the arc's (or its ends') finiteness, looked up per arc
    tonnes = ~is_pax
    cap_t = tonnes & np.isfinite(net.arc_cap_t)[a]
    asm.add_entries("link_t", keys.day(a[cap_t], t[cap_t]), col[cap_t], 1.0)
    cap_p = is_pax & np.isfinite(net.arc_cap_pax)[a]
    asm.add_entries("link_pax", keys.day(a[cap_p], t[cap_p]), col[cap_p], 1.0)
    _add_handling(net, asm, keys, (tonnes, a, t, col), net.handling, "handle_out", "handle_in")
    if np.isfinite(net.handling_pax).any():  # people through a border post's checks
        pax = (is_pax, a, t, col)
        _add_handling(net, asm, keys, pax, net.handling_pax, "handle_pax_out", "handle_pax_in")


def _add_handling(
    net: NetworkArrays,
    asm: Assembler,
    keys: _Keys,
    arcs: tuple[npt.NDArray[np.bool_], IntArray, IntArray, IntArray],
    handling: FloatArray,
    out_rows: str,
    in_rows: str,
) -> None:
    """Enter arc columns in the handling rows of the places they leave and reach.

    ``arcs`` says which columns count, and their arcs, days and column numbers; only places
    whose ``handling`` is finite have rows. What leaves counts on its departure day, what
    arrives on its arrival day (before the destination's dwell).
    """
    counts, a, t, col = arcs
    limited = np.isfinite(handling)
    h_out = counts & limited[net.arc_from][a]
    a_out = a[h_out]
    asm.add_entries(out_rows, keys.day(net.arc_from[a_out], t[h_out]), col[h_out], 1.0)
    h_in = counts & limited[net.arc_to][a]
    a_in = a[h_in]
    t_in = t[h_in] + net.arc_transit[a_in]
    asm.add_entries(in_rows, keys.day(net.arc_to[a_in], t_in), col[h_in], 1.0)


def _add_stocks(p: Problem, asm: Assembler, keys: _Keys) -> None:
    net, flows, days, w = p.net, p.flows, p.days, p.weights
    n_v = len(net.location_ids)
    # goods wait in depot storage (a store of storage_t 0 still holds what is on hand in
    # it: its room is that, see on_hand_room; a tester's 100 t on hand could be drawn on
    # C+0 only, and camps went short beside it); a unit's people and vehicles anywhere but
    # at their destination (arrival there is counted by the ``arrived`` block)
    goods_flow = flows.kind == FlowKind.GOODS
    room = (net.storage > 0) | (on_hand_room(p.scenario, net)[0] > 0)
    storable = np.where(goods_flow[:, None], room[None, :], True)
    storable &= np.arange(n_v)[None, :] != flows.dest[:, None]
    last = np.minimum(p.reach.latest - 1, days - 2)
    t_grid = np.arange(days)
    mask = (
        storable[:, :, None]
        & (t_grid >= p.reach.earliest[:, :, None])
        & (t_grid <= last[:, :, None])
    )
    # goods moved out of a full store to make room stay where they went: stock at the end
    # of the last day, in no next day's balance (making_room)
    mask[:, :, -1] = p.reach.rests & storable & (p.reach.earliest <= days - 1)
    f, v, t = np.nonzero(mask)
    goods = flows.kind[f] == FlowKind.GOODS
    # holding is charged where things wait away from where they start: goods away from a
    # depot that stocks them, a unit's people and equipment away from home. So stock
    # stays in its depot and units at home until they must move: a reviewer found the
    # relief plan pushing four days' water to a camp on C+1 (twice its target), and
    # units on site a week early, both as good as waiting while holding cost the same
    # everywhere
    held = np.where(goods, ~_sources(p)[f, v], v != flows.home[f])
    hold_cost = np.where(held, w.hold_per_t_day * p.cost_scale, 0.0)
    # goods kept in the store of a camp whose unit needs them, once it is there, cost a
    # little more than in the unit's own hands: equal, the solver's tie-break decided who
    # held them, and deliveries.csv showed 4 of 10 t reaching a unit on their arrival day
    # (indexed by goods only: a goods flow's number is its commodity's, and a scenario of
    # no commodities, only units' lifts, has none to index: an IndexError before)
    at_camp = np.zeros_like(goods)
    at_camp[goods] = t[goods] >= handed_over_from(p)[f[goods], v[goods]]
    hold_cost[at_camp] *= 1 + CAMP_STORE_SHARE
    block = asm.add_columns("stock", {"f": f, "v": v, "t": t}, cost=hold_cost)
    col = block.index
    asm.add_entries("balance", keys.balance(f, v, t), col, -1.0)
    kept = t < days - 1
    asm.add_entries("balance", keys.balance(f[kept], v[kept], t[kept] + 1), col[kept], 1.0)
    cap = goods & np.isfinite(net.storage[v])
    asm.add_entries("storage", keys.day(v[cap], t[cap]), col[cap], 1.0)


def stocks_placed(p: Problem) -> tuple[list[Stock], IntArray, IntArray]:
    """The scenario's stocks of demanded goods, with each one's goods flow and location."""
    pos = {loc_id: i for i, loc_id in enumerate(p.net.location_ids)}
    com = {c: k for k, c in enumerate(p.demand.commodity_ids)}  # goods flows number as these
    stocks = [st for st in p.scenario.stocks if st.commodity in com]
    f_s = np.array([com[st.commodity] for st in stocks], dtype=np.int64)
    v_s = np.array([pos[st.location] for st in stocks], dtype=np.int64)
    return stocks, f_s, v_s


def _sources(p: Problem) -> npt.NDArray[np.bool_]:
    """``[flow, location]``: whether the location stocks the flow's goods (a scenario stock)."""
    _, f_s, v_s = stocks_placed(p)
    out = np.zeros((len(p.flows.names), len(p.net.location_ids)), dtype=bool)
    out[f_s, v_s] = True
    return out


def _add_supply(p: Problem, asm: Assembler, keys: _Keys) -> None:
    """What sources can give: what is on hand on day 0, and each day's replenishment.

    A stock's initial amount is one column on day 0 and its replenishment one column a day
    up to the last day it can still be useful; a deploying unit starts at home on its
    first day. What is on hand takes room in its place's store whether it is drawn or not
    (:func:`_add_on_hand_room`).
    """
    net, flows, days = p.net, p.flows, p.days
    p_of = {x: i for i, x in enumerate(p.partners)}
    stocks, f_s, v_s = stocks_placed(p)
    owner_s = np.array(
        [p_of[st.owner or net.partner_of[v]] for st, v in zip(stocks, v_s.tolist(), strict=True)],
        dtype=np.int64,
    )
    daily = np.array([st.replenishment_t_per_day for st in stocks], dtype=np.float64)
    initial = np.array([st.initial_t for st in stocks], dtype=np.float64)
    last = np.minimum(p.reach.latest[f_s, v_s], days - 1)
    # replenishment only while it can reach a demand: it never has to make room (making_room)
    drawn_last = np.minimum(p.reach.drawn_latest[f_s, v_s], days - 1)
    n_days = np.where(daily > 0, drawn_last + 1, 0).clip(min=0)  # days 0..drawn_last
    stock_of = np.repeat(np.arange(len(stocks)), n_days)
    t_s = np.arange(len(stock_of)) - np.repeat(np.cumsum(n_days) - n_days, n_days)
    held = np.flatnonzero((initial > 0) & (last >= 0))  # on hand, and useful on day 0
    stock_of = np.concatenate([held, stock_of])
    t_s = np.concatenate([np.zeros(len(held), dtype=np.int64), t_s])
    on_hand = np.arange(len(stock_of)) < len(held)
    # each deploying flow: its whole amount at home on its first day, if still useful there
    fd = np.flatnonzero(flows.kind != FlowKind.GOODS)
    v_d, t_d = flows.home[fd], flows.start_day[fd]
    useful = t_d <= np.minimum(p.reach.latest[fd, v_d], days - 1)
    fd, v_d, t_d = fd[useful], v_d[useful], t_d[useful]
    f_a = np.concatenate([f_s[stock_of], fd]).astype(np.int64)
    v_a = np.concatenate([v_s[stock_of], v_d]).astype(np.int64)
    t_a = np.concatenate([t_s, t_d]).astype(np.int64)
    block = asm.add_columns(
        "supply",
        {
            "f": f_a,
            "v": v_a,
            "t": t_a,
            "owner": np.concatenate([owner_s[stock_of], np.full(len(fd), -1)]).astype(np.int64),
            "on_hand": np.concatenate([on_hand, np.zeros(len(fd), dtype=bool)]).astype(np.int64),
        },
        cost=0.0,
        upper=np.concatenate(
            [np.where(on_hand, initial[stock_of], daily[stock_of]), flows.amount[fd]]
        ),
    )
    asm.add_entries("balance", keys.balance(f_a, v_a, t_a), block.index, 1.0)
    _add_on_hand_room(p, asm, keys, block.index[: len(held)], v_s[held])


def _add_on_hand_room(
    p: Problem, asm: Assembler, keys: _Keys, cols: IntArray, places: IntArray
) -> None:
    """What is on hand at a place takes room in its store on every day, drawn or not.

    The storage row of each day counts the stock kept there minus what was drawn from what
    was on hand, against the room less all that was on hand (:func:`on_hand_room`): goods
    left undrawn still sit in the store. Without it a planner's forward depot of 900 t
    held 830 t on hand and took 123 t more, its 300 t of undrawn rations no longer counted.
    """
    limited = np.isfinite(p.net.storage[places])
    cols, places = cols[limited], places[limited]
    if len(cols) == 0:
        return
    for t in range(p.days):  # one call a day: a call's columns must be distinct
        asm.add_entries("storage", keys.day(places, np.full(len(places), t)), cols, -1.0)


def _add_arrivals(p: Problem, asm: Assembler, keys: _Keys) -> None:
    """Deployment flows accumulate at their destination; every day late costs.

    A day early costs holding: people and equipment at their destination before their
    required day wait on the host's support, unfed by the plan (a unit consumes from its
    required day at the earliest). Without it, arriving a week early was as good as
    arriving on time.
    """
    flows, days, w = p.flows, p.days, p.weights
    fs: list[IntArray] = []
    ts: list[IntArray] = []
    costs: list[FloatArray] = []
    units = p.scenario.units
    for f in np.flatnonzero(flows.kind != FlowKind.GOODS):
        first_to_move = (17 - units[int(flows.unit[f])].priority) / 16  # 1 down to 1/2
        late = w.lateness(days, people=flows.kind[f] == FlowKind.DEPLOY_PAX) * p.cost_scale
        late *= first_to_move
        req = int(flows.required_day[f])
        asm.offset += late * float(flows.amount[f]) * (days - req)
        first = max(int(p.reach.earliest[f, flows.dest[f]]), int(flows.start_day[f]))
        t = np.arange(first, days, dtype=np.int64)
        fs.append(np.full(len(t), f, dtype=np.int64))
        ts.append(t)
        costs.append(np.where(t >= req, -late, w.hold_per_t_day * p.cost_scale))
    f_a = np.concatenate(fs) if fs else np.empty(0, np.int64)
    t_a = np.concatenate(ts) if ts else np.empty(0, np.int64)
    v_a = flows.dest[f_a]
    block = asm.add_columns(
        "arrived",
        {"f": f_a, "v": v_a, "t": t_a},
        cost=np.concatenate(costs) if costs else 0.0,
        upper=flows.amount[f_a],
    )
    col = block.index
    asm.add_entries("balance", keys.balance(f_a, v_a, t_a), col, -1.0)
    more = t_a + 1 <= days - 1
    asm.add_entries("balance", keys.balance(f_a[more], v_a[more], t_a[more] + 1), col[more], 1.0)


def _add_units(p: Problem, asm: Assembler, keys: _Keys) -> None:
    """Each unit's own stock: deliveries in, consumption out, shortfall and target gaps."""
    d, target, days, w = p.consumption_t, p.target_t, p.days, p.weights
    arrival = p.demand.arrival_day
    needs = (d.sum(axis=2) + target.sum(axis=2)) > 0
    present = np.arange(days)[None, None, :] >= arrival[:, None, None]
    u, k, t = (x.astype(np.int64) for x in np.nonzero(needs[:, :, None] & present))
    dest = p.unit_dest[u]
    weight = p.short_weight[k] * p.cost_scale
    reachable = t >= p.reach.earliest[k, dest]  # goods flows are numbered as commodities
    ud, kd, td = u[reachable], k[reachable], t[reachable]
    deliver = asm.add_columns("deliver", {"u": ud, "k": kd, "t": td}, cost=0.0)
    asm.add_entries("balance", keys.balance(kd, p.unit_dest[ud], td), deliver.index, -1.0)
    asm.add_entries("unit", keys.unit(ud, kd, td), deliver.index, 1.0)
    demand = d[u, k, t]
    has = demand > 0
    short = asm.add_columns(
        "short",
        {"u": u[has], "k": k[has], "t": t[has]},
        cost=weight[has] * w.short_on(days, t[has]),  # an early one costs more
        upper=demand[has],
    )
    asm.add_entries("unit", keys.unit(u[has], k[has], t[has]), short.index, 1.0)
    if p.params.fair_share:
        add_fair_shares(p, asm, short, lambda uu, kk: keys.unit(uu, kk, np.zeros_like(uu)))
    hold = asm.add_columns(
        "hold",
        {"u": u, "k": k, "t": t},
        cost=w.hold_per_t_day * p.cost_scale,
        upper=most_worth_holding(p)[u, k, t],
    )
    asm.add_entries("unit", keys.unit(u, k, t), hold.index, -1.0)
    more = t + 1 <= days - 1
    asm.add_entries("unit", keys.unit(u[more], k[more], t[more] + 1), hold.index[more], 1.0)
    goal = target[u, k, t] > 0
    asm.add_entries("target", keys.unit(u[goal], k[goal], t[goal]), hold.index[goal], 1.0)
    gap = asm.add_columns(
        "gap",
        {"u": u[goal], "k": k[goal], "t": t[goal]},
        cost=w.target_gap(days) * weight[goal],
    )
    asm.add_entries("target", keys.unit(u[goal], k[goal], t[goal]), gap.index, 1.0)


def _decoder(p: Problem) -> Callable[[str, IntArray], RowSpec]:
    net, days = p.net, p.days
    room = on_hand_room(p.scenario, net)[1]
    n_v, n_k = len(net.location_ids), len(p.demand.commodity_ids)

    def decode(name: str, keys: IntArray) -> RowSpec:
        t = keys % days
        rest = keys // days
        n = len(keys)
        zero = np.zeros(n)
        if name == "balance":
            return {"f": rest // n_v, "v": rest % n_v, "t": t}, zero, zero.copy()
        if name == "fair":  # a unit's shortfall of a commodity, in share bands
            return {"u": rest // n_k, "k": rest % n_k}, zero, zero.copy()
        if name in ("unit", "target"):
            u, k = rest // n_k, rest % n_k
            attrs = {"u": u, "k": k, "t": t}
            if name == "unit":
                first = t == p.demand.arrival_day[u]
                rhs = p.consumption_t[u, k, t] - np.where(first, p.on_hand_t[u, k], 0.0)
                return attrs, rhs, rhs.copy()
            return attrs, p.target_t[u, k, t], np.full(n, np.inf)
        cap = {
            "link_t": net.arc_cap_t,
            "link_pax": net.arc_cap_pax,
            "handle_in": net.handling,
            "handle_out": net.handling,
            "handle_pax_in": net.handling_pax,
            "handle_pax_out": net.handling_pax,
            "storage": net.storage,
        }[name]
        attr = "a" if name.startswith("link") else "v"
        if name == "storage":  # less what is on hand (drawn back in by its columns)
            cap = room
        return {attr: rest, "t": t}, np.full(n, -np.inf), cap[rest].astype(np.float64)

    return decode


def build_model(problem: Problem) -> LpModel:
    """Build the LP of a prepared problem (see the module docstring for its blocks).

    >>> from supplyline.planning.examples import one_link
    >>> model = build_model(prepare(*one_link(), PlanParams()))
    >>> model.num_cols > 0 and model.num_rows > 0
    True
    """
    asm = Assembler()
    keys = _Keys(problem)
    _add_arcs(problem, asm, keys)
    _add_stocks(problem, asm, keys)
    _add_supply(problem, asm, keys)
    _add_arrivals(problem, asm, keys)
    _add_units(problem, asm, keys)
    return asm.finish(_decoder(problem))
