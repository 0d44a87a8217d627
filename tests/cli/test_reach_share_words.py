"""``by_depot`` says each share's goods and tonnes, and which units its truck-hours count.

A tester's earthquake (tests/cli/scenarios/kaldera): ``reach`` read ``depot-s: 4 trucks,
0.90 h round trip, 11 turns, 264 t/day, …`` of flatbeds bringing site-3 only medical and
shelter kits that no depot with trucks holds (no goods, and what the trucks carry taken for
what they bring), where the plan's ``reach.csv`` read ``depot-s: food, medical, shelter
2.5 t/day, …``. And depot-n's truck-hours read 30.9 % in ``reach`` and 28.9 % in the
plan's check for site-1's and site-2's loads: ``reach`` sends food to site-3–site-6 from
depot-n too (the only depot holding food in stocks.csv), the plan from depot-s, where it
brings it. Both are right; each share now names the units its percentage counts.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app

_register_commands()
runner = CliRunner()
KALDERA = Path(__file__).resolve().parent / "scenarios" / "kaldera"

_SHARE = re.compile(r"^(?P<depot>[\w-]+): (?P<said>.*), (?P<pct>[\d.]+)% of its truck-hours")


def _by_depot(text: str) -> dict[str, list[str]]:
    """Each unit's ``by_depot`` shares, from a reach CSV's text."""
    return {row["unit"]: row["by_depot"].split(";") for row in csv.DictReader(io.StringIO(text))}


@pytest.fixture(scope="module")
def standalone() -> dict[str, list[str]]:
    """``reach KALDERA -f csv``'s shares."""
    result = runner.invoke(app, ["reach", str(KALDERA), "-f", "csv"])
    assert result.exit_code == 0, result.output
    return _by_depot(result.stdout)


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """``plan KALDERA --out OUT``'s reach.csv shares."""
    out = tmp_path_factory.mktemp("plan") / "out"
    result = runner.invoke(app, ["plan", str(KALDERA), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return _by_depot((out / "reach.csv").read_text(encoding="utf-8-sig"))


def test_a_share_of_goods_no_depot_holds_names_them_and_their_tonnes(
    standalone: dict[str, list[str]],
) -> None:
    """site-3's flatbed share at depot-s says its medical and shelter 0.28 t/day."""
    shares = [s for s in standalone["site-3"] if _SHARE.match(s)]
    assert any(
        s.startswith("depot-s: medical, shelter 0.28 t/day, 4 trucks, 0.90 h round trip")
        for s in shares
    ), shares


@pytest.mark.parametrize("mode", ["standalone", "planned"])
def test_every_share_starts_with_its_goods_and_tonnes(
    mode: str, request: pytest.FixtureRequest
) -> None:
    """No share reads ``depot: N trucks``, in either mode: goods and t/day come first."""
    rows: dict[str, list[str]] = request.getfixturevalue(mode)
    for unit, shares in rows.items():
        for share in shares:
            matched = _SHARE.match(share)
            if matched:
                assert re.match(r"[a-z][\w, -]* [\d.]+ t/day, \d+ trucks?", matched["said"]), (
                    unit,
                    share,
                )


def _depot_n(rows: dict[str, list[str]]) -> set[tuple[str, str]]:
    """depot-n's truck-hours percentage and the units it counts, as every share says them."""
    return {
        (m["pct"], share[m.end() :].split(")")[0])
        for shares in rows.values()
        for share in shares
        if (m := _SHARE.match(share)) and m["depot"] == "depot-n"
    }


def test_depot_n_names_the_units_its_truck_hours_count(
    standalone: dict[str, list[str]], planned: dict[str, list[str]]
) -> None:
    """30.9 % for site-1–site-6 in ``reach``; 28.9 % for site-1 and site-2 in the plan's.

    The plan's figure is the tester's hand check, (140.625/12 × 0.843 + 93.75/12 × 0.957)
    ÷ (8 × 0.75 × 10 h); ``reach``'s adds depot-n's food for site-3 to site-6.
    """
    assert _depot_n(standalone) == {("30.9", " (for site-1, site-2, site-3, site-4 and 2 more")}
    assert _depot_n(planned) == {("28.9", " (for site-1, site-2")}
