"""``propose`` drafts an order in a mode that can value it, as a request would take it.

A tester's ``ik-free`` (``[replacement_in_kind, cash]``, no ceiling, food priced, shelter
not): a request ``--mode replacement_in_kind`` for shelter was taken at no price, but
``propose`` priced every draft in the request's default mode, cash, and left the shelter
draft out (``agreement ik-free has no USD price for shelter``). A draft now takes the
default mode where it can value the commodity, else the first permitted mode that can
(the one price rule, :meth:`Agreement.can_value`), and its request names that mode. Its
table wrote such a draft's value ``0.00`` where ``orders`` writes ``in kind``.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from ledger_support import drafted, ledger_run

from supplyline.domain import ReimbursementMode
from supplyline.io import load_scenario
from supplyline.planning import PlanParams
from supplyline.services.ledger import Actor, Ledger
from supplyline.services.ledger.propose import request_drafts
from supplyline.services.planning import plan_scenario

RELIEF = Path(__file__).resolve().parents[2] / "examples" / "relief-operation"
IN_KIND, CASH = ReimbursementMode.REPLACEMENT_IN_KIND, ReimbursementMode.CASH
SHARING_TERMS = "  reimbursement_modes: [replacement_in_kind]\n  currency: USD\n"
IK_FREE_TERMS = (
    "  reimbursement_modes: [replacement_in_kind, cash]\n  currency: USD\n"
    '  prices: {food: "100.00"}\n'
)


@pytest.fixture
def ik_free(tmp_path: Path) -> Path:
    """The relief example with ``gfr-man-sharing`` as the tester's ``ik-free``."""
    folder = shutil.copytree(RELIEF, tmp_path / "ik-free")
    text = (folder / "agreements.yaml").read_text(encoding="utf-8")
    assert SHARING_TERMS in text
    (folder / "agreements.yaml").write_text(text.replace(SHARING_TERMS, IK_FREE_TERMS), "utf-8")
    return folder


def test_a_draft_takes_a_mode_that_can_value_it(ik_free: Path) -> None:
    scenario = load_scenario(ik_free)
    [shelter] = drafted(scenario, "site-6", "shelter", "gfr")
    [food] = drafted(scenario, "site-6", "food", "gfr")
    assert (shelter.mode, shelter.value, shelter.unit_price, shelter.note) == (IN_KIND, 0, 0, "")
    assert (food.mode, food.value, food.note) == (CASH, Decimal("1000.00"), "")  # the default


def test_a_submit_requests_the_draft_in_its_mode(ik_free: Path, ledger: Ledger) -> None:
    scenario = load_scenario(ik_free)
    drafts = [*drafted(scenario, "site-6", "shelter", "gfr"),
              *drafted(scenario, "site-6", "food", "gfr")]  # fmt: skip
    man = Actor(partner="man", user="ben")
    done = request_drafts(ledger, man, drafts, key_prefix="t", agreements=scenario.agreements)
    assert [(o.item, o.mode, o.value) for _d, o, _w in done if o is not None] == [
        ("shelter", IN_KIND, 0),
        ("food", CASH, Decimal("1000.00")),
    ]
    again = request_drafts(ledger, man, drafts, key_prefix="t", agreements=scenario.agreements)
    assert [why.startswith("already requested") for _d, _o, why in again] == [True, True]
    assert len(ledger.orders(man)) == 2


def test_the_propose_table_reads_in_kind_for_a_draft_at_no_price(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    plan_scenario(RELIEF, plan, params=PlanParams(explain_top=0))
    db = tmp_path / "l.db"
    assert ledger_run(db, "db", "upgrade")[0] == 0  # a ledger read: no ceiling note differs
    ask = ["ledger", "propose", str(plan), "--scenario", str(RELIEF)]
    code, shown, said = ledger_run(db, *ask)
    assert code == 0, said
    cells = [[cell.strip() for cell in line.split("│")] for line in shown.splitlines()]
    cells = [row for row in cells if row[1:3] == ["gfr", "man"]]  # under gfr-man-sharing
    assert len(cells) == 2, shown
    assert all("in kind" in row and "0.00" not in row for row in cells), shown
    code, out, said = ledger_run(db, *ask, "--format", "json")
    assert code == 0, said
    sharing = [r for r in json.loads(out) if r["agreement"] == "gfr-man-sharing"]
    assert {(r["value"], r["mode"]) for r in sharing} == {("0.00", "replacement_in_kind")}
