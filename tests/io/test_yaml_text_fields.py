"""YAML's yes/no words and numbers where scenario.yaml or agreements.yaml wants text (an id)."""

from __future__ import annotations

from pathlib import Path

import pytest
from io_helpers import edit, error_lines

from supplyline.io import load_scenario

WORDS = [
    (word, meaning)
    for base, meaning in [("yes", "true"), ("no", "false"), ("on", "true"), ("off", "false"),
                          ("true", "true"), ("false", "false")]
    for word in (base, base.upper(), base.capitalize())
]  # fmt: skip
"""Every word PyYAML's YAML 1.1 reads as a bool, in the three letter cases it reads so."""


def said(word: str, meaning: str) -> str:
    return (
        f"{word} was read as {meaning}, not as text (YAML reads a bare yes, no, on, off, true "
        f"or false as true or false): write it in quotes, '{word}'"
    )


@pytest.mark.parametrize(("word", "meaning"), WORDS)
def test_a_yes_no_word_as_a_partner_id_is_said_with_its_quotes(
    folder: Path, word: str, meaning: str
) -> None:
    """``{id: no, …}`` (Norway's code) is told to be quoted, not that the id is missing."""
    edit(folder, "scenario.yaml", "{id: host,", f"{{id: {word},")
    assert error_lines(folder) == [f"scenario.yaml:10: partners[1].id: {said(word, meaning)}"]


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("  - id: fuel\n", "  - id: on\n", "scenario.yaml:27: commodities[2].id"),
        ("  - id: truck\n", "  - id: off\n", "scenario.yaml:36: vehicle_classes[0].id"),
        ("- id: mou-1\n", "- id: yes\n", "agreements.yaml:2: [0].id"),
    ],
)
def test_a_yes_no_word_as_any_id_is_said_with_its_quotes(
    folder: Path, old: str, new: str, where: str
) -> None:
    """Each id of the YAML files says it; a dropped commodity's references are held back."""
    name = where.split(":", 1)[0]
    edit(folder, name, old, new)
    word = new.split(":")[1].strip()
    meaning = "false" if word == "off" else "true"
    assert error_lines(folder) == [f"{where}: {said(word, meaning)}"]


def test_a_yes_no_word_as_a_party_is_said_with_its_quotes(folder: Path) -> None:
    """``parties: [home, no]`` says the 'no' was read as false, not that an id is missing."""
    edit(folder, "agreements.yaml", "parties: [home, host]", "parties: [home, no]")
    assert error_lines(folder) == [f"agreements.yaml:4: [0].parties: {said('no', 'false')}"]


def test_a_quoted_no_is_an_id(folder: Path) -> None:
    """Quoted, 'no' is the partner id it was meant to be."""
    edit(folder, "scenario.yaml", "{id: host,", "{id: 'no',")
    for name in ("locations.csv", "fleet.csv"):
        path = folder / name
        path.write_text(path.read_text(encoding="utf-8").replace(",host,", ",no,"), "utf-8")
    path = folder / "stocks.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",host\n", ",no\n"), "utf-8")
    edit(folder, "agreements.yaml", "parties: [home, host]", "parties: [home, 'no']")
    assert "no" in {p.id for p in load_scenario(folder).partners}


@pytest.mark.parametrize("written", ["012", "1.10", "7"])
def test_a_number_as_an_id_is_the_id_as_written(folder: Path, written: str) -> None:
    """``id: 012`` is the id '012' (YAML would make it 12), ``1.10`` is '1.10' (not '1.1')."""
    edit(folder, "scenario.yaml", "  - id: truck\n", f"  - id: {written}\n")
    edit(folder, "units.csv", "vehicles_truck", f"vehicles_{written}")
    assert [v.id for v in load_scenario(folder).vehicle_classes] == [written]
