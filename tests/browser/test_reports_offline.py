"""The HTML reports open in a real browser offline: no errors, no request leaves the file.

A report is read in headquarters with no internet (docs/reports.md): nothing from a CDN,
no web font, no map tile. Chromium records every request the page makes, so a report
that fetched anything would show it here even where the fetch failed quietly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from browser_pages import WINDOW, PageVisit, ink, visit
from browser_runs import RUNS

pytestmark = pytest.mark.browser

ALL_REPORTS = tuple(RUNS)


@pytest.mark.parametrize("name", ALL_REPORTS)
def test_the_console_stays_quiet(opened: Callable[[str], PageVisit], name: str) -> None:
    """Opening the report logs no error or warning in the browser's console."""
    loud = [e for e in opened(name).console if e["level"] in ("SEVERE", "WARNING")]
    assert loud == []


@pytest.mark.parametrize("name", ALL_REPORTS)
def test_the_page_fetches_nothing_but_itself(opened: Callable[[str], PageVisit], name: str) -> None:
    """The only request is the report's own file, and it did not fail (works offline)."""
    seen = opened(name)
    assert list(seen.requests) == [seen.url]
    assert seen.failed == ()
    assert seen.resources == ()  # no image, style, script or font loaded by the page


def test_the_checks_see_a_page_that_reaches_out(chromium: Any, tmp_path: Path) -> None:
    """A page with a remote image and a script error is caught by the same records.

    So that the two tests above can fail: port 9 on loopback refuses at once.
    """
    page = tmp_path / "reaches-out.html"
    page.write_text(
        "<!DOCTYPE html><html><body><img src='http://127.0.0.1:9/tile.png' alt='tile'>"
        "<script>console.error('broken')</script></body></html>",
        encoding="utf-8",
    )
    seen = visit(chromium, page)
    assert "http://127.0.0.1:9/tile.png" in seen.requests
    assert seen.failed != ()
    assert any(e["level"] == "SEVERE" for e in seen.console)


@pytest.mark.parametrize("name", ALL_REPORTS)
def test_a_screenshot_is_not_blank(page: Callable[[str], Any], name: str) -> None:
    """The first screen shows the header, the cards and more: many colours, much ink."""
    driver = page(name)
    shot = ink(driver.get_screenshot_as_png())
    assert shot.colours >= 50, shot
    assert shot.inked >= 0.1, shot


@pytest.mark.parametrize("name", ALL_REPORTS)
def test_the_map_screenshot_is_not_blank(page: Callable[[str], Any], name: str) -> None:
    """The network map, scrolled into view and shot alone, is drawn (not an empty box)."""
    driver = page(name)
    drawn = driver.find_element("css selector", "#map figure svg")
    # Chromium shoots only what the window shows of an element: the thin road's map, 17 px
    # lower once a table caption grew a line, was shot as a 26 px strip (2.8 % inked)
    driver.execute_script("arguments[0].scrollIntoView(true)", drawn)
    shot = ink(drawn.screenshot_as_png)
    assert shot.colours >= 50, shot
    assert shot.inked >= 0.05, shot  # the thin road's whole map, mostly sea and land: 39 %


@pytest.mark.parametrize("name", ALL_REPORTS)
def test_a_narrow_screen_scrolls_no_wider_than_itself(
    page: Callable[[str], Any], name: str
) -> None:
    """At 400 px the page is no wider than the window: tables and figures scroll inside."""
    driver = page(name)
    driver.set_window_size(400, WINDOW[1])
    page_width, window_width = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];"
    )
    assert window_width <= 400
    assert page_width <= window_width
