"""The Python API's model writers write a scratch file and rename it over the target only whole.

``write_mps`` and ``plan_movements(mps_path=…)`` wrote straight onto their path: a full
disk removed the user's earlier model and left a cut-off one, where ``plan --mps`` kept
the earlier file. The failure is provoked by a ``writeModel`` that writes half a file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import highspy
import pytest

from supplyline.errors import OutputError
from supplyline.io.destinations import check_file_target
from supplyline.planning import plan_movements, write_mps
from supplyline.planning import solve as solve_module
from supplyline.planning.examples import one_link
from supplyline.planning.model_owner import GENERATOR_COMMENT

EARLIER = (GENERATOR_COMMENT + "NAME earlier\nROWS\n N  Obj\nENDATA\n").encode()
_REAL_WRITE = highspy.Highs.writeModel


def _half_writer(status: highspy.HighsStatus) -> Callable[[highspy.Highs, str], object]:
    """A ``writeModel`` that writes the first half of the model, as a full disk does."""

    def write_half(h: highspy.Highs, path: str) -> object:
        _REAL_WRITE(h, path)
        whole = Path(path).read_bytes()
        Path(path).write_bytes(whole[: len(whole) // 2])
        return status

    return write_half


def _write(writer: str, path: Path, *, force: bool = False) -> None:
    if writer == "write_mps":
        write_mps(*one_link(), path, force=force)
    else:
        plan_movements(*one_link(), mps_path=path, force=force)


@pytest.mark.parametrize("writer", ["write_mps", "plan_movements"])
@pytest.mark.parametrize(
    ("status", "said"),
    [
        (highspy.HighsStatus.kError, "HiGHS failed to write the file"),
        (highspy.HighsStatus.kOk, "without the closing ENDATA line"),  # HiGHS said nothing
    ],
)
def test_a_failed_write_keeps_the_earlier_model_byte_for_byte(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    writer: str,
    status: highspy.HighsStatus,
    said: str,
) -> None:
    """The earlier model stays as it was, the error names it, and no scratch file is left."""
    model = tmp_path / "m.mps"
    model.write_bytes(EARLIER)
    monkeypatch.setattr(highspy.Highs, "writeModel", _half_writer(status))
    with pytest.raises(OutputError, match=rf"cannot write {model}: .*{said}"):
        _write(writer, model)
    assert model.read_bytes() == EARLIER
    assert [p.name for p in tmp_path.iterdir()] == ["m.mps"]


@pytest.mark.parametrize("writer", ["write_mps", "plan_movements"])
def test_a_whole_write_replaces_the_earlier_model(tmp_path: Path, writer: str) -> None:
    """Once whole and tagged, the new model is renamed over the earlier one; no scratch stays."""
    model = tmp_path / "m.mps"
    model.write_bytes(EARLIER)
    _write(writer, model)
    text = model.read_text()
    assert text.startswith(GENERATOR_COMMENT)
    assert "NAME earlier" not in text
    assert text.rstrip().endswith("ENDATA")
    assert [p.name for p in tmp_path.iterdir()] == ["m.mps"]


def _refuse_work(*_: object, **__: object) -> None:
    raise AssertionError("the model was prepared before its path was checked")


@pytest.mark.parametrize("writer", ["write_mps", "plan_movements"])
@pytest.mark.parametrize("force", [False, True])
def test_a_folder_at_the_path_is_refused_in_the_clis_words_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str, force: bool
) -> None:
    """``d.mps`` a folder: the message ``plan --mps`` gives (check_file_target), no work done."""
    folder = tmp_path / "d.mps"
    folder.mkdir()
    with pytest.raises(OutputError) as cli_words:
        check_file_target(folder)
    monkeypatch.setattr(solve_module, "prepare", _refuse_work)
    with pytest.raises(OutputError) as api_words:
        _write(writer, folder, force=force)
    assert (
        str(api_words.value)
        == str(cli_words.value)
        == f"cannot write the file {folder}: it is a folder"
    )


@pytest.mark.parametrize("writer", ["write_mps", "plan_movements"])
def test_missing_folders_on_the_path_are_made(tmp_path: Path, writer: str) -> None:
    """As ``plan --mps nodir/m.mps`` does: the folders are made when the model is whole."""
    model = tmp_path / "nodir" / "deeper" / "m.mps"
    _write(writer, model)
    assert model.read_text().startswith(GENERATOR_COMMENT)


def test_a_failed_write_makes_no_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scratch sits in the nearest existing folder: a failure leaves no new folder."""
    monkeypatch.setattr(highspy.Highs, "writeModel", _half_writer(highspy.HighsStatus.kError))
    with pytest.raises(OutputError, match="HiGHS failed"):
        write_mps(*one_link(), tmp_path / "nodir" / "m.mps")
    assert list(tmp_path.iterdir()) == []
