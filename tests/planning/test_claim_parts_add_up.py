"""A claim's named units and "elsewhere" add up, as written, to the figure it states.

A tester's plan read "removes 343 t of shortfall (all of it): 343 t less water short (131 t
at os-mrb, 115 t at wm-inf-1 and 96.25 t elsewhere)": the parts added up to 342.25, beside
a shortfall table whose total read 342.51.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from supplyline.planning.shortfall_words import shortfall_words

EPS = 1e-3
UNITS = ("u0", "u1", "u2", "u3", "u4")
CLAUSE = re.compile(
    r"^removes ([\d,.]+) t of shortfall(?: \(all of it\))?: ([\d,.]+) t less w short"
)
INSIDE = re.compile(r"short \((.*)\)$")
FIGURE = re.compile(
    r"(<?[\d,.]+) t(?: (less|more))? (?:at \S+|elsewhere|spread over several units)"
)


def _number(text: str) -> Decimal:
    """A figure as written; ``<0.01`` (too small for the sentence's decimals) counts as 0."""
    return Decimal(0) if text.startswith("<") else Decimal(text.replace(",", ""))


@given(
    st.lists(st.integers(1, 40_000_000), min_size=1, max_size=len(UNITS)),
    st.lists(st.integers(0, 3_000_000), max_size=2),
    st.one_of(st.none(), st.integers(0, 4)),
)
def test_named_parts_and_elsewhere_add_up_to_the_stated_figure(
    less_mg: list[int], more_mg: list[int], decimals: int | None
) -> None:
    """For random amounts, the figures in the brackets add up to the figure stated, as read.

    Units less short (up to 40 t each, to the milligram), a few more short (the other way,
    said apart), the table's decimals or none: the stated figure, the commodity's and the
    parts read alike, each figure signed by its way.
    """
    change = {(u, "w"): -mg / 1e6 for u, mg in zip(UNITS, less_mg, strict=False)}
    change |= {(f"m{i}", "w"): mg / 1e6 for i, mg in enumerate(more_mg) if mg}
    removed = -sum(change.values())
    if removed <= EPS:
        return  # a claim says "removes" only of a shortfall removed
    said = shortfall_words(removed, change, EPS, all_of_it=True, decimals=decimals)
    head = CLAUSE.match(said)
    assert head is not None, said
    stated, commodity = _number(head.group(1)), _number(head.group(2))
    assert stated == commodity, said
    inside = INSIDE.search(said)
    if inside is None:  # "… short at u0" or spread too thin to name: the figure alone
        return
    parts = [
        (-1 if way == "more" else 1) * _number(figure)
        for figure, way in FIGURE.findall(inside.group(1))
    ]
    assert sum(parts, Decimal(0)) == stated, said


def test_the_testers_claim_reads_the_tables_figures() -> None:
    """The scenario's figures: 131.04 + 115.22 + 96.25 = 342.51, the table's total."""
    change = {("os-mrb", "w"): -131.04, ("wm-inf-1", "w"): -115.22}
    change |= {(f"u{i}", "w"): -96.25 / 3 for i in range(3)}
    said = shortfall_words(342.51, change, EPS, all_of_it=True, decimals=2)
    assert said == (
        "removes 342.51 t of shortfall (all of it): 342.51 t less w short (131.04 t at "
        "os-mrb, 115.22 t at wm-inf-1 and 96.25 t elsewhere)"
    )
