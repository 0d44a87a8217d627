"""The CSV files of a scenario folder, row by row, into domain objects.

Each reader parses every field of every row, reports each bad value with its line and
column, skips rows that cannot be built (and later duplicates of an id), and records the
origin of each entity it builds. Upper bounds are deliberately generous: they catch a
unit slip (kg for t, m for km) or a stray digit, not an unusual operation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from supplyline.domain import (
    FleetGroup,
    Link,
    Location,
    LocationKind,
    Mode,
    Stock,
    Unit,
    did_you_mean,
)
from supplyline.domain.field_ranges import FIELD_RANGES, MAX_DAYS_APART, VEHICLES_RANGE, FieldRange
from supplyline.domain.horizon_days import before_start_said
from supplyline.domain.units import days_held_problem
from supplyline.io._cargo_cells import cargo_fields, parse_carries
from supplyline.io._cells import (
    is_blank,
    parse_bool,
    parse_degrees,
    parse_id,
    parse_in_range,
    parse_name,
)
from supplyline.io._csvtable import Row, Table, read_table
from supplyline.io._day_cells import (
    parse_activity,
    parse_day,
    parse_outage_days,
)
from supplyline.io._duplicates import DuplicateRow
from supplyline.io._enum_cells import parse_enum
from supplyline.io._row_refs import build_row, keep_cargo_refs, keep_level_refs, keep_repeat
from supplyline.io._source import Fields, Origin, Origins, Report
from supplyline.io._vehicle_columns import VEHICLES_PREFIX, class_of, twice_a_class
from supplyline.io.progress_tenths import Progress, told
from supplyline.io.transit_days import days_said, exact_ceil_ratio

__all__ = [
    "FLEET_COLUMNS",
    "LINK_COLUMNS",
    "LOCATION_COLUMNS",
    "STOCK_COLUMNS",
    "UNIT_COLUMNS",
    "Context",
    "read_fleet",
    "read_links",
    "read_locations",
    "read_stocks",
    "read_units",
]


LOCATION_COLUMNS = (
    "id", "name", "partner", "kind", "lat", "lon", "handling_t_per_day", "handling_pax_per_day",
    "storage_t", "dwell_days",
)  # fmt: skip
LINK_COLUMNS = (
    "id", "from", "to", "mode", "gauge_mm", "distance_km", "transit_days", "speed_km_per_day",
    "capacity_t_per_day", "capacity_pax_per_day", "cost_per_t", "cost_per_pax", "bidirectional",
    "outage_days",
)  # fmt: skip
UNIT_COLUMNS = (
    "id", "name", "partner", "home", "destination", "personnel", "available_day", "required_day",
    "deployment_lift_t", "activity", "days_of_supply", "receive_open_h", "receive_close_h",
    "priority", "on_hand_days",
)  # fmt: skip
STOCK_COLUMNS = ("location", "commodity", "initial_t", "replenishment_t_per_day", "owner")
FLEET_COLUMNS = (
    "id", "depot", "partner", "vehicle_type", "count", "payload_t", "volume_m3", "speed_kmh",
    "fixed_cost", "cost_per_km", "max_route_hours", "carries",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Context:
    """What the CSV readers need from scenario.yaml (``None`` when it could not be read)."""

    start_date: dt.date | None
    vehicle_classes: tuple[str, ...] | None


def _ranged(entity: str, field: str) -> Callable[[Any], Any]:
    """The parser of ``entity``'s numeric ``field``, in the range a Python record is held to.

    One table (:data:`~supplyline.domain.field_ranges.FIELD_RANGES`) for the loader and
    for a scenario built in Python: a tester's unit with a lift of 1e11 t planned from
    Python, where units.csv refused it.
    """
    return parse_in_range(FIELD_RANGES[entity][field])


_LOCATION = FIELD_RANGES["location"]
_SPEED_KM_PER_DAY = FieldRange(0.0, 50_000, "km/day", above_lo=True)
"""A link's speed, from which its ``transit_days`` are derived (the record has no speed)."""

Seen = dict[str, tuple[int, bool]]
"""The ids a file has given so far: id -> (its first line, whether that row was loaded)."""


