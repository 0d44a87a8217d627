"""``routes --plan``: a plan of another scenario, or one edited by hand, is refused by name.

A tester's ``routes s6 --plan s1plan`` (s1's plan: the same name, start and horizon, but
no unit U6 and U5 with other personnel) exited 0, U6 routed, unserved and warned of
nowhere. A plan.json with one commodity changed to ``beer`` ended in a ``KeyError``
traceback (exit 1); tonnes of 1e300 or an origin that is not the link's end in internal
words naming neither the file nor the movement (exit 1); a movement on day 99 of the
horizon, or arriving before it left, was taken silently. Each is now exit 2, the file
and the record named, nothing written.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_helpers import run, scenario_folder
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supplyline.cli.errors import exit_code_for
from supplyline.errors import SupplylineError
from supplyline.routing.convoy import ConvoyParams
from supplyline.routing.problem import RouterParams
from supplyline.services.routing import route_scenario_day

FILES = {
    "scenario.yaml": (
        "name: Plan fit camps (fictional)\n"
        "start_date: 2026-03-01\n"
        "horizon_days: 6\n"
        "partners:\n"
        "  - {id: a, name: Alpha, currency: EUR}\n"
        "commodities:\n"
        "  - {id: water, name: Water, supply_class: water, priority: 1, demand_unit: kg,"
        " per_person_per_day: 10}\n"
        "  - {id: food, name: Food, supply_class: food, priority: 2, demand_unit: kg,"
        " per_person_per_day: 2}\n"
        "routing: {detour_factor: 1.3, service_minutes: 30}\n"
    ),
    "locations.csv": (
        "id,name,partner,kind,lat,lon\n"
        "store,North store,a,depot,10.0,10.0\n"
        "camp-a,Camp A,a,unit_area,10.2,10.0\n"
        "camp-b,Camp B,a,unit_area,10.3,10.1\n"
        "camp-c,Camp C,a,unit_area,10.0,10.4\n"
    ),
    "links.csv": (
        "id,from,to,mode,distance_km,transit_days,capacity_t_per_day,cost_per_t,bidirectional\n"
        "road-a,store,camp-a,road,30,0,40,1,true\n"
        "road-b,store,camp-b,road,45,1,,1,true\n"
        "road-c,store,camp-c,road,50,0,,1,true\n"
    ),
    "units.csv": (
        "id,name,partner,home,destination,personnel,available_day,required_day\n"
        "coy-a,Company A,a,camp-a,camp-a,300,0,0\n"
        "coy-b,Company B,a,camp-b,camp-b,200,0,0\n"
        "coy-c,Company C,a,camp-c,camp-c,100,0,0\n"
    ),
    "stocks.csv": (
        "location,commodity,initial_t,replenishment_t_per_day\nstore,water,40,10\nstore,food,20,3\n"
    ),
    "fleet.csv": (
        "id,depot,partner,vehicle_type,count,payload_t,speed_kmh,fixed_cost,cost_per_km,"
        "max_route_hours\n"
        "t4,store,a,4 t truck,3,4,50,100,1,10\n"
    ),
}
"""Three camps fed from one store by road; road-a of 40 t a day, road-b a day long."""


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """The scenario folder, planned once, and its plan.json as written."""
    root = tmp_path_factory.mktemp("fits")
    folder = scenario_folder(root / "camps", FILES)
    done = run("plan", folder, "--out", root / "plan", "--explain", "0")
    assert done.returncode == 0, done.stderr
    return folder, json.loads((root / "plan" / "plan.json").read_text(encoding="utf-8"))


def _written(where: Path, data: dict[str, Any]) -> Path:
    """``data`` written as a plan.json in ``where``."""
    where.mkdir(parents=True, exist_ok=True)
    path = where / "plan.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _refused(folder: Path, plan: Path, out: Path, day: int = 0) -> str:
    """``routes --plan``'s stderr without spaces, once it is known to be exit 2, no traceback.

    Without spaces: the terminal's lines break a long path where they must.
    """
    done = run("routes", folder, "--day", str(day), "--plan", plan, "--out", out)
    assert done.returncode == 2, done.stderr + done.stdout
    assert "Traceback" not in done.stderr
    assert not out.exists()
    return "".join(done.stderr.split())


def _in(said: str, words: str) -> bool:
    """Whether ``said`` is in ``words`` (stderr without spaces, :func:`_refused`)."""
    return "".join(said.split()) in words


def test_a_plan_of_the_scenario_with_other_data_is_refused(
    planned: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """Same name, start and horizon, a unit more and one with other personnel: refused.

    Said: the scenario it was made for (its fingerprint and this one's), the unit the
    plan lacks, and how to plan again.
    """
    folder, data = planned
    other = shutil.copytree(folder, tmp_path / "camps-now")
    units = (other / "units.csv").read_text(encoding="utf-8")
    units = units.replace(
        "coy-c,Company C,a,camp-c,camp-c,100", "coy-c,Company C,a,camp-c,camp-c,90"
    )
    (other / "units.csv").write_text(
        units + "coy-d,Company D,a,camp-c,camp-c,220,0,0\n", encoding="utf-8"
    )
    plan = _written(tmp_path / "plan", data)
    words = _refused(other, plan, tmp_path / "out")
    assert _in(
        f"{plan}: scenario_id: the plan was made for scenario {data['scenario']!r} with ", words
    )
    assert _in(f"(fingerprint {data['scenario_id']}), not for", words)
    lacking = "the plan has no delivery, shortfall, closure or stock for unit coy-d"
    assert _in(f"{plan}: units: {lacking}", words)
    assert _in(f"supplyline plan {other} --out", words)


def test_what_differs_is_said_of_the_plan_file(
    planned: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """A unit the scenario no longer has is said of the plan.json given, not of ``plan``.

    The header's and the ids' issues were ``plan: units: the plan names coy-c, …``; each
    record naming it is now said at its number, as other hand edits are.
    """
    folder, data = planned
    other = shutil.copytree(folder, tmp_path / "camps-now")
    units = (other / "units.csv").read_text(encoding="utf-8")
    (other / "units.csv").write_text(units.replace("coy-c,", "coy-z,"), encoding="utf-8")
    plan = _written(tmp_path / "plan", data)
    words = _refused(other, plan, tmp_path / "out")
    assert _in(f"{plan}: delivery", words)  # each record naming it, at its number
    assert _in("unit 'coy-c' is none of the scenario's (coy-a, coy-b, coy-z)", words)
    assert not _in("plan: units:", words.replace(f"{plan}", ""))


def test_a_plan_without_a_fingerprint_lacking_a_unit_is_refused(
    planned: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """A plan.json that records no fingerprint (an earlier version's) and lacks a unit's records.

    The unit's goods would vanish from the routes unsaid; the plan is refused naming it.
    """
    folder, data = planned
    gone = data["deliveries"][0]["unit"]
    edited = {k: v for k, v in data.items() if k not in ("scenario_id", "plan_basis_id")}
    for key in ("deliveries", "shortfalls", "stocks", "closures"):
        edited[key] = [r for r in data[key] if r.get("unit") != gone]
    plan = _written(tmp_path / "plan", edited)
    words = _refused(folder, plan, tmp_path / "out")
    assert _in(f"no delivery, shortfall, closure or stock for unit {gone}, which needs", words)


def _first_on(data: dict[str, Any], link: str) -> int:
    """The index of the plan's first movement on ``link`` with tonnes."""
    return next(i for i, m in enumerate(data["movements"]) if m["link"] == link and m["tonnes"])


def _edit(
    field: str, value: Callable[[dict[str, Any]], object], said: Callable[[dict[str, Any]], str]
) -> tuple[str, Callable[[dict[str, Any]], object], Callable[[dict[str, Any]], str]]:
    return field, value, said


EDITS = {
    "commodity-beer": _edit(
        "commodity", lambda m: "beer", lambda m: "commodity 'beer' is none of the scenario's"
    ),
    "tonnes-1e300": _edit(
        "tonnes", lambda m: 1e300, lambda m: "tonnes is 1e+300, not a finite number from 0"
    ),
    "origin-not-an-end": _edit(
        "origin",
        lambda m: "camp-c" if m["destination"] != "camp-c" else "camp-a",
        lambda m: f"where the link goes {m['origin']} → {m['destination']}",
    ),
    "day-past-horizon": _edit(
        "departure_day", lambda m: 99, lambda m: "departure_day 99 is outside the horizon of 6"
    ),
    "arrives-before-leaving": _edit(
        "arrival_day",
        lambda m: m["departure_day"] - 1,
        lambda m: (
            f"arrival_day is {m['departure_day'] - 1}, where departure_day "
            f"{m['departure_day']} + the link's transit_days"
        ),
    ),
    "mode-air": _edit("mode", lambda m: "air", lambda m: "mode is air, where the link is road"),
    "link-unknown": _edit(  # it was "plan: links: the plan names nolink, …": no file, no record
        "link", lambda m: "nolink", lambda m: "link 'nolink' is none of the scenario's (road-a,"
    ),
    "over-capacity": _edit(
        "tonnes", lambda m: 400.0, lambda m: "more than its capacity_t_per_day 40 (links.csv)"
    ),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_a_movement_edited_to_no_fit_is_refused_by_file_and_record(
    planned: tuple[Path, dict[str, Any]], tmp_path: Path, edit: str
) -> None:
    """``<plan.json>: movement N (link …): what is wrong``, exit 2, nothing written."""
    folder, data = planned
    field, value, said = EDITS[edit]
    k = _first_on(data, "road-a")
    edited = json.loads(json.dumps(data))
    before = dict(edited["movements"][k])
    edited["movements"][k][field] = value(before)
    plan = _written(tmp_path / "plan", edited)
    day = before["arrival_day"]
    words = _refused(folder, plan, tmp_path / "out", day=day)
    link = edited["movements"][k]["link"]
    assert _in(f"{plan}: movement {k + 1} (link {link}): ", words)
    assert _in(said(before), words)


def test_a_delivery_to_a_unit_the_scenario_lacks_is_refused_by_file_and_record(
    planned: tuple[Path, dict[str, Any]], tmp_path: Path
) -> None:
    """``<plan.json>: delivery N: unit 'coy-x' is none of the scenario's (…)``, as the others.

    An unknown unit, as an unknown link, was said as ``plan: units: the plan names coy-x,
    which the scenario does not have``, naming neither the file nor the record.
    """
    folder, data = planned
    edited = json.loads(json.dumps(data))
    edited["deliveries"][0]["unit"] = "coy-x"
    plan = _written(tmp_path / "plan", edited)
    words = _refused(folder, plan, tmp_path / "out")
    assert _in(f"{plan}: delivery 1: unit 'coy-x' is none of the scenario's (coy-a,", words)
    assert "thescenariodoesnothave" not in words


_WRONG_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=1),
    st.sampled_from(["store", "camp-a", "camp-b", "road-a", "road-c", "water", "food", "rail"]),
)
_FIELDS = ["link", "origin", "destination", "mode", "commodity", "departure_day", "arrival_day",
           "tonnes", "pax"]  # fmt: skip


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    changes=st.lists(
        st.tuples(st.integers(min_value=0), st.sampled_from(_FIELDS), _WRONG_VALUES),
        min_size=1,
        max_size=3,
    ),
    day=st.integers(min_value=0, max_value=5),
)
def test_no_edit_of_the_movements_ends_in_a_bug(
    planned: tuple[Path, dict[str, Any]],
    tmp_path: Path,
    changes: list[tuple[int, str, object]],
    day: int,
) -> None:
    """Fields of a real plan.json's movements replaced by values of any kind or range.

    Routing from it either works or ends in one of supplyline's errors whose exit code
    is 2 (bad input): never another exception (a traceback, exit 1), as ``routes
    --plan`` maps them (:func:`~supplyline.cli.errors.exit_code_for`).
    """
    folder, data = planned
    edited = json.loads(json.dumps(data))
    moves = edited["movements"]
    for k, field, value in changes:
        moves[k % len(moves)][field] = value
    plan = _written(tmp_path / f"p{abs(hash(repr(changes))) % 10**9}", edited)
    params = ConvoyParams(router=RouterParams(time_limit_s=0.2))
    code = 0
    try:
        route_scenario_day(folder, day=day, plan_file=plan, params=params)
    except SupplylineError as error:
        code, said = exit_code_for(error), str(error)
    assert code in (0, 2), said
