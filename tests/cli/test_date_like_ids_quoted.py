"""An id that looks like an ISO date is quoted in every result CSV; the date columns stay bare.

The quoting had left bare any text that looked like a date, so that the date columns open
as dates in a spreadsheet; but a unit, location, commodity, link, partner or agreement
called ``2026-12-25`` was left bare too, and a spreadsheet made it a date (written back
as ``12/25/26`` or a serial number), as it made ``0042`` a 42. Now the writer marks its
date cells, and every other text cell is quoted, whatever it looks like.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from cli_helpers import scenario_folder
from ledger_cli_cases import billed_order, nld_deu_agreement
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.services.ledger import Actor, open_ledger

_register_commands()
runner = CliRunner()

HOME, HOST = "2026-01-02", "2026-01-03"
"""The partners: ids that look like dates, as every id here."""
FOOD, DEPOT, CAMP, ROAD, UNIT, TRUCKS, AGREEMENT = (
    "2026-12-25", "2026-12-24", "2026-12-31", "2026-01-01", "2026-12-30", "2026-11-11",
    "2026-12-20",
)  # fmt: skip
IDS = {HOME, HOST, FOOD, DEPOT, CAMP, ROAD, UNIT, TRUCKS, AGREEMENT, f"{TRUCKS}#1"}

FILES = {
    "scenario.yaml": f"""\
name: date-like ids
start_date: 2025-01-01
horizon_days: 5
partners: [{{id: '{HOME}'}}]
commodities:
  - {{id: '{FOOD}', supply_class: food, per_person_per_day: 2.0}}
solver: {{time_limit_s: 5}}
""",
    "locations.csv": (
        f"id,name,partner,kind,lat,lon\n{DEPOT},A,{HOME},depot,50,10\n"
        f"{CAMP},B,{HOME},unit_area,50,10.2\n"
    ),
    "links.csv": (
        "id,from,to,mode,distance_km,transit_days,bidirectional\n"
        f"{ROAD},{DEPOT},{CAMP},road,20,0,true\n"
    ),
    # too little food: a shortfall and a bottleneck, each with its dates
    "stocks.csv": (
        f"location,commodity,initial_t,replenishment_t_per_day,owner\n{DEPOT},{FOOD},0.3,0,\n"
    ),
    "units.csv": (
        "id,partner,home,destination,personnel,required_day,deployment_lift_t,days_of_supply\n"
        f"{UNIT},{HOME},{DEPOT},{CAMP},50,1,5,1\n"
    ),
    "fleet.csv": (
        "id,depot,partner,vehicle_type,count,payload_t,volume_m3,speed_kmh,fixed_cost,"
        f"cost_per_km,max_route_hours\n{TRUCKS},{DEPOT},{HOME},cargo,2,10,,60,100,1,10\n"
    ),
}

DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?: [0-9]{2}:[0-9]{2}:[0-9]{2})?")
FIELD = re.compile(r'("(?:[^"]|"")*"|[^,"]*)(?:,|$)')


def _is_date_column(name: str) -> bool:
    return name in {"date", "at", "needed_on", "valid_from", "valid_to", "next_due"} or (
        name.endswith(("_date", "_at", "_due_on"))
    )


def _cells(text: str) -> list[tuple[str, str, str]]:
    """Each cell after the header as (column, raw field, value), ``section``'s field for a value."""
    lines = text.splitlines()
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == len(lines) > 1, text  # no cell spans lines here, and a row at least
    out = []
    for line, row in zip(lines[1:], rows[1:], strict=True):
        fields = [m.group(1) for m in FIELD.finditer(line)][: len(row)]
        assert ",".join(fields) == line
        named = dict(zip(rows[0], row, strict=True))
        for name, field, value in zip(rows[0], fields, row, strict=True):
            # plan --format csv: one value a row, its column named by the row's field
            column = named["field"] if name == "value" and "field" in named else name
            out.append((column, field, value))
    return out


