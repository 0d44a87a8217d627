"""Plots of a plan as inline SVG: stock (days of supply) per unit, and flows by mode.

Figures are made with matplotlib's object API (``Figure``, no pyplot), so no GUI backend is
needed. Each SVG is cleaned for inlining in one HTML page: no XML prologue, no metadata (it
would carry links to the web), and every ``id`` prefixed so that two figures never share one
(clip paths would otherwise clip the wrong figure).

Names in figures come from the user's scenario, so every figure is made and drawn under
:func:`literal_text`: a location called ``$a^2$`` is shown as typed, not as a formula.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from supplyline.domain import Closure, Demand, Mode, Movement, Plan, Scenario
from supplyline.types import UnitId, day_label

__all__ = [
    "MODE_COLOURS",
    "figure_to_svg",
    "flows_by_mode_figure",
    "literal_text",
    "unit_supply_figure",
    "units_to_show",
]

MODE_COLOURS: Mapping[Mode, str] = {
    Mode.RAIL: "#6a3d9a",
    Mode.ROAD: "#e6841e",
    Mode.AIR: "#e31a1c",
    Mode.SEA: "#1f78b4",
    Mode.INLAND_WATER: "#33a02c",
}
"""One colour per mode, the same in every figure and on the map."""

FloatArray = npt.NDArray[np.float64]

_COMMODITY_CYCLE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d")

_ID_ATTR = re.compile(r'\bid="([^"]+)"')

_ID_USES = re.compile(r'(id="|href="#)([^"]+)(?=")|(url\(#)([^)]+)(?=\))')
"""Where an SVG names an id: ``id="x"``, ``href="#x"`` (``xlink:href`` too), ``url(#x)``."""

_MISSING_GLYPH = r"Glyph \d+ .* missing from font"
"""What matplotlib warns when the font has no glyph for a character (CJK, emoji)."""

_MARKERS_UP_TO_DAYS = 7
"""Stock lines over this few days also get a marker per day: one point alone draws no line."""

_log = logging.getLogger(__name__)


@contextlib.contextmanager
def literal_text() -> Iterator[None]:
    """Make and draw figures with every text shown as written, and missing glyphs logged.

    Text is not parsed as mathtext (``text.parse_math`` off): names and titles come from
    the scenario, and ``$`` in them is a dollar sign. A character the font lacks is drawn
    as a box, and matplotlib's warning about it goes to this module's logger at debug
    level instead of the user's terminal. Other warnings pass on unchanged. Use it around
    the making of a figure (texts take the setting when created) and around its drawing
    (tick labels are made then); it works as a decorator too.

    Examples
    --------
    >>> with literal_text():
    ...     fig = Figure()
    ...     text = fig.text(0.5, 0.5, "$a^2$ 東京")
    >>> text.get_parse_math()
    False
    """
    caught: list[warnings.WarningMessage] = []
    try:
        with (
            warnings.catch_warnings(record=True) as caught,
            mpl.rc_context({"text.parse_math": False}),
        ):
            warnings.filterwarnings("always", message=_MISSING_GLYPH, category=UserWarning)
            yield
    finally:
        for w in caught:
            if issubclass(w.category, UserWarning) and re.match(_MISSING_GLYPH, str(w.message)):
                _log.debug("%s", w.message)
            else:
                warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)


def figure_to_svg(fig: Figure, prefix: str) -> str:
    """Render ``fig`` as an SVG element ready to inline in HTML.

    Text stays text (``svg.fonttype = none``) so the SVG is small and searchable; ids get
    ``prefix`` so that several figures can live in one page. No ``bbox_inches="tight"``:
    the figures' constrained layout already keeps every label inside, and the tight box
    cost a second drawing of each figure (0.35 s of the bilateral report's 2.4 s).
    """
    buffer = io.StringIO()
    with literal_text(), mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": prefix}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.DOTALL)
    return _prefixed_ids(svg, prefix).strip()


