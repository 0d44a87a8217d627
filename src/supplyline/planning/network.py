"""The scenario seen as arrays: locations, link directions, flow commodities, reachability.

Everything the LP builder needs is numbered here once, so that the builder works with
numpy index arithmetic only. The reachability bounds (earliest day a flow can be at a
location, latest day it can still reach a demand from there) are what lets the builder
drop space-time arcs and stocks that can never carry anything useful: in an operation most
of the naive time-expanded network is like that.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from supplyline.domain import Demand, Mode, Scenario
from supplyline.planning.truck_return import truck_open

__all__ = [
    "NEGLIGIBLE_T",
    "FlowKind",
    "Flows",
    "NetworkArrays",
    "Reach",
    "index_flows",
    "index_network",
    "reach",
    "without_outages",
]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

_EPS_DAY = 1e-6
"""Added to every arc's length so that zero-day arcs are edges to scipy's Dijkstra."""


class FlowKind(IntEnum):
    """What a flow commodity is: goods for units, or a unit's own tonnes or people."""

    GOODS = 0
    DEPLOY_T = 1
    DEPLOY_PAX = 2


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkArrays:
    """Locations and link directions (a bidirectional link gives two arcs) as arrays."""

    location_ids: tuple[str, ...]
    partner_of: tuple[str, ...]
    handling: FloatArray
    """t/day per location; inf where not limited."""
    handling_pax: FloatArray
    """People a day per location; inf where not limited."""
    storage: FloatArray
    """t per location; inf where not limited, 0 where nothing can be stored."""
    dwell: IntArray
    arc_link: IntArray
    """Index into ``scenario.links`` of each arc."""
    arc_from: IntArray
    arc_to: IntArray
    arc_transit: IntArray
    arc_cost: FloatArray
    """Cost of a tonne over each arc."""
    arc_cost_pax: FloatArray
    """Cost of a person over each arc."""
    arc_cap_t: FloatArray
    arc_cap_pax: FloatArray
    arc_open: BoolArray
    """``[arc, day]``: whether anything may depart on that day (False on outage days)."""
    arc_road: BoolArray
    """Arcs of road links: trucks drive them, and must come back."""
    arc_open_goods: BoolArray
    """``[arc, day]``: whether goods may depart on that day: ``arc_open``, less road arcs
    that arrive at a place cut off by road that day (:mod:`~supplyline.planning.truck_return`).
    A unit's own lift and people go by ``arc_open``."""

    @property
    def arc_delay(self) -> IntArray:
        """Days from departure until the goods are usable at the far end (transit + dwell)."""
        return self.arc_transit + self.dwell[self.arc_to]

    def arc_carries(self, people: bool) -> BoolArray:
        """Arcs that can carry people (else tonnes) at all.

        A capacity above 0 on the link, and handling above 0 at both ends: a place that can
        handle nothing lets nothing on or off (as ``Link.carries_*`` and
        ``Location.handles_*`` say of the scenario).
        """
        cap, handling = (
            (self.arc_cap_pax, self.handling_pax) if people else (self.arc_cap_t, self.handling)
        )
        out: BoolArray = (cap > 0) & (handling[self.arc_from] > 0) & (handling[self.arc_to] > 0)
        return out


NEGLIGIBLE_T = 1e-6
"""Demand, or a unit's lift, below this (a gram) is dropped: HiGHS's tolerances cannot see
it, and presolve can call a model with such bounds infeasible."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Flows:
    """The flow commodities: demand's commodities, then each deploying unit's tonnes and pax."""

    names: tuple[str, ...]
    kind: IntArray
    goods: IntArray
    """Commodity index (in ``demand.commodity_ids``) of a goods flow, else -1."""
    unit: IntArray
    """Index into ``scenario.units`` of a deployment flow, else -1."""
    home: IntArray
    dest: IntArray
    """Location index of a deployment flow's home and destination, else -1."""
    amount: FloatArray
    """Tonnes (or people) a deployment flow has to move, else 0."""
    start_day: IntArray
    required_day: IntArray