def _unique(
    f: Fields, seen: Seen, key: str | None, what: str, column: str = "id", rule: str = ""
) -> bool:
    """Whether ``key`` is new in this file; a repeat is reported naming the first line.

    Called for every row whose id parsed, loaded or not: a first row of D with a negative
    handling hid the second D until mended. The repeat is said whatever else is wrong.

    ``rule`` says what must be unique, for a person (default: ``"<what>s must be unique"``).
    The repeat is kept (see :mod:`supplyline.io._duplicates`) for the references to
    unknown ids it may explain. Its id stays a loaded one, not a failed row's, where its
    first row was loaded: a typo of it elsewhere was left unsaid, as if it followed from
    the repeat.
    """
    if key is None:  # the id was missing or unusable (and reported)
        return False
    if key in seen:
        first_line, first_loaded = seen[key]
        why = rule or f"{what}s must be unique"
        f.fail(column, f"duplicate {what} {key!r} (first on line {first_line}; {why})")
        if first_loaded:  # the id is loaded, from its first row: nothing quoting it
            f.report.failed_ids.discard(key)  # follows from an error (a tester's typo of it
            f.report.failed_in.get(f.origin.file, set()).discard(key)  # was never said)
        at = len(f.report.issues) - 1
        f.report.duplicates.append(
            DuplicateRow(f.origin.file, f.origin.line, first_line, what, key, issue_at=at)
        )
        return False
    seen[key] = (f.origin.line, f.ok)
    return True


_NUMERIC = {
    "locations.csv": frozenset(
        ("lat", "lon", "handling_t_per_day", "handling_pax_per_day", "storage_t", "dwell_days")
    ),
    "links.csv": frozenset(
        ("gauge_mm", "distance_km", "transit_days", "speed_km_per_day", "capacity_t_per_day",
         "capacity_pax_per_day", "cost_per_t", "cost_per_pax")
    ),
    "units.csv": frozenset(
        ("personnel", "deployment_lift_t", "days_of_supply", "receive_open_h", "receive_close_h",
         "priority", "on_hand_days")
    ),
    "stocks.csv": frozenset(("initial_t", "replenishment_t_per_day")),
    "fleet.csv": frozenset(
        ("count", "payload_t", "volume_m3", "speed_kmh", "fixed_cost", "cost_per_km",
         "max_route_hours")
    ),
}  # fmt: skip
"""The columns of each file that hold numbers (and a unit's ``vehicles_<class>``): where
an unquoted comma (``1,5``) is a number's, not a text's."""


def _numeric(file: str, column: str) -> bool:
    return column in _NUMERIC[file] or (
        file == "units.csv" and column.lower().startswith(VEHICLES_PREFIX)
    )


def _table(
    text: str,
    file: str,
    report: Report,
    known: tuple[str, ...],
    required: tuple[str, ...],
    **kw: Any,
) -> Table | None:
    numeric = partial(_numeric, file)
    return read_table(text, file, report, known=known, required=required, numeric=numeric, **kw)


def read_locations(
    text: str, report: Report, origins: Origins, progress: Progress | None = None
) -> list[Location]:
    """``locations.csv``: the places of the network."""
    file = "locations.csv"
    table = _table(text, file, report, LOCATION_COLUMNS, ("id", "partner", "kind", "lat", "lon"))
    out: list[Location] = []
    seen: Seen = {}
    for row in told(table.rows if table else (), progress, f"reading {file}"):
        f = Fields(report, Origin(file, row.line))
        c = row.get
        lid = f.take("id", c("id"), parse_id)
        r = partial(_ranged, "location")
        kw = {
            "name": f.take("name", c("name"), partial(parse_name, default=lid or ""), lid or ""),
            "partner": f.take("partner", c("partner"), parse_id),
            "kind": f.take("kind", c("kind"), partial(parse_enum, enum=LocationKind)),
            "lat": f.take("lat", c("lat"), partial(parse_degrees, hi=_LOCATION["lat"].hi)),
            "lon": f.take("lon", c("lon"), partial(parse_degrees, hi=_LOCATION["lon"].hi)),
            "handling_t_per_day": f.take(
                "handling_t_per_day", c("handling_t_per_day"), r("handling_t_per_day"), None
            ),
            "handling_pax_per_day": f.take(
                "handling_pax_per_day", c("handling_pax_per_day"), r("handling_pax_per_day"), None
            ),
            "storage_t": f.take("storage_t", c("storage_t"), r("storage_t"), None),
            "dwell_days": f.take("dwell_days", c("dwell_days"), r("dwell_days"), 0),
        }
        refs = {"partner": ("partner", kw["partner"])}
        loc = build_row(f, Location, refs, id=lid, **kw)
        if _unique(f, seen, lid, "location") and loc is not None:
            out.append(loc)
            origins.add("location", loc.id, f.origin)
        elif loc is not None:  # a repeat: checked as it would be were it not repeated
            keep_repeat(f, "location", loc.id, loc, refs)
    if table is not None and not table.rows and not table.dropped:
        report.error(
            file,
            "the file has a header but no locations (add one row per place of the network)",
            table.header_line,
        )
        report.incomplete.add("location")  # so no link or unit is said to name an unknown one
    return out


