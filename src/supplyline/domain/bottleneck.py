"""A bottleneck of the plan: a binding capacity, what it is, and what more of it buys.

Apart from :mod:`supplyline.domain.plan` (which re-exports it) for size: the record
and its kinds are what the bottleneck report, its files and its readers share.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from supplyline.domain.by_content import ByContent
from supplyline.types import CommodityId, day_ranges, gram_text, to_gram

__all__ = [
    "BOTTLENECK_PLACE_FIELDS",
    "Bottleneck",
    "JointExtra",
    "Measuring",
    "ResourceKind",
    "amount_unit",
]


class Measuring(StrEnum):
    """Whether a bottleneck's gain was measured and, if not, why.

    ``explain_top=1, explain_time_s=0.001`` and ``explain_top=0`` gave equal records: only
    the CLI said "rank 1 is not measured: the measuring time (0.001 s) ran out".
    """

    MEASURED = "measured"
    """Re-solved with more of it: its suggestion and gains are the re-solve's."""
    NOT_ASKED = "not_asked"
    """Ranked past ``explain_top``: by shadow price only (``--explain N`` measures it)."""
    TIME_RAN_OUT = "time_ran_out"
    """Within ``explain_top``, but the measuring time ran out before it was re-solved."""
    SOLVER_UNSURE = "solver_unsure"
    """Within ``explain_top``, but its re-solve ended, from a warm and then a cold start, in
    a status HiGHS could not vouch for (numerical trouble): no gain is claimed."""


class ResourceKind(StrEnum):
    """What kind of capacity a bottleneck is."""

    LINK_TONNES = "link_tonnes"
    LINK_PAX = "link_pax"
    HANDLING = "handling"
    HANDLING_PAX = "handling_pax"
    """People through a place per day (a border post's checks)."""
    STORAGE = "storage"
    SUPPLY = "supply"
    OUTAGE = "outage"
    """A link's outage days: no capacity, but the plan re-made without them gains."""


def amount_unit(kind: ResourceKind, *, once: bool = False) -> str:
    """What an amount of a resource of ``kind`` counts: its capacity, or an extra of it.

    ``t/day`` (a link's tonnes, a place's handling, a supply's resupply), ``pax/day``
    (people over a link or through a place), ``t`` for storage and for a supply given
    ``once`` (the stock on hand on one day), ``days`` for an outage (its closed days).
    The one mapping behind a bottleneck's ``capacity_unit`` and ``extra_unit``.

    >>> amount_unit(ResourceKind.LINK_PAX), amount_unit(ResourceKind.STORAGE)
    ('pax/day', 't')
    >>> amount_unit(ResourceKind.SUPPLY), amount_unit(ResourceKind.SUPPLY, once=True)
    ('t/day', 't')
    """
    kind = ResourceKind(kind)
    if kind is ResourceKind.OUTAGE:
        return "days"
    if kind is ResourceKind.STORAGE or (kind is ResourceKind.SUPPLY and once):
        return "t"
    if kind in (ResourceKind.LINK_PAX, ResourceKind.HANDLING_PAX):
        return "pax/day"
    return "t/day"


_GAIN_FIELDS: Final = (
    "late_t_days_cut",
    "late_pax_days_cut",
    "target_t_days_filled",
    "transport_cost_saved",
)
""":class:`Bottleneck`'s measured gains beside ``shortfall_removed_t``, in the files' order."""


BOTTLENECK_PLACE_FIELDS: Final = (
    "link",
    "origin",
    "destination",
    "mode",
    "location",
    "location_name",
    "lon",
    "lat",
    "wkt",
    "saves_tier",
    "saves",
    "saves_unit",
)
""":class:`Bottleneck`'s last fields, in the files' order: where it is (the link or place, its
name and geometry), then its shadow price read in the unit of the tier it acts on."""


