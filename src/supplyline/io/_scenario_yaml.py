"""``scenario.yaml``: the operation's header, partners, commodities and options.

It is read first: the CSV files need its start date and vehicle classes. When it cannot
be read, the CSV files are still checked (with what can be checked without it), so that
one load reports every problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from supplyline.domain import (
    DEFAULT_ACTIVITY_LEVELS,
    Commodity,
    DemandUnit,
    Partner,
    RoutingOptions,
    SolverOptions,
    SupplyClass,
    VehicleClass,
)
from supplyline.domain.commodities import commodity_problems
from supplyline.domain.factors import MAX_FACTOR
from supplyline.domain.field_ranges import FIELD_RANGES
from supplyline.domain.scenario import MAX_ACTIVITY
from supplyline.io._cells import (
    BadValue,
    check_text,
    is_blank,
    parse_bool,
    parse_currency,
    parse_float,
    parse_id,
    parse_in_range,
    parse_name,
    parse_rate,
    show,
    too_long,
)
from supplyline.io._commodity_numbers import (
    FUEL_KEY_EXAMPLE,
    check_litre_mass,
    litre_mass,
    rate_key_example,
)
from supplyline.io._day_cells import parse_date
from supplyline.io._duplicates import DuplicateRow
from supplyline.io._enum_cells import parse_enum
from supplyline.io._source import Fields, Origin, Origins, RateKey, Report
from supplyline.io._yaml_fields import list_of, mapping_of, missing_keys, take, yaml_tree
from supplyline.io._yamltree import YNode

__all__ = ["SCENARIO_KEYS", "Header", "read_scenario_yaml"]

FILE = "scenario.yaml"
SCENARIO_KEYS = (
    "name", "description", "start_date", "horizon_days", "partners", "commodities",
    "vehicle_classes", "activity_levels", "planning_factors", "solver", "routing",
)  # fmt: skip
PARTNER_KEYS = ("id", "name", "currency")
COMMODITY_KEYS = (
    "id", "name", "supply_class", "priority", "volume_m3_per_t", "demand_unit",
    "kg_per_demand_unit", "per_person_per_day", "per_vehicle_per_day", "vehicle_fuel",
    "activity_scaled",
)  # fmt: skip
VEHICLE_CLASS_KEYS = ("id", "name", "fuel_l_per_100km", "km_per_day")
_COMMODITY = FIELD_RANGES["commodity"]
_VEHICLE = FIELD_RANGES["vehicle class"]


@dataclass
class Header:
    """What scenario.yaml says; fields stay at their defaults where it was wrong."""

    name: str = ""
    description: str = ""
    start_date: dt.date | None = None
    horizon_days: int | None = None
    partners: list[Partner] = field(default_factory=list)
    commodities: list[Commodity] = field(default_factory=list)
    vehicle_classes: list[VehicleClass] = field(default_factory=list)
    vehicle_class_ids: tuple[str, ...] | None = ()
    """Every id that vehicle_classes names, also of entries with an error: the classes whose
    ``vehicles_<id>`` columns units.csv may have (``None``: cannot be told)."""
    activity_levels: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_ACTIVITY_LEVELS))
    factor_overrides: dict[str, float] = field(default_factory=dict)
    solver: SolverOptions = field(default_factory=SolverOptions)
    routing: RoutingOptions = field(default_factory=RoutingOptions)
    lines: dict[str, int] = field(default_factory=dict)
    """The line of each top-level key, for what is said about a key after reading."""
    past_calendar: bool = False
    """Whether horizon_days is ``None`` because the horizon runs past 9999-12-31 (an error
    said on start_date), not because horizon_days itself is wrong."""


def _record(
    report: Report, node: YNode, path: str, known: tuple[str, ...]
) -> tuple[Fields, dict[str, YNode]] | None:
    entries = mapping_of(node, FILE, path, report, known, ("id",))
    if entries is None:
        return None
    origin = Origin(FILE, node.line, f"{path}.", {k: v.line for k, v in entries.items()})
    f = Fields(report, origin)
    f.reported = missing_keys(entries, ("id",))
    return f, entries


def _keep(f: Fields, seen: dict[str, tuple[int, bool]], key: str | None, what: str) -> bool:
    """Whether an entry of a list is kept: it has no error and its id is new in the list.

    An entry dropped for an unusable id leaves the list incomplete (the reader cannot tell
    which id was meant), so references to unknown ids of its kind are not reported as
    dangling. A repeated id is reported naming the first line, and kept (as the CSV files'
    are, see :mod:`supplyline.io._duplicates`) for the references to unknown ids it may
    explain: a tester's partner copied and not renamed hid every reference to the id it
    was meant to have.
    """
    if key is None:  # the id was missing or unusable (and reported)
        f.report.incomplete.add(what)
        return False
    if key in seen:  # said whatever else is wrong with it, or with the first entry
        first_line, first_loaded = seen[key]
        f.fail(
            "id", f"duplicate {what} id {key!r} (first on line {first_line}; ids must be unique)"
        )
        if first_loaded:  # the id is loaded, from its first entry: a typo of it elsewhere
            f.report.failed_ids.discard(key)  # is still said
            f.report.failed_in.get(FILE, set()).discard(key)
        at = len(f.report.issues) - 1
        if what == "vehicle class":  # units.csv names classes by column: none is judged
            f.report.incomplete.add(what)
        f.report.duplicates.append(
            DuplicateRow(FILE, f.origin.line, first_line, what, key, issue_at=at)
        )
        return False
    seen[key] = (f.origin.line, f.ok)
    return f.ok


def _partners(items: list[YNode], report: Report, origins: Origins) -> list[Partner]:
    out: list[Partner] = []
    seen: dict[str, tuple[int, bool]] = {}  # id: its first line, whether it loaded
    for i, node in enumerate(items):
        rec = _record(report, node, f"partners[{i}]", PARTNER_KEYS)
        if rec is None:
            report.incomplete.add("partner")
            continue
        f, e = rec
        pid = take(f, e, "id", parse_id, text=True)
        name = take(f, e, "name", partial(parse_name, default=pid or ""), pid or "", text=True)
        currency = take(f, e, "currency", parse_currency, "EUR")
        if _keep(f, seen, pid, "partner"):
            out.append(Partner(id=pid, name=name, currency=currency))
            origins.add("partner", pid, f.origin)
    return out


def _commodities(items: list[YNode], report: Report, origins: Origins) -> list[Commodity]:
    out: list[Commodity] = []
    seen: dict[str, tuple[int, bool]] = {}  # id: its first line, whether it loaded
    for i, node in enumerate(items):
        rec = _record(report, node, f"commodities[{i}]", COMMODITY_KEYS)
        if rec is None:
            report.incomplete.add("commodity")
            continue
        f, e = rec
        cid = take(f, e, "id", parse_id, text=True)
        unit = take(f, e, "demand_unit", partial(parse_enum, enum=DemandUnit), DemandUnit.KG)
        said = str(unit) if unit else "demand units"
        name = take(f, e, "name", partial(parse_name, default=cid or ""), cid or "", text=True)
        supply_class = take(f, e, "supply_class", partial(parse_enum, enum=SupplyClass))
        example = rate_key_example(supply_class, unit)
        per = partial(parse_rate, hi=_COMMODITY["per_person_per_day"].hi, demand_unit=said)
        kw = {
            "name": name,
            "supply_class": supply_class,
            "priority": take(f, e, "priority", parse_in_range(_COMMODITY["priority"]), 3),
            "volume_m3_per_t": take(
                f,
                e,
                "volume_m3_per_t",
                parse_in_range(_COMMODITY["volume_m3_per_t"]),
                None,
            ),
            "demand_unit": unit,
            "kg_per_demand_unit": take(
                f,
                e,
                "kg_per_demand_unit",
                litre_mass
                if unit is DemandUnit.L
                else parse_in_range(_COMMODITY["kg_per_demand_unit"]),
                None,
            ),
            "per_person_per_day": take(
                f,
                e,
                "per_person_per_day",
                partial(per, unit=f"{said} a person a day", example=example),
                None,
            ),
            "per_vehicle_per_day": take(
                f,
                e,
                "per_vehicle_per_day",
                partial(per, unit=f"{said} a vehicle a day"),
                None,
            ),
            "vehicle_fuel": take(f, e, "vehicle_fuel", parse_bool, False),
            "activity_scaled": take(f, e, "activity_scaled", parse_bool, False),
        }
        if unit is DemandUnit.L and kw["kg_per_demand_unit"] is not None:
            check_litre_mass(f, kw["kg_per_demand_unit"])
        _note_rate_keys(
            f,
            {
                "per_person_per_day": f"{unit}/person/day" if unit else None,
                "per_vehicle_per_day": None,
            },
            kw,
        )
        sound = {k: v for k, v in {"id": cid, **kw}.items() if k not in f.faulty}
        for problem in commodity_problems(sound):  # all of them, whatever else is wrong
            _fail_rule(f, problem, kw)
        if _keep(f, seen, cid, "commodity"):
            try:
                out.append(Commodity(id=cid, **kw))
                origins.add("commodity", cid, f.origin)
            except ValueError as error:  # a check of its own the reader did not make (a range)
                _fail_rule(f, error, kw)
    return out


def _fail_rule(f: Fields, error: ValueError, fields: Mapping[str, Any]) -> None:
    """Say a commodity rule's error at the field it names (``field(=value) ...``), else at id.

    An error not about one field is about the id (``deploy:fuel``), which is then not the
    one referred to (``fuel``): the kind is incomplete, so no reference to it is dangling.
    """
    field = str(error).split("(=", 1)[0]
    f.fail(field if field in fields else "id", str(error))
    if field not in fields:
        f.report.incomplete.add("commodity")


def _note_rate_keys(f: Fields, units: Mapping[str, str | None], fields: Mapping[str, Any]) -> None:
    """Keep the entry's rates written as factor keys (with their factor's unit) for the loader.

    Built or not, the entry's keys are checked once the overrides are read (see
    :class:`~supplyline.io._source.RateKey`).
    """
    for name, unit in units.items():
        key = fields.get(name)
        if isinstance(key, str):
            origin = f.origin
            f.report.rate_keys.append(RateKey(origin.line_of(name), origin.column(name), key, unit))


def _vehicle_classes(
    items: list[YNode], report: Report, origins: Origins
) -> tuple[list[VehicleClass], tuple[str, ...]]:
    """The usable vehicle classes, and every id named (also by entries with an error)."""
    out: list[VehicleClass] = []
    seen: dict[str, tuple[int, bool]] = {}  # id: its first line, whether it loaded
    named: list[str] = []
    for i, node in enumerate(items):
        rec = _record(report, node, f"vehicle_classes[{i}]", VEHICLE_CLASS_KEYS)
        if rec is None:
            report.incomplete.add("vehicle class")
            continue
        f, e = rec
        vid = take(f, e, "id", parse_id, text=True)
        if vid is not None:
            named.append(vid)
        name = take(f, e, "name", partial(parse_name, default=vid or ""), vid or "", text=True)
        fuel = take(
            f,
            e,
            "fuel_l_per_100km",
            partial(
                parse_rate, hi=_VEHICLE["fuel_l_per_100km"].hi, unit="L/100km",
                example=FUEL_KEY_EXAMPLE,
            ),
        )  # fmt: skip
        km = take(f, e, "km_per_day", parse_in_range(_VEHICLE["km_per_day"]))
        _note_rate_keys(f, {"fuel_l_per_100km": "L/100km"}, {"fuel_l_per_100km": fuel})
        if _keep(f, seen, vid, "vehicle class"):
            out.append(VehicleClass(id=vid, name=name, fuel_l_per_100km=fuel, km_per_day=km))
            origins.add("vehicle class", vid, f.origin)
    return out, tuple(dict.fromkeys(named))


def _numbers(
    node: YNode | None,
    path: str,
    report: Report,
    check_key: Callable[[Any], str],
    hi: float,
    unit: str,
    origins: Origins | None = None,
) -> dict[str, float]:
    """A mapping ``{key: number}`` such as activity_levels or planning_factors.

    With ``origins``, the mapping is remembered as the entity ``path`` (id ``path``), so
    that a later check can give each key's line.
    """
    if node is None or node.value is None:
        return {}
    entries = mapping_of(node, FILE, path, report, None)
    out: dict[str, float] = {}
    origin = Origin(FILE, node.line, f"{path}.", {k: v.line for k, v in (entries or {}).items()})
    if origins is not None:
        origins.add(path, path, origin)
    f = Fields(report, origin)
    for key, value in (entries or {}).items():
        try:
            check_key(key)
        except BadValue as bad:
            f.fail(key, str(bad))
            report.failed(FILE, key)  # what refers to it is not "unknown" as well
            continue
        number = take(f, {key: value}, key, partial(parse_float, hi=hi, unit=unit))
        if number is not None:
            out[key] = number
        else:
            report.failed(FILE, key)
    return out


def _factor_key(key: Any) -> str:
    text = parse_id(key, "planning factor key")
    if "." not in text:
        raise BadValue(f"planning factor key {show(text)} needs a dot (such as food.unit.kg_ppd)")
    return text


def _options(entries: Mapping[str, YNode], report: Report) -> tuple[SolverOptions, RoutingOptions]:
    solver, routing = SolverOptions(), RoutingOptions()
    for key, keys in (
        ("solver", ("time_limit_s", "threads", "fair_share")),
        ("routing", ("detour_factor", "service_minutes")),
    ):
        node = entries.get(key)
        if node is None or node.value is None:
            continue
        e = mapping_of(node, FILE, key, report, keys)
        if e is None:
            continue
        f = Fields(report, Origin(FILE, node.line, f"{key}.", {k: v.line for k, v in e.items()}))
        ranges = FIELD_RANGES[key]  # the one table: a script's options are held to it too
        if key == "solver":
            limit = take(f, e, "time_limit_s", parse_in_range(ranges["time_limit_s"]), None)
            threads = take(f, e, "threads", parse_in_range(ranges["threads"]), None)
            fair = take(f, e, "fair_share", parse_bool, False)
            if f.ok:
                solver = SolverOptions(time_limit_s=limit, threads=threads, fair_share=fair)
        else:
            detour = take(f, e, "detour_factor", parse_in_range(ranges["detour_factor"]), 1.3)
            service = take(f, e, "service_minutes", parse_in_range(ranges["service_minutes"]), 30.0)
            if f.ok:
                routing = RoutingOptions(detour_factor=detour, service_minutes=service)
    return solver, routing


def read_scenario_yaml(text: str | None, report: Report, origins: Origins) -> Header | None:
    """Read scenario.yaml's text into a :class:`Header`; ``None`` if it is unusable."""
    if text is None:
        return None
    tree = yaml_tree(text, FILE, report)
    if tree is None and FILE in report.unusable:
        return None
    if tree is None:
        report.error(
            FILE,
            "file is empty (it needs name, start_date, horizon_days, partners, commodities)",
        )
        return None
    required = ("name", "start_date", "horizon_days", "partners", "commodities")
    entries = mapping_of(tree, FILE, "", report, SCENARIO_KEYS, required)
    if entries is None:
        return None
    head = Header(lines={k: v.line for k, v in entries.items()})
    f = Fields(report, Origin(FILE, 1, "", {k: v.line for k, v in entries.items()}))
    f.reported = missing_keys(entries, required)
    head.name = _name(f, entries)
    head.description = take(f, entries, "description", _description, "", text=True) or ""
    head.start_date = take(f, entries, "start_date", parse_date, written=True)
    head.horizon_days = take(
        f, entries, "horizon_days", parse_in_range(FIELD_RANGES["scenario"]["horizon_days"])
    )
    if not _fits_calendar(f, head.start_date, head.horizon_days):
        head.horizon_days = None  # no Scenario can be made: cross checks wait for the next run
        head.past_calendar = True
    for key, kind in (
        ("partners", "partner"),
        ("commodities", "commodity"),
        ("vehicle_classes", "vehicle class"),
    ):
        if not _holds(entries.get(key), list):
            report.incomplete.add(kind)  # no reference to one is unknown; the rest is checked
    if not _holds(entries.get("activity_levels"), dict):
        report.incomplete.add("activity level")  # a tester's list: its levels are unknown
    head.partners = _partners(_required_list(f, entries, "partners"), report, origins)
    head.commodities = _commodities(_required_list(f, entries, "commodities"), report, origins)
    classes = entries.get("vehicle_classes")
    head.vehicle_classes, head.vehicle_class_ids = _vehicle_classes(
        list_of(classes, FILE, "vehicle_classes", report), report, origins
    )
    if "vehicle class" in report.incomplete:
        head.vehicle_class_ids = None  # a class of unknown id: do not judge units.csv's columns
    head.activity_levels.update(
        _numbers(
            entries.get("activity_levels"),
            "activity_levels",
            report,
            partial(parse_id, what="activity level"),
            MAX_ACTIVITY,
            "× normal",
        )
    )
    factors = entries.get("planning_factors")
    head.factor_overrides = _numbers(
        factors, "planning_factors", report, _factor_key, MAX_FACTOR, "", origins
    )
    head.solver, head.routing = _options(entries, report)
    return head


