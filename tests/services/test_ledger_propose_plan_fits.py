"""``ledger propose`` refuses a plan made for another scenario, as ``routes --plan`` does.

Given the bilateral example's plan with the relief example, or with a copy of the
bilateral example whose garrison food belonged to the host, or whose HQ had 900 people,
``propose`` drafted the plan's orders, exit 0 (``--submit`` would request them); a copy
one unit short was told ``plan: units: …``, neither the file nor how to plan again. Each
is now exit 2 naming the plan.json, the scenario it was made for and how to plan again,
nothing stored; a plan.json edited by hand is judged record by record.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ledger_support import BILATERAL, ledger_run

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario
from supplyline.io.plan_files import read_plan
from supplyline.planning import PlanParams
from supplyline.services.ledger import draft_support_orders, propose_from_files
from supplyline.services.planning import plan_scenario

RELIEF = BILATERAL.parent / "relief-operation"


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilateral example planned once, its files written as ``plan --out`` writes them."""
    out = tmp_path_factory.mktemp("planned") / "plan"
    plan_scenario(BILATERAL, out, params=PlanParams(explain_top=0))
    return out


def _flat(text: str) -> str:
    """``text`` without white space: a terminal's lines break a long path where they must."""
    return "".join(text.split())


def _edited(tmp: Path, file: str, edit: Callable[[str], str]) -> Path:
    """A copy of the bilateral example with ``file``'s text edited (it must change)."""
    folder = shutil.copytree(BILATERAL, tmp / "edited")
    before = (folder / file).read_text(encoding="utf-8")
    after = edit(before)
    assert after != before
    (folder / file).write_text(after, encoding="utf-8")
    return folder


