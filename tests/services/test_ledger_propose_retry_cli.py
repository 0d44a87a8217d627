"""``propose --submit`` retried near a shared total ceiling, and the preview of both receivers.

A tester's retry of the same plan said its food and shelter drafts "would take agreement
ab-mou to 104,257.73 EUR" (80,869.73 EUR in the ledger): the ledger's sum held those very
orders, counted twice, and they were refused for the ceiling rather than told ``already
requested``. And a preview listed both parties' drafts under one shared ceiling, together
above it, with no word: each was checked with its own receiver's drafts only.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from ledger_support import ledger_run, write_hand_plan

from supplyline.domain import Delivery, Plan, PlanStatus
from supplyline.io import load_scenario

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
AGREEMENT = "wm-os-hns-2025"


def _run(tmp: Path, *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of a command on ``tmp/retry.db``."""
    return ledger_run(tmp / "retry.db", *args)


@pytest.fixture
def near_ceiling(tmp_path: Path) -> tuple[Path, Path]:
    """The example under a 150,000 EUR total ceiling, 58,000 EUR of unrelated fuel ordered.

    Its plan: Westmark food (42,000 EUR), fuel (29,000 EUR) and water (3,800 EUR) for the
    Ostravian battalion, and Ostravian food (84,000 EUR) for a Westmark unit. Each
    receiver's drafts fit with the fuel order; both together do not. Ostravia submits: it
    sorts before westmark, whose read of the ledger's sum undid what was taken out for
    Ostravia's own orders.
    """
    scenario_dir = tmp_path / "scenario"
    shutil.copytree(EXAMPLE, scenario_dir)
    terms = scenario_dir / "agreements.yaml"
    terms.write_text(terms.read_text().replace('"1500000.00"', '"150000.00"'))
    scenario = load_scenario(scenario_dir)
    westmark = next(u for u in scenario.units if u.partner == "westmark")
    deliveries = [
        ("os-mrb", "food", 10.0, "westmark"),
        ("os-mrb", "fuel", 20.0, "westmark"),
        ("os-mrb", "water", 1000.0, "westmark"),
        (westmark.id, "food", 20.0, "ostravia"),
    ]
    plan = Plan(
        scenario=scenario.name, start_date=scenario.start_date,
        horizon_days=scenario.horizon_days, status=PlanStatus.OPTIMAL, objective=0.0,
        deliveries=tuple(
            Delivery(unit=unit, location=scenario.unit(unit).destination, commodity=item,
                     day=20, tonnes=tonnes, source_partner=source)
            for unit, item, tonnes, source in deliveries
        ),
    )  # fmt: skip
    write_hand_plan(tmp_path / "plan", scenario, plan)
    assert _run(tmp_path, "ledger", "agreements", "import", str(scenario_dir),
                "--as", "ostravia")[0] == 0  # fmt: skip
    fuel = _run(tmp_path, "ledger", "request", "--as", "ostravia", "--agreement", AGREEMENT,
                "--item", "fuel", "--quantity", "40", "--needed-on", "2025-08-01")  # fmt: skip
    assert fuel[0] == 0
    return scenario_dir, tmp_path / "plan"


def test_a_retry_is_told_already_requested_not_over_the_ceiling(
    near_ceiling: tuple[Path, Path],
) -> None:
    """The second submit finds orders 2, 3 and 4, exit 0; no draft of it is over a ceiling."""
    scenario_dir, plan = near_ceiling
    tmp = plan.parent
    args = ["ledger", "propose", str(plan), "--scenario", str(scenario_dir), "--submit",
            "--as", "ostravia", "--format", "json"]  # fmt: skip
    assert _run(tmp, *args)[0] == 0
    code, out, err = _run(tmp, *args)
    mine = [r for r in json.loads(out) if r["receiver"] == "ostravia"]
    assert (code, [(r["item"], r["note"], r["submitted"]) for r in mine]) == (
        0,
        [
            ("food", "", "already requested as order 2"),
            ("fuel", "", "already requested as order 3"),
            ("water", "", "already requested as order 4"),
        ],
    )
    assert (
        err == "requested 0 of ostravia's 3 drafts; 3 already requested before (orders 2, 3, 4)\n"
    )


def test_a_preview_after_the_submit_notes_no_draft_already_requested(
    near_ceiling: tuple[Path, Path],
) -> None:
    """With ``--db`` after the submit: Ostravia's drafts clean; Westmark's food over, rightly."""
    scenario_dir, plan = near_ceiling
    tmp = plan.parent
    args = ["ledger", "propose", str(plan), "--scenario", str(scenario_dir)]
    assert _run(tmp, *args, "--submit", "--as", "ostravia")[0] == 0
    code, out, err = _run(tmp, *args, "--format", "json")
    notes = [(r["receiver"], r["item"], r["note"][:60]) for r in json.loads(out)]
    assert (code, err) == (0, "")
    assert notes == [
        ("ostravia", "food", ""),
        ("ostravia", "fuel", ""),
        ("ostravia", "water", ""),
        ("westmark", "food", "84,000.00 EUR would take agreement wm-os-hns-2025 to 216,800"),
    ]


def test_a_preview_says_where_both_receivers_together_cross_the_ceiling(
    near_ceiling: tuple[Path, Path],
) -> None:
    """Each receiver's drafts fit; together 66,800 EUR above: said after the table, exit 0."""
    scenario_dir, plan = near_ceiling
    code, out, err = _run(plan.parent, "ledger", "propose", str(plan), "--scenario",
                          str(scenario_dir), "--format", "csv")  # fmt: skip
    assert (code, "would take" in out) == (0, False)
    assert " ".join(err.split()) == (
        "agreement wm-os-hns-2025: the drafts of ostravia and westmark under it come to "
        "158,800.00 EUR, with 58,000.00 EUR in the ledger 216,800.00 EUR, 66,800.00 EUR above "
        "its total ceiling of 150,000.00 EUR: each receiver's drafts fit it on their own, and "
        "whichever are submitted first are taken (the others then cross it)"
    )