def _transit(f: Fields, row: Row, distance: float | None) -> int | None:
    days_raw, speed_raw = row.get("transit_days"), row.get("speed_km_per_day")
    if days_raw and speed_raw:
        f.fail("speed_km_per_day", "give transit_days or speed_km_per_day, not both")
        return None
    if days_raw:
        days: int | None = f.take("transit_days", days_raw, _ranged("link", "transit_days"))
        return days
    if not speed_raw:
        f.fail("transit_days", "value is missing (transit_days, or speed_km_per_day to derive it)")
        return None
    speed: float | None = f.take("speed_km_per_day", speed_raw, parse_in_range(_SPEED_KM_PER_DAY))
    if speed is None or distance is None:
        return None
    days = exact_ceil_ratio(distance, speed, (row.get("distance_km"), speed_raw))
    if days > MAX_DAYS_APART:
        f.fail(
            "speed_km_per_day",
            f"at {speed:g} km/day the {distance:g} km take {days_said(days)} in transit, "
            f"more than {MAX_DAYS_APART} (a speed is km a day: a road convoy makes about "
            "300-500, a train 500-1,000)",
        )
        return None
    return days


def read_links(
    text: str, report: Report, origins: Origins, ctx: Context, progress: Progress | None = None
) -> list[Link]:
    """``links.csv``: the transport connections, with capacities and outages."""
    file = "links.csv"
    table = _table(text, file, report, LINK_COLUMNS, ("id", "from", "to", "mode", "distance_km"))
    out: list[Link] = []
    seen: Seen = {}
    for row in told(table.rows if table else (), progress, f"reading {file}"):
        f = Fields(report, Origin(file, row.line))
        c = row.get
        r = partial(_ranged, "link")
        distance = f.take("distance_km", c("distance_km"), r("distance_km"))
        kw = {
            "id": f.take("id", c("id"), parse_id),
            "origin": f.take("from", c("from"), parse_id),
            "destination": f.take("to", c("to"), parse_id),
            "mode": f.take("mode", c("mode"), partial(parse_enum, enum=Mode)),
            "gauge_mm": f.take("gauge_mm", c("gauge_mm"), r("gauge_mm"), None),
            "distance_km": distance,
            "transit_days": _transit(f, row, distance),
            "capacity_t_per_day": f.take(
                "capacity_t_per_day", c("capacity_t_per_day"), r("capacity_t_per_day"), None
            ),
            "capacity_pax_per_day": f.take(
                "capacity_pax_per_day", c("capacity_pax_per_day"), r("capacity_pax_per_day"), None
            ),
            "cost_per_t": f.take("cost_per_t", c("cost_per_t"), r("cost_per_t"), 0.0),
            "cost_per_pax": f.take("cost_per_pax", c("cost_per_pax"), r("cost_per_pax"), 0.0),
            "bidirectional": f.take("bidirectional", c("bidirectional"), parse_bool, False),
            "outage_days": f.take(
                "outage_days",
                c("outage_days"),
                partial(parse_outage_days, start=ctx.start_date),
                frozenset(),
            ),
        }
        # on the fields that parsed, whatever else in the row is wrong
        if kw["gauge_mm"] is not None and kw["mode"] not in (None, Mode.RAIL):
            f.fail("gauge_mm", f"a gauge is only for rail links (leave it empty for {kw['mode']})")
        if kw["origin"] is not None and kw["origin"] == kw["destination"]:
            f.fail("to", f"link starts and ends at {kw['origin']!r} (a link joins two locations)")
        ends = {"from": ("location", kw["origin"]), "to": ("location", kw["destination"])}
        link = build_row(f, Link, ends, **kw)
        if _unique(f, seen, kw["id"], "link") and link is not None:
            out.append(link)
            origins.add("link", link.id, f.origin)
        elif link is not None:  # a repeat: checked as it would be were it not repeated
            keep_repeat(f, "link", link.id, link, ends)
    return out


