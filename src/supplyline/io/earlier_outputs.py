"""Files of another plan's in an output folder, beside the files a run just wrote there.

A tester ran ``plan relief --out st``, ``routes relief --out st`` and ``requirements relief
--out st``, then ``plan other --out st``: the plan removed relief's report and model
(:mod:`supplyline.io.earlier_reports`) but left relief's routes and requirements beside
other's plan.json, with no word; ``routes.json`` did not even say which plan its routes
came from. Beside the new files they read as theirs.

Each group of files supplyline writes into a folder (the plan files, the routes files,
the requirements files) is known by its summary, as a report is known by its tags: a
``plan.json`` with a ``plan_id``, a ``routes.json`` with a ``routes_id`` (and the
``plan_id`` of the plan its routes were made from, null from demand), a
``requirements.json`` with its ``scenario`` and ``factors_used``. Each records its
scenario's fingerprint too, ``scenario_id`` (:func:`~supplyline.domain.scenario_id`, a
digest of the scenario as loaded). A group whose summary records another fingerprint than
the new files', or another plan (both plans known), no longer matches them:
:func:`files_at_odds` names it, with a warning in words. By the name alone, a tester's
``hub1e`` (``hub1`` with a unit's personnel tripled, the same name) was planned beside
``hub1``'s requirements with no word; every ``init`` template is called "My operation".
Files written before the fingerprint existed are judged by their scenario's name, and
the warning says so. Nothing is
removed: unlike a report, written by the same command and replaced by it, these files
come from other commands (routes can take minutes of search) and are redone only by
them; the warning says which.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from supplyline.io.file_names import PLAN_OUT_FILES, REQUIREMENTS_FILES, ROUTE_FILES

__all__ = ["Origin", "OutputGroup", "files_at_odds", "recorded_origin"]

_HEAD_CHARS = 65536
"""A summary's identity sits in its first lines (plan.json's scenario after its notes)."""


class OutputGroup(StrEnum):
    """A group of files one command writes into an output folder, and how it is named."""

    PLAN = "plan"
    ROUTES = "routes"
    REQUIREMENTS = "requirements"

    @property
    def files(self) -> tuple[str, ...]:
        """The names of the group's files, its summary among them."""
        return {
            OutputGroup.PLAN: PLAN_OUT_FILES,
            OutputGroup.ROUTES: ROUTE_FILES,
            OutputGroup.REQUIREMENTS: REQUIREMENTS_FILES,
        }[self]

    @property
    def summary_file(self) -> str:
        """The file that records where the group came from: ``plan.json``."""
        return f"{self.value}.json"

    @property
    def _marks(self) -> tuple[str, ...]:
        """Keys only supplyline's summary of the group has (it is not the user's file)."""
        return {
            OutputGroup.PLAN: ("plan_id",),
            OutputGroup.ROUTES: ("routes_id",),
            OutputGroup.REQUIREMENTS: ("scenario", "horizon_days"),
        }[self]

    @property
    def what(self) -> str:
        """The group in a sentence: "routes are routes of …"."""
        return {"plan": "plan files", "routes": "routes", "requirements": "requirements"}[
            self.value
        ]

    @property
    def these(self) -> str:
        """The new files of the group, as a warning names them: "this plan"."""
        return {
            "plan": "this plan",
            "routes": "these routes",
            "requirements": "these requirements",
        }[self.value]

    @property
    def redo(self) -> str:
        """What writes the group again: "route again"."""
        return {
            "plan": "plan again",
            "routes": "route again",
            "requirements": "run requirements again",
        }[self.value]


@dataclass(frozen=True, slots=True, kw_only=True)
class Origin:
    """Where a group of files came from: its scenario, and its plan (None: none).

    ``scenario_id`` is the scenario's fingerprint (:func:`~supplyline.domain.scenario_id`;
    None: files written before it was recorded, known by ``scenario``, the name, alone).
    ``flows_id`` is what the plan moves and holds
    (:func:`~supplyline.io.plan_files.flows_id`): the routes' own plan measures its
    bottlenecks only for ``--report``, so its ``plan_id`` may differ from ``plan``'s of the
    same movements.
    """

    scenario: str
    scenario_id: str | None = None
    plan_id: str | None = None
    flows_id: str | None = None

    def by_name(self, other: Origin) -> bool:
        """Whether the two scenarios are told apart by name alone (a fingerprint lacks)."""
        return self.scenario_id is None or other.scenario_id is None

    def matches(self, other: Origin) -> bool:
        """Whether files of the two origins agree: one scenario, and one plan where both have one.

        The scenarios are compared by fingerprint where both record one, else by name; the
        plans by ``flows_id`` where both record one, else by ``plan_id``.

        >>> Origin(scenario="A", plan_id="1").matches(Origin(scenario="A"))
        True
        >>> Origin(scenario="A", plan_id="1").matches(Origin(scenario="A", plan_id="2"))
        False
        >>> Origin(scenario="A", plan_id="1", flows_id="f").matches(
        ...     Origin(scenario="A", plan_id="2", flows_id="f"))
        True
        >>> Origin(scenario="A", scenario_id="s1").matches(Origin(scenario="A", scenario_id="s2"))
        False
        """
        if self.by_name(other):
            if self.scenario != other.scenario:
                return False
        elif self.scenario_id != other.scenario_id:
            return False
        for mine, theirs in ((self.flows_id, other.flows_id), (self.plan_id, other.plan_id)):
            if mine is not None and theirs is not None:
                return mine == theirs
        return True


