"""Every ledger CSV separates a cell's values with ``;`` and gives dates cells of their own.

A tester's ``ledger agreements --format csv`` wrote ``"home & host","2026-03-01 to
2026-03-31","fuel, handling, transport, water","cash, replacement_in_kind"`` where the
README says a cell that holds several values separates them with ``;`` in every CSV
supplyline writes, and every other CSV gives a date a bare ISO cell.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ledger_support import BILATERAL, BILATERAL_AGREEMENT, ledger_cli, write_hand_plan

from supplyline.domain import Delivery, Plan, PlanStatus
from supplyline.io import load_scenario
from supplyline.types import list_items


def _db(tmp_path: Path) -> str:
    """A ledger holding the bilateral example's agreement."""
    db = f"sqlite:///{tmp_path / 'l.db'}"
    ledger_cli(db, "ledger", "agreements", "import", str(BILATERAL), "--as", "westmark")
    return db


def _csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_agreements_csv_separates_parties_scope_and_modes_with_semicolons(
    tmp_path: Path,
) -> None:
    """``westmark;ostravia``, the scope and the modes each joined by ``;``, no ``&`` or ``, ``."""
    [row] = _csv(ledger_cli(_db(tmp_path), "ledger", "agreements", "--as", "westmark",
                            "--format", "csv"))  # fmt: skip
    assert row["parties"] == "westmark;ostravia"
    assert row["scope"] == ("food;fuel;fuelling;handling;rail transport;road transport;"
                            "transshipment;water")  # fmt: skip
    assert row["modes"] == "cash;replacement_in_kind;equal_value_exchange"


def test_agreements_csv_gives_the_period_two_bare_iso_dates(tmp_path: Path) -> None:
    """``valid_from`` and ``valid_to`` in cells of their own, unquoted, where ``valid`` was."""
    text = ledger_cli(_db(tmp_path), "ledger", "agreements", "--as", "westmark",
                      "--format", "csv")  # fmt: skip
    header, line = text.splitlines()[:2]
    assert header.split(",")[2:5] == ["parties", "valid_from", "valid_to"]
    assert ",2025-07-15,2025-09-30," in line


def test_agreements_json_gives_the_lists_and_dates_apart(tmp_path: Path) -> None:
    """JSON, for programs too: lists for parties, scope and modes; the two dates."""
    [row] = json.loads(ledger_cli(_db(tmp_path), "ledger", "agreements", "--as", "westmark",
                                  "--format", "json"))  # fmt: skip
    assert (row["parties"], row["valid_from"], row["valid_to"], row["modes"][0]) == (
        ["westmark", "ostravia"], "2025-07-15", "2025-09-30", "cash"
    )  # fmt: skip


def test_show_csv_separates_an_orders_decisions_with_semicolons(tmp_path: Path) -> None:
    """An acceptance's and a cancellation's notes: one value each, ``;`` between (was ``; ``)."""
    db = _db(tmp_path)
    ledger_cli(db, "ledger", "request", "--as", "westmark", "--agreement", BILATERAL_AGREEMENT,
               "--item", "fuel", "--quantity", "5", "--needed-on", "2025-08-01")  # fmt: skip
    ledger_cli(db, "ledger", "accept", "1", "--as", "ostravia", "--note", "from stock")
    ledger_cli(db, "ledger", "cancel", "1", "--as", "westmark", "--note", "not needed")
    [row] = _csv(ledger_cli(db, "ledger", "show", "1", "--as", "westmark", "--format", "csv"))
    assert row["decisions"] == (
        "accept by tester@ostravia: from stock;cancel by tester@westmark: not needed"
    )


def test_propose_csv_separates_a_drafts_units_with_semicolons(tmp_path: Path) -> None:
    """Two Westmark units fed Ostravian fuel: one draft, its ``units`` ``a;b`` (was ``a b``)."""
    scenario = load_scenario(BILATERAL)
    units = sorted(u.id for u in scenario.units if u.partner == "westmark")[:2]
    plan = Plan(scenario=scenario.name, start_date=scenario.start_date,
                horizon_days=scenario.horizon_days, status=PlanStatus.OPTIMAL, objective=0.0,
                deliveries=tuple(
                    Delivery(unit=u, location=scenario.unit(u).destination, commodity="fuel",
                             day=20, tonnes=5.0, source_partner="ostravia")
                    for u in units
                ))  # fmt: skip
    write_hand_plan(tmp_path / "plan", scenario, plan)
    [row] = _csv(ledger_cli(_db(tmp_path), "ledger", "propose",
                            str(tmp_path / "plan"), "--scenario", str(BILATERAL),
                            "--format", "csv"))  # fmt: skip
    assert row["units"] == ";".join(units)


def test_show_csv_keeps_a_note_with_semicolons_quotes_and_a_line_break(tmp_path: Path) -> None:
    """The note reads back whole; a decision's ``;`` is escaped, so the list splits in two.

    ``from stock; pier 2`` made the ``decisions`` cell read as three decisions.
    """
    db = _db(tmp_path)
    note = 'pier 2; "north" gate\nthen, left'
    ledger_cli(db, "ledger", "request", "--as", "westmark", "--agreement", BILATERAL_AGREEMENT,
               "--item", "fuel", "--quantity", "5", "--needed-on", "2025-08-01",
               "--note", note)  # fmt: skip
    ledger_cli(db, "ledger", "accept", "1", "--as", "ostravia", "--note", "from stock; pier 2")
    ledger_cli(db, "ledger", "cancel", "1", "--as", "westmark", "--note", "not needed")
    text = ledger_cli(db, "ledger", "show", "1", "--as", "westmark", "--format", "csv")
    [row] = _csv(text)
    assert row["note"] == note
    assert "from stock\\; pier 2;cancel" in row["decisions"]
    assert list_items(row["decisions"]) == [
        "accept by tester@ostravia: from stock; pier 2",
        "cancel by tester@westmark: not needed",
    ]