def _vehicle_column(classes: tuple[str, ...] | None, name: str) -> str | None:
    if not name.lower().startswith(VEHICLES_PREFIX):
        return "unknown"
    cls = name[len(VEHICLES_PREFIX) :]
    if classes is None:
        return None
    meant = class_of(classes, cls)
    if len(meant) == 1:
        return None
    if meant:
        return (
            f"vehicle classes {' and '.join(map(repr, meant))} differ only in letter case, "
            f"and ids are case-sensitive: write the column as {VEHICLES_PREFIX}<id> exactly"
        )
    known = ", ".join(classes) or "none"
    guess = did_you_mean(cls, classes)
    guess = f"{guess}; " if guess else ""
    return f"no vehicle class {cls!r} in scenario.yaml; {guess}vehicle classes: {known}"


def _unit_header(ctx: Context) -> tuple[str, ...]:
    """units.csv's columns as a header line, with a ``vehicles_<class>`` column per class."""
    at = UNIT_COLUMNS.index("personnel") + 1
    vehicles = tuple(f"{VEHICLES_PREFIX}{c}" for c in ctx.vehicle_classes or ())
    return UNIT_COLUMNS[:at] + vehicles + UNIT_COLUMNS[at:]


def _unit_columns_said(classes: tuple[str, ...] | None) -> str:
    """units.csv's known columns in words, with its ``vehicles_<class>`` columns.

    A tester's "known columns" left them out, though every unit may count its vehicles.

    >>> print(_unit_columns_said(("truck", "jeep")).split(", and ")[1])
    vehicles_<class> for each vehicle class (vehicles_truck, vehicles_jeep)
    """
    each = ", ".join(f"{VEHICLES_PREFIX}{c}" for c in classes or ())
    which = (
        f" ({each})" if each else " of scenario.yaml" + (" (it has none)" if classes == () else "")
    )
    return f"{', '.join(UNIT_COLUMNS)}, and {VEHICLES_PREFIX}<class> for each vehicle class{which}"