def _prefixed_ids(svg: str, prefix: str) -> str:
    """``svg`` with each of its ids, and every use of one, as ``<prefix>-<id>``.

    In one pass over the text: three replaces over the whole SVG per id (543 ids in a
    tester's 7-unit days-of-supply chart) took 0.11 s a figure, 0.015 s this way.

    >>> _prefixed_ids('<g id="a"><use href="#a" clip-path="url(#a)"/><b id="c"/></g>', "m")
    '<g id="m-a"><use href="#m-a" clip-path="url(#m-a)"/><b id="m-c"/></g>'
    """
    ids = set(_ID_ATTR.findall(svg))

    def prefixed(use: re.Match[str]) -> str:
        opener, name = (use[1], use[2]) if use[1] is not None else (use[3], use[4])
        return f"{opener}{prefix}-{name}" if name in ids else use[0]

    return _ID_USES.sub(prefixed, svg)


def _style(ax: Axes) -> None:
    """Light axes: a plan figure is read, not admired."""
    ax.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def units_to_show(
    plan: Plan, demand: Demand, limit: int, *, leave_out: Collection[UnitId] = ()
) -> list[UnitId]:
    """The units that get a panel: those short of most tonnes first, then in demand order.

    A large operation has hundreds of units; the figure shows ``limit`` of them and the
    tables list all of them. ``leave_out`` get none: the units never at their destination
    within the horizon, which hold nothing there (a tester's such unit was drawn with its
    days-of-supply target line, as if it missed it every day).
    """
    short: dict[UnitId, float] = defaultdict(float)
    for s in plan.shortfalls:
        short[s.unit] += s.short_t
    order = {u: i for i, u in enumerate(demand.unit_ids)}
    drawn = [u for u in demand.unit_ids if u not in leave_out]
    ranked = sorted(drawn, key=lambda u: (-short.get(u, 0.0), order[u]))
    return ranked[:limit]


def _stock_series(
    plan: Plan, horizon: int
) -> tuple[dict[tuple[str, str], FloatArray], dict[tuple[str, str], FloatArray]]:
    """End-of-day stock in tonnes as arrays over the horizon.

    Returns the stock each unit holds, per (unit, commodity), and the stock kept in a
    location's own storage, per (location, commodity).
    """
    by_unit: dict[tuple[str, str], FloatArray] = {}
    by_place: dict[tuple[str, str], FloatArray] = {}
    for level in plan.stocks:
        if 0 <= level.day < horizon:
            series, key = (
                (by_place, (level.location, level.commodity))
                if level.unit is None
                else (by_unit, (level.unit, level.commodity))
            )
            if key not in series:
                series[key] = np.zeros(horizon)
            series[key][level.day] += level.tonnes
    return by_unit, by_place


@dataclass(frozen=True, slots=True, kw_only=True)
class _SupplyData:
    """What the days-of-supply panels need, computed once for all of them."""

    unit_stock: dict[tuple[str, str], FloatArray]
    """Stock a unit holds, per (unit, commodity), when the plan says so."""
    place_stock: dict[tuple[str, str], FloatArray]
    """Stock in a location's storage, per (location, commodity)."""
    mean_use: FloatArray
    """Average daily consumption ``[unit, commodity]`` over the days it consumes."""
    target_rate: FloatArray
    """``[unit, commodity, day]`` the daily rate its days-of-supply target is set at that
    day (the target over ``days_of_supply``); 0 where it has no target."""
    place_use: dict[tuple[str, str], float]
    """Average daily consumption per (location, commodity), of all units there."""
    short_days: dict[UnitId, set[int]]
    closures: dict[UnitId, Closure]
    """Each deploying unit's closure: the day it is in place, and the day it was required."""


