"""Units: the formations (or, in relief work, the sites of people served) to sustain."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from numbers import Integral, Real

from supplyline.domain.field_ranges import MAX_DAYS_HELD, VEHICLES_RANGE
from supplyline.domain.fields import check_fields, named_fields
from supplyline.domain.frozen_map import FrozenMap
from supplyline.domain.record_ranges import as_number, check_record_ranges
from supplyline.errors import ArgumentError
from supplyline.types import LocationId, PartnerId, UnitId, day_label

__all__ = ["MAX_DAYS_HELD", "ActivityPeriod", "Unit", "days_held_problem"]

_DAY_HINT = "a whole number of days from 0, C+0 being the scenario's start_date"
"""What a unit's day takes, as a script gives it (the files take C+12 and dates too)."""


def _before_start(field: str, day: int) -> str | None:
    """Why ``day`` is no day of any horizon (before C+0), in units.csv's words; else None.

    The one wording of a unit's day and of its activity period's: a day past the horizon's
    end needs the scenario, and is its check (:func:`~supplyline.domain.checks.check_scenario`).
    """
    if day >= 0:
        return None
    return f"{field}: {day} is {day_label(day)}, before the horizon's first day C+0 ({_DAY_HINT})"


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class ActivityPeriod:
    """From ``start_day`` on (until the next period), the unit works at ``level``."""

    start_day: int
    level: str

    def __post_init__(self) -> None:
        """Refuse a day before C+0 at once: units.csv does (a script's ``-3`` was taken)."""
        check_fields(self)
        if (problem := _before_start("start_day", self.start_day)) is not None:
            raise ArgumentError(problem)


