"""A long list of ids said as a person reads it: the count, the first few, the last.

``ledger agreements import`` of 3,000 agreements printed all 3,000 ids in its summary
(about 40 screen lines); the full list is for programs (``--format json`` or ``csv``).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["FIRST_SHOWN", "sampled_ids"]

FIRST_SHOWN = 5
"""How many ids a long list shows from its start (then its last one)."""


def sampled_ids(ids: Sequence[str]) -> str:
    """`` (a, b)`` after a count; a long list as its first few, ``…``, its last, and how many more.

    A list of up to ``FIRST_SHOWN + 2`` ids is said whole: cutting it would hide no more
    than a name or two.

    >>> sampled_ids(["a", "b"])
    ' (a, b)'
    >>> sampled_ids([f"ag-{i}" for i in range(3000)])
    ' (ag-0, ag-1, ag-2, ag-3, ag-4 … ag-2999, and 2,994 more)'
    >>> sampled_ids([])
    ''
    """
    if not ids:
        return ""
    if len(ids) <= FIRST_SHOWN + 2:
        return f" ({', '.join(ids)})"
    more = len(ids) - FIRST_SHOWN - 1
    return f" ({', '.join(ids[:FIRST_SHOWN])} … {ids[-1]}, and {more:,} more)"
