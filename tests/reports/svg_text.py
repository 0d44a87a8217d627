"""Where the texts of an inline SVG figure lie, measured as matplotlib drew them."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties

SVG = "{http://www.w3.org/2000/svg}"
_TEXT_ANCHOR = {"start": 0.0, "middle": 0.5, "end": 1.0}


@dataclass(frozen=True)
class TextBox:
    """One ``<text>``: its words, the id of the group that holds it, and its box.

    The box is (x0, y0, x1, y1) in SVG units, y down.
    """

    text: str
    group: str
    box: tuple[float, float, float, float]

    def overlaps(self, other: TextBox) -> bool:
        a, b = self.box, other.box
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def view_box(svg: str) -> tuple[float, float]:
    """The figure's width and height in SVG units (points)."""
    root = ET.fromstring(svg)
    width, height = (float(v) for v in root.attrib["viewBox"].split()[2:])
    return width, height


def text_boxes(svg: str) -> list[TextBox]:
    """Every text's box, placed by its anchor and turned by its rotation.

    Measured with matplotlib's font metrics at 72 dpi, where an SVG unit is a point.
    """
    root = ET.fromstring(svg)
    parents = {child: parent for parent in root.iter() for child in parent}
    renderer = RendererAgg(1, 1, 72)
    boxes = []
    for el in root.iter(f"{SVG}text"):
        style = dict(part.split(": ", 1) for part in el.attrib["style"].split("; "))
        text = "".join(el.itertext())
        size = float(style["font-size"].removesuffix("px"))
        weight = "bold" if style.get("font-weight") in ("700", "bold") else "normal"
        w, h, descent = renderer.get_text_width_height_descent(
            text, FontProperties(size=size, weight=weight), ismath=False
        )
        x, y = float(el.attrib["x"]), float(el.attrib["y"])
        turn = re.match(r"rotate\((-?[\d.]+)", el.attrib.get("transform", "rotate(0)"))
        assert turn is not None, el.attrib
        a = math.radians(float(turn[1]))
        left = -w * _TEXT_ANCHOR[style.get("text-anchor", "start")]
        corners = [(dx, dy) for dx in (left, left + w) for dy in (descent - h, descent)]
        xs = [x + dx * math.cos(a) - dy * math.sin(a) for dx, dy in corners]
        ys = [y + dx * math.sin(a) + dy * math.cos(a) for dx, dy in corners]
        group = parents[el].attrib.get("id", "")
        boxes.append(TextBox(text, group, (min(xs), min(ys), max(xs), max(ys))))
    return boxes


def group_box(svg: str, group_id: str) -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) of the first path in the group ``group_id``."""
    root = ET.fromstring(svg)
    for g in root.iter(f"{SVG}g"):
        if g.attrib.get("id") == group_id:
            path = next(g.iter(f"{SVG}path"))
            numbers = [float(v) for v in re.findall(r"-?[\d.]+", path.attrib["d"])]
            xs, ys = numbers[0::2], numbers[1::2]
            return min(xs), min(ys), max(xs), max(ys)
    raise AssertionError(f"no group {group_id!r}")
