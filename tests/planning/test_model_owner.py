"""The Python API's model writers replace only a model file supplyline wrote, unless forced.

``write_mps`` and ``plan_movements(mps_path=…)`` replaced any file at their path, where
``plan --mps`` and ``plan_scenario(mps=…)`` refuse a file of the user's
(``supplyline.io.destinations.check_own_file``).
"""

from __future__ import annotations

from pathlib import Path

import highspy
import pytest

from supplyline.errors import OutputError
from supplyline.io.destinations import check_own_file
from supplyline.io.own_files import MPS_MODEL
from supplyline.planning import plan_movements, write_mps
from supplyline.planning import solve as solve_module
from supplyline.planning.examples import one_link
from supplyline.planning.model_owner import GENERATOR_COMMENT, check_model_target

USERS_MODEL = "NAME mine\nROWS\n N  Obj\nENDATA\n"


def _refuse_work(*_: object, **__: object) -> None:
    raise AssertionError("the model was prepared before the file at its path was checked")


def test_write_mps_refuses_a_file_of_the_users_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A model file not written by supplyline stays as it was, and no model is built."""
    mine = tmp_path / "mine.mps"
    mine.write_text(USERS_MODEL)
    monkeypatch.setattr(solve_module, "prepare", _refuse_work)
    with pytest.raises(OutputError, match=r"not an MPS model supplyline wrote.*force=True"):
        write_mps(*one_link(), mine)
    assert mine.read_text() == USERS_MODEL


def test_plan_movements_refuses_a_file_of_the_users_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``mps_path`` is checked as ``write_mps``'s path is, before the solve."""
    mine = tmp_path / "mine.mps"
    mine.write_text(USERS_MODEL)
    monkeypatch.setattr(solve_module, "prepare", _refuse_work)
    with pytest.raises(OutputError, match="choose another path, or pass force=True"):
        plan_movements(*one_link(), mps_path=mine)
    assert mine.read_text() == USERS_MODEL


@pytest.mark.parametrize("writer", ["write_mps", "plan_movements"])
def test_force_replaces_a_file_of_the_users(tmp_path: Path, writer: str) -> None:
    """With ``force=True`` the model replaces the user's file, and begins with the tag."""
    mine = tmp_path / "mine.mps"
    mine.write_text(USERS_MODEL)
    if writer == "write_mps":
        write_mps(*one_link(), mine, force=True)
    else:
        plan_movements(*one_link(), mps_path=mine, force=True)
    assert mine.read_text().startswith(GENERATOR_COMMENT)


@pytest.mark.parametrize("earlier", ["write_mps", "empty"])
def test_a_model_supplyline_wrote_or_an_empty_file_is_replaced(
    tmp_path: Path, earlier: str
) -> None:
    """Writing the same model again needs no force; nor does an empty file."""
    path = tmp_path / "model.mps"
    if earlier == "write_mps":
        write_mps(*one_link(), path)
    else:
        path.write_text("")
    write_mps(*one_link(), path)
    plan_movements(*one_link(), mps_path=path)
    assert path.read_text().startswith(GENERATOR_COMMENT)


def test_the_tagged_model_reads_back_in_highs(tmp_path: Path) -> None:
    """The comment line on top leaves the file a model HiGHS reads, of the written size."""
    path = tmp_path / "model.mps"
    model = write_mps(*one_link(), path)
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    assert h.readModel(str(path)) == highspy.HighsStatus.kOk
    assert h.getNumCol() == model.num_cols


def test_the_model_a_python_writer_wrote_is_one_the_cli_may_replace(tmp_path: Path) -> None:
    """``plan --mps``'s check knows ``write_mps``'s file for supplyline's own."""
    path = tmp_path / "model.mps"
    write_mps(*one_link(), path)
    check_own_file(path, MPS_MODEL)


@pytest.mark.parametrize("text", [USERS_MODEL, "* generator: someone else\nNAME x\n", "x"])
def test_planning_refuses_in_the_words_of_the_other_writers(tmp_path: Path, text: str) -> None:
    """The refusal reads as ``check_own_file``'s for an MPS model, word for word."""
    path = tmp_path / "m.mps"
    path.write_text(text)
    with pytest.raises(OutputError) as planning_said:
        check_model_target(path)
    with pytest.raises(OutputError) as io_said:
        check_own_file(path, MPS_MODEL)
    assert str(planning_said.value) == str(io_said.value)