def read_units(
    text: str, report: Report, origins: Origins, ctx: Context, progress: Progress | None = None
) -> list[Unit]:
    """``units.csv``: the units to deploy and sustain, with a column per vehicle class."""
    file = "units.csv"
    table = _table(
        text, file, report, UNIT_COLUMNS, ("id", "partner", "home", "destination", "personnel"),
        extra=partial(_vehicle_column, ctx.vehicle_classes), header=_unit_header(ctx),
        known_said=_unit_columns_said(ctx.vehicle_classes),
    )  # fmt: skip
    out: list[Unit] = []
    seen: Seen = {}
    day = partial(parse_day, start=ctx.start_date)
    if table is not None and twice_a_class(table, report, ctx.vehicle_classes or ()):
        table = None  # which column counts a class cannot be told: said once, for the header
    for row in told(table.rows if table else (), progress, f"reading {file}"):
        f = Fields(report, Origin(file, row.line))
        c = row.get
        uid = f.take("id", c("id"), parse_id)
        vehicles: dict[str, int] = {}
        for col, raw in row.cells.items():
            if col.lower().startswith(VEHICLES_PREFIX) and raw:
                count = f.take(col, raw, parse_in_range(VEHICLES_RANGE))
                cls = col[len(VEHICLES_PREFIX) :]
                meant = class_of(ctx.vehicle_classes or (), cls)
                if count is not None:
                    vehicles[meant[0] if len(meant) == 1 else cls] = count
        available = f.take("available_day", c("available_day"), day, 0)
        if is_blank(c("required_day")):
            f.origin.copies["required_day"] = "available_day"
        r = partial(_ranged, "unit")
        kw = {
            "name": f.take("name", c("name"), partial(parse_name, default=uid or ""), uid or ""),
            "partner": f.take("partner", c("partner"), parse_id),
            "home": f.take("home", c("home"), parse_id),
            "destination": f.take("destination", c("destination"), parse_id),
            "personnel": f.take("personnel", c("personnel"), r("personnel")),
            "available_day": available,
            "required_day": f.take("required_day", c("required_day"), day, available),
            "deployment_lift_t": f.take(
                "deployment_lift_t", c("deployment_lift_t"), r("deployment_lift_t"), 0.0
            ),
            "activity": f.take(
                "activity", c("activity"), partial(parse_activity, start=ctx.start_date), ()
            ),
            "days_of_supply": f.take(
                "days_of_supply", c("days_of_supply"), r("days_of_supply"), 0.0
            ),
            "receive_open_h": f.take(
                "receive_open_h", c("receive_open_h"), r("receive_open_h"), 6.0
            ),
            "receive_close_h": f.take(
                "receive_close_h", c("receive_close_h"), r("receive_close_h"), 18.0
            ),
            "priority": f.take("priority", c("priority"), r("priority"), 1),
            "on_hand_days": f.take("on_hand_days", c("on_hand_days"), r("on_hand_days"), None),
        }
        _check_unit_fields(f, kw, ctx.start_date)
        _hold_place_checks(f, uid, kw, origins)
        refs = {
            "partner": ("partner", kw["partner"]),
            "home": ("location", kw["home"]),
            "destination": ("location", kw["destination"]),
        }
        unit = build_row(f, Unit, refs, id=uid, vehicles=vehicles, **kw)
        if _unique(f, seen, uid, "unit") and unit is not None:
            out.append(unit)
            origins.add("unit", unit.id, f.origin)
            continue
        if unit is not None:  # a repeat: checked as it would be were it not repeated
            keep_repeat(f, "unit", unit.id, unit, refs)
        keep_level_refs(f, kw["activity"], c("activity"))
    return out


def _check_unit_fields(f: Fields, kw: dict[str, Any], start: dt.date | None) -> None:
    """The checks of a unit row that combine fields, on every field that parsed.

    They run whatever else in the row is wrong (a tester's row with a bad personnel hid
    its receiving window closing before it opened until the personnel was mended).
    """
    days = {}
    for column in ("available_day", "required_day"):
        if kw[column] is not None and kw[column] < 0:
            if column not in f.origin.copies:  # an empty required_day: said on available_day
                f.fail(column, before_start_said(kw[column], start, f.origin.written.get(column)))
        else:  # a day before the start is one mistake, not two
            days[column] = kw[column]
    available, required = days.get("available_day"), days.get("required_day")
    if available is not None and required is not None and required < available:
        f.fail(
            "required_day",
            f"required_day {required} is before available_day {available} (a day on or after it)",
        )
    opens, closes = kw["receive_open_h"], kw["receive_close_h"]
    if opens is not None and closes is not None and not opens < closes:
        f.fail(
            "receive_close_h",
            f"the receiving window closes at {closes:g} h, "
            f"{'when' if closes == opens else 'before'} it opens at "
            f"{opens:g} h (open < close, hours of the day)",
        )


def _hold_place_checks(f: Fields, uid: str | None, kw: dict[str, Any], origins: Origins) -> None:
    """``on_hand_days`` only for a unit in place, said whatever else in the row is wrong.

    Checked here on the fields that parsed, not left to :class:`Unit`, which is built only
    from a row without mistakes: a tester's deploying unit with ``receive_close_h`` 25 was
    told of its ``on_hand_days`` only once the hour was mended.

    Left out when the places it is judged by are not known locations: whether a unit may
    say what it holds depends on its home being its destination, and with one of them
    misspelt that judgement is about the typo, not the unit (a tester's ``site3`` for
    ``site-3`` was first told that on_hand_days is for a unit in place, and only then that
    ``site3`` is unknown). The load fails on the unknown location anyway.
    """
    places = (kw["home"], kw["destination"])
    if kw["on_hand_days"] is None or None in places or places[0] == places[1]:
        return
    if any(origins.get("location", place) is None for place in places):
        kw["on_hand_days"] = None
        return
    problem = days_held_problem(uid or "", kw["on_hand_days"], *places)
    if problem is not None:
        f.fail("on_hand_days", problem)


