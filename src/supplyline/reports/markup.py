"""The markup the page needs that CSS cannot give by itself.

Every inline SVG is an image to a screen reader (``role="img"`` and an ``aria-label``)
and has a ``<title>`` that a mouse shows, so that a reader who cannot see the map still
learns what it draws; a group inside one (a link on the map) may have its own ``<title>``
too. A short table cell a browser would break at a hyphen, plus or slash
(a date, C+N, an id: "C+21 (2025-08-" over "25)", "wm-inf-" over "1" on a tester's
1366 px screen) is marked to stay on one line; long cells are sentences and wrap.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from markupsafe import escape

__all__ = ["breakable_short", "labelled_svg", "titled_groups"]

_SHORT_CELL = 40
"""Characters of the longest cell kept on one line: a date with its C+N is 17."""
_BREAKS_INSIDE = re.compile(r"\S[-+/\u2013]")

_SVG_OPEN = re.compile(r"<svg\b(?![^>]*\brole=)([^>]*)>")


def labelled_svg(svg: str, label: str) -> str:
    """``svg`` with each root ``<svg>`` not yet labelled given ``role="img"`` and ``label``.

    >>> labelled_svg('<svg width="1pt"><g/></svg>', "A & B")
    '<svg role="img" aria-label="A &amp; B" width="1pt"><title>A &amp; B</title><g/></svg>'
    """
    said = str(escape(" ".join(label.split())))
    return _SVG_OPEN.sub(
        lambda m: f'<svg role="img" aria-label="{said}"{m.group(1)}><title>{said}</title>',
        svg,
    )


_GROUP_OPEN = re.compile(r'<g id="([^"]*)">')


def titled_groups(svg: str, titles: Mapping[str, str]) -> str:
    r"""``svg`` with a ``<title>`` first in each group whose id ``titles`` gives one for.

    matplotlib writes no titles; a browser shows a group's title where the mouse rests
    on what the group draws. Ids are matched as written unescaped (a link's id is the
    user's).

    >>> titled_groups('<g id="map-link-a&amp;b-0">\n<path/></g>', {"map-link-a&b-0": "A < B"})
    '<g id="map-link-a&amp;b-0"><title>A &lt; B</title>\n<path/></g>'
    """

    def titled(match: re.Match[str]) -> str:
        title = titles.get(html.unescape(match.group(1)))
        return (
            match.group(0) if title is None else f"{match.group(0)}<title>{escape(title)}</title>"
        )

    return _GROUP_OPEN.sub(titled, svg) if titles else svg


def breakable_short(text: object) -> bool:
    """Whether ``text`` is a short cell a browser could break inside a word.

    >>> breakable_short("C+21 (2025-08-25)"), breakable_short("rail")
    (True, False)
    """
    said = str(text)
    return len(said) <= _SHORT_CELL and _BREAKS_INSIDE.search(said) is not None
