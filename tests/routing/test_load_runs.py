"""Truck-loads made no more than the trucks can bring: the work does not grow with the tonnes.

A tester's unit of 12,009 t for vans of 0.01 t (legal input) was packed load by load
into 1.2 million records before any search began: ``routes --time-limit 2`` took 69 s
and 1.6 GB, and ``route_day`` grew in step with the tonnes (119 s and 3.2 GB at 1e7 t),
though the README says every search ends by 1.25 × the limit. The loads now come in runs
of like loads (:func:`~supplyline.routing.load_pack.pack_runs`), a record is made of
each load the trucks can bring in a day at most, and the rest is one record that counts
them, reported unserved in the words of every load left out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from routing_scenarios import star

from supplyline.domain.routes import UnservedReason
from supplyline.routing.convoy import ConvoyParams, route_day
from supplyline.routing.load_pack import next_load, pack_runs, request_grams
from supplyline.routing.loads import plan_chunks
from supplyline.routing.problem import RouterParams
from supplyline.routing.requests import request_for
from supplyline.routing.roads import road_matrix
from supplyline.routing.translate import Chunk
from supplyline.routing.trip_cap import idle_split_note


def _one_by_one(
    load_t: Mapping[str, float],
    order: Sequence[str],
    most_g: int,
    most_l: int | None,
    per_kg: Mapping[str, float],
) -> list[dict[str, int]]:
    """The loads made one at a time (:func:`next_load`), as the packing was before the runs."""
    left = request_grams(load_t)
    loads: list[dict[str, int]] = []
    while any(left.values()):
        load = next_load(left, [c for c in order if c in left], most_g, most_l, per_kg)
        for c, g in load.items():
            left[c] -= g
        loads.append(load)
    return loads or [dict.fromkeys(sorted(load_t), 0)]


_NAMES = ["water", "food", "fuel", "med"]


@settings(deadline=None, max_examples=200)
@given(
    tonnes=st.lists(st.integers(min_value=0, max_value=400_000_000), min_size=1, max_size=4),
    densities=st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, 8.0]), min_size=4, max_size=4),
    most_kg=st.integers(min_value=500, max_value=20_000),
    most_l=st.none() | st.integers(min_value=200, max_value=30_000),
    order=st.permutations(_NAMES),
)
def test_the_runs_are_the_loads_made_one_by_one_in_few_steps(
    tonnes: list[int],
    densities: list[float],
    most_kg: int,
    most_l: int | None,
    order: list[str],
) -> None:
    """Expanded, the runs are the loads one at a time; their number does not grow with tonnes.

    At most four runs a commodity (its full loads, the load mixing at its end, the
    volume's filling, its last grams), however many loads they stand for (up to 400 t).
    """
    load_t = {c: g / 10**6 for c, g in zip(_NAMES, tonnes, strict=False)}
    per_kg = dict(zip(_NAMES, densities, strict=True))
    runs = pack_runs(load_t, order, most_kg * 1000, most_l, per_kg)
    expanded = [dict(load) for load, times in runs for _ in range(times)]
    assert expanded == _one_by_one(load_t, order, most_kg * 1000, most_l, per_kg)
    assert len(runs) <= 4 * len(load_t)


def _day(tonnes: float, payload_t: float) -> tuple[list[Chunk], dict[int, int], float]:
    """One unit's ``tonnes`` of diesel for two trucks of ``payload_t``: the records made.

    Returns the records, the most loads the trucks can bring it (its bound) and the
    loads it needs.
    """
    sc = star(1, km=40.0, count=2, payload_t=payload_t)
    req = request_for(sc, "U0", {"fuel": tonnes})
    groups = [g for g in sc.fleet if g.count > 0]
    km = road_matrix(sc, [*(g.depot for g in groups), req.location], day=0)
    chunks, unserved, bounds = plan_chunks(
        [req], groups, km, sc, multi_trip=True, day=0, pinned=[None]
    )
    assert not unserved
    return chunks, {r: b.most for r, b in bounds.items()}, tonnes / payload_t


@pytest.mark.parametrize("tonnes", [1_000.0, 2_345.678])
def test_a_delivery_past_the_trips_is_a_record_a_load_the_trucks_bring_and_one_more(
    tonnes: float,
) -> None:
    """1,000 t (100,000 loads) for two trucks of 0.01 t: a record a load of the bound, and one.

    The loads the trucks can bring in a day (the bound) are a record each; the rest is
    one record counting them. All the loads are counted, and their tonnes are the
    delivery's to the gram.
    """
    chunks, most, need = _day(tonnes, 0.01)
    assert len(chunks) == max(1, most[0]) + 1
    *each, rest = chunks
    assert all(c.loads == 1 and c.largest_t is None for c in each)
    assert rest.loads == math.ceil(need) - len(each)
    assert rest.largest_t == pytest.approx(0.01)
    assert sum(c.loads for c in chunks) == chunks[0].parts == math.ceil(need)
    assert round(sum(c.tonnes for c in chunks) * 10**6) == round(tonnes * 10**6)


def test_a_delivery_within_the_trips_is_a_record_a_load() -> None:
    """5 t for two trucks of 1 t with trips enough: five records of one load each."""
    chunks, most, need = _day(5.0, 1.0)
    assert most[0] >= need
    assert [c.loads for c in chunks] == [1] * 5
    assert [c.tonnes for c in chunks] == [1.0] * 5


def test_the_loads_beyond_the_trips_are_unserved_in_the_words_of_the_rest() -> None:
    """``route_day`` of 2,000 t for two trucks of 0.01 t: what is not routed is unserved.

    ``too_large``, counting every load it needs (200,000) and every one not routed, and
    the delivered and unserved tonnes add up to the delivery.
    """
    sc = star(1, km=40.0, count=2, payload_t=0.01)
    params = ConvoyParams(router=RouterParams(time_limit_s=1, seed=3))
    routes = route_day(sc, [request_for(sc, "U0", {"fuel": 2_000.0})], day=0, params=params)
    (left,) = routes.unserved
    loads = round(routes.delivered_t / 0.01)
    assert left.reason is UnservedReason.TOO_LARGE
    said = f"{200_000 - loads:,} of 200,000 truck-loads not routed: too few trips"
    assert said in left.detail
    assert routes.delivered_t + left.tonnes == pytest.approx(2_000.0, abs=1e-6)


def test_the_idle_note_counts_the_loads_a_record_stands_for() -> None:
    """A record of 998 loads of 0.010 t beside two of one: ``u ×1,000 of 0.010 t``."""

    def chunk(part: int, tonnes: float, loads: int = 1) -> Chunk:
        return Chunk(
            request=0, part=part, parts=1_000, unit="u", location="L",
            load_t={"w": tonnes}, volume_m3=0, volume_known=False, priority=1,
            weighted_t=tonnes, allowed=frozenset({"van"}), mixed=False, loads=loads,
            largest_t=0.01 if loads > 1 else None,
        )  # fmt: skip

    offered = [chunk(0, 0.01), chunk(1, 0.01)]
    note = idle_split_note(offered, [chunk(2, 9.98, loads=998)])
    assert note.startswith("loads no truck was left for, split again for the idle trucks: ")
    assert "u ×1,000 of 0.010 t (van)" in note
    assert "2 of them offered to the idle trucks" in note
    assert "the other 998 unserved" in note