def read_stocks(
    text: str, report: Report, origins: Origins, progress: Progress | None = None
) -> list[Stock]:
    """``stocks.csv``: initial stock and daily replenishment by location and commodity."""
    file = "stocks.csv"
    table = _table(text, file, report, STOCK_COLUMNS, ("location", "commodity"), optional_file=True)
    out: list[Stock] = []
    seen: Seen = {}
    for row in told(table.rows if table else (), progress, f"reading {file}"):
        f = Fields(report, Origin(file, row.line))
        c = row.get
        r = partial(_ranged, "stock")
        kw = {
            "location": f.take("location", c("location"), parse_id),
            "commodity": f.take("commodity", c("commodity"), parse_id),
            "initial_t": f.take("initial_t", c("initial_t"), r("initial_t"), 0.0),
            "replenishment_t_per_day": f.take(
                "replenishment_t_per_day",
                c("replenishment_t_per_day"),
                r("replenishment_t_per_day"),
                0.0,
            ),
            "owner": f.take("owner", c("owner"), parse_id, None),
        }
        refs = {
            "location": ("location", kw["location"]),
            "commodity": ("commodity", kw["commodity"]),
            "owner": ("partner", kw["owner"]),
        }
        stock = build_row(f, Stock, refs, **kw)
        parsed = kw["location"] is not None and kw["commodity"] is not None
        key = f"{kw['location']}/{kw['commodity']}" if parsed else None
        what, rule = "stock of location/commodity", "one row per location and commodity"
        if _unique(f, seen, key, what, column="commodity", rule=rule) and stock is not None:
            out.append(stock)
            origins.add("stock", f"{stock.location}/{stock.commodity}", f.origin)
        elif stock is not None:  # a repeat: checked as it would be were it not repeated
            keep_repeat(f, "stock", f"{stock.location}/{stock.commodity}", stock, refs)
    return out


def read_fleet(
    text: str, report: Report, origins: Origins, progress: Progress | None = None
) -> list[FleetGroup]:
    """``fleet.csv``: the trucks at depots for last-mile convoy routing."""
    file = "fleet.csv"
    required = ("id", "depot", "partner", "vehicle_type", "count", "payload_t", "speed_kmh")
    table = _table(text, file, report, FLEET_COLUMNS, required, optional_file=True)
    out: list[FleetGroup] = []
    seen: Seen = {}
    for row in told(table.rows if table else (), progress, f"reading {file}"):
        f = Fields(report, Origin(file, row.line))
        c = row.get
        r = partial(_ranged, "fleet")
        kw = {
            "id": f.take("id", c("id"), parse_id),
            "depot": f.take("depot", c("depot"), parse_id),
            "partner": f.take("partner", c("partner"), parse_id),
            "vehicle_type": f.take(
                "vehicle_type", c("vehicle_type"), partial(parse_name, default="")
            ),
            "count": f.take("count", c("count"), r("count")),
            "payload_t": f.take("payload_t", c("payload_t"), r("payload_t")),
            "volume_m3": f.take("volume_m3", c("volume_m3"), r("volume_m3"), None),
            "speed_kmh": f.take("speed_kmh", c("speed_kmh"), r("speed_kmh")),
            "fixed_cost": f.take("fixed_cost", c("fixed_cost"), r("fixed_cost"), 0.0),
            "cost_per_km": f.take("cost_per_km", c("cost_per_km"), r("cost_per_km"), 0.0),
            "max_route_hours": f.take(
                "max_route_hours", c("max_route_hours"), r("max_route_hours"), 9.0
            ),
            **cargo_fields(f.take("carries", c("carries"), parse_carries, frozenset())),
        }
        refs = {"depot": ("location", kw["depot"]), "partner": ("partner", kw["partner"])}
        group = build_row(f, FleetGroup, refs, **kw)
        if _unique(f, seen, kw["id"], "fleet") and group is not None:
            out.append(group)
            origins.add("fleet", group.id, f.origin)
            continue
        if group is not None:  # a repeat: checked as it would be were it not repeated
            keep_repeat(f, "fleet", group.id, group, refs)
        keep_cargo_refs(f, c("carries"))
    return out
