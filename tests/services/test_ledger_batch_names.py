"""A batch that fails on an agreement names it as its user wrote it: id, file and line.

It said ``agreements[0] ('wm-os-hns-2025'): agreement 'wm-os-hns-2025' is already in the
ledger …``: an index into a list no user typed, and the id twice. It now reads as the
request error does (``the request for food from aidnet by hostgov under agreement …``).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest
from ledger_support import NLD, make_agreement

from supplyline.errors import ConflictError
from supplyline.io import agreement_sources
from supplyline.services.ledger import OrderRequest, open_ledger

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
AGREEMENT = "wm-os-hns-2025"


def _import(folder: Path, db: Path) -> subprocess.CompletedProcess[str]:
    """``ledger agreements import FOLDER --as westmark`` on a SQLite file, as a user runs it."""
    command = ["ledger", "agreements", "import", str(folder), "--as", "westmark"]
    return subprocess.run(
        [sys.executable, "-m", "supplyline", *command, "--db", f"sqlite:///{db}"],
        capture_output=True,
        text=True,
        env={**os.environ, "USER": "tester", "COLUMNS": "400"},
        timeout=120,
        check=False,
    )


def test_an_import_names_the_agreement_by_id_file_and_line(tmp_path: Path) -> None:
    """Other terms under an id the ledger holds: exit 5, named by id and line, once."""
    db = tmp_path / "ledger.db"
    assert _import(EXAMPLE, db).returncode == 0
    changed = tmp_path / "scenario"
    shutil.copytree(EXAMPLE, changed)
    yaml_file = changed / "agreements.yaml"
    yaml_file.write_text(
        yaml_file.read_text(encoding="utf-8").replace('"150000.00"', '"140000.00"'),
        encoding="utf-8",
    )
    done = _import(changed, db)
    assert done.returncode == 5, done.stderr
    said = " ".join(done.stderr.split())
    assert (
        f"agreement '{AGREEMENT}' (agreements.yaml line 2) is already in the ledger with "
        "different terms; give the new terms a new id; nothing was imported"
    ) in said
    assert "agreements[" not in said


def test_a_request_batch_names_the_agreement_it_cannot_store(tmp_path: Path) -> None:
    """``request_all`` (``propose --submit``) with the folder's sources: its line, no index.

    One id with two sets of terms is what a batch itself refuses (a price the ledger
    cannot hold the ``Agreement`` refuses as it is built).
    """
    other = dataclasses.replace(make_agreement("A-1"), name="other terms")
    ledger = open_ledger(f"sqlite:///{tmp_path / 'ledger.db'}")
    request = OrderRequest(agreement_id="A-1", item="fuel", quantity=D("5"))
    with pytest.raises(ConflictError) as caught:
        ledger.request_all(
            NLD,
            [request],
            agreements=[make_agreement("A-1"), other],
            sources={"A-1": "agreements.yaml line 14"},
        )
    assert str(caught.value) == (
        "agreement 'A-1' (agreements.yaml line 14): given twice with different terms; give "
        "the new terms a new id; nothing was stored (no agreement imported, no order made)"
    )


def test_the_sources_are_where_each_entry_starts() -> None:
    """The relief example's three agreements, each at its ``- id:`` line."""
    sources = agreement_sources(EXAMPLE.parent / "relief-operation")
    lines = (EXAMPLE.parent / "relief-operation" / "agreements.yaml").read_text().splitlines()
    assert len(sources) == 3
    for agreement_id, where in sources.items():
        line = int(where.removeprefix("agreements.yaml line "))
        assert lines[line - 1].strip() == f"- id: {agreement_id}"
