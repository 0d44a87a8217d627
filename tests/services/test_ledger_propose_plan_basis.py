"""``ledger propose`` judges a plan by what it depends on: a raised ceiling needs no new plan.

The agreements are the ledger's: the movement plan never reads them. plan.json recorded
only the whole scenario's fingerprint, agreements among it, so a planner who raised an
agreement's ceiling before ``propose --submit`` was told the plan was of another scenario
and to plan again. It now records ``plan_basis_id`` (the scenario less its fleet,
agreements and routing options) and is judged by that; a plan.json without it (written
before) by the whole fingerprint, as before.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from ledger_support import BILATERAL, ledger_run

from supplyline.io import load_scenario
from supplyline.io.plan_files import read_plan
from supplyline.planning import PlanParams
from supplyline.services.ledger import draft_support_orders
from supplyline.services.planning import plan_scenario

CEILING = 'ceiling_per_order: "150000.00"'
"""The bilateral agreement's per-order ceiling, below its food draft's value."""


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bilateral example planned once, its files written as ``plan --out`` writes them."""
    out = tmp_path_factory.mktemp("planned") / "plan"
    plan_scenario(BILATERAL, out, params=PlanParams(explain_top=0))
    return out


@pytest.fixture
def raised(tmp_path: Path) -> Path:
    """A copy of the bilateral example whose agreement's per-order ceiling is raised."""
    folder = shutil.copytree(BILATERAL, tmp_path / "raised")
    text = (folder / "agreements.yaml").read_text(encoding="utf-8")
    assert CEILING in text
    higher = text.replace(CEILING, 'ceiling_per_order: "900000.00"')
    (folder / "agreements.yaml").write_text(higher, encoding="utf-8")
    return folder


def _held(scenario: Path, planned: Path) -> list[str]:
    """The items of the drafts a ceiling holds back, with the plan and ``scenario``'s agreements."""
    drafts = draft_support_orders(read_plan(planned), load_scenario(scenario))
    return [d.item for d in drafts if "ceiling" in d.note]


def test_a_raised_ceiling_drafts_from_the_plan_by_the_new_ceiling(
    planned: Path, raised: Path, tmp_path: Path
) -> None:
    """Exit 0 with the plan made before; its drafts are those of the raised ceiling.

    With the example's own ceiling a draft is held back by it; with the raised one, none.
    """
    assert _held(BILATERAL, planned), "the example's ceiling holds a draft back"
    assert _held(raised, planned) == []
    assert ledger_run(tmp_path / "l.db", "db", "upgrade")[0] == 0
    code, out, err = ledger_run(tmp_path / "l.db", "ledger", "propose", str(planned),
                                "--scenario", str(raised), "--format", "json")  # fmt: skip
    assert code == 0, err
    drafts = draft_support_orders(read_plan(planned), load_scenario(raised))
    shown = [(r["item"], r["quantity_t"], r["note"]) for r in json.loads(out)]
    assert shown == [(d.item, f"{d.quantity:.3f}", d.note) for d in drafts]


def test_a_submit_under_the_raised_ceiling_requests_the_draft_it_held_back(
    planned: Path, raised: Path, tmp_path: Path
) -> None:
    """``--submit --as westmark``: exit 0, and every covered draft is an order, none held."""
    db = tmp_path / "l.db"
    assert ledger_run(db, "db", "upgrade")[0] == 0
    code, _out, err = ledger_run(db, "ledger", "propose", str(planned), "--scenario",
                                 str(raised), "--submit", "--as", "westmark")  # fmt: skip
    assert code == 0, err
    drafts = draft_support_orders(read_plan(planned), load_scenario(raised))
    covered = sorted(
        d.item for d in drafts if d.agreement_id is not None and d.receiver == "westmark"
    )
    with sqlite3.connect(db) as conn:
        ordered = sorted(r[0] for r in conn.execute("SELECT item FROM ledger_order"))
    assert ordered == covered
    assert set(_held(BILATERAL, planned)) <= set(ordered)


def test_a_plan_json_without_the_basis_is_judged_by_the_whole_fingerprint(
    planned: Path, raised: Path, tmp_path: Path
) -> None:
    """Written before ``plan_basis_id``: the raised ceiling is refused as before, exit 2."""
    data = json.loads((planned / "plan.json").read_text(encoding="utf-8"))
    del data["plan_basis_id"]
    old = tmp_path / "old" / "plan.json"
    old.parent.mkdir()
    old.write_text(json.dumps(data), encoding="utf-8")
    assert ledger_run(tmp_path / "l.db", "db", "upgrade")[0] == 0
    code, out, err = ledger_run(tmp_path / "l.db", "ledger", "propose", str(old),
                                "--scenario", str(raised))  # fmt: skip
    assert (code, out) == (2, "")
    said = "".join(err.split())
    assert f"{old}:scenario_id:theplanwasmadeforscenario" in said
    assert f"(fingerprint{data['scenario_id']}),notfor" in said
    code, _out, err = ledger_run(tmp_path / "l.db", "ledger", "propose", str(old),
                                 "--scenario", str(BILATERAL))  # fmt: skip
    assert code == 0, err  # its own scenario: taken, as before


def test_a_plan_json_whose_basis_alone_differs_says_its_plan_basis_id(
    planned: Path, tmp_path: Path
) -> None:
    """A plan.json with only ``plan_basis_id`` edited is refused saying that field differs.

    A tester's was refused, exit 2, as now, but told ``fingerprint X, not … fingerprint X``
    (its scenario_id, the same both sides).
    """
    data = json.loads((planned / "plan.json").read_text(encoding="utf-8"))
    scenario_id, basis = data["scenario_id"], data["plan_basis_id"]
    data["plan_basis_id"] = "000000000000000000ab"
    edited = tmp_path / "edited" / "plan.json"
    edited.parent.mkdir()
    edited.write_text(json.dumps(data), encoding="utf-8")
    assert ledger_run(tmp_path / "l.db", "db", "upgrade")[0] == 0
    code, out, err = ledger_run(tmp_path / "l.db", "ledger", "propose", str(edited),
                                "--scenario", str(BILATERAL))  # fmt: skip
    assert (code, out) == (2, "")
    said = "".join(err.split())
    assert f"{edited}:plan_basis_id:theplanwasmadeforscenario" in said
    assert "(plan_basis_id000000000000000000ab),notfor" in said
    assert f"asitisnow(plan_basis_id{basis})" in said
    assert f"fingerprint{scenario_id}" not in said
