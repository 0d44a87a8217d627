"""Aliases repeat at most :data:`REPEAT_BUDGET` values in a file: a nest of them is refused.

A tester's 995-byte agreements.yaml of aliases of lists of aliases ("billion laughs")
took 8 s to validate, one more level 93 s, each further level ten times more. Now the
alias that would pass the budget is said at its line and key, and the file's work is
its size plus the budget, whatever the nesting.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from io_helpers import error_lines

from supplyline.io import load_scenario
from supplyline.io._yamltree import REPEAT_BUDGET, YNode, parse_yaml


def nest(levels: int) -> list[str]:
    """A list of ten words anchored ``&l0``, then ``levels`` lists of ten aliases of the last.

    Aliases repeat 110, 1,110 and 11,110 values for l1 to l3; seven of l4's ten aliases
    of l3 (11,111 values each) fit in the budget, and its eighth (``[7]``) does not.
    """
    lines = ["&l0 [a, b, c, d, e, f, g, h, i, j]"]
    for k in range(1, levels + 1):
        lines.append(f"&l{k} [{', '.join([f'*l{k - 1}'] * 10)}]")
    return lines


def counted(node: YNode, limit: int) -> int:
    """The values a tree holds with every alias written out, counting no further than ``limit``."""
    seen, stack = 0, [node]
    while stack and seen <= limit:
        item = stack.pop()
        seen += 1
        if isinstance(item.value, list):
            stack.extend(item.value)
        elif isinstance(item.value, dict):
            stack.extend(item.value.values())
    return seen


@pytest.mark.parametrize("levels", [6, 7, 12, 30])
def test_a_nest_of_aliases_in_agreements_yaml_is_refused_at_its_alias(
    folder: Path, levels: int
) -> None:
    """The alias past the budget is said at its line and key, in one quick load."""
    text = "- id: mou-1\n  parties: [home, host]\n  valid_from: 2025-05-15\n"
    text += "  valid_to: 2025-07-31\n  services:\n"
    text += "".join(f"    - {line}\n" for line in nest(levels))
    (folder / "agreements.yaml").write_text(text, encoding="utf-8")
    said = [e for e in error_lines(folder) if "would repeat" in e]
    assert said == [
        "agreements.yaml:10: [0].services[4][7]: the alias *l3 would repeat 11,111 values, "
        "past the 100,000 the aliases of one file may repeat (an alias of a list of aliases "
        "multiplies them): write the values out, or use fewer aliases; the aliases after "
        "this one are not read"
    ]


@pytest.mark.parametrize("levels", [6, 12, 30])
def test_a_nest_of_aliases_in_scenario_yaml_is_refused_with_its_other_errors(
    folder: Path, levels: int
) -> None:
    """In scenario.yaml too; its other keys are still checked, and said in the same run."""
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    text = text.replace("horizon_days: 30", "horizon_days: 0")
    text += "".join(f"x{k}: {line}\n" for k, line in enumerate(nest(levels)))
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    said = error_lines(folder)
    assert [e.split(": the alias")[0] for e in said if "would repeat" in e] == [
        f"scenario.yaml:{len(text.splitlines()) - levels + 4}: x4[7]"
    ]
    assert any(e.startswith("scenario.yaml:6: horizon_days: 0 is too small") for e in said)


def test_an_alias_for_a_shared_list_still_reads(folder: Path) -> None:
    """An anchor written once and repeated by an alias is what aliases are for: it loads."""
    text = (folder / "agreements.yaml").read_text(encoding="utf-8")
    text = text.replace("commodities: [water, fuel]", "commodities: &both [water, fuel]")
    second = text.split("- id: mou-1", 1)[1].replace("name: Host", "name: Second host")
    second = second.replace("&both [water, fuel]", "*both")
    (folder / "agreements.yaml").write_text(text + "- id: mou-2" + second, encoding="utf-8")
    scenario = load_scenario(folder)
    assert [sorted(a.commodities) for a in scenario.agreements] == [["fuel", "water"]] * 2


def test_a_recursive_alias_is_said_at_the_alias(folder: Path) -> None:
    """``&r [a, *r]``: the alias that refers to its own list, at its line and key."""
    text = (folder / "agreements.yaml").read_text(encoding="utf-8")
    text = text.replace("services: [transport, handling]", "services: &r [transport, *r]")
    (folder / "agreements.yaml").write_text(text, encoding="utf-8")
    assert error_lines(folder) == [
        "agreements.yaml:8: [0].services[1]: the alias *r stands for a value that contains "
        "it (recursive YAML): write the value out"
    ]


@st.composite
def alias_graphs(draw: st.DrawFn) -> str:
    """A YAML mapping of anchored lists, each of words and aliases of earlier anchors."""
    lines: list[str] = []
    for k in range(draw(st.integers(1, 14))):
        items = draw(
            st.lists(
                st.sampled_from(["w"] + [f"*a{j}" for j in range(k)])
                | st.just("[x, y]")
                | st.sampled_from([f"{{k: *a{j}}}" for j in range(k)] or ["z"]),
                max_size=12,
            )
        )
        lines.append(f"k{k}: &a{k} [{', '.join(items)}]")
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(text=alias_graphs())
def test_no_file_of_aliases_stands_for_more_than_its_size_and_the_budget(text: str) -> None:
    """Whatever the aliases, the tree read holds at most its own values and the budget."""
    tree, problems = parse_yaml(text)
    assert tree is not None
    written = text.count(",") + text.count("[") + text.count("{") + text.count("\n") + 1
    assert counted(tree, 10 * REPEAT_BUDGET) <= 2 * written + REPEAT_BUDGET
    refused = [p for p in problems if "would repeat" in p.message]
    assert len(refused) <= 1
    for problem in refused:
        assert problem.line is not None
        assert problem.column is not None
        assert problem.column.startswith(f"k{problem.line - 1}[")


def _plain(node: YNode) -> Any:
    if isinstance(node.value, list):
        return [_plain(item) for item in node.value]
    return node.value


def test_an_alias_repeats_its_anchors_values() -> None:
    """Below the budget, an alias reads as the values its anchor wrote."""
    tree, problems = parse_yaml("a: &x [1, [2, 3]]\nb: *x\nc: [*x, *x]\n")
    assert problems == []
    assert tree is not None
    assert _plain(tree.value["c"]) == [[1, [2, 3]], [1, [2, 3]]]
    assert (tree.value["b"].line, tree.value["c"].value[1].line) == (2, 3)
