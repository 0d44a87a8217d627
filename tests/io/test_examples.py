"""The bundled examples load cleanly and have the shape their documentation promises."""

from __future__ import annotations

from pathlib import Path

from supplyline.domain import LocationKind, Mode
from supplyline.io import load_scenario, load_scenario_with_warnings, write_scenario


def test_bilateral_loads_without_warnings(bilateral_dir: Path) -> None:
    """The bilateral exercise validates with no error and no warning."""
    _, warnings = load_scenario_with_warnings(bilateral_dir)
    assert warnings == []


def test_bilateral_contingent_size(bilateral_dir: Path) -> None:
    """The visiting contingent is 1,200 people and 150 vehicles."""
    s = load_scenario(bilateral_dir)
    visitors = [u for u in s.units if u.partner == "westmark"]
    assert sum(u.personnel for u in visitors) == 1200
    assert sum(sum(u.vehicles.values()) for u in visitors) == 150


def test_bilateral_breaks_gauge_at_a_transshipment_yard(bilateral_dir: Path) -> None:
    """Rail gauges 1435 and 1520 meet only at the Grenzfeld transshipment yard."""
    s = load_scenario(bilateral_dir)
    gauges: dict[str, set[int]] = {}
    for link in s.links:
        if link.mode is Mode.RAIL and link.gauge_mm is not None:
            for end in (link.origin, link.destination):
                gauges.setdefault(end, set()).add(link.gauge_mm)
    assert [loc for loc, g in gauges.items() if len(g) > 1] == ["grenzfeld"]
    assert s.location("grenzfeld").kind is LocationKind.TRANSSHIPMENT


def test_bilateral_rail_corridor_is_about_6000_km(bilateral_dir: Path) -> None:
    """The rail corridor from home to the host railhead is between 5,500 and 6,500 km."""
    s = load_scenario(bilateral_dir)
    rail = sum(link.distance_km for link in s.links if link.mode is Mode.RAIL)
    assert 5500 <= rail <= 6500


def test_relief_loads_without_warnings(relief_dir: Path) -> None:
    """The relief operation validates with no error and no warning."""
    _, warnings = load_scenario_with_warnings(relief_dir)
    assert warnings == []


def test_relief_sites_are_in_place(relief_dir: Path) -> None:
    """Every relief site is already in place: home is destination and there is no lift."""
    s = load_scenario(relief_dir)
    assert all(u.home == u.destination and u.deployment_lift_t == 0 for u in s.units)
    assert {p.id for p in s.partners} == {"meridia", "gfr", "clearwater", "man"}


def test_relief_has_damaged_roads(relief_dir: Path) -> None:
    """Some roads of the relief example are closed on some days."""
    s = load_scenario(relief_dir)
    assert any(link.mode is Mode.ROAD and link.outage_days for link in s.links)


def test_examples_round_trip(bilateral_dir: Path, relief_dir: Path, tmp_path: Path) -> None:
    """Both examples load back equal after being written out."""
    for source in (bilateral_dir, relief_dir):
        s = load_scenario(source)
        assert load_scenario(write_scenario(s, tmp_path / source.name)) == s
