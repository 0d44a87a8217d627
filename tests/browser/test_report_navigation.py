"""What a reader does with a report in Chromium: follow its links, point at its figures.

The report has no script (docs/reports.md): its interactive parts are the navigation
bar's links to each section and each figure's ``<title>``, which the browser shows as a
tooltip when the mouse rests on the figure. There are no tabs, toggles or sorting.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from browser_pages import PageVisit
from browser_runs import RUNS
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = pytest.mark.browser

# Where a section landed after its link was clicked: its top, the page's scroll and the
# most the page can scroll (a section near the end cannot come up to the top).
_LANDED_JS = """
const target = document.getElementById(arguments[0]);
return [target.getBoundingClientRect().top, window.scrollY,
        document.documentElement.scrollHeight - window.innerHeight, location.hash];
"""


@pytest.mark.parametrize("name", tuple(RUNS))
def test_each_navigation_link_brings_its_section_up(page: Callable[[str], Any], name: str) -> None:
    """Clicking a link of the navigation bar scrolls its section to the top of the window."""
    driver = page(name)
    links = driver.find_elements(By.CSS_SELECTOR, "nav a")
    sections = driver.find_elements(By.CSS_SELECTOR, "main > section")
    assert [a.get_attribute("hash") for a in links] == [
        "#" + s.get_attribute("id") for s in sections
    ]
    for link in links:
        target = link.get_attribute("hash")[1:]
        driver.execute_script("window.scrollTo(0, 0);")
        link.click()
        top, scrolled, most, hash_ = driver.execute_script(_LANDED_JS, target)
        assert hash_ == f"#{target}"
        assert abs(top) <= 1 or (scrolled >= most - 1 and top > 0), (target, top, scrolled)


@pytest.mark.parametrize("name", tuple(RUNS))
def test_each_figure_says_what_it_shows_to_the_pointer(
    page: Callable[[str], Any], opened: Callable[[str], PageVisit], name: str
) -> None:
    """Resting the mouse on a figure hovers it, and its tooltip title is its aria-label."""
    for figure in opened(name).figures:
        assert figure.title, figure.prefix
        assert figure.title == figure.label
    driver = page(name)
    drawn = len(opened(name).figures)
    # under load (a clean clone's whole suite beside other jobs) the driver once handed
    # the page back with 3 of its 4 figures in it: wait for them all, however long that
    # takes up to a bound, rather than read the page half-built
    WebDriverWait(driver, 60).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "figure > svg")) >= drawn
    )
    svgs = driver.find_elements(By.CSS_SELECTOR, "figure > svg")
    assert len(svgs) == drawn
    for svg in svgs:
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", svg)
        ActionChains(driver).move_to_element(svg).perform()
        assert driver.execute_script("return arguments[0].matches(':hover');", svg)