@named_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Unit:
    """A unit to deploy and sustain.

    It becomes available at ``home`` on ``available_day``, must close on ``destination`` by
    ``required_day``, and from its arrival consumes there and wants ``days_of_supply`` of
    every consumed commodity on hand. A unit already in place has ``home == destination``
    and no lift. ``receive_open_h``/``receive_close_h`` is its daily window for convoys.
    """

    id: UnitId
    name: str
    partner: PartnerId
    home: LocationId
    destination: LocationId
    personnel: int
    vehicles: Mapping[str, int] = field(default_factory=lambda: FrozenMap({}))
    available_day: int = 0
    required_day: int = 0
    deployment_lift_t: float = 0.0
    activity: tuple[ActivityPeriod, ...] = ()
    days_of_supply: float = 0.0
    receive_open_h: float = 6.0
    receive_close_h: float = 18.0
    priority: int = 1
    """Of movement, 1 (the default: first) to 9: a day late of a unit of priority ``p``
    weighs ``(17 - p) / 16`` of one of priority 1, down to a half, so that where units
    compete the higher goes first, and lateness still outweighs the transport cost of up
    to ten legs of the dearest link. A planner's medical company closed 9 days late
    behind the heavy battalions; at a ninth, a tester's priority-9 unit went a day late to
    save a three-leg route's cost."""
    on_hand_days: float | None = None
    """Of a unit already in place: the days of supply it holds when it starts consuming, at
    its consumption then. None (the default) is its ``days_of_supply``; a relief planner's
    sites that start with nothing give 0 (their buffer got free on C+0 otherwise)."""

    def __post_init__(self) -> None:
        try:
            check_fields(self)
        except ArgumentError as error:  # the field said; the unit too, when it has an id
            check_record_ranges(self, "unit")  # a number past any range: units.csv's words
            self._check_vehicles()
            named = isinstance(self.id, str) and self.id and not str(error).startswith("id(")
            if not named:
                raise
            raise ArgumentError(f"unit {self.id!r}: {error}") from error
        if not self.id:
            raise ArgumentError("unit id must not be empty")
        if isinstance(self.personnel, bool) or not isinstance(self.personnel, Integral):
            raise self._refused(f"personnel(={self.personnel!r}) must be a whole number of people")
        object.__setattr__(self, "personnel", int(self.personnel))
        self._check_figures()
        self._check_vehicles()
        object.__setattr__(self, "vehicles", FrozenMap(self.vehicles))
        self._check_days()
        self._check_days_held()
        if not 0 <= self.receive_open_h < self.receive_close_h <= 24:
            raise self._refused(
                f"receiving window {self.receive_open_h}-{self.receive_close_h} h must satisfy "
                "0 <= open < close <= 24 (receive_open_h before receive_close_h)"
            )
        self._check_activity()

    def _refused(self, problem: str) -> ArgumentError:
        """An error naming this unit, then the field and what it takes (as the loader's)."""
        return ArgumentError(f"unit {self.id!r}: {problem}")

    def _check_vehicles(self) -> None:
        """Each class's count from 0 to 100,000 (MAX_VEHICLES), in units.csv's words.

        A planner's ``vehicles={"heavy": 200_000}`` was taken, and refused only by
        ``validate`` or ``plan``; here before the fields are taken too, so that a count past
        any range (``10**13``) is said so, not as "out of range (at most 1e+12)".
        """
        if not isinstance(self.vehicles, Mapping):
            return  # not a mapping: check_fields says so
        for cls, count in self.vehicles.items():
            if isinstance(count, bool) or not isinstance(count, Real):
                continue  # not a number: check_fields says so
            number = as_number(count)
            if number is not None and (problem := VEHICLES_RANGE.problem(number)) is not None:
                raise self._refused(f"vehicles[{cls!r}]: {problem}")

    def _check_days(self) -> None:
        """``available_day`` from C+0 on, ``required_day`` on or after it, in the loader's words.

        A script's ``available_day=-1`` was told ``available_day(=-1) must be >= 0``, naming
        neither the unit nor what a day is; units.csv said the day before C+0.
        """
        if (problem := _before_start("available_day", self.available_day)) is not None:
            raise self._refused(problem)
        if self.required_day < self.available_day:
            raise self._refused(
                f"required_day {self.required_day} is before available_day "
                f"{self.available_day} (a day on or after it)"
            )

    def _check_activity(self) -> None:
        """The activity periods, each from a later day than the one before it.

        Said as units.csv's ``activity`` column says it, naming the period by its place in
        the tuple and its day: a script was told only ``activity periods must start on
        increasing days``, not which unit nor which period.
        """
        for n in range(1, len(self.activity)):
            before, period = self.activity[n - 1], self.activity[n]
            if period.start_day <= before.start_day:
                raise self._refused(
                    f"activity[{n}]: the period from day {period.start_day} "
                    f"({period.level!r}) does not start after day {before.start_day} "
                    f"(activity[{n - 1}]'s; list the periods in increasing day order)"
                )

    def _check_figures(self) -> None:
        """Personnel, lift, days held, priority and hours, each in units.csv's range.

        Refused in the loader's words, naming the unit (:func:`~supplyline.domain.
        field_ranges.out_of_range`; 10**12 people made HiGHS say "unbounded"); each hour
        alone before the window they make.
        """
        if isinstance(self.priority, bool) or not isinstance(self.priority, int):
            raise self._refused(f"priority(={self.priority!r}) must be a whole number from 1 to 9")
        check_record_ranges(self, "unit")

    def _check_days_held(self) -> None:
        problem = days_held_problem(self.id, self.on_hand_days, self.home, self.destination)
        if problem is not None:  # names the unit itself; units.csv says it on its column
            raise ArgumentError(problem)

    @property
    def in_place(self) -> bool:
        """Whether the unit is already at its destination (home = destination)."""
        return self.home == self.destination

    @property
    def deploys(self) -> bool:
        """Whether the unit has to be moved (people or equipment) before it is in place."""
        return self.home != self.destination and (self.personnel > 0 or self.deployment_lift_t > 0)

    def activity_level_on(self, day: int, default: str = "normal") -> str:
        """The activity level in force on ``day``."""
        level = default
        for period in self.activity:
            if period.start_day <= day:
                level = period.level
        return level


def days_held_problem(
    unit_id: str, on_hand_days: float | None, home: str, destination: str
) -> str | None:
    """What is wrong with a unit's ``on_hand_days``, or ``None``: it is for a unit in place.

    One wording for :class:`Unit` and for units.csv, which checks it on the fields that
    parsed: a tester's row with a bad ``receive_close_h`` hid this until that was mended.

    >>> days_held_problem("u", 2, "hub", "hub") is None
    True
    """
    if on_hand_days is None or home == destination:
        return None
    return (
        f"on_hand_days(={on_hand_days:g}) is for a unit already in place "
        f"(home = destination); unit {unit_id!r} deploys from {home!r} to "
        f"{destination!r}: what it brings goes in its deployment_lift_t"
    )
