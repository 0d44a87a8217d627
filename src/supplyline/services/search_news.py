"""What the progress line says while the route search finds better routes, and when it is quiet.

PyVRP reports every better solution, and in a search's first tenth of a second it finds
several: a batch log of ``routes examples/relief-operation --day 2 --from-demand`` read
"routing: better routes found after 0.0 s" four times in a row, lines that told a planner
nothing (the routes the search starts from are "found" at 0.0 s). A line is said only when
its words are new, and never for routes found before the search's first tenth of a second.
"""

from __future__ import annotations

from collections.abc import Callable

from supplyline.routing.solver import BestCallback

__all__ = ["better_routes_news"]


def better_routes_news(say: Callable[[str], None]) -> BestCallback:
    """A callback for the route search that passes its news to ``say``, each line once.

    >>> said = []
    >>> news = better_routes_news(said.append)
    >>> for seconds in (0.0, 0.01, 0.04, 0.31, 0.33, 0.8):
    ...     news(100, seconds)
    >>> said
    ['routing: better routes found after 0.3 s', 'routing: better routes found after 0.8 s']
    """
    last: list[str] = []

    def news(_cost: int, seconds: float) -> None:
        after = f"{seconds:.1f}"
        text = f"routing: better routes found after {after} s"
        if after == "0.0" or text in last:
            return  # the start's own routes, or the line just said
        last[:] = [text]
        say(text)

    return news
