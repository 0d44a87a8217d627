"""PyVRP's warnings reach the user as notes in our words, never as advice on PyVRP's knobs."""

from __future__ import annotations

import warnings

from pyvrp.exceptions import PenaltyBoundWarning

from supplyline.routing.solver import _notes

PENALTY = (
    "A penalty parameter has reached its maximum value. This means PyVRP struggles to find "
    "a feasible solution for this instance, ... consider increasing PenaltyParams.max_penalty."
)


def _caught(*messages: tuple[str, type[Warning]]) -> list[warnings.WarningMessage]:
    return [warnings.WarningMessage(text, kind, "pyvrp.py", 1) for text, kind in messages]


def test_the_penalty_warning_is_left_out_beside_feasible_routes() -> None:
    """A transport officer read it as 'no routes may exist' beside routes that kept every limit."""
    caught = _caught((PENALTY, PenaltyBoundWarning), ("another   note\n here", UserWarning))
    assert _notes(caught, feasible=True) == ("another note here",)


def test_the_penalty_warning_is_said_in_our_words_without_feasible_routes() -> None:
    (note,) = _notes(_caught((PENALTY, PenaltyBoundWarning), (PENALTY, PenaltyBoundWarning)), False)
    assert "found no routes that keep every limit" in note
    assert "PenaltyParams" not in note