def _head(path: Path) -> str:
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            return handle.read(_HEAD_CHARS)
    except OSError:
        return ""


def _string(head: str, key: str) -> str | None:
    """The first JSON string recorded under ``key`` in ``head`` (None: not there, or null)."""
    found = re.search(rf'"{key}": ("(?:[^"\\]|\\.)*")', head)
    if found is None:
        return None
    text = json.loads(found[1])
    return text if isinstance(text, str) else None


def recorded_origin(folder: str | Path, group: OutputGroup) -> Origin | None:
    """Where the group's files in ``folder`` came from, as its summary records (None: no summary).

    Best effort: a summary that cannot be read, or lacks the keys supplyline writes, is no
    group of supplyline's.
    """
    path = Path(folder) / group.summary_file
    if path.is_symlink() or not path.is_file():
        return None
    head = _head(path)
    if not all(f'"{mark}":' in head for mark in group._marks):
        return None
    scenario = _string(head, "scenario")
    if scenario is None:
        return None
    fingerprint = _string(head, "scenario_id")
    if group is OutputGroup.REQUIREMENTS:  # made from the scenario alone
        return Origin(scenario=scenario, scenario_id=fingerprint)
    return Origin(
        scenario=scenario,
        scenario_id=fingerprint,
        plan_id=_string(head, "plan_id"),
        flows_id=_string(head, "flows_id"),
    )


def files_at_odds(folder: str | Path, wrote: OutputGroup, origin: Origin) -> tuple[str, ...]:
    """Warnings naming the other groups of files in ``folder`` that no longer match ``origin``.

    ``wrote`` is the group just written there (its files are the new ones), ``origin``
    where it came from. One warning a group, its first file named and the rest counted,
    with why and what to do::

        st/routes.csv and 6 more are routes of the earlier plan 3f… (scenario 'Relief'): they
        no longer match this plan; remove them or route again
    """
    folder = Path(folder)
    said: list[str] = []
    for group in OutputGroup:
        if group is wrote:
            continue
        earlier = recorded_origin(folder, group)
        if earlier is None or earlier.matches(origin):
            continue
        present = [folder / n for n in group.files if (folder / n).is_file()]
        if not present:
            continue
        many = len(present) > 1
        named = str(present[0]) + (f" and {len(present) - 1} more are" if many else " is")
        said.append(
            f"{named} {group.what} of {_made_of(earlier, origin)}: {'they' if many else 'it'} "
            f"no longer {'match' if many else 'matches'} {wrote.these}; remove "
            f"{'them' if many else 'it'} or {group.redo}{_judged(earlier, origin)}"
        )
    return tuple(said)


def _made_of(earlier: Origin, origin: Origin) -> str:
    """What the earlier files were made from: "the earlier plan 3f… (scenario 'Relief')".

    A scenario of the new files' name but another fingerprint is said to hold other data
    (``scenario 'hub test' with other data (fingerprint 74e2…, not 76a7…)``): the name
    alone read as the same scenario.
    """
    scenario = f"scenario '{earlier.scenario}'"
    if (
        earlier.scenario == origin.scenario
        and not earlier.by_name(origin)
        and earlier.scenario_id != origin.scenario_id
    ):
        scenario += (
            f" with other data (fingerprint {earlier.scenario_id}, not {origin.scenario_id})"
        )
        if earlier.plan_id is not None:
            return f"the earlier plan {earlier.plan_id} of {scenario}"
    if earlier.plan_id is not None:
        return f"the earlier plan {earlier.plan_id} ({scenario})"
    return scenario


def _judged(earlier: Origin, origin: Origin) -> str:
    """Why a name alone was compared, where it was: the earlier files predate fingerprints."""
    if earlier.scenario_id is not None or origin.scenario_id is None:
        return ""  # judged by fingerprint, or the new files have none to compare (a caller's)
    return (
        " (judged by the scenario's name alone: they were written before supplyline recorded"
        " a scenario's fingerprint)"
    )