def _supply_data(scenario: Scenario, demand: Demand, plan: Plan) -> _SupplyData:
    used = demand.consumption_t
    positive_days = (used > 0).sum(axis=2)
    mean_use = np.divide(
        used.sum(axis=2),
        positive_days,
        out=np.zeros(positive_days.shape),
        where=positive_days > 0,
    )
    place_use: dict[tuple[str, str], float] = defaultdict(float)
    for u, unit_id in enumerate(demand.unit_ids):
        where = _destination(scenario, unit_id)
        for c, commodity in enumerate(demand.commodity_ids):
            place_use[(where, commodity)] += float(mean_use[u, c])
    short_days: dict[UnitId, set[int]] = defaultdict(set)
    for s in plan.shortfalls:
        short_days[s.unit].add(s.day)
    unit_stock, place_stock = _stock_series(plan, plan.horizon_days)
    dos = np.array([_target(scenario, u) for u in demand.unit_ids], dtype=np.float64)
    target_rate = np.divide(
        demand.target_t,
        dos[:, None, None],
        out=np.zeros(demand.target_t.shape),
        where=dos[:, None, None] > 0,
    )
    return _SupplyData(
        unit_stock=unit_stock,
        place_stock=place_stock,
        mean_use=mean_use,
        target_rate=target_rate,
        place_use=place_use,
        short_days=short_days,
        closures={c.unit: c for c in plan.closures},
    )


TARGET_LABEL = "target (days of supply)"
IN_PLACE_LABEL = "in place (closure)"
REQUIRED_LABEL = "required day"
"""Legend labels of the panels' reference lines: dashed, dotted and dash-dot."""
_REFERENCE_LABELS = (TARGET_LABEL, IN_PLACE_LABEL, REQUIRED_LABEL)


def _reference_order(item: tuple[str, Line2D]) -> int:
    """Reference lines in the legend in one order: target, in place, required."""
    return _REFERENCE_LABELS.index(item[0])


def _in_place_and_required(
    demand: Demand, data: _SupplyData, unit_id: UnitId
) -> tuple[int | None, int | None]:
    """The day the unit is in place and the day it was required there, as the plan has them.

    A deploying unit is in place on its closure day (the last of its lift arrives; ``None``
    when it never closes within the horizon), not on its required day: a tester's panel
    drew a unit "in place" on C+13 whose lift closed on C+21. A unit that does not deploy
    is in place from its arrival day, with no required day of its own.
    """
    closure = data.closures.get(unit_id)
    if closure is not None:
        return closure.closure_day, closure.required_day
    return int(demand.arrival_day[demand.unit_index(unit_id)]), None


def _note_coinciding(ax: Axes, drawn: Sequence[tuple[str, Line2D]]) -> None:
    """Say which commodities' curves lie on one another: only the last drawn shows.

    A tester's panel showed one line where food, water and fuel had the same days of
    supply; the panel now says "same line: food, water, fuel".
    """
    groups: list[list[tuple[str, FloatArray]]] = []
    for commodity, line in drawn:
        ys = np.asarray(line.get_ydata(), dtype=np.float64)
        for group in groups:
            if np.allclose(group[0][1], ys, rtol=1e-6, atol=1e-9):
                group.append((commodity, ys))
                break
        else:
            groups.append([(commodity, ys)])
    same = ["same line: " + ", ".join(c for c, _ in g) for g in groups if len(g) > 1]
    if same:
        ax.text(
            0.99,
            0.97,
            "; ".join(same),
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=7,
            color="#333333",
        )