def _assert_ids_quoted_dates_bare(text: str) -> None:
    """Every id cell is quoted and every date cell bare; the text has one of each at least."""
    cells = _cells(text)
    ids = [(c, f) for c, f, v in cells if v in IDS]
    dates = [(c, f) for c, f, v in cells if _is_date_column(c) and v]
    assert ids, text
    assert dates, text
    assert all(f.startswith('"') for _, f in ids), ids
    assert all(DATE.fullmatch(f) for _, f in dates), dates


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return scenario_folder(tmp_path_factory.mktemp("date-like") / "scenario", FILES)


@pytest.fixture(scope="module")
def plan_out(folder: Path) -> Path:
    """The plan's files of the scenario."""
    out = folder.parent / "plan"
    result = runner.invoke(app, ["plan", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(
    "name",
    [
        "movements.csv",
        "deliveries.csv",
        "stocks.csv",
        "deployment.csv",
        "shortfalls.csv",
        "bottlenecks.csv",
        "reach.csv",
    ],
)
def test_plan_files_quote_date_like_ids_and_leave_dates_bare(plan_out: Path, name: str) -> None:
    _assert_ids_quoted_dates_bare((plan_out / name).read_text(encoding="utf-8-sig"))


def test_plan_summary_on_stdout_quotes_date_like_ids(folder: Path) -> None:
    """``plan --format csv``: a value that is a date bare, one that is an id quoted."""
    result = runner.invoke(app, ["plan", str(folder), "--format", "csv"])
    assert result.exit_code == 0, result.output
    _assert_ids_quoted_dates_bare(result.stdout)


def test_requirements_files_and_stdout_quote_date_like_ids(folder: Path) -> None:
    out = folder.parent / "requirements"
    result = runner.invoke(app, ["requirements", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    for name in ("requirements_daily.csv", "requirements_by_unit.csv"):
        _assert_ids_quoted_dates_bare((out / name).read_text(encoding="utf-8-sig"))
    result = runner.invoke(app, ["requirements", str(folder), "--by", "unit", "-f", "csv"])
    assert result.exit_code == 0, result.output
    _assert_ids_quoted_dates_bare(result.stdout)


@pytest.mark.parametrize("name", ["routes.csv", "trucks.csv"])
def test_route_files_quote_date_like_ids(plan_out: Path, folder: Path, name: str) -> None:
    out = plan_out.parent / f"routes-{name}"
    plan = str(plan_out / "plan.json")
    command = ["routes", str(folder), "--day", "1", "--plan", plan, "--out", str(out)]
    result = runner.invoke(app, command)
    assert result.exit_code == 0, result.output
    _assert_ids_quoted_dates_bare((out / name).read_text(encoding="utf-8-sig"))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """An order of food between partners of date-like ids, under such an agreement, billed."""
    url = f"sqlite:///{tmp_path_factory.mktemp('date-like-ledger') / 'ledger.db'}"
    home, host = Actor(partner=HOME, user="ann"), Actor(partner=HOST, user="bob")
    ledger = open_ledger(url)
    terms = nld_deu_agreement({FOOD: "100"}, agreement_id=AGREEMENT, parties=(HOME, HOST))
    ledger.add_agreement(home, terms)
    billed_order(ledger, home, host, AGREEMENT, FOOD)
    ledger.db.dispose()
    return url


def _ledger(db: str, *command: str) -> str:
    result = runner.invoke(app, ["ledger", *command, "--as", HOME, "--db", db])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_statement_file_quotes_date_like_ids(db: str, tmp_path: Path) -> None:
    """The statement's agreement, counterparty and item quoted; its times bare."""
    target = tmp_path / "statement.csv"
    _ledger(db, "statement", "-o", str(target))
    _assert_ids_quoted_dates_bare(target.read_text(encoding="utf-8-sig"))


@pytest.mark.parametrize("command", [("orders",), ("show", "1"), ("agreements",), ("events",)])
def test_ledger_csv_quotes_date_like_ids(db: str, command: tuple[str, ...]) -> None:
    _assert_ids_quoted_dates_bare(_ledger(db, *command, "--format", "csv"))
