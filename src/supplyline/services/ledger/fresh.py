"""A ledger file made for a first write is removed again if that write stores nothing.

``propose --submit`` and ``agreements import`` create a missing SQLite ledger; when the
write then failed (over a ceiling, say) the error said "nothing was stored" and left a
new, migrated, empty ledger file behind, which later commands took for a ledger.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from supplyline.errors import SupplylineError
from supplyline.services.ledger.service import Ledger

__all__ = ["kept_only_if_written"]

logger = logging.getLogger(__name__)

_COMPANIONS = ("", "-wal", "-shm", "-journal")
"""SQLite's file and the ones it keeps beside it (write-ahead log, shared memory)."""


@contextmanager
def kept_only_if_written(ledger: Ledger) -> Iterator[Ledger]:
    """Yield ``ledger``; if the block fails and the ledger's new file holds no event, remove it.

    Only a file :func:`~supplyline.services.ledger.service.open_ledger` made (an existing
    ledger is never touched), and only while its audit log is empty, so that a writer
    that got into the new file first keeps what it wrote. The error goes on as it was.

    >>> from supplyline.services.ledger import open_ledger
    >>> with kept_only_if_written(open_ledger("sqlite:///l.db")) as ledger:  # doctest: +SKIP
    ...     ledger.import_agreements(actor, agreements)
    """
    try:
        yield ledger
    except BaseException:
        _discard_if_empty(ledger)
        raise


def _discard_if_empty(ledger: Ledger) -> None:
    """Remove the ledger's new file and its companions if no event was written to it."""
    file = ledger.new_file
    if file is None:
        return
    try:
        seq, _hash = ledger.head()
    except (SupplylineError, OSError) as error:  # the first error is the one to say
        logger.warning("left the new ledger %s in place: %s", file, error)
        return
    ledger.db.dispose()  # closed before removed (Windows will not remove an open file)
    if seq == 0:
        for suffix in _COMPANIONS:
            Path(f"{file}{suffix}").unlink(missing_ok=True)
