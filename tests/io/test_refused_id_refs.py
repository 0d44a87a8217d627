"""One refused id gives one error: the references it explains are named on its row.

A tester wrote ``base a`` for ``base-a`` in locations.csv and got, after the row's error,
six "refers to unknown location 'base-a' (known: …)", and "(known: none)" where every row
of the file had an error though the file had six.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from io_helpers import append, edit

from supplyline.errors import ScenarioError, Severity
from supplyline.io import load_scenario

ID_RULE = "(letters, digits and _ - . : only, starting with a letter or digit)"


def errors_of(folder: Path) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(folder)
    return [str(i) for i in caught.value.issues if i.severity is Severity.ERROR]


@pytest.fixture
def relief(tmp_path: Path, relief_dir: Path) -> Path:
    """A copy of the relief example whose ``site-ridge`` is written ``site ridge``."""
    folder = Path(shutil.copytree(relief_dir, tmp_path / "relief"))
    edit(folder, "locations.csv", "site-ridge,Site 6", "site ridge,Site 6")
    return folder


def test_a_refused_id_is_one_error_naming_the_references_it_explains(relief: Path) -> None:
    """The refused row's error is the only one, and names the rows that refer to the id."""
    assert errors_of(relief) == [
        "locations.csv:16: id: id 'site ridge' has characters ids cannot have: ' ' "
        f"(U+0020 SPACE) {ID_RULE}; was it meant to be 'site-ridge'? links.csv:19 and "
        "units.csv:8 refer to 'site-ridge', not said again until this id is mended"
    ]


def test_a_reference_unlike_the_refused_id_is_still_said(relief: Path) -> None:
    """A link to an id far from the refused one keeps its own error."""
    append(relief, "links.csv", "r-far,larnis-hub,nowhere-9,road,,10,1,,100,,1,true,")
    far = [e for e in errors_of(relief) if "nowhere-9" in e]
    assert len(far) == 1
    assert far[0].startswith(
        "links.csv:20: to: link 'r-far' refers to unknown location 'nowhere-9' (known: "
    )


def test_known_none_is_never_said_when_the_rows_were_refused(relief: Path) -> None:
    """With every location id refused, "known:" names the refused lines, not "none"."""
    path = relief / "locations.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("id,"))
    lines[header + 1 :] = ["!" + line for line in lines[header + 1 :]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    append(relief, "links.csv", "r-far,nowhere-8,nowhere-9,road,,10,1,,100,,1,true,")
    far = [e for e in errors_of(relief) if "nowhere-9" in e]
    assert far == [
        "links.csv:20: to: link 'r-far' refers to unknown location 'nowhere-9' (known: none "
        "loaded: the ids on locations.csv lines 3, 4, 5, 6 and 10 more were refused above)"
    ]
    assert not any("known: none)" in e for e in errors_of(relief))
