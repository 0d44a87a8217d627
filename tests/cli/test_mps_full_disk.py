"""``plan --mps`` on a full disk: exit 8 naming the file, nothing left, the earlier file kept.

A tester's 64 KiB file system took 65,536 of the model's 394,624 bytes; HiGHS reported
no error and ``plan`` said "wrote the model to small/m.mps" and exited 0.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.errors import OutputError

BILATERAL = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"

_register_commands()
runner = CliRunner()


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 32 KiB tmpfs, far too small for the bilateral example's model; unmounted after.

    Skipped, with the reason, where it cannot be mounted (not root, no ``mount``, a
    container without the right).
    """
    folder = tmp_path / "small"
    folder.mkdir()
    mount = shutil.which("mount")
    if mount is None:
        pytest.skip("no mount command to make a full file system")
    made = subprocess.run(
        [mount, "-t", "tmpfs", "-o", "size=32k", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.strip() or made.returncode}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_model_the_disk_cut_short_fails_and_leaves_the_earlier_file(tiny_disk: Path) -> None:
    """Exit 8 naming m.mps; the earlier m.mps as it was; no scratch file in the folder."""
    earlier = tiny_disk / "m.mps"
    earlier.write_text("the earlier model\n", encoding="utf-8")
    result = runner.invoke(app, ["plan", str(BILATERAL), "--mps", str(earlier), "--explain", "0"])
    assert isinstance(result.exception, OutputError), result.output  # exit 8 at the entry
    assert f"cannot write {earlier}" in str(result.exception)
    assert "wrote the model" not in result.output
    assert earlier.read_text(encoding="utf-8") == "the earlier model\n"
    assert [p.name for p in tiny_disk.iterdir()] == ["m.mps"]