def index_network(scenario: Scenario) -> NetworkArrays:
    """Number the locations and the link directions of a scenario."""
    locs, links = scenario.locations, scenario.links
    pos = {loc.id: i for i, loc in enumerate(locs)}
    days = scenario.horizon_days
    inf = np.inf
    per_link = np.array(
        [
            (
                link.transit_days,
                link.cost_per_t,
                inf if link.capacity_t_per_day is None else link.capacity_t_per_day,
                inf if link.capacity_pax_per_day is None else link.capacity_pax_per_day,
                link.cost_per_pax,
            )
            for link in links
        ],
        dtype=np.float64,
    ).reshape(-1, 5)
    link_open = np.ones((len(links), days), dtype=bool)
    closed = [(li, d) for li, link in enumerate(links) for d in link.outage_days if 0 <= d < days]
    if closed:
        link_open[tuple(np.array(closed, dtype=np.int64).T)] = False
    # arcs in link order: each link forward, then backward if it is bidirectional
    ends = np.array([(pos[x.origin], pos[x.destination]) for x in links], dtype=np.int64)
    ends = ends.reshape(-1, 2)
    both = np.array([x.bidirectional for x in links], dtype=bool)
    arc_link = np.repeat(np.arange(len(links), dtype=np.int64), np.where(both, 2, 1))
    backward = np.zeros(len(arc_link), dtype=bool)
    backward[1:] = arc_link[1:] == arc_link[:-1]
    arc_from = np.where(backward, ends[arc_link, 1], ends[arc_link, 0])
    arc_to = np.where(backward, ends[arc_link, 0], ends[arc_link, 1])
    arc_transit = per_link[arc_link, 0].astype(np.int64)
    arc_road = np.array([x.mode is Mode.ROAD for x in links], dtype=bool)[arc_link]
    arc_open = link_open[arc_link]
    return NetworkArrays(
        location_ids=tuple(loc.id for loc in locs),
        partner_of=tuple(loc.partner for loc in locs),
        handling=np.array(
            [inf if x.handling_t_per_day is None else x.handling_t_per_day for x in locs],
            dtype=np.float64,
        ),
        handling_pax=np.array(
            [inf if x.handling_pax_per_day is None else x.handling_pax_per_day for x in locs],
            dtype=np.float64,
        ),
        storage=np.array([inf if x.storage_t is None else x.storage_t for x in locs], np.float64),
        dwell=np.array([x.dwell_days for x in locs], dtype=np.int64),
        arc_link=arc_link,
        arc_from=arc_from,
        arc_to=arc_to,
        arc_transit=arc_transit,
        arc_cost=per_link[arc_link, 1],
        arc_cost_pax=per_link[arc_link, 4],
        arc_cap_t=per_link[arc_link, 2],
        arc_cap_pax=per_link[arc_link, 3],
        arc_open=arc_open,
        arc_road=arc_road,
        arc_open_goods=truck_open(
            arc_from, arc_to, arc_transit, arc_road, arc_open, len(locs), per_link[arc_link, 2] > 0
        ),
    )


def without_outages(net: NetworkArrays) -> NetworkArrays:
    """``net`` with every link open on every day, as if the scenario had no outage days.

    Why: rebuilding the scenario's links without their outages checked all of their fields
    again (about 0.6 s of a profiled ``validate`` of 3,000 links) for records already
    checked; only which days are open changes, and what trucks may carry follows from it.
    """
    always = np.ones_like(net.arc_open)
    goods = truck_open(
        net.arc_from,
        net.arc_to,
        net.arc_transit,
        net.arc_road,
        always,
        len(net.location_ids),
        net.arc_cap_t > 0,
    )
    return dataclasses.replace(net, arc_open=always, arc_open_goods=goods)


