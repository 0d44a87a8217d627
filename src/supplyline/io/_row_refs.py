"""What CSV rows left out of the scenario refer to, kept to check once every file is read.

A row that could not be built, or that repeats an earlier row's id, is not loaded, so the
domain's checks never see what it names. Its references are kept instead (as
:class:`~supplyline.io._source.LooseRef`) and checked against what loaded, so that one
row's mistakes are all said in one run: a tester's fleet row repeating ``host-trucks``
with the depot ``nowhere`` was told the repeat alone, while the same row under a new id
was told the unknown depot.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from supplyline.domain.checks import CARGO_KIND
from supplyline.io._cargo_cells import cargo_named
from supplyline.io._day_cells import activity_levels_named
from supplyline.io._duplicates import Repeat
from supplyline.io._source import Fields, LooseRef

__all__ = ["Refs", "build_row", "keep_cargo_refs", "keep_level_refs", "keep_refs", "keep_repeat"]

T = TypeVar("T")

Refs = dict[str, tuple[str, Any]]
"""A row's references to other entities: column -> (kind, the id as parsed, or ``None``)."""

_ENTITY_OF_FILE = {
    "locations.csv": "location",
    "links.csv": "link",
    "units.csv": "unit",
    "stocks.csv": "stock",
    "fleet.csv": "fleet",
}


def build_row(f: Fields, make: Callable[..., T], refs: Refs | None = None, **kw: Any) -> T | None:
    """Call a domain constructor; its own invariant checks become an issue on the row.

    When the row cannot be built, its ``refs`` are kept (:func:`keep_refs`): a tester's
    unit with a negative personnel hid its unknown partner and destination until fixed.
    """
    if f.ok:
        try:
            return make(**kw)
        except ValueError as error:
            text = str(error)
            column = text.split("(=", 1)[0] if "(=" in text else "id"
            f.fail(column if column.isidentifier() else "id", f"{text}")
    keep_refs(f, refs or {})
    return None


def keep_refs(f: Fields, refs: Refs) -> None:
    """Keep the references of a row that is not loaded, to check once every file is read."""
    entity = _ENTITY_OF_FILE[f.origin.file]
    for column, (kind, ref) in refs.items():
        if isinstance(ref, str):
            f.report.loose_refs.append(
                LooseRef(
                    file=f.origin.file,
                    line=f.origin.line,
                    column=column,
                    entity=entity,
                    entity_id=f.record_id,
                    kind=kind,
                    ref=ref,
                )
            )


def keep_repeat(f: Fields, entity: str, key: str, record: object, refs: Refs) -> None:
    """Keep a row built whole but left out for repeating an id, to check once all is read.

    Its references are checked as a row left out's (:func:`keep_refs`), and the rest of
    the loader's checks run on it in its id's place (:mod:`supplyline.io._repeats`).
    """
    keep_refs(f, refs)
    f.report.repeats.append(Repeat(entity, key, record, f.origin))


def keep_cargo_refs(f: Fields, raw: Any) -> None:
    """Keep what a fleet row that could not be built says its trucks carry, to check later.

    As a row's other references are kept (:func:`build_row`): a misspelt ``watr`` is said in
    the same run as the row's bad payload, not after it is mended.
    """
    for name in cargo_named(raw):
        f.report.loose_refs.append(
            LooseRef(
                file=f.origin.file,
                line=f.origin.line,
                column="carries",
                entity="fleet",
                entity_id=f.record_id,
                kind=CARGO_KIND,
                ref=name,
            )
        )


def keep_level_refs(f: Fields, activity: Any, raw: str | None) -> None:
    """Keep the activity levels a row that could not be built names, to check them later.

    From the parsed periods, or from the cell when the schedule itself had an error (a
    tester's ``0:normal;5:hgh;3:low`` was told the order, and ``hgh`` only after mending it).
    """
    levels = [p.level for p in activity] if activity else activity_levels_named(raw or "")
    for level in dict.fromkeys(levels):
        f.report.loose_refs.append(
            LooseRef(
                file=f.origin.file,
                line=f.origin.line,
                column="activity",
                entity="unit",
                entity_id=f.record_id,
                kind="activity level",
                ref=level,
            )
        )
