"""A folder its user may not look into is said, not a traceback, with the exit code of its kind.

A tester's ``chmod 000 P2`` then ``supplyline plan P2`` as another user ended in a
PermissionError raised by the first look at ``P2/scenario.yaml``, exit 1. Their
``--report`` or ``--mps`` into a folder without search permission exited 2 ("Invalid
value"), where the same fault of ``--out`` exited 8, and ``ledger statement -o`` raised a
traceback. Run as nobody when the tests run as root (root may read anything).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

AS_ROOT = os.geteuid() == 0
AS_OTHER = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if AS_ROOT else []
"""The command prefix that runs a command as a user other than root (none: not root)."""
NO_SETPRIV = pytest.mark.skipif(
    AS_ROOT and shutil.which("setpriv") is None, reason="no setpriv to drop root"
)


def _run_as_other(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run the command line as nobody when the tests run as root, else as the tester."""
    code = "import sys; from supplyline.cli.app import main; sys.argv[0] = 'supplyline'; main()"
    return subprocess.run(
        [*AS_OTHER, sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=300,
        check=False,
    )


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder under /tmp that another user may enter (pytest's own is its user's alone)."""
    made = Path(tempfile.mkdtemp(prefix="sl-perm-", dir="/tmp"))
    made.chmod(0o755)
    yield made
    for path in made.rglob("*"):
        path.chmod(0o755)
    shutil.rmtree(made)


@NO_SETPRIV
@pytest.mark.parametrize("mode", [0o000, 0o644])
def test_a_folder_without_search_permission_is_said(
    shared_folder: Path, bilateral_dir: Path, mode: int
) -> None:
    """`validate P` of a folder it cannot enter: exit 2, the folder and the permission named."""
    folder = shared_folder / "P"
    shutil.copytree(bilateral_dir, folder)
    folder.chmod(mode)
    done = _run_as_other("validate", folder)
    assert done.returncode == 2, done.stderr
    assert f"{folder}: cannot be read: Permission denied" in done.stderr
    assert "Traceback" not in done.stderr


@NO_SETPRIV
@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["plan", "{s}", "--out", "{x}/o"], "o"),
        (["plan", "{s}", "--report", "{x}/r.html"], "r.html"),
        (["plan", "{s}", "--mps", "{x}/m.mps"], "m.mps"),
        (["plan", "{s}", "--report", "{x}/r.html", "--force"], "r.html"),
        (["routes", "{s}", "--day", "14", "--report", "{x}/r.html"], "r.html"),
        (["routes", "{s}", "--day", "14", "--out", "{x}/o"], "o"),
        (["requirements", "{s}", "--out", "{x}/o"], "o"),
        (["routes-bench", "{s}/no-instance.txt", "--out", "{x}/b.sol"], "b.sol"),
        (["ledger", "statement", "--as", "westmark", "-o", "{x}/s.csv", "--db", "{db}"], "s.csv"),
        (["ledger", "statement", "--as", "westmark", "-o", "{x}/s", "--db", "{db}"], "s"),
    ],
    ids=lambda v: " ".join(w for w in v if w[0] != "{") if isinstance(v, list) else None,
)
def test_an_output_in_a_folder_without_search_permission_exits_8_before_any_work(
    shared_folder: Path, bilateral_dir: Path, args: list[str], name: str
) -> None:
    """Every output option into ``x`` (``rw-``, no search): exit 8, in ``--out``'s words.

    Before any work (nothing solved, no ledger opened), nothing written anywhere.
    """
    scenario, unsearchable = shared_folder / "S", shared_folder / "x"
    shutil.copytree(bilateral_dir, scenario)
    unsearchable.mkdir()
    unsearchable.chmod(0o666)  # nobody may search it, its owner neither (not root)
    before = sorted(shared_folder.rglob("*"))
    db = f"sqlite:///{shared_folder / 'ledger.db'}"
    done = _run_as_other(*(a.format(s=scenario, x=unsearchable, db=db) for a in args))
    assert done.returncode == 8, done.stderr
    assert (
        f"error: cannot write {unsearchable / name}: Permission denied (check the permissions "
        "of the folders on its way)" in done.stderr
    )
    assert "Invalid value" not in done.stderr
    assert "Traceback" not in done.stderr
    assert "solving" not in done.stderr
    assert sorted(shared_folder.rglob("*")) == before
