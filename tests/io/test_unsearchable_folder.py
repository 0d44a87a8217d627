"""A scenario folder its reader may not look into is said, not a traceback.

A tester's ``chmod 000 P2`` then ``supplyline plan P2`` as another user ended in a
PermissionError raised by the first look at ``P2/scenario.yaml``, exit 1. Run as nobody
when the tests run as root (root may read anything).
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


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder under /tmp that another user may enter (pytest's own is its user's alone)."""
    made = Path(tempfile.mkdtemp(prefix="sl-perm-", dir="/tmp"))
    made.chmod(0o755)
    yield made
    for path in made.rglob("*"):
        path.chmod(0o755)
    shutil.rmtree(made)


@pytest.mark.skipif(AS_ROOT and shutil.which("setpriv") is None, reason="no setpriv to drop root")
@pytest.mark.parametrize("mode", [0o000, 0o644])
def test_a_folder_without_search_permission_is_said(
    shared_folder: Path, bilateral_dir: Path, mode: int
) -> None:
    """`validate P` of a folder it cannot enter: exit 2, the folder and the permission named."""
    folder = shared_folder / "P"
    shutil.copytree(bilateral_dir, folder)
    folder.chmod(mode)
    as_other = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if AS_ROOT else []
    code = "import sys; from supplyline.cli.app import main; sys.argv[0] = 'supplyline'; main()"
    done = subprocess.run(
        [*as_other, sys.executable, "-c", code, "validate", str(folder)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert f"{folder}: cannot be read: Permission denied" in done.stderr
    assert "Traceback" not in done.stderr
