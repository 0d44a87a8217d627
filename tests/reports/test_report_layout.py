"""The page's layout and accessibility, read from the HTML: what a browser and a reader get."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from supplyline.reports.map_labels import VEIL_OPACITY

if TYPE_CHECKING:
    from tests.reports.conftest import Case

SVG = "{http://www.w3.org/2000/svg}"
_JOINED = re.compile(r"\S[-+/–]\S")


def _root(html: str) -> ET.Element:
    return ET.fromstring(html.removeprefix("<!DOCTYPE html>"))


def _style(html: str) -> str:
    return "".join(_root(html).find("head/style").itertext())  # type: ignore[union-attr]


def test_every_svg_says_what_it_shows(html: str) -> None:
    """Each inline SVG is an image to a screen reader, with a label and a title."""
    svgs = list(_root(html).iter(f"{SVG}svg"))
    assert svgs
    for svg in svgs:
        assert svg.get("role") == "img"
        assert (svg.get("aria-label") or "").strip()
        title = svg.find(f"{SVG}title")
        assert title is not None
        assert title.text == svg.get("aria-label")


def test_map_label_counts_places_and_links(case: Case, html: str) -> None:
    """The map's label says how many places and links it draws, and what the widths mean."""
    labels = [svg.get("aria-label") for svg in _root(html).iter(f"{SVG}svg")]
    scenario = case.scenario
    expected = (
        f"Map of the network: {len(scenario.locations)} places, {len(scenario.links)} links, "
        "widths by tonnes planned"
    )
    assert expected in labels


def test_header_cells_have_a_scope(html: str) -> None:
    """Every <th> says whether it heads a column or a row."""
    cells = list(_root(html).iter("th"))
    assert cells
    assert {th.get("scope") for th in cells} <= {"col", "row"}
    assert None not in {th.get("scope") for th in cells}


def test_tables_scroll_in_their_own_box(html: str) -> None:
    """Each table sits in a box that scrolls sideways, so the page is never wider."""
    root = _root(html)
    parents = {child: parent for parent in root.iter() for child in parent}
    tables = list(root.iter("table"))
    assert tables
    for table in tables:
        assert parents[table].get("class") == "scroll"
    assert re.search(r"\.scroll\s*\{[^}]*overflow-x:\s*auto", _style(html))


def test_figures_keep_a_readable_size(html: str) -> None:
    """A figure scrolls inside its box instead of shrinking its 7 pt names below ~9 px."""
    style = _style(html)
    rule = re.search(r"figure svg\s*\{([^}]*)\}", style)
    assert rule is not None
    min_px = float(re.search(r"min-width:\s*(\d+)px", rule.group(1)).group(1))  # type: ignore[union-attr]
    widest_pt = max(
        float(svg.get("width", "0pt").removesuffix("pt")) for svg in _root(html).iter(f"{SVG}svg")
    )
    assert 7 * min_px / widest_pt >= 8.9  # px of a 7 pt name at the figure's least width
    assert re.search(r"figure\s*\{[^}]*overflow-x:\s*auto", style)


def test_print_keeps_headings_with_what_follows(html: str) -> None:
    """On paper no heading ends a page and no figure is cut in two."""
    style = _style(html)
    start = style.index("@media print")
    printed = style[start:]
    assert re.search(r"h2[^{]*\{[^}]*break-after:\s*avoid", printed)
    assert re.search(r"figure[^{]*\{[^}]*break-inside:\s*avoid", printed)
    assert "@page" in style


def test_short_cells_do_not_break_inside_a_word(html: str) -> None:
    """Dates, C+N days and ids never split at a hyphen or plus; long sentences wrap."""
    kept = long = 0
    for td in _root(html).iter("td"):
        text = "".join(td.itertext())
        if td.get("class") == "num":
            continue
        if len(text) <= 40 and _JOINED.search(text):
            assert td.get("class") == "nw", text
            kept += 1
        elif len(text) > 40:
            assert td.get("class") is None, text
            long += 1
    assert kept > 0
    assert long > 0
    assert re.search(r"\.nw\s*\{[^}]*white-space:\s*nowrap", _style(html))


def test_map_names_are_veiled_opaquely(html: str) -> None:
    """The box behind each name on the map hides a link under it (a tester read one struck)."""
    assert VEIL_OPACITY >= 0.85
    veils = 0
    for group in _root(html).iter(f"{SVG}g"):
        if not re.search(r"place-(name|number)-\d+$", group.get("id", "")):
            continue
        path = group.find(f"{SVG}g/{SVG}path")
        assert path is not None
        opacity = re.search(r"opacity:\s*([\d.]+)", path.get("style", ""))
        assert opacity is not None
        assert float(opacity.group(1)) >= 0.85
        veils += 1
    assert veils > 0


def _printed_rule(style: str, selector: str) -> str:
    """The declarations of ``selector``'s rule in the print block ("" if it has none)."""
    printed = re.sub(r"/\*.*?\*/", "", style[style.index("@media print") :], flags=re.S)
    rule = re.search(rf"(?:^|[}};,]\s*){re.escape(selector)}\s*\{{([^}}]*)\}}", printed)
    return "" if rule is None else rule.group(1)


def test_print_keeps_a_caption_with_its_table(html: str) -> None:
    """A caption is never carried over to the next page alone, nor cut in two.

    The captions are under their tables, so the caption may not break before itself nor
    inside, and the table's last row stays with the row before it (a tester's printed
    report had a caption alone at the top of a page).
    """
    style = _style(html)
    assert re.search(r"caption\s*\{[^}]*caption-side:\s*bottom", style)
    caption = _printed_rule(style, "caption")
    for declaration in ("break-before: avoid", "break-inside: avoid"):
        assert declaration in caption, caption
    assert "break-before: avoid" in _printed_rule(style, "tbody tr:last-child")
    captioned = [t for t in _root(html).iter("table") if t.find("caption") is not None]
    assert captioned
    for table in captioned:  # the rules reach the caption: it is the table's own
        assert table[0].tag == "caption"
        assert table.find("tbody/tr") is not None


def _veil_opacity(group: ET.Element) -> float:
    """The opacity of the pale box drawn behind a label's words."""
    path = group.find(f"{SVG}g/{SVG}path")
    assert path is not None, group.get("id")
    opacity = re.search(r"opacity:\s*([\d.]+)", path.get("style", ""))
    assert opacity is not None, path.get("style")
    return float(opacity.group(1))


def test_line_labels_are_veiled_as_place_names_are(case: Case) -> None:
    """A convoy's label sits on the same pale veil as a place's name, not bare over links."""
    from supplyline.reports import MapLayer, MapPolyline, render_plan_report

    convoys = MapLayer(
        name="convoys C+3",
        lines=(
            MapPolyline(points=((23.90, 54.90), (25.0, 55.1), (25.77, 54.98)), label="T1"),
            MapPolyline(points=((25.77, 54.98), (24.5, 54.6)), label="T2"),
        ),
        label_lines=True,
    )
    html = render_plan_report(case.scenario, case.demand, case.plan, map_layers=(convoys,))
    groups = list(_root(html).iter(f"{SVG}g"))
    lines = [g for g in groups if re.search(r"line-label-\d+$", g.get("id", ""))]
    names = [g for g in groups if re.search(r"place-name-\d+$", g.get("id", ""))]
    assert len(lines) >= 2  # each map that frames a line labels it (the units' area too)
    assert names
    assert {_veil_opacity(g) for g in lines} == {_veil_opacity(g) for g in names} == {VEIL_OPACITY}
