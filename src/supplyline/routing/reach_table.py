"""The reach check as a table: one row per unit, its columns coherent as a planner reads them.

A unit whose goods come from several depots had ``capacity_t``, ``trucks`` and
``loads_needed`` summed over its depots beside the named depot's ``round_trip_h`` and
``turns_per_truck``: a planner multiplying them got nonsense (a tester's 11 trucks × 17
turns at 0.7 h, of which ten trucks made 5 turns at 2.1 h). Such a row now shows the
figures of its *bottleneck* depot, the share closest to its trucks' limit
(``bottleneck``, ``bottleneck_t``), and ``by_depot`` each depot's.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from supplyline.domain.routes import ReachCheck, ReachRow, ReachShare
from supplyline.routing.reach_absent import NEVER_ARRIVES
from supplyline.routing.reach_turns import product_text
from supplyline.types import day_label, figure_text, iso_date, to_gram

__all__ = [
    "REACH_COLUMNS",
    "REACH_HEADINGS",
    "REACH_ROW_FIELDS",
    "bottleneck",
    "reach_rows",
    "reach_table",
    "shown_rows",
]


REACH_COLUMNS = ("unit", "supply_point", "road_km", "depot", "round_trip_h", "turns_per_truck",
                 "daily_t", "loads_needed", "capacity_t", "depot_load_pct", "ok")  # fmt: skip
"""The columns of the reach check that fit a screen (``reach_rows`` has a few more)."""
REACH_ROW_FIELDS = ("unit", "supply_point", "road_km", "by_road", "depot", "trucks",
                    "round_trip_h", "turns_per_truck", "daily_t", "loads_needed", "capacity_t",
                    "depot_load_pct", "ok", "cut_off", "reason", "bottleneck", "bottleneck_t",
                    "depots", "by_depot", "on_site", "arrives", "busiest_day",
                    "busiest_t", "busiest_capacity_t", "busiest_label",
                    "busiest_date")  # fmt: skip
"""Every field of a :func:`reach_rows` row, in its order (``reach.csv``, ``reach --format
csv``); new ones last (``arrives``, then ``busiest_day``, ``busiest_t`` and
``busiest_capacity_t``, then ``busiest_label`` and ``busiest_date``), so that a
spreadsheet counting the columns before keeps them."""
REACH_HEADINGS = {
    "unit": "unit",
    "supply_point": "supplied from",
    "road_km": "road km",
    "depot": "depot",
    "round_trip_h": "round trip h",
    "turns_per_truck": "turns/day",
    "daily_t": "peak t/day",
    "loads_needed": "loads/day",
    "capacity_t": "carry t/day",
    "depot_load_pct": "truck-hours %",
    "ok": "ok",
}
"""Each of :data:`REACH_COLUMNS`' heading for people, in words and units: one set for the
``reach`` table and the HTML report (the terminal said ``turns per truck`` and ``depot load
pct`` where the report said "turns a truck a day" and "depot's truck-hours used %" of the
same numbers). Short enough that a 150-column terminal shows each on one line: "turns a
truck a day", "peak demand t/day", "truck-loads a day", "trucks carry t/day" and "depot's
truck-hours used %" needed 182 columns, and below that every number's heading stood one
word a line (``turns`` / ``a`` / ``truck`` / ``a`` / ``day``); the table is 139 wide on the
bilateral example now. CSV and JSON keep the keys; docs/routing.md says what each means."""


def bottleneck(row: ReachRow) -> ReachShare | None:
    """The depot share closest to its trucks' limit (most tonnes on ties; None: one depot).

    A share its trucks cannot carry at all (no capacity) is the tightest.
    """
    if not row.shares:
        return None

    def tightness(x: ReachShare) -> tuple[float, float, str]:
        load = math.inf if x.capacity_t_per_day <= 0 else x.daily_t / x.capacity_t_per_day
        return (-load if x.daily_t > 0 else 0.0, -x.daily_t, x.depot)

    return min(row.shares, key=tightness)


def reach_rows(check: ReachCheck) -> list[dict[str, Any]]:
    """The reach check as rows, one per unit, for the CLI and the report to lay out.

    ``trucks``, ``round_trip_h``, ``turns_per_truck``, ``loads_needed`` and ``capacity_t``
    are one depot's, so that they multiply: the unit's only depot, or where several send
    its goods the bottleneck's (:func:`bottleneck`), named in ``bottleneck`` with its
    tonnes a day in ``bottleneck_t``; ``daily_t`` is the unit's whole. ``depots`` and
    ``by_depot`` give the row's ``depot`` first, then the others by the tonnes they send
    (a tester read ``depots`` "D2, D1" beside ``depot`` D1, a tie kept by name).
    Both are lists (``reach --format json`` gives them as lists: it gave one text joined
    by ``;``); a CSV cell separates their values by :data:`~supplyline.types.LIST_SEPARATOR`
    (``;``), as every CSV's list cells are (:func:`~supplyline.io.csv_out.csv_cell`; they
    were ``", "`` and ``" | "``: a script splitting every file's lists on ``;`` split these
    wrongly); ``on_site`` is true where the unit draws its goods where it is, with no
    truck leg (:attr:`~supplyline.domain.routes.ReachRow.on_site`): its truck figures are
    empty. Neither list is a column of the table a terminal or the report shows
    (:data:`REACH_COLUMNS`), so no reader sees them another way. Within one share, ``,``
    separates its goods and its figures.

    Tonnes (``daily_t``, ``capacity_t``, ``bottleneck_t``) are to the gram, as the plan's
    files give them: rounded to 0.01 t, a tester's one-person unit's 0.004 t/day read 0.0
    in the CSV and JSON and 0.00 in the table, and 0.012 t/day read 0.01. A table shows
    them by the shared rule (two significant digits below 1).
    """
    return [_row(check, r) for r in check.rows]


def reach_table(check: ReachCheck) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    """The reach check as a file's columns and rows (:data:`REACH_ROW_FIELDS`, :func:`reach_rows`).

    ``plan --out`` writes them as ``reach.csv``; ``plan --format json|csv`` gives the
    rows as its ``reach`` section.
    """
    return REACH_ROW_FIELDS, reach_rows(check)


def _row(check: ReachCheck, r: ReachRow) -> dict[str, Any]:
    """One unit's row (see :func:`reach_rows`)."""
    b = bottleneck(r)
    shares = sorted(r.shares, key=lambda x: x.depot != r.depot)  # stable: then by tonnes
    trucks = r.trucks if b is None else b.trucks
    trip = r.round_trip_h if b is None else b.round_trip_h
    pct = r.depot_load_pct if b is None else b.depot_load_pct
    if r.on_site:  # no truck leg: no figures of one (a tester read 45 km beside 0.50 h)
        return {
            "unit": r.unit, "supply_point": r.supply_point, "road_km": None, "by_road": None,
            "depot": None, "trucks": None, "round_trip_h": None, "turns_per_truck": None,
            "daily_t": to_gram(r.daily_t), "loads_needed": None, "capacity_t": None,
            "depot_load_pct": None, "ok": _ok(check, r),
            "cut_off": r.cut_off,
            "reason": _reason(check, r),
            "bottleneck": None, "bottleneck_t": None, "depots": [], "by_depot": [],
            "on_site": True, "arrives": r.arrives, **_busiest(check, r),
        }  # fmt: skip
    return {
        "unit": r.unit,
        "supply_point": r.supply_point,
        # empty where no road open on some day joins it to its supply point
        "road_km": None
        if r.road_km is None or not math.isfinite(r.road_km)
        else round(r.road_km, 1),
        "by_road": r.by_road,
        "depot": r.depot,
        "trucks": trucks,
        "round_trip_h": None if trip is None else round(trip, 2),
        "turns_per_truck": r.turns_per_truck if b is None else b.turns_per_truck,
        "daily_t": to_gram(r.daily_t),
        "loads_needed": r.turns_needed if b is None else b.turns_needed,
        "capacity_t": to_gram(r.capacity_t_per_day if b is None else b.capacity_t_per_day),
        "depot_load_pct": None if pct is None else round(pct, 1),
        "ok": _ok(check, r),  # yes/no, empty when not checked
        "cut_off": r.cut_off,
        "reason": _reason(check, r),
        "bottleneck": r.depot if b is None else b.depot,
        "bottleneck_t": to_gram(r.daily_t if b is None else b.daily_t),
        # lists, as JSON gives them; a CSV cell joins them with LIST_SEPARATOR (csv_cell)
        "depots": list(dict.fromkeys(x.depot for x in shares)) or [r.depot],
        "by_depot": [said for x in shares for said in _share_texts(x)],
        "on_site": False,
        "arrives": r.arrives,
        **_busiest(check, r),
    }


