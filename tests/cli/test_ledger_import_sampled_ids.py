"""``ledger agreements import`` of many agreements counts them and names a few; programs get all.

A tester's import of 3,000 agreements printed all 3,000 ids in its summary (~40 screen
lines). The summary now says the count, the first five and the last; ``--format json``
and ``csv`` list every id.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.id_sample import FIRST_SHOWN, sampled_ids

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
COUNT = 20


def _many_agreements(folder: Path) -> Path:
    """The example, its agreement given ``COUNT`` times under the ids a-00 … a-19."""
    text = (EXAMPLE / "agreements.yaml").read_text(encoding="utf-8")
    one = text[text.index("- id: ") :]
    shutil.copytree(EXAMPLE, folder)
    (folder / "agreements.yaml").write_text(
        "".join(one.replace("wm-os-hns-2025", f"a-{i:02}", 1) for i in range(COUNT)),
        encoding="utf-8",
    )
    return folder


def _import(tmp_path: Path, *more: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one import into the ledger in ``tmp_path``."""
    _register_commands()
    db = f"sqlite:///{tmp_path / 'l.db'}"
    folder = tmp_path / "many"
    if not folder.exists():
        _many_agreements(folder)
    args = ["ledger", "agreements", "import", str(folder), "--as", "westmark", "--db", db, *more]
    result = CliRunner().invoke(app, args, env={"USER": "tester"})
    return result.exit_code, result.stdout, result.stderr


def test_the_summary_names_the_first_few_and_the_last(tmp_path: Path) -> None:
    """20 added: five ids, ``…``, the last, and how many more (as the terminal wraps it)."""
    code, out, said = _import(tmp_path)
    assert (code, " ".join(out.split()), said) == (
        0,
        "agreements: 20 added (a-00, a-01, a-02, a-03, a-04 … a-19, and 14 more), "
        "0 already there, 0 not westmark's",
        "",
    )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_json_and_csv_list_every_id(tmp_path: Path, fmt: str) -> None:
    """Every id, by what became of it, on stdout; the summary on stderr."""
    code, out, said = _import(tmp_path, "--format", fmt)
    ids = [f"a-{i:02}" for i in range(COUNT)]
    if fmt == "json":
        assert json.loads(out) == {"added": ids, "unchanged": [], "skipped": []}
    else:
        assert out.splitlines() == ["agreement,result"] + [f'"{i}","added"' for i in ids]
    assert (code, said.startswith("agreements: 20 added (a-00,")) == (0, True)


@given(st.lists(st.text(alphabet="abc-0123", min_size=1, max_size=6), max_size=40))
def test_every_id_is_shown_or_counted_once(ids: list[str]) -> None:
    """The ids named and the ``N more`` add up to the list; a short list is named whole."""
    said = sampled_ids(ids)
    if len(ids) <= FIRST_SHOWN + 2:
        assert said == (f" ({', '.join(ids)})" if ids else "")
    else:
        more = len(ids) - FIRST_SHOWN - 1
        assert said.endswith(f", and {more:,} more)")
        assert said.startswith(f" ({', '.join(ids[:FIRST_SHOWN])} … {ids[-1]},")
