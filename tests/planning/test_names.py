"""Names of an exported model: readable, unique, MPS-safe, and read back as written.

Ids that the loader would refuse (a blank, ``|``) can still reach the planner from code,
and two of them may give one name: the later one gets a ``~n`` suffix that can meet no
other name. Letters beyond ASCII are kept, so HiGHS must read them back unchanged.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from dataclasses import replace
from pathlib import Path

import highspy
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supplyline.domain import Demand, Scenario
from supplyline.errors import ArgumentError
from supplyline.planning import PlanParams, build, write_mps
from supplyline.planning.examples import make_demand, one_link
from supplyline.planning.names import (
    ModelNames,
    model_names,
    mps_model_name,
    safe_name,
    unique_names,
)
from supplyline.types import id_problem

# names that collide often, and with the suffixes unique_names gives
NAMES = st.lists(
    st.sampled_from(["a", "a~2", "a~3", "a~2~2", "b", "~", ""]) | st.text(max_size=3),
    max_size=30,
)
LOADER_IDS = (
    st.from_regex(r"[^\W_][\w.\-:]{0,63}", fullmatch=True)
    .map(lambda text: unicodedata.normalize("NFC", text))
    .filter(lambda text: id_problem(text) is None)
)
"""Ids as the loader accepts them (``supplyline.io._cells.parse_id``), in NFC as it takes them."""


@given(NAMES)
def test_unique_names_are_unique(names: list[str]) -> None:
    """Whatever the names, repeats included, no two results are equal."""
    out = unique_names(names)
    assert len(out) == len(names)
    assert len(set(out)) == len(out)


@given(NAMES)
def test_unique_names_keep_first_occurrences_and_suffix_repeats(names: list[str]) -> None:
    """A name's first occurrence is kept; a repeat is the name plus ``~n``, n >= 2."""
    seen: set[str] = set()
    for name, new in zip(names, unique_names(names), strict=True):
        if name in seen:
            assert re.fullmatch(re.escape(name) + r"~([2-9]|[1-9]\d+)", new)
        else:
            assert new == name
        seen.add(name)


def test_a_suffixed_name_skips_a_name_already_in_the_model() -> None:
    """``a~2`` written by the model itself stays, and the repeat of ``a`` becomes ``a~3``."""
    assert unique_names(["a", "a", "a~2", "a"]) == ["a", "a~3", "a~2", "a~4"]


@given(st.text())
def test_safe_name_has_no_blank_nor_separator(text: str) -> None:
    """Any text becomes a name of the same length without blanks, ``|``, ``>`` or ``~``."""
    name = safe_name(text)
    assert len(name) == len(text)
    assert not re.search(r"[\s|>~]", name)


@given(LOADER_IDS)
def test_safe_name_keeps_every_id_the_loader_accepts(scenario_id: str) -> None:
    """A loaded id (letters of any script, digits, ``_ - . :``) is its own name."""
    assert safe_name(scenario_id) == scenario_id


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("My operation", "My_operation"),
        ("Earthquake relief (fictional)", "Earthquake_relief_fictional"),
        ("Übung Nord 2025", "Übung_Nord_2025"),
        ("  ", "supplyline"),
    ],
)
def test_model_name_is_the_scenario_name_as_one_word(title: str, name: str) -> None:
    """The MPS NAME is the scenario's name, blanks and punctuation made one ``_``."""
    assert mps_model_name(title) == name


def _renamed(location_ids: tuple[str, str], link_id: str = "L1") -> tuple[Scenario, Demand]:
    """The one-link example with its depot, unit area and link renamed."""
    scenario, _ = one_link(days=3)
    depot, area = location_ids
    scenario = replace(
        scenario,
        name="Test ✓ one link",
        locations=(
            replace(scenario.locations[0], id=depot),
            replace(scenario.locations[1], id=area),
        ),
        links=(replace(scenario.links[0], id=link_id, origin=depot, destination=area),),
        units=(replace(scenario.units[0], home=area, destination=area),),
        stocks=(replace(scenario.stocks[0], location=depot),),
    )
    return scenario, make_demand(scenario, {("u1", "food"): 8.0})