def _unit_panel(
    ax: Axes,
    scenario: Scenario,
    demand: Demand,
    data: _SupplyData,
    unit_id: UnitId,
    colour: Mapping[str, str],
) -> list[tuple[str, Line2D]]:
    """Draw one unit's panel; return the (commodity, line) pairs drawn, for the legend."""
    horizon = demand.horizon_days
    days = np.arange(horizon)
    where = _destination(scenario, unit_id)
    u = demand.unit_index(unit_id)
    drawn: list[tuple[str, Line2D]] = []
    peak = 1.0
    for c, commodity in enumerate(demand.commodity_ids):
        own = data.unit_stock.get((unit_id, commodity))
        if own is None and data.unit_stock:  # the plan keeps units' stock: this one holds none
            own = np.zeros(horizon)  # (a tester's camp was drawn with the water source there)
        # in days at the rate its target is set at, so that a curve under the dashed line
        # is a target missed (a planner saw fuel at 1.2 days against 3 where none was)
        rate = data.target_rate[u, c]
        use = (
            np.where(rate > 0, rate, data.mean_use[u, c])
            if own is not None
            else np.full(horizon, data.place_use[(where, commodity)])
        )
        if data.mean_use[u, c] <= 0 or not (use > 0).all():
            continue
        stock = own if own is not None else data.place_stock.get((where, commodity))
        dos = (stock if stock is not None else np.zeros(horizon)) / use
        peak = max(peak, float(dos.max()))
        (line,) = ax.plot(
            days,
            dos,
            color=colour[commodity],
            linewidth=1.4,
            marker="o" if horizon <= _MARKERS_UP_TO_DAYS else None,
            markersize=4,
            label=commodity,
        )
        drawn.append((commodity, line))
    _note_coinciding(ax, drawn)
    target = _target(scenario, unit_id)
    if target > 0:
        ax.axhline(target, color="#555555", linestyle="--", linewidth=0.9, label=TARGET_LABEL)
        peak = max(peak, target)
    in_place, required = _in_place_and_required(demand, data, unit_id)
    if in_place is not None and 0 < in_place < horizon:
        ax.axvline(in_place, color="#555555", linestyle=":", linewidth=1.1, label=IN_PLACE_LABEL)
    if required is not None and required != in_place and 0 < required < horizon:
        ax.axvline(required, color="#999999", linestyle="-.", linewidth=0.9, label=REQUIRED_LABEL)
    bad = sorted(data.short_days.get(unit_id, ()))
    if bad:
        ax.plot(bad, [0.0] * len(bad), "|", color="#d62728", markersize=9, mew=2)
    ax.set_ylim(bottom=-0.05 * peak, top=peak * 1.12)
    place = scenario.location_by_id.get(where)
    ax.set_title(f"{unit_id} at {place.name if place else where}", fontsize=10, loc="left")
    ax.set_ylabel("days of supply", fontsize=8)
    ax.tick_params(labelsize=8)
    return drawn