def _busiest(check: ReachCheck, r: ReachRow) -> dict[str, Any]:
    """``busiest_day`` (C+ number), ``busiest_t``, ``busiest_capacity_t``, its label and date.

    Empty without a plan's road legs into its place; the capacity empty where the day is
    not judged (no truck leg). ``busiest_label`` (``C+13``) and ``busiest_date`` (ISO, empty
    where the check was not told its start) as every plan file gives a day: reach.csv and
    ``reach --format json`` gave a bare 13.
    """
    day, start = r.busiest_day, check.start_date
    date = None if day is None or start is None else start + dt.timedelta(days=day)
    return {
        "busiest_day": r.busiest_day,
        "busiest_t": None if r.busiest_t is None else to_gram(r.busiest_t),
        "busiest_capacity_t": None
        if r.busiest_capacity_t is None
        else to_gram(r.busiest_capacity_t),
        "busiest_label": None if day is None else day_label(day),
        "busiest_date": None if date is None else iso_date(date),
    }


def _ok(check: ReachCheck, r: ReachRow) -> bool | None:
    """Yes or no; None (empty) where nothing is checked: no trucks, or a unit never there."""
    return r.sustainable if check.trucks and r.arrives else None


def _reason(check: ReachCheck, r: ReachRow) -> str:
    """The row's reason; a unit never there says so before a fleet's absence."""
    return r.reason if check.trucks or not r.arrives else "not checked: no trucks in fleet.csv"


