"""The markup the page needs that CSS cannot give by itself.

Every inline SVG is an image to a screen reader (``role="img"`` and an ``aria-label``)
and has a ``<title>`` that a mouse shows, so that a reader who cannot see the map still
learns what it draws. A short table cell a browser would break at a hyphen, plus or slash
(a date, C+N, an id: "C+21 (2025-08-" over "25)", "wm-inf-" over "1" on a tester's
1366 px screen) is marked to stay on one line; long cells are sentences and wrap.
"""

from __future__ import annotations

import re

from markupsafe import escape

__all__ = ["breakable_short", "labelled_svg"]

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


def breakable_short(text: object) -> bool:
    """Whether ``text`` is a short cell a browser could break inside a word.

    >>> breakable_short("C+21 (2025-08-25)"), breakable_short("rail")
    (True, False)
    """
    said = str(text)
    return len(said) <= _SHORT_CELL and _BREAKS_INSIDE.search(said) is not None
