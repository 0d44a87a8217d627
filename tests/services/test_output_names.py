"""Output file names the API refuses before any work, as the CLI's options do.

A tester's ``plan_scenario(mps="x.lp")`` read the scenario, computed the requirements and
built the model, then blamed the disk; ``report=("x.pdf", writer)`` wrote a web page
named x.pdf, which the CLI's ``--report`` refuses.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import supplyline.services.planning as planning_service
import supplyline.services.routing as routing_service
from supplyline.errors import OutputError
from supplyline.planning import plan_movements, write_mps
from supplyline.planning.examples import one_link
from supplyline.reports import write_plan_report_with_reach
from supplyline.reports.routes_report import write_routes_report
from supplyline.services.planning import plan_scenario
from supplyline.services.routing import route_scenario_day

EXAMPLE = Path(__file__).parents[2] / "examples" / "relief-operation"


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the scenario fails the test: the name must be refused before."""

    def read(*_a: object, **_k: object) -> None:
        raise AssertionError("the scenario was read before the output names were checked")

    monkeypatch.setattr(planning_service, "assess_requirements", read)
    monkeypatch.setattr(routing_service, "assess_requirements", read)


@pytest.mark.usefixtures("no_work")
@pytest.mark.parametrize(
    ("args", "said"),
    [
        pytest.param({"mps": "x.lp"}, "an MPS file name must end in .mps, not 'x.lp'", id="mps"),
        pytest.param(
            {"report": ("x.pdf", write_plan_report_with_reach)},
            "a report's file name must end in .html or .htm, not 'x.pdf'",
            id="report",
        ),
    ],
)
def test_plan_scenario_refuses_a_file_name_of_the_wrong_kind_up_front(
    tmp_path: Path, args: dict[str, Any], said: str
) -> None:
    """An OutputError naming the file, before the scenario is read; nothing is written."""
    named = {k: (tmp_path / v if k == "mps" else (tmp_path / v[0], v[1])) for k, v in args.items()}
    with pytest.raises(OutputError, match=re.escape(said)):
        plan_scenario(EXAMPLE, tmp_path / "out", **named)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.usefixtures("no_work")
def test_route_scenario_day_refuses_a_report_not_named_html(tmp_path: Path) -> None:
    """The routes' report is a web page too: ``routes.pdf`` is refused before any work."""
    folder = Path(shutil.copytree(EXAMPLE, tmp_path / "relief"))
    with pytest.raises(OutputError, match=r"must end in \.html or \.htm, not 'routes\.pdf'"):
        route_scenario_day(
            folder,
            day=2,
            out=tmp_path / "out",
            report=(tmp_path / "routes.pdf", write_routes_report),
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["relief"]


def test_plan_movements_refuses_an_mps_name_before_building(tmp_path: Path) -> None:
    """No stage is reported: the name is refused before the network is indexed."""
    scenario, demand = one_link()
    stages: list[str] = []
    with pytest.raises(OutputError, match=r"must end in \.mps, not 'p\.lp'"):
        plan_movements(scenario, demand, progress=stages.append, mps_path=tmp_path / "p.lp")
    assert stages == []
    with pytest.raises(OutputError, match=r"must end in \.mps, not 'p\.lp'"):
        write_mps(scenario, demand, tmp_path / "p.lp")
    assert list(tmp_path.iterdir()) == []
