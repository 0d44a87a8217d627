"""The closure bound's work shared between units gives what each unit's own work gave.

``never_in_place`` on the 2,000-unit benchmark rebuilt a delay graph and sorted its
windows' entries for each destination, and looped over a way's links one by one; the
graph is now built once and a destination's row dropped, the entries sorted once, the
links looked up at once. The references below are the code it replaced.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from hypothesis import given
from hypothesis import strategies as st
from random_networks import SETTINGS, outage_scenarios

from supplyline.planning.closure_bound import ClosureBound, _Windows, _without_row
from supplyline.planning.handling_days import NO_DAYS_LOST
from supplyline.planning.network import NetworkArrays, days_over, delay_graph, index_network
from supplyline.planning.throughput import Way


@st.composite
def closing_networks(draw: st.DrawFn) -> NetworkArrays:
    """A random network, some of its links also closed for a run of days."""
    return index_network(draw(outage_scenarios())[0])


def _rebuilt_graph(
    net: NetworkArrays, usable: npt.NDArray[np.bool_], dest: int
) -> list[list[float]]:
    return delay_graph(net, usable & (net.arc_from != dest)).toarray().tolist()


@SETTINGS
@given(closing_networks())
def test_dropping_a_row_gives_the_graph_built_without_the_arcs_out_of_it(
    net: NetworkArrays,
) -> None:
    """The whole graph less a place's row is the graph of the arcs not out of that place."""
    for people in (False, True):
        usable = net.arc_carries(people=people)
        whole = delay_graph(net, usable)
        for dest in range(len(net.location_ids)):
            dropped = _without_row(whole, dest)
            assert dropped.toarray().tolist() == _rebuilt_graph(net, usable, dest)
            assert dropped.nnz == delay_graph(net, usable & (net.arc_from != dest)).nnz


def _windows_as_before(bound: ClosureBound, home: int, dest: int, scale: float) -> _Windows:
    """A unit's windows as ``_lay_out`` made them: its own arcs, sorted for it alone.

    Each place taking in (``v`` → ``2n + v``) and sending on (``2n + v`` → ``n + v``) apart,
    an arc at most the handling at its ends a day.
    """
    net, n = bound.net, len(bound.net.location_ids)
    usable_but_dest = bound._usable & (net.arc_from != dest)
    first = _days_from(net, usable_but_dest, home)
    left = _days_from(net, bound._usable, dest, to=True)
    arcs = np.flatnonzero(usable_but_dest)
    arc_first = first[net.arc_from[arcs]]
    arc_after = net.arc_delay[arcs] + left[net.arc_to[arcs]]
    handling = net.handling_pax if bound.people else net.handling
    cap = net.arc_cap_pax if bound.people else net.arc_cap_t
    arc_cap = np.minimum(cap[arcs], handling[net.arc_from[arcs]])
    arc_cap = np.minimum(arc_cap, handling[net.arc_to[arcs]])
    places = np.arange(n)
    after = np.concatenate([left, left, arc_after])
    keep = np.isfinite(after) & np.isfinite(np.concatenate([first, first, arc_first]))
    keep &= np.concatenate([places >= 0, places != dest, arcs >= 0])  # nothing leaves dest
    tails = np.concatenate([places, 2 * n + places, n + net.arc_from[arcs]])[keep]
    heads = np.concatenate([2 * n + places, n + places, net.arc_to[arcs]])[keep]
    order = np.lexsort((heads, tails))
    tails, heads = tails[order], heads[order]
    new_pair = np.ones(len(tails), dtype=bool)
    new_pair[1:] = (tails[1:] != tails[:-1]) | (heads[1:] != heads[:-1])
    starts = np.flatnonzero(new_pair)
    indptr = np.zeros(3 * n + 1, dtype=np.int32)
    np.cumsum(np.bincount(tails[starts], minlength=3 * n), out=indptr[1:])
    per_day = np.concatenate([handling, handling, arc_cap])[keep][order]
    rows = np.concatenate([np.full(2 * n, len(net.arc_from)), arcs])[keep][order]
    return _Windows(
        per_day=np.minimum(per_day * scale, 10**9),
        first=np.concatenate([first, first, arc_first])[keep][order].astype(np.int64),
        after=after[keep][order].astype(np.int64),
        row=rows.astype(np.int64),
        open_by=bound._open_by,
        starts=starts,
        indices=heads[starts].astype(np.int32),
        indptr=indptr,
        home=2 * n + home,
        sink=2 * n + dest,
        shifts=bool(np.all(bound._open_by[rows, -1] == bound._open_by.shape[1] - 1)),
        lost=NO_DAYS_LOST,
    )


def _days_from(
    net: NetworkArrays, usable: npt.NDArray[np.bool_], place: int, *, to: bool = False
) -> npt.NDArray[np.float64]:
    found: npt.NDArray[np.float64] = days_over(
        delay_graph(net, usable, reverse=to), np.array([place], dtype=np.int64)
    )[0]
    return found


_ARRAYS = ("per_day", "first", "after", "row", "starts", "indices", "indptr")


@SETTINGS
@given(closing_networks(), st.sampled_from([10.0, 0.5]))
def test_windows_laid_out_from_entries_sorted_once_are_those_sorted_per_unit(
    net: NetworkArrays, scale: float
) -> None:
    """Every home and destination's windows hold the same entries, in the same order.

    (The days they lose beside a closed link are checked day by day apart, in
    ``test_handling_days``.)
    """
    n = len(net.location_ids)
    for people in (False, True):
        bound = ClosureBound(net, people=people)
        for home in range(n):
            for dest in range(n):
                laid = bound._lay_out(home, dest, scale)
                before = _windows_as_before(bound, home, dest, scale)
                for name in _ARRAYS:
                    mine, theirs = getattr(laid, name), getattr(before, name)
                    assert mine.dtype == theirs.dtype, name
                    assert mine.tolist() == theirs.tolist(), name
                assert (laid.home, laid.sink, laid.shifts) == (
                    before.home,
                    before.sink,
                    before.shifts,
                )


