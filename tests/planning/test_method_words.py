"""The method: read in any case by every reader, and a missing one refused alike.

``PlanParams(method="SIMPLEX")`` was refused with no hint while ``--method SIMPLEX`` was
taken and a params file offered ``simplex`` for ``simplx``; ``plan_scenario`` raised a
ScenarioError for a method this HiGHS lacks where ``plan_movements`` and ``write_mps``
raised an ArgumentError with the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supplyline.domain import Location, LocationKind
from supplyline.errors import ArgumentError
from supplyline.planning import Method, PlanParams, plan_movements, write_mps
from supplyline.planning import highs as highs_module
from supplyline.planning.examples import one_link
from supplyline.services.planning import plan_scenario

EXAMPLE = Path(__file__).parents[2] / "examples" / "bilateral-exercise"


@given(st.sampled_from(list(Method)), st.sampled_from([str.upper, str.title, str.lower]))
def test_plan_params_takes_a_method_in_any_case(method: Method, case: Callable[[str], str]) -> None:
    """As ``--method`` does: ``SIMPLEX``, ``Ipm-Nocrossover``."""
    assert PlanParams(method=case(method.value)).method is method  # type: ignore[arg-type]


def test_a_misspelt_method_is_offered_the_one_meant() -> None:
    """The near miss ``--method simplx`` and a params file offer, after the API's words."""
    with pytest.raises(ArgumentError) as caught:
        PlanParams(method="simplx")  # type: ignore[arg-type]
    assert str(caught.value) == (
        "method(='simplx') must be one of auto, simplex, ipm, ipm-nocrossover, hipo, pdlp; "
        "did you mean 'simplex'?"
    )


def test_every_record_takes_its_words_in_any_case() -> None:
    """The one reader serves every record's enum field: ``Location(kind="DEPOT")``."""
    place = Location(id="x", name="X", partner="p", kind="DEPOT", lat=0, lon=0)  # type: ignore[arg-type]
    assert place.kind is LocationKind.DEPOT
    with pytest.raises(
        ArgumentError, match=r"kind\(='depo'\) must be one of .*did you mean 'depot'\?"
    ):
        Location(id="x", name="X", partner="p", kind="depo", lat=0, lon=0)  # type: ignore[arg-type]


def test_a_params_file_takes_the_method_in_any_case(tmp_path: Path) -> None:
    """``method = "SIMPLEX"`` in a TOML file reads as PlanParams and --method read it."""
    path = tmp_path / "plan.toml"
    path.write_text('method = "SIMPLEX"\n', encoding="utf-8")
    assert PlanParams.from_file(path).method is Method.SIMPLEX


def _through_plan_movements(_: Path) -> Any:
    return plan_movements(*one_link(), PlanParams(method=Method.PDLP))


def _through_write_mps(tmp_path: Path) -> Any:
    return write_mps(*one_link(), tmp_path / "m.mps", PlanParams(method=Method.PDLP))


def _through_plan_scenario(tmp_path: Path) -> Any:
    return plan_scenario(EXAMPLE, tmp_path / "out", params=PlanParams(method=Method.PDLP))


@pytest.mark.parametrize(
    "call", [_through_plan_movements, _through_write_mps, _through_plan_scenario]
)
def test_a_method_this_highs_lacks_is_an_argument_error_from_every_entry_point(
    call: Callable[[Path], Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One error kind and one message, before any work (nothing written)."""
    monkeypatch.setattr(highs_module, "available_methods", lambda: (Method.SIMPLEX,))
    with pytest.raises(ArgumentError) as caught:
        call(tmp_path)
    assert str(caught.value).startswith("method 'pdlp': this HiGHS build (")
    assert str(caught.value).endswith("has no PDLP solver; the methods it has: simplex")
    assert list(tmp_path.iterdir()) == []
