"""What ``route_scenario_day`` writes: the route files and the report, all together or none.

A route file that cannot be replaced (an immutable one) must leave the earlier report too:
the report was moved after the files, on its own, so a failure of one left the other new.
The fault is injected into our own rename: the reaction under test is our code's.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from supplyline.errors import OutputError
from supplyline.reports.routes_report import write_routes_report
from supplyline.routing.convoy import ConvoyParams
from supplyline.services.routing import route_scenario_day

EXAMPLE = Path(__file__).parents[2] / "examples" / "relief-operation"


@pytest.mark.parametrize("stuck", ["trucks.csv", "routes.html"])
def test_a_file_that_cannot_be_replaced_keeps_every_earlier_file_and_the_report(
    tmp_path: Path, fast: ConvoyParams, monkeypatch: pytest.MonkeyPatch, stuck: str
) -> None:
    """Day 3's routes over day 2's: one file fails, so every file and the report stay day 2's."""
    folder = Path(shutil.copytree(EXAMPLE, tmp_path / "relief"))
    out, report = tmp_path / "out", tmp_path / "r" / "routes.html"
    first = route_scenario_day(
        folder, day=2, params=fast, out=out, report=(report, write_routes_report)
    )
    assert report in first.files
    before = {p: p.read_bytes() for p in [*out.iterdir(), report]}
    real = Path.rename

    def immutable(self: Path, target: str | Path) -> Path:
        if self.name == stuck:
            raise PermissionError(errno.EPERM, "Operation not permitted")
        return real(self, target)

    monkeypatch.setattr(Path, "rename", immutable)
    with pytest.raises(OutputError, match=rf"cannot replace .*/{stuck}: Operation not"):
        route_scenario_day(
            folder, day=3, params=fast, out=out, report=(report, write_routes_report)
        )
    assert {p: p.read_bytes() for p in [*out.iterdir(), report]} == before
