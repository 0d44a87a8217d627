"""Scenario text in the report isolated for direction: each id and name in a ``<bdi>``.

A tester's places with Hebrew and Arabic ids (``מחסן-בית``, ``مستودع``) made the
resource "rail-1 (מחסן-בית→مستودع)" display as "مستودع→מחסן-בית": two right-to-left
words around the arrow form one right-to-left run, so the arrow seemed to point from
destination to origin. Each id or name taken from the scenario is wrapped in its own
``<bdi>`` (HTML's direction isolate), so that it takes its direction from its own
letters and the sentence around it keeps its order. One helper, :func:`isolating`, does
it for every piece of text the report's template writes (titles, intros, captions, table
cells, notes); the map's SVG text is drawn as shapes and is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from markupsafe import Markup, escape

from supplyline.domain import Scenario

__all__ = ["isolating", "scenario_words"]

_WORD_EDGE = r"[\w.-]"
"""Characters that continue an id: ``rail-1`` is not isolated inside ``rail-10``."""


def scenario_words(scenario: Scenario) -> set[str]:
    """Every id and name the scenario gives: places, links, units, partners, commodities."""
    words = {scenario.name}
    for group in (scenario.locations, scenario.units, scenario.partners, scenario.commodities):
        for item in group:
            words.add(item.id)
            words.add(getattr(item, "name", "") or "")
    words.update(link.id for link in scenario.links)
    return {w for w in words if w.strip()}


def isolating(words: Iterable[str]) -> Callable[[object], Markup]:
    """A function that escapes a text and wraps each of ``words`` in it in ``<bdi>``.

    The longest word is matched first ("host depot" before "host"); a word is matched
    only whole (not inside a longer id).

    >>> bdi = isolating(["rail-1", "מחסן", "مستودع"])
    >>> str(bdi("rail-1 (מחסן→مستودع) & rail-10"))
    '<bdi>rail-1</bdi> (<bdi>מחסן</bdi>→<bdi>مستودع</bdi>) &amp; rail-10'
    """
    escaped = sorted({str(escape(w)) for w in words if w}, key=len, reverse=True)
    if not escaped:
        return lambda text: escape(text)
    found = re.compile(rf"(?<!{_WORD_EDGE})(?:{'|'.join(map(re.escape, escaped))})(?!{_WORD_EDGE})")

    def bdi(text: object) -> Markup:
        return Markup(found.sub(lambda m: f"<bdi>{m.group(0)}</bdi>", str(escape(text))))

    return bdi