def _leaving_as_before(net: NetworkArrays, way: Way) -> list[int]:
    """``_leaving`` as it was: a loop over the way's links."""
    days = net.arc_open.shape[1]
    can = np.ones(days, dtype=bool)
    for arc, offset in zip(way.arcs, way.offsets, strict=True):
        if offset < days:
            can[: days - offset] &= net.arc_open[arc, offset:]
    leave = np.zeros(days + 1, dtype=np.int64)
    np.cumsum(can, out=leave[1:])
    return leave.tolist()


@SETTINGS
@given(closing_networks(), st.data())
def test_a_ways_leaving_days_looked_up_at_once_are_those_of_the_loop(
    net: NetworkArrays, data: st.DataObject
) -> None:
    """Any way of arcs and offsets (some past the horizon) leaves on the same days."""
    n_arcs, days = net.arc_open.shape
    arcs = data.draw(st.lists(st.integers(0, n_arcs - 1), min_size=1, max_size=5))
    offsets = data.draw(st.lists(st.integers(0, 2 * days), min_size=len(arcs), max_size=len(arcs)))
    way = Way(1.0, 0, tuple(arcs), tuple(offsets))
    bound = ClosureBound(net, people=False)
    assert bound._leaving(way).tolist() == _leaving_as_before(net, way)


def _served_day_by_day(
    laid: _Windows, bound: ClosureBound, dest: int, start: int, day: int
) -> list[int]:
    """The days each entry of ``laid`` serves, each day looked at in turn.

    An arc on its open days in its window; a place of unlimited handling on every day of
    its window; one of limited handling, on a day a usable arc on that side of it is
    closed (on its departure day, into it: the unit's or not), sending on where an arc out
    of it is open that day and still brings the lift by ``day`` without turning straight
    back to it (its head's quickest arc on but one back, 0 at ``dest``), taking in where an
    arc into it open on its departure day (after the first the lift can be at its tail)
    arrives that day.
    """
    net = bound.net
    n, days = len(net.location_ids), net.arc_open.shape[1]
    handling = net.handling_pax if bound.people else net.handling
    pair = np.searchsorted(laid.starts, np.arange(len(laid.row)), side="right") - 1
    tail = np.searchsorted(laid.indptr, pair, side="right") - 1
    arcs = [k for k in range(len(laid.row)) if n <= tail[k] < 2 * n]
    served = []
    for k in range(len(laid.row)):
        window = range(max(start + int(laid.first[k]), 0), min(day - int(laid.after[k]) + 1, days))
        a = int(laid.row[k])
        if k in arcs:
            served.append(sum(bool(net.arc_open[a, t]) for t in window))
            continue
        place = int(tail[k]) % n
        if not np.isfinite(handling[place]):
            served.append(len(window))
        elif tail[k] >= 2 * n:  # sending on
            out = [j for j in arcs if int(tail[j]) - n == place]
            beside = np.flatnonzero(bound._usable & (net.arc_from == place))

            def onward(j: int, place: int = place) -> float:
                head = int(net.arc_to[laid.row[j]])
                on = [
                    float(laid.after[b])
                    for b in arcs
                    if int(tail[b]) - n == head and net.arc_to[laid.row[b]] != place
                ]
                return 0.0 if head == dest else min(on, default=np.inf)

            served.append(
                sum(
                    net.arc_open[beside, d].all()
                    or any(
                        net.arc_open[laid.row[j], d]
                        and d + net.arc_delay[laid.row[j]] + onward(j) <= day
                        for j in out
                    )
                    for d in window
                )
            )
        else:  # taking in, the day before its dwell
            into = [j for j in arcs if net.arc_to[laid.row[j]] == place]
            dwell = int(net.dwell[place])

            beside = np.flatnonzero(bound._usable & (net.arc_to == place))

            def departs(a: int, u: int, dwell: int = dwell) -> int:
                return u - dwell - int(net.arc_transit[a])

            served.append(
                sum(
                    not any(
                        0 <= departs(a, u) < days and not net.arc_open[a, departs(a, u)]
                        for a in beside
                    )
                    or any(
                        0 <= departs(laid.row[j], u) < days
                        and net.arc_open[laid.row[j], departs(laid.row[j], u)]
                        and departs(laid.row[j], u) >= start + laid.first[j]
                        for j in into
                    )
                    for u in window
                )
            )
    return served


@SETTINGS
@given(closing_networks(), st.data())
def test_the_days_places_serve_are_those_counted_day_by_day(
    net: NetworkArrays, data: st.DataObject
) -> None:
    """Beside a closed link, a place serves only the days it can take in and send on."""
    n, days = len(net.location_ids), net.arc_open.shape[1]
    for people in (False, True):
        bound = ClosureBound(net, people=people)
        home, dest = data.draw(st.integers(0, n - 1)), data.draw(st.integers(0, n - 1))
        laid = bound._lay_out(home, dest, 10.0)
        for start in range(days):
            for day in range(start, days):
                served = laid.served(start, day).tolist()
                assert served == _served_day_by_day(laid, bound, dest, start, day)
