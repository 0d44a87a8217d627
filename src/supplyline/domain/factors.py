"""Planning factors: published default rates, each with its source, and user overrides."""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from supplyline.errors import Issue, NotFoundError, ScenarioError

__all__ = ["FactorTable", "PlanningFactor"]


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
