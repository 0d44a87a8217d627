"""The network map's links: as wide as the tonnes (or people) planned on them.

Width is proportional to the amount, the busiest link :data:`_WIDEST_PT` wide; a flow that
would be drawn thinner than :data:`HAIRLINE_PT` is drawn that wide and pale, so that it
shows and reads as below scale. Links that join the same two places are drawn side by
side (:mod:`supplyline.reports.map_bundles`). Each line carries the group id
``link-<id>-<k>`` (k for its copies across the antimeridian), so that its width can be
read from the SVG, and a title that a mouse shows (:attr:`DrawnLinks.titles`): every
link has one, an idle link's saying it carries nothing, a busy one's its tonnes to 0.1 t
below 1,000 t (:func:`link_tonnes_text`). A link with outage days is marked
(:mod:`supplyline.reports.map_closures`), its title saying when it is closed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from supplyline.domain import Link, Mode, Plan, Scenario
from supplyline.reports.figures import MODE_COLOURS
from supplyline.reports.longitudes import short_way, turns_into
from supplyline.reports.map_bundles import SideBySideKey, SideLine, bundles, pair_of, side_offsets
from supplyline.reports.map_closures import (
    Closed,
    closed_style,
    closed_words,
    closure_legend,
    closure_of,
)
from supplyline.types import figure_text, to_gram

__all__ = [
    "CLOSURE_GID",
    "HAIRLINE_PT",
    "LINK_GID",
    "DrawnLinks",
    "draw_links",
    "link_people",
    "link_tonnes",
    "link_tonnes_text",
]

Box = tuple[float, float, float, float]
"""x0, x1, lat0, lat1 of the map's frame."""
Where = dict[str, tuple[float, float]]
"""Each location's place on the map: (x, lat)."""

LINK_GID = "link"
"""The group id of each link's line, before its id (``link-L7``): a test reads its width."""
CLOSURE_GID = "closure"
"""The group id of the black dots over a link closed some days (``closure-L7-0``)."""


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
_IDLE_COLOUR = "#9a9a9a"
_IDLE_PT = 0.6
"""Links with no planned flow: thin grey dots, so that what is *not* used shows too."""
_ALPHA = 0.85
_BELOW_SCALE_ALPHA = 0.4


def _width(amount: float, busiest: float, widest: float = _WIDEST_PT) -> float:
    """The width in points of ``amount`` on a map whose ``busiest`` link is ``widest``."""
    return max(HAIRLINE_PT, widest * amount / max(busiest, 1e-9))


def _below_scale(amount: float, busiest: float, widest: float = _WIDEST_PT) -> bool:
    """Whether ``amount`` is drawn as the hairline rather than to scale."""
    return widest * amount / max(busiest, 1e-9) < HAIRLINE_PT


@dataclass(frozen=True, slots=True, kw_only=True)
class DrawnLinks:
    """What drawing the links leaves for the rest of the map: legend entries and titles."""

    legend: list[Artist]
    titles: dict[str, str]
    """Each link line's group id (``link-<id>-<k>``) and the words a mouse shows over it."""
    offsets: dict[str, float]
    """Each link's line, in points to the left of its pair's way (:func:`pair_of`): where
    a line over the link is drawn to lie on it (a convoy's leg over the road beside a rail
    line, :func:`~supplyline.reports.map_bundles.aside_on`)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class _Look:
    """How one link is drawn: by its tonnes, by its people (no tonnes), or idle."""

    by: Literal["tonnes", "people", "idle"]
    width_pt: float
    faint: bool
    """Drawn as the pale hairline: its amount is below scale."""
    carries: str
    """What its title says it carries."""


TENTHS_BELOW_T = 1_000.0
"""Below this many tonnes, from 100, a link's title gives its tonnes to 0.1 t."""


def link_tonnes_text(tonnes: float) -> str:
    """A link's tonnes as its title says them: to 0.1 t from 100 t up to 1,000 t.

    The tables round the modes to add up to "all modes" (a part may be one off its figure
    rounded alone), so a link said whole beside them read as a disagreement: a tester's
    sea-1 of 858.64 t read 859 t on the map beside the mode table's "sea 858". To 0.1 t it
    reads 858.6, the same figure rounded otherwise. Below 100 t a figure already has its
    decimals (:func:`~supplyline.types.figure_text`); from 1,000 t one in a thousand is
    plain; a whole figure stays whole.

    >>> link_tonnes_text(858.64), link_tonnes_text(858.0), link_tonnes_text(17.15)
    ('858.6', '858', '17.15')
    >>> link_tonnes_text(1234.5), link_tonnes_text(100.04)
    ('1,235', '100.0')
    """
    if 100 <= abs(tonnes) < TENTHS_BELOW_T and not to_gram(tonnes).is_integer():
        return figure_text(tonnes, 1)
    return figure_text(tonnes)


def _look(link_tonnes: float, link_pax: float, busiest: float, busiest_pax: float) -> _Look:
    """How a link that carries ``link_tonnes`` and ``link_pax`` is drawn."""
    if link_tonnes <= 1e-9 and link_pax <= 0:
        return _Look(by="idle", width_pt=_IDLE_PT, faint=False, carries="carries nothing planned")
    if link_tonnes <= 1e-9:
        faint = _below_scale(link_pax, busiest_pax, _WIDEST_PAX_PT)
        return _Look(
            by="people",
            width_pt=_width(link_pax, busiest_pax, _WIDEST_PAX_PT),
            faint=faint,
            carries=f"{figure_text(link_pax)} people and no tonnes planned",
        )
    people = f" and {figure_text(link_pax)} people" if link_pax > 0 else ""
    return _Look(
        by="tonnes",
        width_pt=_width(link_tonnes, busiest),
        faint=_below_scale(link_tonnes, busiest),
        carries=f"{link_tonnes_text(link_tonnes)} t{people} planned",
    )