def _holds(node: YNode | None, kind: type) -> bool:
    """Whether a key's value is of ``kind`` (a list, a mapping), or absent or null.

    Not so, or unread, the entries it meant to hold are unknown: a reference to one of
    them is not told it refers to nothing.
    """
    return node is None or (not node.unread and isinstance(node.value, kind | None))


def _name(f: Fields, entries: Mapping[str, YNode]) -> str:
    """The scenario's name; an empty one is an error (a missing key is one already)."""
    node = entries.get("name")
    if node is not None and not node.unread and is_blank(node.value):
        f.fail("name", "the scenario needs a name (name: a short title)")
        return ""
    name: str | None = take(f, entries, "name", partial(parse_name, default=""), "", text=True)
    return name or ""


def _fits_calendar(f: Fields, start: dt.date | None, horizon_days: int | None) -> bool:
    """Whether the horizon ends by 9999-12-31; if not, an error on start_date says so."""
    if start is None or horizon_days is None:
        return True
    if (dt.date.max - start).days >= horizon_days - 1:
        return True
    f.fail(
        "start_date",
        f"{start} with horizon_days {horizon_days}: the horizon runs past {dt.date.max}, "
        "the last date the calendar can hold (an earlier start_date, or fewer days)",
    )
    return False


def _required_list(f: Fields, entries: Mapping[str, YNode], key: str) -> list[YNode]:
    """The entries of ``partners`` or ``commodities``: an empty list is an error.

    Without any entry every reference to one would look dangling, so the kind is marked
    incomplete (no reference to it is reported) whether the key is missing, empty or null.
    """
    kind = {"partners": "partner", "commodities": "commodity"}[key]
    node = entries.get(key)
    items = list_of(node, FILE, key, f.report)
    if not items:
        f.report.incomplete.add(kind)
    if node is not None and not node.unread and node.value in (None, []):
        f.fail(
            key,
            f"the list of {key} is empty (a scenario needs at least one {kind}: "
            "an entry on a line starting with '- ')",
        )
    return items


MAX_DESCRIPTION_LEN = 10_000
"""The longest description scenario.yaml may carry, in characters."""


def _description(value: Any) -> str:
    if not isinstance(value, str):
        raise BadValue(f"{show(value)} is not text (write the description as text)")
    if len(value) > MAX_DESCRIPTION_LEN:
        raise BadValue(too_long("description", value, MAX_DESCRIPTION_LEN))
    check_text(value.replace("\n", " "))
    return value.strip()
