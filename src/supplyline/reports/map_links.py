"""The network map's links: as wide as the tonnes (or people) planned on them.

Width is proportional to the amount, the busiest link :data:`_WIDEST_PT` wide; a flow that
would be drawn thinner than :data:`HAIRLINE_PT` is drawn that wide and pale, so that it
shows and reads as below scale. Each line carries the group id ``link-<id>-<k>`` (k for
its copies across the antimeridian), so that its width can be read from the SVG.
"""

from __future__ import annotations

from collections import defaultdict

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D

from supplyline.domain import Mode, Plan, Scenario
from supplyline.reports.figures import MODE_COLOURS
from supplyline.reports.longitudes import short_way, turns_into

__all__ = ["HAIRLINE_PT", "LINK_GID", "draw_links", "link_people", "link_tonnes"]

Box = tuple[float, float, float, float]
"""x0, x1, lat0, lat1 of the map's frame."""
Where = dict[str, tuple[float, float]]
"""Each location's place on the map: (x, lat)."""

LINK_GID = "link"
"""The group id of each link's line, before its id (``link-L7``): a test reads its width."""


def link_tonnes(plan: Plan) -> dict[str, float]:
    """Tonnes planned on each link over the whole horizon, both directions together."""
    total: dict[str, float] = defaultdict(float)
    for mv in plan.movements:
        total[mv.link] += mv.tonnes
    return dict(total)


def link_people(plan: Plan) -> dict[str, float]:
    """People planned on each link over the whole horizon, both directions together."""
    total: dict[str, float] = defaultdict(float)
    for mv in plan.movements:
        total[mv.link] += mv.pax
    return {link: pax for link, pax in total.items() if pax > 0}


_WIDEST_PT = 7.0
"""The busiest link's width; the others are as wide as their share of it (width ∝ amount)."""
_WIDEST_PAX_PT = 4.0
"""The width of the people-only link with most people: dashes read as a line up to about
this, and so wide they would hide the tonnes' links and the names."""
HAIRLINE_PT = 0.5
"""The least width drawn: a flow whose share would be thinner is drawn this wide and pale
(:data:`_BELOW_SCALE_ALPHA`), so that it shows and a reader knows it is below scale. A
floor of 0.8 pt added to every width drew 3,600 t 2.9 times as wide as 778 t, and 3.7 t
nearly as wide as 165 t, under a legend that said "width ∝ tonnes"."""
_ALPHA = 0.85
_BELOW_SCALE_ALPHA = 0.4


def _width(amount: float, busiest: float, widest: float = _WIDEST_PT) -> float:
    """The width in points of ``amount`` on a map whose ``busiest`` link is ``widest``."""
    return max(HAIRLINE_PT, widest * amount / max(busiest, 1e-9))


def _below_scale(amount: float, busiest: float, widest: float = _WIDEST_PT) -> bool:
    """Whether ``amount`` is drawn as the hairline rather than to scale."""
    return widest * amount / max(busiest, 1e-9) < HAIRLINE_PT


def draw_links(ax: Axes, scenario: Scenario, plan: Plan, where: Where, box: Box) -> list[Artist]:
    """Links as wide as their planned tonnes, dashed as wide as their people if no tonnes.

    Idle links are thin grey dots.
    Each runs the short way between its ends: one more than 180° of longitude apart crosses
    the antimeridian, and is drawn on both sides of it when both show in the frame.
    """
    flows = link_tonnes(plan)
    people = link_people(plan)
    busiest = max(flows.values(), default=0.0)
    busiest_pax = max(people.values(), default=0.0)
    idle: list[list[tuple[float, float]]] = []
    used_modes: set[Mode] = set()
    pax_modes: set[Mode] = set()
    hairlines = False
    for link in sorted(scenario.links, key=lambda lk: flows.get(lk.id, 0.0)):
        if link.origin not in where or link.destination not in where:
            continue
        (x0, y0), (x1, y1) = where[link.origin], where[link.destination]
        x1 = short_way(x0, x1)
        segments = [
            [(x0 + shift, y0), (x1 + shift, y1)]
            for shift in turns_into(min(x0, x1), max(x0, x1), box[:2])
        ]
        tonnes = flows.get(link.id, 0.0)
        pax = people.get(link.id, 0.0)
        if tonnes <= 1e-9 and pax <= 0:
            idle.extend(segments)
            continue
        people_only = tonnes <= 1e-9
        (pax_modes if people_only else used_modes).add(link.mode)
        amount, most, widest = (
            (pax, busiest_pax, _WIDEST_PAX_PT) if people_only else (tonnes, busiest, _WIDEST_PT)
        )
        faint = _below_scale(amount, most, widest)
        hairlines |= faint
        for k, segment in enumerate(segments):
            (line,) = ax.plot(
                *zip(*segment, strict=True),
                color=MODE_COLOURS[link.mode],
                linewidth=_width(amount, most, widest),
                linestyle=(0, (3, 1.5)) if people_only else "-",
                solid_capstyle="round",
                alpha=_BELOW_SCALE_ALPHA if faint else _ALPHA,
                zorder=2,
            )
            line.set_gid(f"{LINK_GID}-{link.id}-{k}")
    legend: list[Artist] = []
    if idle:
        ax.add_collection(
            LineCollection(idle, colors="#9a9a9a", linewidths=0.6, linestyles=":", zorder=1)
        )
        legend.append(Line2D([], [], color="#9a9a9a", linestyle=":", label="no planned flow"))
    for mode in Mode:
        name = mode.value.replace("_", " ")
        if mode in used_modes:
            label = f"{name} (width ∝ tonnes: {busiest:,.0f} t = {_WIDEST_PT:g} pt)"
            legend.append(Line2D([], [], color=MODE_COLOURS[mode], linewidth=3, label=label))
        if mode in pax_modes:
            label = (
                f"{name}, people only (width ∝ people: {busiest_pax:,.0f} = {_WIDEST_PAX_PT:g} pt)"
            )
            legend.append(
                Line2D(
                    [],
                    [],
                    color=MODE_COLOURS[mode],
                    linewidth=3,
                    linestyle=(0, (3, 1.5)),
                    label=label,
                )
            )
    if hairlines:
        legend.append(
            Line2D(
                [],
                [],
                color="#555555",
                linewidth=HAIRLINE_PT,
                alpha=_BELOW_SCALE_ALPHA,
                label=f"pale hairline: below scale (< {HAIRLINE_PT:g} pt)",
            )
        )
    return legend