def _style(link: Link, look: _Look) -> dict[str, Any]:
    """The line's colour, dashes and opacity: by mode, dashed for people, pale below scale."""
    if look.by == "idle":
        return {"color": _IDLE_COLOUR, "linestyle": ":", "zorder": 1}
    return {
        "color": MODE_COLOURS[link.mode],
        "linestyle": (0, (3, 1.5)) if look.by == "people" else "-",
        "solid_capstyle": "round",
        "alpha": _BELOW_SCALE_ALPHA if look.faint else _ALPHA,
        "zorder": 2,
    }


def _title(scenario: Scenario, link: Link, look: _Look, alongside: int) -> str:
    """What a mouse shows over a link: mode, id, ends, what it carries, closures, bundle."""
    places = scenario.location_by_id
    ends = [places[end].name or end for end in (link.origin, link.destination)]
    way = " \N{LEFT RIGHT ARROW} " if link.bidirectional else " \N{RIGHTWARDS ARROW} "
    said = f"{link.mode.value.replace('_', ' ')} link {link.id}, {way.join(ends)}: "
    said += look.carries + (" (below scale)" if look.faint else "")
    if closed := closed_words(link, scenario.horizon_days):
        said += f"; {closed}"
    if alongside > 1:
        said += f"; one of {alongside} links between these places, drawn side by side"
    return said


def draw_links(ax: Axes, scenario: Scenario, plan: Plan, where: Where, box: Box) -> DrawnLinks:
    """Links as wide as their planned tonnes, dashed as wide as their people if no tonnes.

    Idle links are thin grey dots. Links that join the same two places are drawn side by
    side, each its own width apart (:mod:`supplyline.reports.map_bundles`): drawn on top
    of one another, the road under a rail line showed nothing of what it carried. Every
    line has a title a mouse shows (mode, id, ends, what it carries, when it is closed):
    the lone idle links, drawn as one collection, had none. A link closed all horizon is
    black dash-dots in place of its idle dots; one closed some days has black dots over
    it
    (:mod:`supplyline.reports.map_closures`).
    Each runs the short way between its ends: one more than 180° of longitude apart crosses
    the antimeridian, and is drawn on both sides of it when both show in the frame.
    """
    flows = link_tonnes(plan)
    people = link_people(plan)
    busiest = max(flows.values(), default=0.0)
    busiest_pax = max(people.values(), default=0.0)
    shown = [lk for lk in scenario.links if lk.origin in where and lk.destination in where]
    looks = {
        lk.id: _look(flows.get(lk.id, 0.0), people.get(lk.id, 0.0), busiest, busiest_pax)
        for lk in shown
    }
    closures = {lk.id: closure_of(lk, scenario.horizon_days) for lk in shown}
    offsets: dict[str, float] = {}
    alongside: dict[str, int] = {}
    for group in bundles(shown).values():
        widths = [looks[lk.id].width_pt for lk in group]
        offsets |= {lk.id: at for lk, at in zip(group, side_offsets(widths), strict=True)}
        alongside |= {lk.id: len(group) for lk in group}
    titles: dict[str, str] = {}
    for link in sorted(shown, key=lambda lk: flows.get(lk.id, 0.0)):
        look, closed = looks[link.id], closures[link.id]
        (x0, y0), (x1, y1) = where[link.origin], where[link.destination]
        x1 = short_way(x0, x1)
        # offsets are to the left of the pair's way; a link that runs back has them right
        aside = offsets[link.id] * (1 if (link.origin, link.destination) == pair_of(link) else -1)
        title = _title(scenario, link, look, alongside[link.id])
        replaced = closed is Closed.ALL and look.by == "idle"  # it carries nothing: no dots
        for k, shift in enumerate(turns_into(min(x0, x1), max(x0, x1), box[:2])):
            ends = ((x0 + shift, y0), (x1 + shift, y1))
            if replaced:  # black dash-dots, not grey dots
                style = closed_style(Closed.ALL)
            else:
                style = {"linewidth": look.width_pt, **_style(link, look)}
            line = SideLine(ends, aside, **style)
            line.set_gid(f"{LINK_GID}-{link.id}-{k}")
            ax.add_line(line)
            titles[f"{LINK_GID}-{link.id}-{k}"] = title
            if closed is not None and not replaced:  # over its own line, which shows
                over = SideLine(ends, aside, **closed_style(closed))
                over.set_gid(f"{CLOSURE_GID}-{link.id}-{k}")
                ax.add_line(over)
                titles[f"{CLOSURE_GID}-{link.id}-{k}"] = title
    drawn = {c for lk, c in closures.items() if c is not None}
    legend = _legend(looks, shown, busiest, busiest_pax) + closure_legend(drawn)
    return DrawnLinks(legend=legend, titles=titles, offsets=offsets)


def _legend(
    looks: dict[str, _Look], shown: list[Link], busiest: float, busiest_pax: float
) -> list[Artist]:
    """The links' legend: idle, each mode by tonnes and by people, the hairline, bundles."""
    legend: list[Artist] = []
    if any(look.by == "idle" for look in looks.values()):
        legend.append(Line2D([], [], color=_IDLE_COLOUR, linestyle=":", label="no planned flow"))
    used_modes = {lk.mode for lk in shown if looks[lk.id].by == "tonnes"}
    pax_modes = {lk.mode for lk in shown if looks[lk.id].by == "people"}
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
    if any(look.faint for look in looks.values()):
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
    pairs = bundles(shown).values()
    if any(len(group) > 1 for group in pairs):
        legend.append(SideBySideKey("links between the same two places: side by side"))
    return legend