def index_flows(scenario: Scenario, demand: Demand, net: NetworkArrays) -> Flows:
    """List the flow commodities: every demanded commodity, then deployments."""
    pos = {loc_id: i for i, loc_id in enumerate(net.location_ids)}
    names: list[str] = list(demand.commodity_ids)
    cols: list[tuple[int, int, int, int, int, float, int, int]] = [
        (FlowKind.GOODS, k, -1, -1, -1, 0.0, 0, 0) for k in range(len(names))
    ]
    for ui, unit in enumerate(scenario.units):
        if not unit.deploys:
            continue
        for kind, amount in (
            (FlowKind.DEPLOY_T, unit.deployment_lift_t),
            (FlowKind.DEPLOY_PAX, float(unit.personnel)),
        ):
            if amount > NEGLIGIBLE_T:  # a lift of 1e-313 t closed on day 0 going nowhere
                names.append(f"deploy:{unit.id}")
                cols.append(
                    (
                        kind,
                        -1,
                        ui,
                        pos[unit.home],
                        pos[unit.destination],
                        amount,
                        unit.available_day,
                        unit.required_day,
                    )
                )
    table = list(zip(*cols, strict=True)) if cols else [()] * 8
    ints = [np.array(c, dtype=np.int64) for c in table]
    return Flows(
        names=tuple(names),
        kind=ints[0],
        goods=ints[1],
        unit=ints[2],
        home=ints[3],
        dest=ints[4],
        amount=np.array(table[5], dtype=np.float64),
        start_day=ints[6],
        required_day=ints[7],
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Reach:
    """``[flow, location]`` bounds of the days on which a flow can be useful there.

    ``earliest`` is the first day the flow can be available at the location (a large
    number if never); ``latest`` the last day it can be there and still reach a demand
    in time (negative if never). Both ignore capacities and outages, so they are safe
    bounds: dropping what lies outside them cannot change the optimum, but for goods that
    leave a full store to make room (:mod:`~supplyline.planning.making_room`, which widens
    the bounds of those).
    """

    earliest: IntArray
    latest: IntArray
    drawn_latest: IntArray
    """The last day a day's replenishment drawn at the location can still reach a demand:
    ``latest`` before :func:`~supplyline.planning.making_room.with_room_to_move` widens it
    for goods on hand in a limited store (what is replenished never has to make room)."""
    rests: BoolArray
    """Whether the flow may be left at the location at the horizon's end, undelivered:
    only goods on hand in a limited store, moved out to make room
    (:mod:`~supplyline.planning.making_room`); nothing else, as :func:`reach` makes it."""


def _delay_graph(
    net: NetworkArrays,
    usable: BoolArray,
    *,
    reverse: bool | BoolArray = False,
    blocks: int = 1,
) -> csr_matrix:
    """The usable arcs as a graph weighted by availability delay (shortest of parallel arcs).

    ``reverse`` turns every arc round (for distances *to* the sinks). ``usable`` may be
    ``[block, arc]`` with ``reverse`` one per block: the graphs then lie side by side in
    one, block ``i``'s location ``v`` at node ``i × locations + v``, with no edge between
    blocks, so that one Dijkstra call serves them all. Laid out as CSR directly: scipy's
    conversion from triplets, and a transpose for the reverse graph, were most of the
    reachability bounds' time in a fresh process.
    """
    n = len(net.location_ids)
    use = np.reshape(usable, (blocks, -1))
    turned = np.reshape(np.asarray(reverse), (-1, 1))
    block, arc = np.nonzero(use)
    a = np.where(turned[block, 0], net.arc_to[arc], net.arc_from[arc]) + block * n
    b = np.where(turned[block, 0], net.arc_from[arc], net.arc_to[arc]) + block * n
    w = net.arc_delay[arc].astype(np.float64) + _EPS_DAY
    # rows in order, and the shortest of parallel arcs first: csr_matrix would add them up
    order = np.lexsort((w, b, a))
    a, b, w = a[order], b[order], w[order]
    first = np.ones(len(a), dtype=bool)
    first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    size = blocks * n
    indptr = np.zeros(size + 1, dtype=np.int32)
    np.cumsum(np.bincount(a[first], minlength=size), out=indptr[1:])
    return csr_matrix((w[first], b[first].astype(np.int32), indptr), shape=(size, size))


def _days_apart(graph: csr_matrix, nodes: IntArray) -> FloatArray:
    """Whole days of shortest delay from each of ``nodes`` to every location (inf: never)."""
    n = graph.shape[0]
    if len(nodes) == 0:
        return np.empty((0, n))
    dist: FloatArray = dijkstra(graph, directed=True, indices=nodes)
    return np.floor(dist.reshape(len(nodes), n) + 1e-3)


def days_from(net: NetworkArrays, usable: BoolArray, nodes: IntArray) -> FloatArray:
    """Whole days from each of ``nodes`` to every location over the ``usable`` arcs.

    Transit plus the far end's dwell, outages ignored; ``inf`` where there is no way.
    """
    return _days_apart(_delay_graph(net, usable), nodes)


def delay_graph(net: NetworkArrays, usable: BoolArray, *, reverse: bool = False) -> csr_matrix:
    """The ``usable`` arcs weighted by delay, turned round with ``reverse``, for :func:`days_over`.

    Built once for many searches (a unit's home, and where it goes, one at a time).
    """
    return _delay_graph(net, usable, reverse=reverse)


def days_over(graph: csr_matrix, nodes: IntArray) -> FloatArray:
    """Whole days from each of ``nodes`` over a :func:`delay_graph` (to them, if reversed)."""
    return _days_apart(graph, nodes)


def days_to(net: NetworkArrays, usable: BoolArray, nodes: IntArray) -> FloatArray:
    """Whole days from every location to each of ``nodes`` over the ``usable`` arcs.

    ``[node, location]``, as :func:`days_from` but along the arcs' direction into the nodes.
    """
    return _days_apart(_delay_graph(net, usable, reverse=True), nodes)


def _goods_ends(
    scenario: Scenario, demand: Demand, net: NetworkArrays
) -> tuple[list[list[int]], list[list[int]]]:
    """Source locations and sink locations of each goods commodity."""
    pos = {loc_id: i for i, loc_id in enumerate(net.location_ids)}
    com = {c: k for k, c in enumerate(demand.commodity_ids)}
    sources: list[list[int]] = [[] for _ in demand.commodity_ids]
    for st in scenario.stocks:
        if st.commodity in com and (st.initial_t > 0 or st.replenishment_t_per_day > 0):
            sources[com[st.commodity]].append(pos[st.location])
    needs = (demand.consumption_t.sum(axis=2) > 0) | (demand.target_t > 0).any(axis=2)
    sinks: list[list[int]] = [[] for _ in demand.commodity_ids]
    for ui, unit_id in enumerate(demand.unit_ids):
        dest = pos[scenario.unit(unit_id).destination]
        for k in np.flatnonzero(needs[ui]):
            sinks[int(k)].append(dest)
    return sources, sinks


def _nearest(
    apart: FloatArray, nodes: IntArray, ends: list[list[int]]
) -> tuple[FloatArray, BoolArray]:
    """``[flow, location]`` days from the nearest of each flow's ``ends``; who has any.

    The rows of ``apart`` follow ``nodes``.
    """
    has = np.zeros((len(ends), len(nodes)), dtype=bool)
    for i, mine in enumerate(ends):
        has[i, np.searchsorted(nodes, mine)] = True
    best: FloatArray = np.where(has[:, :, None], apart[None, :, :], np.inf).min(
        axis=1, initial=np.inf
    )
    anywhere: BoolArray = np.any(has, axis=1)
    return best, anywhere


def reach(scenario: Scenario, demand: Demand, net: NetworkArrays, flows: Flows) -> Reach:
    """Earliest and latest useful day of every flow at every location.

    Flows that move over the same arcs (goods and a unit's tonnes go where tonnes may go;
    people where people may) share one search from all their sources and one, on the
    reversed graph, from all their sinks; all the searches are one Dijkstra call, over
    the graphs side by side.
    """
    n_f, n_v, days = len(flows.names), len(net.location_ids), scenario.horizon_days
    earliest = np.full((n_f, n_v), np.iinfo(np.int64).max // 4, dtype=np.int64)
    latest = np.full((n_f, n_v), -1, dtype=np.int64)
    sources, sinks = _goods_ends(scenario, demand, net)
    goods = (flows.kind == FlowKind.GOODS).tolist()
    src_of = [
        sources[int(flows.goods[f])] if goods[f] else [int(flows.home[f])] for f in range(n_f)
    ]
    snk_of = [sinks[int(flows.goods[f])] if goods[f] else [int(flows.dest[f])] for f in range(n_f)]
    groups = [
        (usable, np.flatnonzero(moves))
        for usable, moves in (
            (net.arc_cap_t > 0, flows.kind != FlowKind.DEPLOY_PAX),
            (net.arc_cap_pax > 0, flows.kind == FlowKind.DEPLOY_PAX),
        )
        if moves.any()
    ]
    if not groups:
        return _bounds(earliest, latest)
    # each group's graph searched from its sources (block 2i), reversed from its sinks
    # (block 2i + 1)
    graph = _delay_graph(
        net,
        np.repeat(np.array([usable for usable, _ in groups]), 2, axis=0),
        reverse=np.tile([False, True], len(groups)),
        blocks=2 * len(groups),
    )
    starts = [
        np.unique(np.array([v for f in fs.tolist() for v in of[f]], dtype=np.int64))
        for _, fs in groups
        for of in (src_of, snk_of)
    ]
    apart = _days_apart(graph, np.concatenate([x + b * n_v for b, x in enumerate(starts)]))
    row = 0
    for b, nodes in enumerate(starts):
        fs = groups[b // 2][1]
        days_to = apart[row : row + len(nodes), b * n_v : (b + 1) * n_v]
        row += len(nodes)
        if b % 2 == 0:  # from the sources, after the flow's first day
            best, has = _nearest(days_to, nodes, [src_of[f] for f in fs.tolist()])
            best += flows.start_day[fs, None]  # 0 for goods
            got = np.where(np.isfinite(best), best, earliest[fs])
            earliest[fs[has]] = got[has]
        else:  # to the sinks, before the horizon's end
            best, has = _nearest(days_to, nodes, [snk_of[f] for f in fs.tolist()])
            best = (days - 1) - best
            latest[fs[has]] = np.where(np.isfinite(best), best, -1)[has]
    return _bounds(earliest, latest)


def _bounds(earliest: IntArray, latest: IntArray) -> Reach:
    """Bounds with nothing left at the horizon's end, replenishment as useful as the flow."""
    return Reach(
        earliest=earliest,
        latest=latest,
        drawn_latest=latest,
        rests=np.zeros(earliest.shape, dtype=bool),
    )


def full_reach(n_flows: int, n_locations: int, days: int) -> Reach:
    """Bounds that prune nothing (the naive model, kept for measuring what pruning gains)."""
    return _bounds(
        np.zeros((n_flows, n_locations), dtype=np.int64),
        np.full((n_flows, n_locations), days - 1, dtype=np.int64),
    )
