"""routes.geojson's features carry the cells of the CSV rows they stand for, by their names.

A tester's GIS join of the layer on on_site.csv found the plan-mode arrival Points'
``mode`` where the CSV says ``arrived_by``, and no ``detail`` on the on-site Points;
docs/routing.md listed the arrived Points only in passing.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from routing_scenarios import fleet, loc, road, scenario, unit

from supplyline.domain import LocationKind, Mode, Stock
from supplyline.io import write_scenario
from supplyline.io.csv_out import CSV_ENCODING
from supplyline.routing.convoy import ConvoyParams
from supplyline.services.routing import route_scenario_day

ROOT = Path(__file__).parents[2]
DOCS = ROOT / "docs" / "routing.md"
KIND_BULLET = re.compile(r"^  \* kind `(?P<kind>\w+)` — `(?P<columns>[^`]+)`", re.MULTILINE)
"""A kind's sub-bullet under routes.geojson in docs/routing.md: its properties, in order."""
CSV_OF = {"route": "trucks.csv", "unserved": "unserved.csv", "on_site": "on_site.csv",
          "arrived": "on_site.csv"}  # fmt: skip
KEY_OF = {"route": "truck", "unserved": "unit", "on_site": "unit", "arrived": "unit"}


@pytest.fixture(scope="module")
def from_demand(tmp_path_factory: pytest.TempPathFactory, fast: ConvoyParams) -> Path:
    """The relief example's routes of C+3 from demand: trucks, a load unserved, draws on site."""
    root = tmp_path_factory.mktemp("geojson_rows")
    folder = Path(shutil.copytree(ROOT / "examples" / "relief-operation", root / "relief"))
    route_scenario_day(folder, day=3, from_demand=True, params=fast, out=root / "out")
    return root / "out"


@pytest.fixture(scope="module")
def airlift(tmp_path_factory: pytest.TempPathFactory, fast: ConvoyParams) -> Path:
    """A site only a helicopter reaches, routed in plan mode: its goods arrive by air."""
    locs = [loc("D", 0.0, LocationKind.DEPOT), loc("H", 0.1, LocationKind.AIRFIELD),
            loc("S", 0.5)]  # fmt: skip
    air = dataclasses.replace(road("H", "S", 60.0, both_ways=False), id="H-S", mode=Mode.AIR)
    s = scenario(locs, [unit("UA", "S")], [road("D", "H", 10.0), air], [fleet("F", "D")])
    stocks = tuple(Stock(location="D", commodity=c, initial_t=10.0) for c in ("food", "fuel"))
    root = tmp_path_factory.mktemp("geojson_airlift")
    write_scenario(dataclasses.replace(s, stocks=stocks), root / "sc")
    route_scenario_day(root / "sc", day=0, params=fast, out=root / "out")
    return root / "out"


def _features(out: Path) -> list[dict[str, Any]]:
    data = json.loads((out / "routes.geojson").read_text(encoding="utf-8"))
    return [f["properties"] for f in data["features"]]


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding=CSV_ENCODING, newline="") as handle:
        return list(csv.DictReader(handle))


def _as_cell(value: Any) -> str:
    """A property as the CSV writes its cell (numbers as written, truth as yes/no)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _joined(out: Path, kind: str) -> list[tuple[dict[str, Any], dict[str, str]]]:
    """Each feature of ``kind`` beside the CSV row it stands for, joined as a GIS would."""
    rows = _csv(out / CSV_OF[kind])
    key = KEY_OF[kind]
    pairs = []
    for props in (p for p in _features(out) if p["kind"] == kind):
        same = [
            r for r in rows if r[key] == props[key] and r.get("link", "") == props.get("link", "")
        ]
        assert len(same) == 1, (kind, props)
        pairs.append((props, same[0]))
    return pairs


@pytest.mark.parametrize("kind", ["route", "unserved", "on_site"])
def test_a_feature_has_every_cell_of_its_csv_row_by_name(from_demand: Path, kind: str) -> None:
    """Each route, unserved and on-site feature holds its CSV row's cells, equal, by name."""
    pairs = _joined(from_demand, kind)
    assert pairs, f"the example routes no {kind} feature: the test would not bite"
    for props, row in pairs:
        assert {c: _as_cell(props.get(c, "<missing>")) for c in row} == row


def test_an_arrived_point_names_its_mode_arrived_by_as_on_site_csv(airlift: Path) -> None:
    """The airlift's Point: ``arrived_by`` ``air`` (not ``mode``), link and detail as the CSV."""
    [(props, row)] = _joined(airlift, "arrived")
    assert "mode" not in props
    assert {c: _as_cell(props[c]) for c in row} == row
    assert (props["arrived_by"], props["link"]) == ("air", "H-S")


def _documented() -> dict[str, list[str]]:
    text = DOCS.read_text(encoding="utf-8").split("### Output files", 1)[1]
    return {
        m["kind"]: [c.strip() for c in m["columns"].split(",")] for m in KIND_BULLET.finditer(text)
    }


def test_the_docs_list_every_feature_kind() -> None:
    """docs/routing.md has a bullet for each kind routes.geojson writes (the test bites)."""
    assert set(_documented()) == set(CSV_OF)


@pytest.mark.parametrize(("fixture", "kind"), [("from_demand", "route"),
                         ("from_demand", "unserved"), ("from_demand", "on_site"),
                         ("airlift", "arrived")])  # fmt: skip
def test_a_kinds_properties_are_the_ones_documented(
    request: pytest.FixtureRequest, fixture: str, kind: str
) -> None:
    """Each feature's properties are the list docs/routing.md gives its kind, in order."""
    out: Path = request.getfixturevalue(fixture)
    written = [list(p) for p in _features(out) if p["kind"] == kind]
    assert written
    assert all(w == _documented()[kind] for w in written)
