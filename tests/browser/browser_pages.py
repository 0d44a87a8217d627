"""Debian's headless Chromium, driven by chromedriver, and what it saw of a page.

One browser serves every test of a worker (:func:`start_chromium`); :func:`visit` opens a
file in it and returns what a user would have got: the console's messages, every request
the page made (and those that failed), and the marks each inline figure drew, measured
as laid out on the screen (:data:`FIGURES_JS`).

The launch flags keep Chromium off the network it would reach by itself (Google's hosts
for updates, sync and field trials): this machine's closed network refuses them, and a
report must not need them anyway.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
WINDOW = (1280, 900)  # a laptop's screen, wide enough for the 1,020 px figures

# Per figure: its prefix (the ids' ``<prefix>-``), size on screen, its <title> and
# aria-label, and every drawn path and text with the axes and group holding it. Sizes
# are the boxes on screen (getBoundingClientRect), so a mark that CSS hid or squashed
# reads as 0.
FIGURES_JS = """
const axesOf = el => { const a = el.closest('g[id*="-axes_"]'); return a ? a.id : ''; };
const groupOf = el => { const g = el.closest('g[id]'); return g ? g.id : ''; };
const mark = el => {
  const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
  return {group: groupOf(el), axes: axesOf(el), legend: el.closest('g[id*="-legend_"]') !== null,
          tick: el.closest('g[id*="tick_"]') !== null, stroke: s.stroke, fill: s.fill,
          width: r.width, height: r.height, shown: s.visibility};
};
return Array.from(document.querySelectorAll('figure > svg')).map(svg => {
  const top = svg.querySelector(':scope > g[id$="-figure_1"]');
  const box = svg.getBoundingClientRect();
  const title = svg.querySelector(':scope > title');
  const drawn = Array.from(svg.querySelectorAll('path, use')).filter(p => !p.closest('defs'));
  const texts = Array.from(svg.querySelectorAll('text')).map(t => ({
    text: t.textContent, axes: axesOf(t), group: groupOf(t), fill: getComputedStyle(t).fill}));
  return {prefix: top ? top.id.replace(/-figure_1$/, '') : '', width: box.width,
          height: box.height, title: title ? title.textContent : null,
          label: svg.getAttribute('aria-label'), marks: drawn.map(mark), texts: texts};
});
"""


# Per figure: the box on screen of each place's name or number and each line's label,
# with the group that holds it (a convoy label of three lines is one group), and the
# figure's box. As Chromium draws them, in the fonts it has, not as matplotlib measured.
LABEL_BOXES_JS = """
return Array.from(document.querySelectorAll('figure > svg')).map(svg => {
  const sel = 'g[id*="-place-name-"] text, g[id*="-place-number-"] text, '
            + 'g[id*="-line-label-"] text';
  const box = r => [r.left, r.top, r.right, r.bottom];
  return {figure: box(svg.getBoundingClientRect()),
          labels: Array.from(svg.querySelectorAll(sel)).map(t => ({
            group: t.closest('g[id]').id, text: t.textContent,
            box: box(t.getBoundingClientRect())}))};
});
"""


@dataclass(frozen=True)
class Mark:
    """One drawn path or marker (``<use>``): where it is, its colours, its size on screen.

    ``legend`` and ``tick`` say it is part of a legend or an axis's ticks, not of the data.
    """

    group: str
    axes: str
    legend: bool
    tick: bool
    stroke: str
    fill: str
    width: float
    height: float
    shown: str

    @property
    def drawn(self) -> bool:
        """Visible with some extent (a straight line has one of its sides 0)."""
        return self.shown == "visible" and max(self.width, self.height) > 0

    @property
    def data(self) -> bool:
        """Drawn, and a mark of the data: not a legend's sample nor an axis's tick."""
        return self.drawn and not (self.legend or self.tick)


@dataclass(frozen=True)
class Words:
    """One ``<text>`` of a figure, where it is and its colour."""

    text: str
    axes: str
    group: str
    fill: str


@dataclass(frozen=True)
class Figure:
    """An inline SVG figure as the browser laid it out."""

    prefix: str
    width: float
    height: float
    title: str | None
    label: str | None
    marks: tuple[Mark, ...]
    texts: tuple[Words, ...]

    def group_ids(self, kind: str) -> list[str]:
        """Ids of the groups ``<prefix>-<kind>-…`` that hold a drawn path or marker."""
        start = f"{self.prefix}-{kind}-"
        return sorted({m.group for m in self.marks if m.drawn and m.group.startswith(start)})


@dataclass(frozen=True)
class PageVisit:
    """What a page did when it was opened: console, requests, figures."""

    url: str
    console: tuple[dict[str, Any], ...]
    requests: tuple[str, ...]
    failed: tuple[dict[str, Any], ...]
    resources: tuple[str, ...]
    figures: tuple[Figure, ...]

    def figure(self, prefix: str) -> Figure:
        """The figure whose ids start with ``prefix`` (``map``, ``theatre``, ``supply``…)."""
        found = [f for f in self.figures if f.prefix == prefix]
        assert len(found) == 1, (prefix, [f.prefix for f in self.figures])
        return found[0]


class BrowserMissing(RuntimeError):
    """Chromium, chromedriver or selenium is not installed here."""


class BrowserFailed(RuntimeError):
    """Chromium is installed but would not start (chromedriver's reason in the message)."""


def chromium_paths() -> tuple[str, str]:
    """The browser and driver: as ``scripts/chromium.sh`` exported them, else on PATH."""
    browser = os.environ.get("SUPPLYLINE_TEST_CHROMIUM") or shutil.which("chromium")
    driver = os.environ.get("SUPPLYLINE_TEST_CHROMEDRIVER") or shutil.which("chromedriver")
    for what, path in (("Chromium", browser), ("chromedriver", driver)):
        if not (path and Path(path).is_file()):
            raise BrowserMissing(
                f"no {what} ({path or 'none on PATH'}); `make test` installs Debian's "
                "chromium and chromium-driver (scripts/chromium.sh)"
            )
    assert browser
    assert driver
    return browser, driver


def start_chromium(profile: Path) -> Any:
    """A headless Chromium with a fresh profile, logging its console and network.

    Raises :class:`BrowserMissing` when it is not installed, :class:`BrowserFailed` when
    it is and will not start.
    """
    browser, driver = chromium_paths()
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError as exc:  # the test extra not installed
        raise BrowserMissing(f"selenium is not installed ({exc}); `make test` installs it") from exc
    options = webdriver.ChromeOptions()
    options.binary_location = browser  # with the driver's path: no Selenium Manager download
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={WINDOW[0]},{WINDOW[1]}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    try:
        return webdriver.Chrome(options=options, service=Service(driver))
    except WebDriverException as exc:
        raise BrowserFailed(f"{browser} (driven by {driver}) would not start: {exc.msg}") from exc


def fresh_profile() -> Path:
    """An empty user-data directory (Chromium's profile) of this browser alone."""
    return Path(tempfile.mkdtemp(prefix="supplyline-chromium-"))


def visit(driver: Any, page: Path) -> PageVisit:
    """Open ``page`` in the browser and record what it logged, fetched and drew.

    The logs are drained on a blank page first, so that only this page's entries count
    (Chromium's own start-up pages log requests of their own).
    """
    driver.set_window_size(*WINDOW)
    driver.get("about:blank")
    driver.get_log("browser")
    driver.get_log("performance")
    url = page.resolve().as_uri()
    driver.get(url)  # returns once the page has loaded
    console = driver.get_log("browser")
    events = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
    requests = [
        e["params"]["request"]["url"] for e in events if e["method"] == "Network.requestWillBeSent"
    ]
    failed = [e["params"] for e in events if e["method"] == "Network.loadingFailed"]
    resources = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name);"
    )
    figures = tuple(
        Figure(
            prefix=f["prefix"],
            width=f["width"],
            height=f["height"],
            title=f["title"],
            label=f["label"],
            marks=tuple(Mark(**m) for m in f["marks"]),
            texts=tuple(Words(**t) for t in f["texts"]),
        )
        for f in driver.execute_script(FIGURES_JS)
    )
    return PageVisit(
        url=url,
        console=tuple(console),
        requests=tuple(requests),
        failed=tuple(failed),
        resources=tuple(resources),
        figures=figures,
    )


def css_rgb(hex_colour: str) -> str:
    """``#c51b7d`` as a computed style gives it: ``rgb(197, 27, 125)``."""
    h = hex_colour.lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i : i + 2], 16) for i in (0, 2, 4)))


@dataclass(frozen=True)
class Ink:
    """How much a screenshot shows: its distinct colours and the share not background."""

    colours: int
    inked: float


def ink(png: bytes) -> Ink:
    """Measure a screenshot: a blank one has one colour and nothing inked."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    pixels = image.width * image.height
    counts = image.getcolors(maxcolors=pixels)  # (count, colour) of each colour used
    assert counts is not None
    background = max(count for count, _ in counts)
    return Ink(colours=len(counts), inked=1 - background / pixels)