def _line_of(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


def _without_unit(text: str) -> str:
    return text.replace(_line_of(text, "wm-med,") + "\n", "")


def _food_to_host(text: str) -> str:
    line = _line_of(text, "wm-garrison,food,")
    return text.replace(line, line.replace(",westmark", ",ostravia"))


def _hq_of_900(text: str) -> str:
    line = _line_of(text, "wm-hq,")
    cells = line.split(",")
    cells[5] = "900"  # personnel
    return text.replace(line, ",".join(cells))


def _dearer_road(text: str) -> str:
    line = _line_of(text, "r-garrison,")
    cells = line.split(",")
    cells[10] = str(float(cells[10]) + 1)  # cost_per_t
    return text.replace(line, ",".join(cells))


EDITS = {
    "unit-removed": ("units.csv", _without_unit),
    "stock-to-another-partner": ("stocks.csv", _food_to_host),
    "personnel-changed": ("units.csv", _hq_of_900),
    "road-price-changed": ("links.csv", _dearer_road),
}


def _other_scenario(tmp: Path, which: str) -> Path:
    if which == "relief-example":
        return RELIEF
    return _edited(tmp, *EDITS[which])


OTHERS = ["relief-example", *EDITS]


def test_a_plan_of_the_scenario_drafts_its_orders(planned: Path, tmp_path: Path) -> None:
    """The plan with the scenario it was made for: exit 0, the drafts the plan implies."""
    assert ledger_run(tmp_path / "l.db", "db", "upgrade")[0] == 0
    code, out, err = ledger_run(tmp_path / "l.db", "ledger", "propose", str(planned),
                                "--scenario", str(BILATERAL), "--format", "json")  # fmt: skip
    drafts = draft_support_orders(read_plan(planned), load_scenario(BILATERAL))
    assert drafts, "the example's plan delivers host stock to the visitors' units"
    assert (code, [(r["item"], r["quantity_t"]) for r in json.loads(out)]) == (
        0,
        [(d.item, f"{d.quantity:.3f}") for d in drafts],
    ), err


@pytest.mark.parametrize("which", OTHERS)
def test_a_plan_of_another_scenario_is_refused_naming_it(
    planned: Path, tmp_path: Path, which: str
) -> None:
    """Exit 2: the plan.json, the scenario it was made for, how to plan again; no traceback."""
    folder = _other_scenario(tmp_path, which)
    code, out, err = ledger_run(tmp_path / "l.db", "ledger", "propose", str(planned),
                                "--scenario", str(folder))  # fmt: skip
    said = _flat(err)
    plan_json = planned / "plan.json"
    assert (code, out) == (2, "")
    assert _flat(f"{plan_json}: scenario_id: the plan was made for scenario 'Steppe Bridge") in said
    assert _flat(f"is a plan of another scenario: plan this one again (supplyline plan {folder} "
                 "--out <folder>) and propose from that plan") in said  # fmt: skip
    assert _flat("plan:") not in said  # every issue names the file, none "plan"


@pytest.mark.parametrize("which", ["relief-example", "stock-to-another-partner"])
def test_a_submit_of_another_scenarios_plan_stores_nothing(
    planned: Path, tmp_path: Path, which: str
) -> None:
    """``--submit --as westmark`` into a ledger: exit 2, no agreement, order or event stored."""
    folder = _other_scenario(tmp_path, which)
    db = tmp_path / "l.db"
    assert ledger_run(db, "db", "upgrade")[0] == 0
    code, _out, _err = ledger_run(db, "ledger", "propose", str(planned), "--scenario",
                                  str(folder), "--submit", "--as", "westmark")  # fmt: skip
    with sqlite3.connect(db) as conn:
        rows = [
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("ledger_agreement", "ledger_order", "ledger_event")
        ]
    assert (code, rows) == (2, [0, 0, 0])


def _hand_edited(planned: Path, tmp: Path, records: str, field: str, value: object) -> Path:
    """A copy of the planned plan.json with ``field`` of the first of its ``records`` set."""
    data: dict[str, Any] = json.loads((planned / "plan.json").read_text(encoding="utf-8"))
    data[records][0][field] = value
    path = tmp / "edited-plan" / "plan.json"
    path.parent.mkdir()
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("records", "field", "value", "said"),
    [
        ("movements", "commodity", "beer", "movement 1 (link {link}): commodity 'beer' is none"),
        ("movements", "departure_day", 99, "movement 1 (link {link}): departure_day 99 is"),
        ("deliveries", "commodity", "beer", "delivery 1: commodity 'beer' is none"),
        ("deliveries", "day", 99, "delivery 1: day 99 is outside the horizon"),
    ],
)
def test_a_hand_edited_plan_is_refused_naming_the_record(
    planned: Path, tmp_path: Path, records: str, field: str, value: object, said: str
) -> None:
    """``<plan.json>: movement 1 (link …): what is wrong``, exit 2, as ``routes --plan`` says."""
    path = _hand_edited(planned, tmp_path, records, field, value)
    link = json.loads(path.read_text(encoding="utf-8"))["movements"][0]["link"]
    code, out, err = ledger_run(tmp_path / "l.db", "ledger", "propose", str(path),
                                "--scenario", str(BILATERAL))  # fmt: skip
    assert (code, out) == (2, "")
    assert _flat(f"{path}: {said.format(link=link)}") in _flat(err)


def test_the_python_api_refuses_another_scenarios_plan(planned: Path) -> None:
    """``propose_from_files`` raises the CLI's ScenarioError, with the relief example."""
    with pytest.raises(ScenarioError, match="is a plan of another scenario") as raised:
        propose_from_files(planned, RELIEF)
    assert [i.column for i in raised.value.issues][:2] == ["scenario_id", "scenario"]


def test_a_real_process_exits_2_with_no_traceback(planned: Path, tmp_path: Path) -> None:
    """``python -m supplyline ledger propose`` as a user runs it: exit 2, no traceback."""
    folder = _edited(tmp_path, *EDITS["stock-to-another-partner"])
    done = subprocess.run(
        [sys.executable, "-m", "supplyline", "ledger", "propose", str(planned), "--scenario",
         str(folder), "--db", f"sqlite:///{tmp_path / 'l.db'}"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert (done.returncode, done.stdout, "Traceback" in done.stderr) == (2, "", False)
    assert _flat("error:") in _flat(done.stderr)
    assert _flat("propose from that plan") in _flat(done.stderr)
