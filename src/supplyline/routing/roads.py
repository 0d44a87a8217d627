"""Road distances between locations: shortest paths over road links, else great circle.

Trucks drive on roads. Where the scenario gives road links, the distance between two
places is the shortest path over them (``scipy.sparse.csgraph.dijkstra``); where no road
path joins them in either direction on any day (the scenario has no road data between
them: a place without road links, or separate road networks), it is the great-circle
distance times the scenario's detour factor, and the matrix says so (``by_road`` is
False) so that reports can flag the estimate. Where a road path leads one way only (a
one-way track, town-a → town-b), the other way is not estimated: it cannot be driven
(a tester's trucks at town-b "drove" to a site behind the one-way track over a straight
line).

A road link is driven on day *N* (:func:`drives`) when it carries tonnes (a
``capacity_t_per_day`` of 0 closes it on every day: a tester's routes drove five loads
over such a road that the plan said nothing could use) and it was open on the day what
arrives over it on *N* left (*N* − ``transit_days``, C+0 at the earliest): the movement
plan closes a link to what departs on an outage day, so a link closed C+6–C+8 with one
day in transit brings nothing on C+7–C+9, and routes and the reach check say so (they
said C+6–C+8, against the plan's C+7–C+9). Where roads join two places on some day but
none is driven on this one, the estimate does *not* stand in: the pair is ``closed``
that day and its distance is infinite (a tester's site whose only road was cut was
"served" over it as a straight line). :func:`closed_roads` names the closed roads that
cut it off.

A place is entered by truck only over a road leading into it, and left only over a road
leading out of it (a one-way road leads one way only): on a day when every road *into* a
place is closed, no truck reaches it, and when every road *out of* it is closed, no truck
leaves it, whatever the other place's road data (a tester's roadless airstrip depot
"reached" a site whose only road was closed by a straight line; a site whose open roads
all led out, one way, was "reached" over them). Such a place is *cut off by road* that
day, and the pairs into (or out of) it are ``closed``. :func:`cut_off_roads` names its
roads. A place with roads but none leading in (or out) at all, on any day, is one the
scenario's roads say nothing about in that direction: the estimate stands in there, as
between places that no road path joins on any day and that are not cut off that day,
unless a road path joins them the other way. :func:`blocking_roads` names only the
closed (or one-way) roads that stand between two places.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from supplyline.domain import Link, Mode, Scenario
from supplyline.domain.geo import EARTH_RADIUS_KM
from supplyline.routing.road_paths import shortest_km
from supplyline.routing.road_sets import day_blocks, drives, left_on, min_graph, road_graph
from supplyline.types import LinkId, LocationId, day_label

__all__ = [
    "RoadMatrix",
    "RoadWay",
    "blocking_roads",
    "closed_roads",
    "cut_off_roads",
    "describe_closed",
    "drives",
    "left_on",
    "one_way_roads",
    "road_matrix",
    "road_name",
    "round_trip_blockers",
]

FloatArray = npt.NDArray[np.float64]
RoadWay = tuple[LinkId, LocationId, LocationId]
"""One direction of a road link: ``(link id, from, to)``; its capacity is per direction."""


_BLOCK_ROWS = 512
"""Rows of the matrix estimated at a time: the pairs' indices and sums stay small."""


def _estimate_into(
    km: FloatArray, need: npt.NDArray[np.bool_], lat: FloatArray, lon: FloatArray, detour: float
) -> None:
    """Write great circle × ``detour`` into ``km`` where ``need`` says, and nowhere else.

    :func:`~supplyline.domain.geo.great_circle_km` as one numpy sum over the pairs that
    need an estimate (no road data between them, not closed), a block of rows at a time.
    Before, every pair of the matrix was estimated, then most thrown away for their road
    km: 3-9 s on a day of 5,000 places (30 s and four square temporaries, 3 GB, on one of
    10,000). Each pair's sum is the one the whole matrix made, term for term.
    """
    p, lam = np.radians(lat), np.radians(lon)
    cos_p = np.cos(p)
    for start in range(0, len(lat), _BLOCK_ROWS):
        i, j = np.nonzero(need[start : start + _BLOCK_ROWS])
        i += start
        dp, dl = p[i] - p[j], lam[i] - lam[j]
        a = np.sin(dp / 2) ** 2 + cos_p[i] * cos_p[j] * np.sin(dl / 2) ** 2
        km[i, j] = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a))) * detour