@dataclass(frozen=True, slots=True, kw_only=True)
class JointExtra:
    """Another capacity's extra that a bottleneck's claim needs with its own.

    Where more of one capacity alone buys nothing because another in a row with it binds
    too, the two are raised together and the gain is theirs. A tester's rank 1, +400
    pax/day on a rail link, gained nothing applied alone: the railhead's +400 pax/day,
    said only in the explanation, was needed too. Its fields are the bottleneck's own
    (``kind``, ``resource``, ``suggested_extra``, ``extra_unit``, ``extra_days``), with
    the scenario's row the extra goes on: ``link`` for a link's, ``location`` for a
    place's handling or storage, ``location`` and ``commodity`` for a supply.
    """

    kind: ResourceKind
    resource: str
    """As a bottleneck's: ``K7 (L6→L11)``, ``L6``, ``L6/food``."""
    link: str | None = None
    """The link's id in links.csv, for a link's tonnes or people; else None."""
    location: str | None = None
    """The place's id in locations.csv (stocks.csv for a supply); None for a link."""
    commodity: CommodityId | None = None
    """The supply's commodity; None but for a supply."""
    suggested_extra: float
    """The extra measured with the bottleneck's, in ``extra_unit``."""
    extra_unit: str
    """What ``suggested_extra`` counts (:func:`amount_unit`)."""
    extra_days: tuple[int, ...] = ()
    """The days it is added on; empty for a store's (its one ``storage_t`` raised)."""
    capacity: float | None = None
    """The capacity the model held, to the gram, as a bottleneck's ``capacity``; None for a
    supply, and in plans written before it was recorded."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", ResourceKind(self.kind))
        object.__setattr__(self, "extra_days", tuple(int(d) for d in self.extra_days))

    @property
    def set_to(self) -> float | None:
        """The scenario figure to write for it, as :attr:`Bottleneck.set_to`.

        A tester given the main record's ``set_to`` 8 read its partner as "+3 t/day" only,
        and had to add the partner's capacity by hand.
        """
        return scenario_figure(self.kind, self.capacity, self.suggested_extra)

    @property
    def cell(self) -> str:
        """The extra as one value of bottlenecks.csv's ``together_with`` cell.

        The figure to the gram as every CSV gives a number, its days as the tables say them,
        and the scenario figure to write where there is one:

        >>> JointExtra(kind=ResourceKind.HANDLING_PAX, resource="L6", location="L6",
        ...            suggested_extra=400.0, extra_unit="pax/day", extra_days=(0, 1, 2),
        ...            capacity=600.0).cell
        'L6 +400 pax/day on C+0–C+2 (set to 1000)'
        """
        on = f" on {day_ranges(self.extra_days)}" if self.extra_days else ""
        to = "" if self.set_to is None else f" (set to {gram_text(self.set_to)})"
        return f"{self.resource} +{gram_text(self.suggested_extra)} {self.extra_unit}{on}{to}"


def scenario_figure(
    kind: ResourceKind, capacity: float | None, extra: float | None
) -> float | None:
    """``capacity`` plus ``extra``: the figure to write in the scenario (None: no one figure).

    A supply's or an outage's extra is no one scenario figure; no extra, no figure.
    """
    if kind in (ResourceKind.SUPPLY, ResourceKind.OUTAGE) or capacity is None or extra is None:
        return None
    return to_gram(capacity + extra)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Bottleneck(ByContent):
    """A binding capacity, ranked by what one more unit of it would save.

    ``shadow_price`` is the objective saved per extra tonne (or person) per day of the
    resource, summed over ``days``; ``explanation`` says it in a planner's words.
    """

    kind: ResourceKind
    resource: str
    days: tuple[int, ...]
    shadow_price: float
    commodities: tuple[CommodityId, ...] = ()
    capacity: float | None = None
    """The resource's capacity to the gram (as bottlenecks.csv gives it); None for outages."""
    capacity_unit: str = ""
    """What ``capacity`` counts (:func:`amount_unit`); by default its kind's unit, ``t``
    for a supply only on C+0 (the stock on hand then). Plans written before it was
    recorded get that default when read back. Declared right after ``capacity`` so that
    plan.json, whose keys follow the fields, puts it beside the figure it qualifies, as
    bottlenecks.csv does (it came after ``explanation`` until 2026-11-30)."""
    suggested_extra: float | None = None
    """The least round extra measured to buy what ``explanation`` says, in ``extra_unit``;
    None where not measured or where more of it alone buys nothing. Named so in
    plan.json, bottlenecks.csv and ``plan --format json|csv`` alike (it was
    ``suggested_extra_per_day`` in the files and ``extra`` in the summary, and a store's
    extra, in ``t``, is not per day)."""
    extra_unit: str | None = "t/day"
    """What ``suggested_extra`` counts: ``t/day``, ``pax/day``, or ``t`` for a
    stock given once (a supply on hand on one day) or storage; None where there is no
    suggested extra (an outage, a claim that more of it alone buys nothing, one not
    measured), as bottlenecks.csv leaves it empty: plan.json gave an outage's ``days`` and a
    "changes nothing" row's ``t/day`` beside an empty cell."""
    extra_days: tuple[int, ...] = ()
    """The days ``suggested_extra`` is added on, as the measuring raised it: a yard's are its
    binding ``days`` widened by its dwell and cut to those the re-solve used ("+400 t/day
    there on C+3–C+7" of a yard binding on C+3–C+11: a reader of bottlenecks.csv applied
    it to 9 days for 5), so they may reach a dwell beyond ``days``; a link's or a supply's
    are its ``days``. Empty where the extra has no days (a store's is its one
    ``storage_t`` raised), where there is no extra, and in plans written before it was
    recorded."""
    shortfall_removed_t: float | None = None
    late_t_days_cut: float | None = None
    """Tonne-days of deployment lift arriving late that the extra cuts, exactly (the plan's
    closures' ``late_t_days`` summed, less the re-planned): what "cuts the lift arriving
    late by N t-days" rounds. Negative where the claim says the lift late grows; None where
    not measured, and in plans written before it was recorded. A tester could check a
    claim's shortfall to the gram, and its lateness only as the sentence rounded it."""
    late_pax_days_cut: float | None = None
    """The same for deploying people, in person-days."""
    target_t_days_filled: float | None = None
    """Tonne-days below the units' days-of-supply targets that the extra fills (negative:
    "leaves … more below"), as :attr:`late_t_days_cut`."""
    transport_cost_saved: float | None = None
    """Transport cost the extra saves, in the links' cost units (negative: "for … more"),
    as :attr:`late_t_days_cut`."""
    explanation: str = ""
    measuring: Measuring = Measuring.NOT_ASKED
    """Whether its gain was measured, or not asked for, or cut short by the measuring time
    (plan.json and bottlenecks.csv's ``measuring``; plans written before it was recorded
    get it from their figures and ``stats.explain_top`` when read back)."""
    then_limited_by: str | None = None
    """The capacity (its ``resource``, ``lb (y→u)``) that binds once ``suggested_extra`` is
    there and caps what more of this one buys: a yard of 6 t/day before a link of 8 gains 2
    t/day however much it handles. None where none does, where not measured, and in plans
    written before it was recorded (:mod:`supplyline.planning.next_limit`)."""
    together_with: tuple[JointExtra, ...] = ()
    """The other capacities' extras the claim needs with ``suggested_extra``: the
    explanation's "together with +400 pax/day at the railhead L6 … on C+0–C+2" as data.
    A closure's (kind ``outage``, no extra of its own) are what its reopening needs with it:
    a yard of 0 t/day behind the closed road raised, "with +10 t/day at Border yard". Empty
    where the claim is this capacity's (or closure's) alone, and in plans written before it
    was recorded (it was said in the explanation only, and applying the extra alone gained 0)."""
    shortfall_extra: float | None = None
    """The least round extra, in ``extra_unit`` on ``extra_days``, that removes the shortfall
    ``suggested_extra`` removes, where that is smaller: ``suggested_extra`` is the least
    that also gains as much in the next of the objective's tiers (a tester's border post,
    +28 t/day to remove 24 t short and fill 150 t-days of targets, removed the 24 t with
    +8). None where it is not smaller, where the claim removes no shortfall, where not
    measured, and in plans written before it was recorded."""
    # where it is, so that a row joins network.geojson without its sentence being read
    link: str | None = None
    """The link's id in links.csv (an outage's; several windows' ids ``;``-joined); None
    for a place's capacity."""
    origin: str | None = None
    """The place the link's capacity is used from, as movements.csv's ``origin``."""
    destination: str | None = None
    """The place it is used to, as movements.csv's ``destination``."""
    mode: str | None = None
    """The link's mode (``rail``, ``road``…)."""
    location: str | None = None
    """The place's id in locations.csv: a handling's, a storage's or a supply's; None for a link."""
    location_name: str | None = None
    """The place's name, as locations.csv gives it."""
    lon: float | None = None
    """The place's longitude (WGS 84); None for a link (:attr:`wkt` has its line)."""
    lat: float | None = None
    """The place's latitude (WGS 84); None for a link."""
    wkt: str | None = None
    """Its geometry as WKT, as QGIS's delimited-text layer reads it: ``POINT (lon lat)``
    for a place, ``LINESTRING (lon lat, lon lat)`` from origin to destination for a link
    (None for several links)."""
    # the shadow price read in the unit of the objective's tier it acts on
    saves_tier: str | None = None
    """The tier the shadow price is read in: ``shortfall``, ``targets``, ``lateness`` or
    ``cost`` (:mod:`supplyline.planning.price_reading`); None in older plans."""
    saves: float | None = None
    """``shadow_price`` over that tier's weight: what one more ``capacity_unit`` on its
    days saves, in :attr:`saves_unit` (an outage's: what reopening it saves in all)."""
    saves_unit: str | None = None
    """What :attr:`saves` counts: ``t short``, ``t-days below target``, ``t-days late``,
    ``pax-days late`` or ``cost units``."""

    @property
    def set_to(self) -> float | None:
        """The figure to write in the scenario for the claim: ``capacity`` plus the extra.

        A link's ``capacity_t_per_day`` or ``capacity_pax_per_day``, a place's
        ``handling_t_per_day`` or ``handling_pax_per_day`` (on ``extra_days``), a store's
        ``storage_t``. ``capacity`` is what the model held, not always the scenario's
        figure: a store holding more on hand than its ``storage_t`` holds what is on hand
        (a tester's W, 40 t on hand and ``storage_t`` 10, has capacity 40 and extra 20:
        ``storage_t`` 30 bought nothing, 60 did). None where there is no extra, and for a
        supply or an outage, whose extra is no one scenario figure.

        >>> Bottleneck(kind=ResourceKind.STORAGE, resource="W", days=(0,), shadow_price=1.0,
        ...            capacity=40.0, suggested_extra=20.0, extra_unit="t").set_to
        60.0
        """
        return scenario_figure(self.kind, self.capacity, self.suggested_extra)

    @property
    def suggested_extra_per_day(self) -> float | None:
        """``suggested_extra`` under its former name, for code written before the rename."""
        return self.suggested_extra

    @property
    def removes_shortfall_t(self) -> float | None:
        """The tonnes of shortfall its extra removes, as a table shows them: None where none.

        A claim that cuts lateness, fills targets or saves cost says its gain in its own
        unit in the explanation; a tester read "removes t 0" beside every lateness claim
        whose gain was 100 t-days. ``shortfall_removed_t`` keeps the 0 (measured) apart
        from None (not measured).
        """
        return self.shortfall_removed_t or None

    @property
    def gains_shown(self) -> dict[str, float | None]:
        """The measured gains besides the shortfall, as the tables and CSV files give them.

        Under their field names, None where not measured or 0, as :attr:`removes_shortfall_t`
        gives the shortfall: a claim that removes shortfall alone cuts no t-days.
        """
        return {name: getattr(self, name) or None for name in _GAIN_FIELDS}

    def __post_init__(self) -> None:
        if not self.capacity_unit:
            once = self.kind == ResourceKind.SUPPLY and tuple(self.days) == (0,)
            object.__setattr__(self, "capacity_unit", amount_unit(self.kind, once=once))
        object.__setattr__(self, "extra_days", tuple(int(d) for d in self.extra_days))
        if self.suggested_extra is None:  # no extra, so nothing for a unit or days to count
            object.__setattr__(self, "extra_unit", None)
            object.__setattr__(self, "extra_days", ())
            if self.kind != ResourceKind.OUTAGE:  # a closure's are what it needs with it
                object.__setattr__(self, "together_with", ())
            object.__setattr__(self, "shortfall_extra", None)
