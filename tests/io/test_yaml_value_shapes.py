"""A YAML value of the wrong shape is said in the file's words, at its line (tester t124).

``services: [[rail, road], {handling: yes}]`` passed and was stored as the text of
Python's objects (``"[YNode(value='rail', …)]"``); nested parties were told "id is
missing", and prices and ceilings showed ``YNode(...)``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from io_helpers import edit, error_lines

from supplyline.errors import ScenarioError
from supplyline.io import load_scenario
from supplyline.io._agreements import AGREEMENT_KEYS
from supplyline.io.template import write_template

LIST_ITEM = "not a single value: {key} is a list of single values, such as [a, b]"


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        pytest.param(
            "services: [transport, handling]", "services: [[rail, road], {handling: yes}]",
            [f"agreements.yaml:8: [0].services: an item is a list ([rail, road]), "
             f"{LIST_ITEM.format(key='services')}",
             f"agreements.yaml:8: [0].services: an item is a mapping ({{handling: yes}}), "
             f"{LIST_ITEM.format(key='services')}"],
            id="services",
        ),
        pytest.param(
            "parties: [home, host]", "parties: [[home], host]",
            [f"agreements.yaml:4: [0].parties: an item is a list ([home]), "
             f"{LIST_ITEM.format(key='parties')}"],
            id="parties",
        ),
        pytest.param(
            "commodities: [water, fuel]", "commodities: [[water], fuel]",
            [f"agreements.yaml:7: [0].commodities: an item is a list ([water]), "
             f"{LIST_ITEM.format(key='commodities')}"],
            id="commodities",
        ),
        pytest.param(
            "reimbursement_modes: [cash, replacement_in_kind]", "reimbursement_modes: [[cash]]",
            [f"agreements.yaml:9: [0].reimbursement_modes: an item is a list ([cash]), "
             f"{LIST_ITEM.format(key='reimbursement_modes')}"],
            id="modes",
        ),
        pytest.param(
            'fuel: "1450.00"}', "fuel: [1]}",
            ["agreements.yaml:11: [0].prices.fuel: price of 'fuel': must be an amount such as "
             "1250.00, not a list ([1])"],
            id="price",
        ),
        pytest.param(
            'fuel: "1450.00"}', "fuel: {per_t: 1, currency: [USD]}}",
            ["agreements.yaml:11: [0].prices.fuel: price of 'fuel': must be a currency code "
             "such as EUR, not a list ([USD])"],
            id="price-currency",
        ),
        pytest.param(
            'ceiling_total: "250000.00"', "ceiling_total: [5]",
            ["agreements.yaml:12: [0].ceiling_total: must be an amount such as 1250.00, not a "
             "list ([5])"],
            id="ceiling",
        ),
        pytest.param(
            "currency: EUR", "currency: {code: EUR}",
            ["agreements.yaml:10: [0].currency: must be a single value, not a mapping "
             "({code: EUR})"],
            id="currency",
        ),
    ],
)  # fmt: skip
def test_a_nested_value_says_what_it_got(folder: Path, old: str, new: str, said: list[str]) -> None:
    """Each field says what it expected and what it got, at its line: no Python repr."""
    edit(folder, "agreements.yaml", old, new)
    assert error_lines(folder) == said


def test_a_price_outside_the_commodities_is_said_at_its_own_line(folder: Path) -> None:
    """The price for 'water' on line 13 is said there, at its own key (it was said at 9)."""
    edit(folder, "agreements.yaml", "commodities: [water, fuel]", "commodities: [fuel]")
    edit(
        folder,
        "agreements.yaml",
        '{water: "4.50", fuel: "1450.00"}',
        '\n\n\n    fuel: "1450.00"\n\n\n\n    water: "10"',
    )
    assert error_lines(folder) == [
        "agreements.yaml:18: [0].prices.water: price for 'water', which is not in the "
        "agreement's commodities (fuel)"
    ]


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6) | st.dates(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(key=st.sampled_from(AGREEMENT_KEYS), value=_VALUES)
def test_any_value_of_any_agreement_key_is_said_in_a_persons_words(
    tmp_path_factory: pytest.TempPathFactory, key: str, value: object
) -> None:
    """Any value of any key loads, or is said without a Python repr or a traceback."""
    folder = write_template(tmp_path_factory.mktemp("s") / "s")
    entry = yaml.safe_load((folder / "agreements.yaml").read_text(encoding="utf-8"))[0]
    entry[key] = value
    (folder / "agreements.yaml").write_text(yaml.safe_dump([entry]), encoding="utf-8")
    try:
        scenario = load_scenario(folder)
    except ScenarioError as error:
        for issue in error.issues:
            assert "YNode" not in issue.message
            assert "datetime." not in issue.message
            assert issue.line is not None or issue.file != "agreements.yaml"
        return
    [agreement] = scenario.agreements
    words = [agreement.name, *agreement.parties, *agreement.commodities, *agreement.services]
    assert all(isinstance(word, str) and "YNode" not in word for word in words)


def test_problems_of_the_yaml_are_said_with_the_files_other_errors(folder: Path) -> None:
    """A repeated key, a recursive alias and a tag no longer hide the rest of the file."""
    text = (folder / "scenario.yaml").read_text(encoding="utf-8")
    text = text.replace("horizon_days: 30", "horizon_days: 0")
    text = text.replace("priority: 2", "priority: 12")
    text = text.replace("{time_limit_s: 60}", "{time_limit_s: !!binary aGVsbG8=}")
    text = text.replace("planning_factors: {}", "planning_factors: &r {a.b: *r}")
    text += "name: Again\n"
    (folder / "scenario.yaml").write_text(text, encoding="utf-8")
    lines = len(text.splitlines())
    assert error_lines(folder) == [
        "scenario.yaml:6: horizon_days: 0 is too small (a whole number from 1 to 3,660 days)",
        "scenario.yaml:30: commodities[2].priority: 12 is too large (a whole number from 1 to 9)",
        "scenario.yaml:44: planning_factors.a.b: the alias *r stands for a value that "
        "contains it (recursive YAML): write the value out",
        "scenario.yaml:46: solver.time_limit_s: YAML tag '!!binary' is not supported (plain "
        "values only)",
        f"scenario.yaml:{lines}: name: key 'name' appears twice in the same mapping (keep "
        "one; the first is on line 2)",
    ]
