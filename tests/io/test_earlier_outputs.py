"""Another plan's routes and requirements in an output folder are named, never removed.

A tester's ``plan other --out st`` left relief's routes and requirements beside other's
plan.json with no word (:mod:`supplyline.io.earlier_outputs`).
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from supplyline.io.earlier_outputs import Origin, OutputGroup, files_at_odds, recorded_origin
from supplyline.io.file_names import REQUIREMENTS_FILES, ROUTE_FILES


def _routes(
    folder: Path,
    *,
    scenario: str,
    plan_id: str | None,
    flows_id: str | None,
    scenario_id: str | None = None,
) -> None:
    for name in ROUTE_FILES:
        (folder / name).write_text("x\n")
    summary = {"scenario": scenario, "routes_id": "ab", "plan_id": plan_id, "flows_id": flows_id}
    if scenario_id is not None:
        summary["scenario_id"] = scenario_id
    (folder / "routes.json").write_text(json.dumps(summary, indent=2))


def _requirements(folder: Path, scenario: str, *, scenario_id: str | None = None) -> None:
    for name in REQUIREMENTS_FILES:
        (folder / name).write_text("x\n")
    summary: dict[str, object] = {"scenario": scenario}
    if scenario_id is not None:
        summary["scenario_id"] = scenario_id
    summary |= {"start_date": "2026-01-01", "horizon_days": 5}
    (folder / "requirements.json").write_text(json.dumps(summary, indent=2))


def test_routes_of_another_plan_are_named_with_why_and_what_to_do(tmp_path: Path) -> None:
    """The warning names the first file, counts the rest, the plan and scenario, and the fix."""
    _routes(tmp_path, scenario="Relief", plan_id="p1", flows_id="f1")
    said = files_at_odds(tmp_path, OutputGroup.PLAN, Origin(scenario="Other", plan_id="p2"))
    assert said == (
        f"{tmp_path / 'routes.csv'} and 6 more are routes of the earlier plan p1 (scenario "
        "'Relief'): they no longer match this plan; remove them or route again",
    )
    assert all((tmp_path / n).is_file() for n in ROUTE_FILES)  # left in place


def test_requirements_of_another_scenario_are_named(tmp_path: Path) -> None:
    """Requirements have no plan: another scenario's name is what sets them apart."""
    _requirements(tmp_path, "Relief")
    said = files_at_odds(tmp_path, OutputGroup.ROUTES, Origin(scenario="Other"))
    assert said == (
        f"{tmp_path / 'requirements_daily.csv'} and 2 more are requirements of scenario "
        "'Relief': they no longer match these routes; remove them or run requirements again",
    )


def test_files_of_the_same_plan_or_scenario_are_not_named(tmp_path: Path) -> None:
    """Routes of the same movements (another plan_id: bottlenecks unmeasured) agree."""
    _routes(tmp_path, scenario="Relief", plan_id="p-routes", flows_id="f1")
    _requirements(tmp_path, "Relief")
    same = Origin(scenario="Relief", plan_id="p-plan", flows_id="f1")
    assert files_at_odds(tmp_path, OutputGroup.PLAN, same) == ()


def test_a_group_written_is_never_named_and_a_lone_file_reads_singular(tmp_path: Path) -> None:
    """The group just written is the new one; one file left of a group is "it"."""
    (tmp_path / "requirements.json").write_text(
        json.dumps({"scenario": "Relief", "horizon_days": 3})
    )
    assert files_at_odds(tmp_path, OutputGroup.REQUIREMENTS, Origin(scenario="X")) == ()
    assert files_at_odds(tmp_path, OutputGroup.PLAN, Origin(scenario="X")) == (
        f"{tmp_path / 'requirements.json'} is requirements of scenario 'Relief': it no longer "
        "matches this plan; remove it or run requirements again",
    )


def test_a_summary_supplyline_did_not_write_names_nothing(tmp_path: Path) -> None:
    """A routes.json of the user's (no routes_id) is no group of ours: nothing is said of it."""
    (tmp_path / "routes.json").write_text(json.dumps({"scenario": "Mine"}))
    (tmp_path / "routes.csv").write_text("mine\n")
    assert recorded_origin(tmp_path, OutputGroup.ROUTES) is None
    assert files_at_odds(tmp_path, OutputGroup.PLAN, Origin(scenario="Other")) == ()


def test_routes_from_demand_record_no_plan(tmp_path: Path) -> None:
    """A null plan_id reads as no plan: routes from demand agree with any plan of their scenario."""
    _routes(tmp_path, scenario="Relief", plan_id=None, flows_id=None)
    assert recorded_origin(tmp_path, OutputGroup.ROUTES) == Origin(scenario="Relief")
    assert files_at_odds(tmp_path, OutputGroup.PLAN, Origin(scenario="Relief", plan_id="p")) == ()


_ids = st.none() | st.sampled_from(["a", "b"])
_origins = st.builds(
    Origin, scenario=st.sampled_from(["S", "T"]), scenario_id=_ids, plan_id=_ids, flows_id=_ids
)


@given(_origins, _origins)
def test_matching_is_symmetric_and_needs_one_scenario(one: Origin, other: Origin) -> None:
    """Which files of two origins agree does not depend on which was written last."""
    assert one.matches(other) == other.matches(one)
    if one.by_name(other) and one.scenario != other.scenario:
        assert not one.matches(other)
    if not one.by_name(other) and one.scenario_id != other.scenario_id:
        assert not one.matches(other)
    assert one.matches(one)


def test_requirements_of_another_scenario_of_the_same_name_are_named(tmp_path: Path) -> None:
    """Same name, another fingerprint: another scenario's files, said with both fingerprints."""
    _requirements(tmp_path, "hub test", scenario_id="s-old")
    said = files_at_odds(
        tmp_path, OutputGroup.PLAN, Origin(scenario="hub test", scenario_id="s-new", plan_id="p")
    )
    assert said == (
        f"{tmp_path / 'requirements_daily.csv'} and 2 more are requirements of scenario "
        "'hub test' with other data (fingerprint s-old, not s-new): they no longer match this "
        "plan; remove them or run requirements again",
    )


def test_one_fingerprint_agrees_whatever_the_names(tmp_path: Path) -> None:
    """Files of the same fingerprint are of the same scenario: nothing is said."""
    _requirements(tmp_path, "hub test", scenario_id="s1")
    same = Origin(scenario="hub test", scenario_id="s1", plan_id="p")
    assert files_at_odds(tmp_path, OutputGroup.PLAN, same) == ()


def test_files_written_before_fingerprints_are_judged_by_name_and_said_so(tmp_path: Path) -> None:
    """Without a recorded fingerprint the name decides, and the warning says it did."""
    _requirements(tmp_path, "Relief")
    assert (
        files_at_odds(tmp_path, OutputGroup.PLAN, Origin(scenario="Relief", scenario_id="s")) == ()
    )
    said = files_at_odds(tmp_path, OutputGroup.PLAN, Origin(scenario="Other", scenario_id="s"))
    assert len(said) == 1
    assert said[0].endswith(
        "run requirements again (judged by the scenario's name alone: they were written "
        "before supplyline recorded a scenario's fingerprint)"
    )


def test_a_recorded_fingerprint_is_read_back(tmp_path: Path) -> None:
    """routes.json's scenario_id is part of the routes' origin."""
    _routes(tmp_path, scenario="Relief", plan_id="p1", flows_id="f1", scenario_id="s1")
    assert recorded_origin(tmp_path, OutputGroup.ROUTES) == Origin(
        scenario="Relief", scenario_id="s1", plan_id="p1", flows_id="f1"
    )
