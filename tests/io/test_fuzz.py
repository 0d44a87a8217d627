"""Any content of any scenario file ends in a load or a ScenarioError, never another exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supplyline.errors import ScenarioError
from supplyline.io import SCENARIO_FILES, load_scenario
from supplyline.io.template import TEMPLATE_FILES, write_template

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces that tend to break parsers: numbers at the edges, units, separators, quotes.
TOKENS = [
    "", " ", ",", '"', '""', "#", "\n", "\r\n", ";", ":", "-", "C+", "C-3", "nan", "NaN", "inf",
    "-inf", "1e400", "-1", "0", "1e-400", "12t", "1,5", "99999999999999999999999", "true", "yes",
    "null", "~", "[", "]", "{", "}", "&a", "*a", "!!python/object", "<<", "\t", "\x00", "é",
    "\ufeff", "3-5;10", "0:normal;7:high", "2025-02-30", "home-base", "host", "food", "rail",
    "1435", "1520", "vehicles_truck", "- ", "  ", "? ", "|", ">", "%YAML 1.1", "---", "...",
]  # fmt: skip


def check(name: str, data: bytes) -> None:
    """Put ``data`` into file ``name`` of a fresh template and load the folder."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_template(Path(tmp) / "s")
        (folder / name).write_bytes(data)
        try:
            load_scenario(folder)
        except ScenarioError as error:
            issues = error.issues
        else:
            issues = ()
        assert all(issue.file and issue.message for issue in issues)


@st.composite
def mutated(draw: st.DrawFn, name: str) -> bytes:
    """The template's file with a few tokens inserted, deleted or replaced."""
    text = TEMPLATE_FILES[name]
    for _ in range(draw(st.integers(1, 6))):
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 12)))
        text = text[:i] + draw(st.sampled_from(TOKENS)) + text[j:]
    return text.encode("utf-8", "surrogatepass")


csv_text = st.lists(
    st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=14), max_size=8
).map(lambda rows: "\n".join(",".join(r) for r in rows).encode("utf-8", "surrogatepass"))
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10) | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.parametrize("name", SCENARIO_FILES)
@FUZZ
@given(data=st.binary(max_size=600))
def test_random_bytes(name: str, data: bytes) -> None:
    """Random bytes in any file give a ScenarioError (or, rarely, a load)."""
    check(name, data)


@pytest.mark.parametrize("name", SCENARIO_FILES)
@FUZZ
@given(data=st.data())
def test_mutated_template(name: str, data: st.DataObject) -> None:
    """The template with random edits in one file loads or gives a ScenarioError."""
    check(name, data.draw(mutated(name)))


@pytest.mark.parametrize("name", [n for n in SCENARIO_FILES if n.endswith(".csv")])
@FUZZ
@given(data=csv_text)
def test_random_csv(name: str, data: bytes) -> None:
    """Random CSV-shaped text in a CSV file loads or gives a ScenarioError."""
    check(name, data)


@pytest.mark.parametrize("name", [n for n in SCENARIO_FILES if n.endswith(".yaml")])
@FUZZ
@given(value=yaml_values)
def test_random_yaml(name: str, value: object) -> None:
    """Random YAML structures in a YAML file load or give a ScenarioError."""
    check(name, yaml.safe_dump(value, allow_unicode=True).encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [*x, *x]\n",
        "a: &a [1]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\nd: [*c, *c, *c, *c]\n",
        "[" * 3000 + "]" * 3000,
        "{" * 3000,
        "name: x\n" * 2,
        "- - - - -\n",
        "? [a, b]\n: c\n",
        "<<: {a: 1}\n",
        "%YAML 1.1\n---\nname: x\n",
        "name: !binary aGVsbG8=\n",
    ],
)
def test_hostile_yaml(text: str) -> None:
    """Recursive aliases, deep nesting, complex keys and tags end in a ScenarioError."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_template(Path(tmp) / "s")
        (folder / "scenario.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(ScenarioError):
            load_scenario(folder)
