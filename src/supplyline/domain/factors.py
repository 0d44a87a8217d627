"""Planning factors: published default rates, each with its source, and user overrides.

The defaults ship as package data beside this module (``data/planning_factors.csv``,
``data/PROVENANCE.md`` says where it comes from) so that requirements work offline. They
are read here, below the loader and the planner alike, so that both check a scenario's
override keys against them with one check (:func:`override_key_findings`): a script's
misspelt key passed ``compute_requirements`` and ``plan_movements``, which cannot import
the loader, while ``validate`` refused it.

A :class:`FactorTable` cannot be changed once made, and every factor in it is checked
when it is made (:func:`factor_value_problem`, the rule scenario.yaml's overrides are
held to): the defaults are one cached table, shared by every ``factors_for`` call, and
a tester's what-if edit of "their" table (``t.factors[k] = ...``) changed the defaults
for every later requirement and plan in the process. A changed table is a new one:
:meth:`FactorTable.with_overrides`.
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

from supplyline.domain.fields import check_fields
from supplyline.domain.findings import Finding
from supplyline.domain.frozen_map import FrozenMap
from supplyline.domain.references import close_matches, one_slip_apart
from supplyline.errors import ArgumentError, Issue, NotFoundError, ScenarioError, Severity, require

__all__ = [
    "MAX_FACTOR",
    "FactorTable",
    "PlanningFactor",
    "default_factors",
    "factor_value_problem",
    "override_key_findings",
]

MAX_FACTOR = 1e9
"""The largest value a planning factor may have, in scenario.yaml and in Python alike."""
FACTOR_RANGE = f"a finite number from 0 to {MAX_FACTOR:g}"
"""What a factor's value must be, in the words of every message that refuses one."""


def factor_value_problem(value: object) -> str | None:
    """What is wrong with ``value`` as a planning factor's value, in words; None when right.

    The one rule for a factor's value made in Python (a script's table, its overrides;
    scenario.yaml's parser holds its overrides to the same range): a factor of -1000 gave
    a total demand of -59,155 t, a NaN made every requirement NaN, and the plan moved
    nothing.

    >>> factor_value_problem(15.0), factor_value_problem(-1.0), factor_value_problem(float("nan"))
    (None, 'is negative', 'is not a number (nan)')
    >>> factor_value_problem(10**400)
    'is above 1e+09'
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return f"is not a number (a {type(value).__name__})"
    try:
        number = float(value)
    except OverflowError:  # an int past a float's range (10**400): beyond any bound
        return "is negative" if value < 0 else f"is above {MAX_FACTOR:g}"
    if math.isnan(number):
        return "is not a number (nan)"
    if math.isinf(number):
        return f"is infinite ({number})"
    if number < 0:
        return "is negative"
    if number > MAX_FACTOR:
        return f"is above {MAX_FACTOR:g}"
    return None


def _value_text(value: object) -> str:
    """A refused value as given, or the size of a whole number too long to print.

    ``repr(10**5000)`` itself raises (Python's limit on an int's digits), and a message of
    401 digits says less than "a whole number of 401 digits".

    >>> _value_text(-1.5), _value_text(10**400)
    ('-1.5', 'a whole number of 401 digits')
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 100:
        digits = len(str(abs(value))) if value.bit_length() < 10_000 else None
        size = f"{digits}" if digits else f"about {int(value.bit_length() * math.log10(2)) + 1}"
        sign = "a negative" if value < 0 else "a"
        return f"{sign} whole number of {size} digits"
    return repr(value)


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

    def __post_init__(self) -> None:
        """Refuse a factor a table must not hold, naming it: the requirements trust each value.

        >>> try:
        ...     PlanningFactor(key="water.l", value=-1000.0, unit="L")
        ... except ArgumentError as error:
        ...     print(error)
        planning factor 'water.l': value(=-1000.0) is negative (a finite number from 0 to 1e+09)
        """
        if not isinstance(self.key, str) or not self.key:
            raise ArgumentError(
                f"a planning factor's key must be text such as 'food.unit.kg_ppd', "
                f"not {type(self.key).__name__} {self.key!r:.60}"
            )
        problem = factor_value_problem(self.value)
        if problem is not None:
            raise ArgumentError(
                f"planning factor {self.key!r}: value(={_value_text(self.value):.60}) {problem} "
                f"({FACTOR_RANGE})"
            )
        try:
            check_fields(self)  # the texts are texts; an int or numpy value becomes a float
        except ArgumentError as error:
            raise ArgumentError(f"planning factor {self.key!r}: {error}") from error
        if self.value == 0:  # -0.0 is kept as 0.0, as scenario.yaml's loader keeps it
            object.__setattr__(self, "value", 0.0)


@dataclass(frozen=True, slots=True)
class FactorTable(Mapping[str, PlanningFactor]):
    """The factors in force for one scenario: the defaults with its overrides applied.

    Read-only, as every record of the domain: ``factors`` is a
    :class:`~supplyline.domain.frozen_map.FrozenMap` whatever mapping it was made from,
    and each entry must be a :class:`PlanningFactor` under its own key (its value checked
    when it was made). To try other values, make a new table: ``table.with_overrides(
    {key: value})``, or ``FactorTable({...})`` from factors of your own; both are checked.

    >>> table = default_factors()
    >>> table.factors["water.sphere.total_min_lppd"] = None
    Traceback (most recent call last):
    ...
    TypeError: 'FrozenMap' object does not support item assignment
    >>> wetter = table.with_overrides({"water.sphere.total_min_lppd": 30.0})
    >>> wetter.value("water.sphere.total_min_lppd"), table.value("water.sphere.total_min_lppd")
    (30.0, 15.0)
    """

    factors: Mapping[str, PlanningFactor]

    def __post_init__(self) -> None:
        """Hold the factors read-only, each a PlanningFactor under its own key; else ArgumentError.

        An entry that is no PlanningFactor failed deep inside ``compute_requirements`` with
        an ``AttributeError`` ('NoneType' object has no attribute 'value').
        """
        require(self.factors, Mapping, "the planning factors (factor key: PlanningFactor)")
        wrong = [
            f"{key!r} holds {type(factor).__name__} {factor!r:.40}, not a PlanningFactor"
            if not isinstance(factor, PlanningFactor)
            else f"{key!r} holds the factor {factor.key!r} (a factor goes under its own key)"
            for key, factor in self.factors.items()
            if not isinstance(factor, PlanningFactor) or factor.key != key
        ]
        if wrong:
            raise ArgumentError(f"bad planning factor table: {'; '.join(wrong)}")
        if not isinstance(self.factors, FrozenMap):
            object.__setattr__(self, "factors", FrozenMap(self.factors))

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

        The way to change a table: this one stays as it is (it may be the cached defaults
        that every ``factors_for`` call shares). Raises
        :class:`~supplyline.errors.ScenarioError` naming every value that is not a finite
        number from 0 to :data:`MAX_FACTOR` (scenario.yaml rejects them; a script's NaN made
        every requirement NaN, and the plan moved nothing).

        >>> key = "water.sphere.total_min_lppd"
        >>> default_factors().with_overrides({key: 30.0})[key].overridden
        True
        """
        require(overrides, Mapping, "the factor overrides (factor key: value)")
        wrong = [
            Issue(
                file="factor overrides",
                column=key,
                message=f"{_value_text(value)} {problem} ({FACTOR_RANGE})",
            )
            for key, value in overrides.items()
            if (problem := factor_value_problem(value)) is not None
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