def _names_of(case: tuple[Scenario, Demand]) -> ModelNames:
    problem, model = build(*case)
    return model_names(problem, model)


def test_ids_that_could_give_one_name_are_refused_at_the_door() -> None:
    """``x 1`` and ``x_1`` would both be ``x_1`` made safe: an id may not hold a space.

    Ids are the files' ids in Python too (letters, digits and ``_ - . :``), which the MPS
    names keep as they are, so no two give one name; the renaming stays for any other.
    """
    with pytest.raises(ArgumentError, match="ids cannot have"):
        _renamed(("x 1", "x_1"))
    names = _names_of(_renamed(("x.1", "x:1")))
    for kind in (names.cols, names.rows):
        assert len(set(kind)) == len(kind)
    assert "arc|food|L1|x.1>x:1|d0" in names.cols
    assert unique_names(["a", "a", "a~2"]) == ["a", "a~3", "a~2"]  # a taken name is kept


def _read_back(path: Path) -> tuple[list[str], list[str], str]:
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    assert h.readModel(str(path)) == highspy.HighsStatus.kOk
    lp = h.getLp()
    cols = [h.getColName(j)[1] for j in range(lp.num_col_)]
    rows = [h.getRowName(i)[1] for i in range(lp.num_row_)]
    with path.open(encoding="utf-8") as text:
        lines = text.readlines()
    assert lines[0].startswith("* generator: supplyline ")  # the comment a re-run knows
    return cols, rows, lines[1]  # the NAME line


@pytest.mark.parametrize(
    "location_ids",
    [
        ("x_1", "xé1"),  # the tester's pair: now two names
        ("x.1", "x:1"),
        ("dépôt", "Київ"),
        ("à-Å", "北京"),  # UTF-8 bytes 0xA0 and 0x85, blanks in Latin-1
        ("地" * 64, "д" * 64),  # the longest ids, hundreds of bytes a name
    ],
)
def test_mps_names_are_read_back_as_written(location_ids: tuple[str, str]) -> None:
    """HiGHS reads every column and row name back unchanged, and the NAME is the scenario's."""
    case = _renamed(location_ids, link_id="ŭ" * 64)
    names = _names_of(case)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.mps"
        write_mps(*case, path)
        cols, rows, first = _read_back(path)
    assert (cols, rows) == (names.cols, names.rows)
    assert first == "NAME        Test_one_link\n"


@settings(max_examples=25, deadline=None)
@given(st.lists(LOADER_IDS, min_size=2, max_size=2, unique=True))
def test_mps_names_of_any_loaded_ids_are_read_back(location_ids: list[str]) -> None:
    """Any two ids the loader accepts, of any script, come back from HiGHS as written."""
    case = _renamed((location_ids[0], location_ids[1]))
    names = _names_of(case)
    assert any(location_ids[1] in n for n in names.rows)  # kept, not transliterated
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.mps"
        write_mps(*case, path)
        cols, rows, _ = _read_back(path)
    assert (cols, rows) == (names.cols, names.rows)


@pytest.mark.parametrize("scale_objective", [True, False], ids=["scaled", "unscaled"])
def test_mps_has_names_and_the_model_costs_either_way(scale_objective: bool) -> None:
    """Scaled for HiGHS or not, the file has the model's name, its names and its costs."""
    case = _renamed(("dépôt", "x_1"))
    params = PlanParams(scale_objective=scale_objective)
    problem, model = build(*case, params)
    names = model_names(problem, model)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.mps"
        write_mps(*case, path, params)
        cols, rows, first = _read_back(path)
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.readModel(str(path))
        costs = list(h.getLp().col_cost_)
    assert first == "NAME        Test_one_link\n"
    assert (cols, rows) == (names.cols, names.rows)
    assert costs == pytest.approx(model.cost.tolist())