@literal_text()
def unit_supply_figure(
    scenario: Scenario, demand: Demand, plan: Plan, units: Sequence[UnitId]
) -> Figure | None:
    """Days of supply on hand at each unit, per commodity, over the horizon.

    Days of supply is the stock the unit holds divided by the daily rate its target is
    set at that day (the target over its ``days_of_supply``: its mean consumption over the
    days ahead; its average daily consumption where it has no target), so that the curves
    meet the dashed target line where the target is met; when the plan gives no per-unit
    stock, the stock at the unit's destination divided by the consumption of every unit
    there. A dashed line marks the unit's target; a dotted one the day it is in place (a
    deploying unit's closure day, when the last of its lift arrives), a dash-dot one its
    required day where that differs; red ticks under the curves mark days with a
    shortfall. Curves that lie on one another are named in the panel ("same line: …").
    Over a short horizon each day's value is also marked, so that a one-day plan still
    shows its stock.
    Commodities the unit does not consume are left out. Returns ``None`` when there is
    nothing to draw.
    """
    if not units:
        return None
    data = _supply_data(scenario, demand, plan)
    cols = 2 if len(units) > 1 else 1
    rows = (len(units) + cols - 1) // cols
    fig = Figure(figsize=(11, 2.6 * rows + 0.6), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False, sharex=True)
    colour = {
        c: _COMMODITY_CYCLE[i % len(_COMMODITY_CYCLE)] for i, c in enumerate(demand.commodity_ids)
    }
    handles: dict[str, Line2D] = {}
    references: dict[str, Line2D] = {}
    for panel, unit_id in enumerate(units):
        ax = axes[panel // cols][panel % cols]
        _style(ax)
        for commodity, line in _unit_panel(ax, scenario, demand, data, unit_id, colour):
            handles.setdefault(commodity, line)
        for line in ax.get_lines():
            if line.get_label() in _REFERENCE_LABELS:
                references.setdefault(str(line.get_label()), line)
    for panel in range(len(units), rows * cols):
        axes[panel // cols][panel % cols].set_visible(False)
    for col in range(cols):
        _day_ticks(axes[-1][col], plan.horizon_days)
    if handles:
        keyed = [*handles.items(), *sorted(references.items(), key=_reference_order)]
        fig.legend(
            handles=[line for _, line in keyed],
            labels=[label for label, _ in keyed],
            loc="outside upper center",
            ncols=min(len(keyed), 7),
            fontsize=8,
            frameon=False,
        )
    return fig


def _destination(scenario: Scenario, unit_id: UnitId) -> str:
    unit = scenario.unit_by_id.get(unit_id)
    return unit.destination if unit is not None else unit_id


def _target(scenario: Scenario, unit_id: UnitId) -> float:
    unit = scenario.unit_by_id.get(unit_id)
    return unit.days_of_supply if unit is not None else 0.0


def _day_ticks(ax: Axes, horizon: int) -> None:
    """Ticks in C+N, at most about ten of them."""
    step = max(1, int(np.ceil(horizon / 10)))
    ticks = list(range(0, horizon, step))
    ax.set_xticks(ticks, [day_label(t) for t in ticks], fontsize=8)
    ax.set_xlim(-0.5, horizon - 0.5)


def flow_matrix(plan: Plan, *, people: bool = False) -> tuple[list[Mode], FloatArray]:
    """Tonnes (or people) departing per mode and day: the modes used, and ``[mode, day]``."""

    def amount(mv: Movement) -> float:
        return mv.pax if people else mv.tonnes

    used = [m for m in Mode if any(mv.mode is m and amount(mv) > 0 for mv in plan.movements)]
    index = {m: i for i, m in enumerate(used)}
    moved = np.zeros((len(used), plan.horizon_days))
    for mv in plan.movements:
        if amount(mv) > 0 and 0 <= mv.departure_day < plan.horizon_days:
            moved[index[mv.mode], mv.departure_day] += amount(mv)
    return used, moved


def _stacked_bars(ax: Axes, modes: Sequence[Mode], moved: FloatArray, ylabel: str) -> None:
    """One bar a day, stacked by mode, in the modes' colours."""
    _style(ax)
    days = np.arange(moved.shape[1])
    bottom = np.zeros(moved.shape[1])
    for i, mode in enumerate(modes):
        ax.bar(
            days,
            moved[i],
            bottom=bottom,
            width=0.85,
            color=MODE_COLOURS[mode],
            label=mode.value.replace("_", " "),
        )
        bottom += moved[i]
    # headroom over the tallest bar (and for the legend): a bar whose top met the axis's
    # read as clipped
    ax.set_ylim(0, max(float(bottom.max()), 1e-9) * 1.15)
    ax.set_ylabel(ylabel, fontsize=9)
    ax.tick_params(labelsize=8)
    ax.legend(fontsize=8, frameon=False, ncols=len(modes), loc="upper right")


@literal_text()
def flows_by_mode_figure(plan: Plan) -> Figure | None:
    """Tonnes departing each day, stacked by mode, and people in a panel of their own.

    People are not tonnes: an airbridge that flies a thousand people and no cargo (the
    largest cost of a tester's plan) showed as nothing on a tonnes-only plot. The people's
    panel, on its own axis, is there when the plan moves any; ``None`` when nothing moves.
    """
    modes, tonnes = flow_matrix(plan)
    pax_modes, pax = flow_matrix(plan, people=True)
    panels = [
        (m, a, label)
        for m, a, label in (
            (modes, tonnes, "tonnes departing"),
            (pax_modes, pax, "people departing"),
        )
        if m
    ]
    if not panels:
        return None
    fig = Figure(figsize=(11, 3.2 * len(panels) + 0.4), layout="constrained")
    axes = fig.subplots(len(panels), 1, squeeze=False, sharex=True)
    for ax, (used, moved, label) in zip(axes[:, 0], panels, strict=True):
        _stacked_bars(ax, used, moved, label)
    _day_ticks(axes[-1, 0], plan.horizon_days)
    return fig
