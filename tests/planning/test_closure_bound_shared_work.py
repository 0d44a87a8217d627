"""The closure bound's work shared between units gives what each unit's own work gave.

``never_in_place`` on the 2,000-unit benchmark rebuilt a delay graph and sorted its
windows' entries for each destination, and looped over a way's links one by one; the
graph is now built once and a destination's row dropped, the entries sorted once, the
links looked up at once. The references below are the code it replaced.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import numpy.typing as npt
from hypothesis import given
from hypothesis import strategies as st
from random_networks import SETTINGS, scenarios

from supplyline.domain import Scenario
from supplyline.planning.closure_bound import ClosureBound, _Windows, _without_row
from supplyline.planning.network import NetworkArrays, days_over, delay_graph, index_network
from supplyline.planning.throughput import Way


@st.composite
def closing_networks(draw: st.DrawFn) -> NetworkArrays:
    """A random network, some of its links also closed for a run of days."""
    scenario: Scenario = draw(scenarios())[0]
    days = scenario.horizon_days
    links = []
    for link in scenario.links:
        if draw(st.booleans()):
            first = draw(st.integers(0, days - 1))
            last = draw(st.integers(first, days - 1))
            closed = frozenset(range(first, last + 1))
            link = dataclasses.replace(link, outage_days=link.outage_days | closed)
        links.append(link)
    return index_network(dataclasses.replace(scenario, links=tuple(links)))


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
    """A unit's windows as ``_lay_out`` made them: its own arcs, sorted for it alone."""
    net, n = bound.net, len(bound.net.location_ids)
    usable_but_dest = bound._usable & (net.arc_from != dest)
    first = _days_from(net, usable_but_dest, home)
    left = _days_from(net, bound._usable, dest, to=True)
    arcs = np.flatnonzero(usable_but_dest)
    arc_first = first[net.arc_from[arcs]]
    arc_after = net.arc_delay[arcs] + left[net.arc_to[arcs]]
    handling = net.handling_pax if bound.people else net.handling
    cap = net.arc_cap_pax if bound.people else net.arc_cap_t
    places = np.arange(n)
    after = np.concatenate([left, arc_after])
    keep = np.isfinite(after) & np.isfinite(np.concatenate([first, arc_first]))
    tails = np.concatenate([places, n + net.arc_from[arcs]])[keep]
    heads = np.concatenate([n + places, net.arc_to[arcs]])[keep]
    order = np.lexsort((heads, tails))
    tails, heads = tails[order], heads[order]
    new_pair = np.ones(len(tails), dtype=bool)
    new_pair[1:] = (tails[1:] != tails[:-1]) | (heads[1:] != heads[:-1])
    starts = np.flatnonzero(new_pair)
    indptr = np.zeros(2 * n + 1, dtype=np.int32)
    np.cumsum(np.bincount(tails[starts], minlength=2 * n), out=indptr[1:])
    per_day = np.concatenate([handling, cap[arcs]])[keep][order]
    rows = np.concatenate([np.full(n, len(net.arc_from)), arcs])[keep][order]
    return _Windows(
        per_day=np.minimum(per_day * scale, 10**9),
        first=np.concatenate([first, arc_first])[keep][order].astype(np.int64),
        after=after[keep][order].astype(np.int64),
        row=rows.astype(np.int64),
        open_by=bound._open_by,
        starts=starts,
        indices=heads[starts].astype(np.int32),
        indptr=indptr,
        home=home,
        sink=n + dest,
        shifts=bool(np.all(bound._open_by[rows, -1] == bound._open_by.shape[1] - 1)),
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
    """Every home and destination's windows hold the same entries, in the same order."""
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