@dataclass(frozen=True, slots=True, kw_only=True)
class RoadMatrix:
    """Distances in km between ``ids`` (row = from, column = to).

    ``km`` is the road distance where a road path is driven (:func:`drives`), great
    circle × detour where the scenario has no road path between the two places in either
    direction on any day, and infinite where roads join them but no path is driven that
    day (a one-way road leading only the other way: on no day), or where either place has
    road links and all of them are closed that day (``closed``). Without a day, "that
    day" is any day of the horizon: a road closed on every day joins nothing.
    """

    ids: tuple[LocationId, ...]
    km: FloatArray
    by_road: npt.NDArray[np.bool_]
    """True where ``km`` is a road distance; False where it is an estimate or closed."""
    closed: npt.NDArray[np.bool_]
    """True where roads join the two places (either way) on some day but no path from the
    first to the second is driven on this one, or where either place is cut off by road
    that day (it has road links, all closed)."""
    _rows: dict[LocationId, int] = field(init=False, repr=False, compare=False)
    """Each id's row, so that :meth:`index` looks it up in one step: ``ids.index`` scanned
    the ids, and a day of 5,000 places spent 4.4 s of its fitting there."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "_rows", {x: i for i, x in enumerate(self.ids)})

    def index(self, location: LocationId) -> int:
        """Row/column of a location (a ValueError for one not among ``ids``, as before)."""
        try:
            return self._rows[location]
        except KeyError:
            raise ValueError(f"{location!r} is not in the road matrix") from None


def _road_links(scenario: Scenario, pos: dict[LocationId, int]) -> list[Link]:
    return [
        link
        for link in scenario.links
        if link.mode is Mode.ROAD and all(a in pos and b in pos for a, b in link.directions())
    ]


def _shortest(
    links: Sequence[Link],
    pos: dict[LocationId, int],
    wanted: npt.NDArray[np.int64],
    without: AbstractSet[RoadWay] = frozenset(),
) -> FloatArray:
    """Shortest road km from and to the ``wanted`` rows over ``links`` (inf where none).

    ``without`` are directions of links left out (a road full for loaded trucks).
    """
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for link in links:
        for a, b in link.directions():
            if (link.id, a, b) in without:
                continue
            rows.append(pos[a])
            cols.append(pos[b])
            # a zero-length road still counts as connected: dijkstra drops explicit zeros
            vals.append(max(link.distance_km, 1e-9))
    if not vals:
        road = np.full((len(wanted), len(wanted)), np.inf)
    else:
        road = shortest_km(min_graph(rows, cols, vals, len(pos)), wanted)
    np.fill_diagonal(road, 0.0)
    return road


def road_matrix(
    scenario: Scenario,
    ids: Sequence[LocationId],
    *,
    day: int | None = None,
    without: AbstractSet[RoadWay] = frozenset(),
) -> RoadMatrix:
    """Distances between ``ids`` over the scenario's road links (open on ``day`` if given).

    ``without`` are link directions ``(link id, from, to)`` not driven that day although
    open: the roads a day's loaded trucks have filled to their capacity
    (:mod:`~supplyline.routing.road_load`). A place they alone lead to is ``closed``, never
    estimated.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> m = road_matrix(s, [loc.id for loc in s.locations])
    >>> m.km.shape == (len(s.locations),) * 2
    True
    """
    ids = tuple(dict.fromkeys(ids))
    all_ids = list(dict.fromkeys([*ids, *(loc.id for loc in scenario.locations)]))
    pos = {loc: i for i, loc in enumerate(all_ids)}
    wanted = np.array([pos[i] for i in ids], dtype=np.int64)
    every = _road_links(scenario, pos)
    any_day = _shortest(every, pos, wanted)
    # without a day: the roads open on some day of the horizon (a tester's reach check
    # took its railhead over a road closed on every day)
    open_links = [
        link
        for link in every
        if (drives(link, day) if day is not None else _open_some_day(link, scenario))
    ]
    same = len(open_links) == len(every) and not without
    on_day = any_day if same else _shortest(open_links, pos, wanted, without)
    # roads join two places when a road path leads from one to the other, either way, on
    # some day: the way against a one-way track is not estimated, it cannot be driven;
    # unless the scenario's roads say nothing of it: none leads out of the first place at
    # all, or none into the second (a one-way road into a dead end, as links.csv's default
    # of one way leaves it: the plan feeds such a place, and the way back is estimated)
    starts = {a for link in every for a, _ in link.directions()}
    ends = {b for link in every for _, b in link.directions()}
    # dtype spelt out: with no places the list is empty and numpy would make it float64,
    # which ``|`` refuses (a scenario without units crashed its reach check)
    # (each square array made once and worked on in place: on a day of 10,000 places
    # each is 100 MB of booleans, and the temporaries of the plain sums took seconds)
    spoken = np.logical_or.outer(
        np.array([x not in starts for x in ids], dtype=np.bool_),
        np.array([x not in ends for x in ids], dtype=np.bool_),
    )
    np.logical_not(spoken, out=spoken)  # the roads say something of the pair
    road_any = np.isfinite(any_day)
    has_road = np.logical_and(road_any.T, spoken, out=spoken)
    has_road |= road_any
    by_road = road_any if on_day is any_day else np.isfinite(on_day)
    closed = np.greater(has_road, by_road, out=has_road)  # has a road, none driven today
    # a place whose roads in (out) are all closed that day (without a day: every day) is
    # not entered (left), from or to roadless places too (a tester's reach took a railhead
    # 961 km away by estimate)
    days = (day,) if day is not None else tuple(range(scenario.horizon_days))
    no_entry, no_exit = _shut_places(every, *days)
    enter = np.array([x in no_entry for x in ids], dtype=np.bool_)
    leave = np.array([x in no_exit for x in ids], dtype=np.bool_)
    if enter.any() or leave.any():
        shut = np.logical_or.outer(leave, enter)
        np.fill_diagonal(shut, False)
        closed |= shut
    # the road km where driven (inf elsewhere), the estimate written in where no road data
    # says: in place, ``any_day`` (which may be the same array) is not read after this
    km = on_day
    by_location = scenario.location_by_id
    lat = np.array([by_location[i].lat for i in ids], dtype=np.float64)
    lon = np.array([by_location[i].lon for i in ids], dtype=np.float64)
    need = np.logical_or(by_road, closed)
    np.logical_not(need, out=need)  # neither driven nor closed: no road data, estimated
    _estimate_into(km, need, lat, lon, scenario.routing.detour_factor)
    return RoadMatrix(ids=ids, km=km, by_road=by_road, closed=closed)


def _open_some_day(link: Link, scenario: Scenario) -> bool:
    return any(drives(link, d) for d in range(scenario.horizon_days))


def closed_roads(
    scenario: Scenario, origin: LocationId, destination: LocationId, day: int
) -> list[Link]:
    """The road links closed on ``day`` along the shortest road from ``origin`` on any day.

    What cuts ``destination`` off from ``origin`` that day, in a planner's terms: empty
    when an open road leads there that day (a closed link on the usual road is not to
    blame when a detour is open), or when no road does on any day.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> closed_roads(s, s.locations[0].id, s.locations[-1].id, 0)
    []
    """
    return day_blocks(scenario, day).closed(origin, destination)


def one_way_roads(scenario: Scenario, origin: LocationId, destination: LocationId) -> list[Link]:
    """The one-way roads that keep ``origin`` from ``destination`` on every day.

    When no road path leads from ``origin`` to ``destination`` on any day but one leads
    back, the one-way links on the shortest road back that have no road the other way
    (a tester's ``track-a-b``, town-a → town-b, the only road between two valleys: no
    truck drives from town-b to town-a's sites). Empty when a road leads there, or none
    joins the two either way (then the straight-line estimate stands in).

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> one_way_roads(s, s.locations[0].id, s.locations[-1].id)
    []
    """
    return road_graph(scenario).one_way(origin, destination)


def _shut_places(links: Sequence[Link], *days: int) -> tuple[set[LocationId], set[LocationId]]:
    """Places that roads among ``links`` lead into (out of), none open on any of ``days``.

    Returns (not entered, not left): a one-way road open that day leads into its
    destination and out of its origin only.
    """
    into: dict[LocationId, bool] = {}
    out_of: dict[LocationId, bool] = {}
    for link in links:
        is_open = any(drives(link, d) for d in days)
        for a, b in link.directions():
            into[b] = into.get(b, False) or is_open
            out_of[a] = out_of.get(a, False) or is_open
    return {x for x, o in into.items() if not o}, {x for x, o in out_of.items() if not o}


def _roads(scenario: Scenario) -> list[Link]:
    return [link for link in scenario.links if link.mode is Mode.ROAD]


def cut_off_roads(scenario: Scenario, place: LocationId, day: int) -> list[Link]:
    """The roads that cut ``place`` off on ``day``: all those into it, or out of it, closed.

    The roads leading into the place when every one of them is closed that day (no truck
    reaches it), then those leading out of it when every one is closed (no truck leaves
    it); a two-way road leads both ways. Empty when the place can be entered and left
    over a road open that day, or when it has no road link at all (then the straight-line
    estimate stands in, see :func:`road_matrix`).

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> cut_off_roads(s, s.locations[-1].id, 0)
    []
    """
    blocks = day_blocks(scenario, day)
    return _unique([*blocks.shut(place, into=True), *blocks.shut(place, into=False)])


def blocking_roads(
    scenario: Scenario, origin: LocationId, destination: LocationId, day: int
) -> list[Link]:
    """The closed roads that keep a truck from driving from ``origin`` to ``destination``.

    The roads into ``destination`` when all of them are closed on ``day``, and those out
    of ``origin`` when all of them are; else the closed links on the shortest road between
    them on the days it is open (:func:`closed_roads`); else, when roads lead only the other
    way, the one-way roads on the way back (:func:`one_way_roads`). Only what stands
    between the two: a tester's closure message for a site behind its own closed road
    also named roads on other depots' ways. Empty when an open road (or, with no road
    data, the estimate) joins them that day.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> blocking_roads(s, s.locations[0].id, s.locations[-1].id, 0)
    []
    """
    return day_blocks(scenario, day).blocking(origin, destination)


def round_trip_blockers(
    scenario: Scenario,
    depot: LocationId,
    place: LocationId,
    day: int,
    *,
    out: bool = True,
    back: bool = True,
) -> list[Link]:
    """The closed roads that stand between a depot and a place on ``day``, there and back.

    ``out`` and ``back`` say which ways are closed (the others are not looked at). When
    the place itself is cut off (:func:`cut_off_roads`, in a way that is closed), its own
    roads alone are to blame; else the roads that block each closed way
    (:func:`blocking_roads`). Answered from the day's road sets (:func:`day_blocks`), built
    once per scenario and day: recomputed for each request, they took 19 s of a tester's
    25 s ``routes`` run on a 100-unit corridor.

    >>> from supplyline.planning.examples import one_link
    >>> s, _ = one_link()
    >>> [link.id for link in round_trip_blockers(s, "D", "U", 0, back=False)]
    []
    >>> [link.id for link in round_trip_blockers(s, "D", "U", 0)]  # L1 leads D→U only
    ['L1']
    """
    blocks = day_blocks(scenario, day)
    own = [
        *(blocks.shut(place, into=True) if out else []),
        *(blocks.shut(place, into=False) if back else []),
    ]
    if not own:
        own = [
            *(blocks.blocking(depot, place) if out else []),
            *(blocks.blocking(place, depot) if back else []),
        ]
    return _unique(own)


def _unique(links: Sequence[Link]) -> list[Link]:
    """``links`` once each by id, in the order first named."""
    return list({link.id: link for link in links}.values())


def road_name(link: Link) -> str:
    """``road A–B`` for a two-way road, ``road A→B`` for a one-way one.

    >>> from supplyline.domain import Link, Mode
    >>> road_name(Link(id="r1", origin="A", destination="B", mode=Mode.ROAD, distance_km=5,
    ...                transit_days=0))
    'road A→B'
    """
    dash = "–" if link.bidirectional else "→"
    return f"road {link.origin}{dash}{link.destination}"


def describe_closed(links: Sequence[Link], day: int) -> str:
    """``road X–Y closed on C+N (link id)``, for each closed road (``X→Y`` if one-way).

    Said as the road is not driven on ``day`` (:func:`drives`): ``closed on every day
    (link id: capacity 0 t/day)``; ``closed on C+6 (link id: what leaves on C+6 arrives
    on C+7)`` for a link in transit a day; ``leads one way only (link id)`` for a one-way
    road on the way back that is open (:func:`one_way_roads`).

    >>> from supplyline.domain import Link, Mode
    >>> r = Link(id="r1", origin="A", destination="B", mode=Mode.ROAD, distance_km=5,
    ...          transit_days=0, outage_days=frozenset({2}), bidirectional=True)
    >>> describe_closed([r], 2)
    'road A–B closed on C+2 (link r1)'
    """
    return ", ".join(f"{road_name(link)} {_why_shut(link, day)}" for link in links)


def _why_shut(link: Link, day: int) -> str:
    if not link.carries_tonnes:
        return f"closed on every day (link {link.id}: capacity 0 t/day)"
    if drives(link, day):
        return f"leads one way only (link {link.id})"
    left = left_on(link, day)
    if link.transit_days and day >= link.transit_days:
        return (
            f"closed on {day_label(left)} (link {link.id}: what leaves on {day_label(left)} "
            f"arrives on {day_label(day)})"
        )
    return f"closed on {day_label(day)} (link {link.id})"