def shown_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows as a table shows them to people: a unit supplied on site or never there says so.

    ``supply_point`` reads ``fwd-depot (on site)`` where the unit draws its goods where it
    is (``on_site``), beside empty road km, round trip and turns; ``ok`` reads ``never
    arrives`` for a unit never at its destination within the horizon (``arrives`` false),
    not an empty cell beside 0 t/day (the terminal's ``reach`` table and the HTML report
    alike; CSV and JSON keep the id, ``on_site``, ``arrives`` and an empty ``ok``).
    ``depot`` reads ``kestel-wh (vardo's figures)`` where the row's truck figures are
    another depot's, its ``bottleneck``: a tester read kestel-wh beside vardo's 3.40 h
    round trip, 2 turns a day and 48 t/day (CSV and JSON keep ``depot`` and
    ``bottleneck`` apart).
    """
    return [_shown(row) for row in rows]


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    """One row of :func:`shown_rows`."""
    if row.get("on_site"):
        row = {**row, "supply_point": f"{row['supply_point']} (on site)"}
    neck = row.get("bottleneck")
    if neck is not None and neck != row.get("depot"):
        row = {**row, "depot": f"{row['depot']} ({neck}'s figures)"}
    if row.get("arrives") is False:
        row = {**row, "ok": NEVER_ARRIVES}
    return row


_UNITS_NAMED = 5
"""The most units a share's truck-hours name; beyond, the first few and how many more."""


def _units_counted(units: tuple[str, ...]) -> str:
    """`` (for site-1, site-2)``: the units a depot's truck-hours percentage counts.

    ``reach`` sends each good from a depot that holds it in stocks.csv, the plan's check
    from where the plan brings it: one depot may carry more units' goods in one than in
    the other, and its percentage differs for the same unit's loads. Naming them says why.

    >>> _units_counted(("a", "b")), _units_counted(tuple("abcdefg"))
    (' (for a, b)', ' (for a, b, c, d and 3 more)')
    """
    if not units:
        return ""
    if len(units) <= _UNITS_NAMED:
        return f" (for {', '.join(units)})"
    shown = _UNITS_NAMED - 1
    return f" (for {', '.join(units[:shown])} and {len(units) - shown} more)"


def _share_texts(x: ReachShare) -> list[str]:
    """``["DB: rations 5 t/day, 1 truck, 12.00 h round trip, 0 turns, 0 t/day, short"]``.

    One depot's share of a unit's goods in ``reach_rows``' ``by_depot``, for a planner and
    a spreadsheet alike (free of ``;``, which separates a CSV cell's values). Tonnes as
    :func:`~supplyline.types.figure_text` says them, what trucks carry as the reasons do
    (:func:`~supplyline.routing.reach_turns.product_text`: a tester read 3.8 t/day here
    beside a reason's 3.75). The goods no depot whose trucks may serve the unit holds
    follow apart, counted on this depot's trucks: a tester read ``waterworks: hygiene,
    medical, water`` of a depot holding only water. A share of such goods alone names them
    and their tonnes (a tester read ``depot-s: 4 trucks, …, 264 t/day`` of flatbeds bringing
    0.28 t/day of medical and shelter kits, what the trucks carry taken for what they
    bring). Its truck-hours name the units they count (:func:`_units_counted`).
    """
    own = [c for c in x.goods if c not in x.unheld]
    goods = ", ".join(own or x.unheld) or "its goods"
    said = f"{goods} {figure_text(x.daily_t - x.unheld_t if own else x.daily_t)} t/day, "
    trip = "no open road" if x.round_trip_h is None else f"{x.round_trip_h:.2f} h round trip"
    load = (
        ""
        if x.depot_load_pct is None
        else f", {x.depot_load_pct:.1f}% of its truck-hours{_units_counted(x.depot_units)}"
    )
    text = (
        f"{x.depot}: {said}{x.trucks} truck{'' if x.trucks == 1 else 's'}"
        f", {trip}, {x.turns_per_truck} turn{'' if x.turns_per_truck == 1 else 's'}, "
        f"{product_text(x.capacity_t_per_day)} t/day{load}, {'short' if x.reason else 'ok'}"
    )
    if not x.unheld:
        return [text]
    whose = f"{x.depot}'" if x.depot.endswith("s") else f"{x.depot}'s"
    return [
        text,
        f"{', '.join(x.unheld)} {figure_text(x.unheld_t)} t/day: {x.unheld_why}, counted on "
        f"{whose} trucks, as `routes --from-demand` would load them there",
    ]
