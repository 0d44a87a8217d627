"""Planning factors: published default rates, each with its source, and user overrides.

The defaults ship as package data beside this module (``data/planning_factors.csv``,
``data/PROVENANCE.md`` says where it comes from) so that requirements work offline. They
are read here, below the loader and the planner alike, so that both check a scenario's
override keys against them with one check (:func:`override_key_findings`): a script's
misspelt key passed ``compute_requirements`` and ``plan_movements``, which cannot import
the loader, while ``validate`` refused it.
"""

from __future__ import annotations

import csv
import io
import math
import numbers
from collections.abc import Iterable, Iterator, Mapping, Set
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from supplyline.domain.findings import Finding
from supplyline.domain.references import close_matches, one_slip_apart
from supplyline.errors import Issue, NotFoundError, ScenarioError, Severity

__all__ = ["FactorTable", "PlanningFactor", "default_factors", "override_key_findings"]

_DATA = "planning_factors.csv"


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanningFactor:
    """One planning factor: a number, its unit, what it means and where it comes from."""

    key: str
    value: float
    unit: str
    description: str = ""
    source_url: str = ""
    source_note: str = ""
    overridden: bool = False
    """True when the scenario replaced the published value; the source still names the default's."""


@dataclass(frozen=True, slots=True)
class FactorTable(Mapping[str, PlanningFactor]):
    """The factors in force for one scenario: the defaults with its overrides applied."""

    factors: Mapping[str, PlanningFactor]

    def __getitem__(self, key: str) -> PlanningFactor:
        try:
            return self.factors[key]
        except KeyError:
            raise NotFoundError(f"no planning factor named {key!r}") from None

    def __contains__(self, key: object) -> bool:
        return key in self.factors

    def __iter__(self) -> Iterator[str]:
        return iter(self.factors)

    def __len__(self) -> int:
        return len(self.factors)

    def value(self, key: str) -> float:
        """The number in force for ``key``."""
        return self[key].value

    def with_overrides(self, overrides: Mapping[str, float]) -> FactorTable:
        """A new table where each override replaces a value (or adds a new, user-made factor).

        Raises :class:`~supplyline.errors.ScenarioError` naming every value that is not a
        finite number of 0 or more (scenario.yaml rejects them; a script's NaN made every
        requirement NaN, and the plan moved nothing).
        """
        wrong = [
            Issue(
                file="factor overrides",
                column=key,
                message=f"{value!r} is not a finite number of 0 or more",
            )
            for key, value in overrides.items()
            if isinstance(value, bool)
            or not isinstance(value, numbers.Real)
            or not math.isfinite(value)
            or value < 0
        ]
        if wrong:
            raise ScenarioError(wrong, summary=f"{len(wrong)} bad planning factor override(s)")
        merged = dict(self.factors)
        for key, value in overrides.items():
            base = merged.get(key)
            if base is None:
                merged[key] = PlanningFactor(
                    key=key,
                    value=value,
                    unit="",
                    description="defined by the scenario",
                    source_note="[scenario] user value",
                    overridden=True,
                )
            else:  # the source is now the scenario's; the default's stays for reference
                merged[key] = replace(
                    base,
                    value=value,
                    overridden=True,
                    source_note=f"[scenario] user value, in place of the default "
                    f"{base.value:g} ({base.source_note})",
                )
        return FactorTable(merged)


@cache
def default_factors() -> FactorTable:
    """The published default factors, keyed by their dotted key.

    >>> default_factors().value("water.sphere.total_min_lppd")
    15.0
    """
    text = resources.files("supplyline.domain").joinpath("data", _DATA).read_text(encoding="utf-8")
    table: dict[str, PlanningFactor] = {}
    for row in csv.DictReader(io.StringIO(text)):
        table[row["key"]] = PlanningFactor(
            key=row["key"],
            value=float(row["value"]),
            unit=row["unit"],
            description=row["description"],
            source_url=row["source_url"],
            source_note=row["source_note"],
        )
    return FactorTable(table)


OVERRIDE_ENTITY = "factor override"
"""What a finding about a planning-factor override key names (its id is the key)."""


def override_key_findings(
    overrides: Iterable[str], named: Set[str], defaults: Mapping[str, PlanningFactor]
) -> list[Finding]:
    """Every override key that is no default factor and that no rate names: it changes nothing.

    ``named`` are the factor keys the scenario's rates name. A key one slip from a
    default factor's (``food.mil.ration_3mre_kg_pd``) is an error: the plan would silently
    take the default it was meant to replace (a tester's override validated with exit 0,
    and passed ``compute_requirements`` and ``plan_movements``). A key like none is a
    warning: a new factor that no rate names yet changes nothing. The loader locates
    these in scenario.yaml; a scenario built in Python gets them from
    :func:`~supplyline.domain.checks.check_scenario_sound`.

    >>> (slip,) = override_key_findings(["food.mil.ration_3mre_kg_pd"], set(), default_factors())
    >>> slip.severity.value, slip.message.endswith("(a new factor needs a rate that names it)")
    ('error', True)
    """
    given = set(overrides)
    found: list[Finding] = []
    for key in sorted(given):
        if key in defaults or key in named:
            continue
        meant = sorted(
            k for k in set(defaults) - given if one_slip_apart(key.casefold(), k.casefold())
        )[:1]  # a letter wrong, missing, extra or two swapped: not a sibling key
        if meant:
            factor = defaults[meant[0]]
            message = (
                f"{key!r} is no planning factor and no rate names it, so the plan would take "
                f"the default factor {meant[0]} ({factor.value:g} {factor.unit}) instead: did "
                f"you mean {meant[0]}? (a new factor needs a rate that names it)"
            )
            severity = Severity.ERROR
        else:
            close = close_matches(key, set(defaults), n=4, cutoff=0.6)
            like = f"; known keys like it: {', '.join(close)}" if close else ""
            message = (
                f"{key!r} is not used: it is no default planning factor and no rate names it, "
                f"so it changes nothing (name it in a rate, or remove it{like})"
            )
            severity = Severity.WARNING
        found.append(
            Finding(
                entity=OVERRIDE_ENTITY,
                entity_id=key,
                field="planning_factors",
                message=message,
                severity=severity,
            )
        )
    return found
