"""Requirements written for spreadsheets (CSV) and programs (JSON)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from supplyline.domain import Demand, PlanningFactor
from supplyline.io.atomic import atomic_output_dir, writing
from supplyline.io.csv_out import write_csv
from supplyline.io.folder_files import FORCE_ARGUMENT
from supplyline.io.indented_json import indented_json
from supplyline.io.progress_tenths import is_big, tenths
from supplyline.io.requirements_daily import write_daily_csv
from supplyline.types import to_gram

__all__ = ["write_requirements"]

FloatArray = npt.NDArray[np.float64]


def _write_table(path: Path, rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> None:
    """Rows as a result CSV, amounts to the gram in plain decimals (``csv_cell``)."""
    write_csv(path, columns, rows, ignore_extra=True)  # the rows carry more than it shows


def write_requirements(
    out: str | Path,
    *,
    scenario_name: str,
    fingerprint: str | None = None,
    demand: Demand,
    by_unit: Sequence[Mapping[str, Any]],
    by_commodity: Sequence[Mapping[str, Any]],
    factors_used: Sequence[PlanningFactor],
    deliver: FloatArray | None = None,
    progress: Callable[[str], None] | None = None,
    force: bool = False,
    force_with: str | None = FORCE_ARGUMENT,
) -> list[Path]:
    """Write ``requirements_daily.csv``, ``requirements_by_unit.csv`` and ``requirements.json``.

    The JSON carries the totals and the planning factors used, each with its source, so
    that a figure in a briefing can be traced to where it came from. The daily rows come
    from ``demand`` and ``deliver`` (:mod:`supplyline.io.requirements_daily`: millions of
    them take seconds); ``progress`` hears how far their writing is, every tenth of the
    units, and, for many units, the writing of each other file. ``fingerprint``: the
    scenario's (:func:`~supplyline.domain.scenario_id`), recorded as ``scenario_id``
    beside its name, by which a plan or routes written into the folder later know these
    requirements for their scenario's or another's (:mod:`supplyline.io.earlier_outputs`);
    left out where not given. ``force`` lets them replace files of their names that
    supplyline did not write (:mod:`supplyline.io.folder_files`); ``force_with`` is how the
    caller's user asks for that, in the message (None: there is no way, but another folder).
    """
    # a full disk half-way through millions of rows: an OutputError naming the output
    with (
        atomic_output_dir(out, force=force, force_with=force_with) as tmp,
        writing(f"the requirements files into {out}"),
    ):
        write_daily_csv(
            tmp / "requirements_daily.csv",
            demand,
            deliver,
            progress=None
            if progress is None
            else tenths(progress, "writing requirements_daily.csv", "units"),
        )
        if progress is not None and is_big(len(by_unit)):
            progress("writing requirements_by_unit.csv")
        _write_table(
            tmp / "requirements_by_unit.csv",
            by_unit,
            [
                "unit",
                "commodity",
                "arrival_day",
                "arrival_label",
                "arrival_date",
                "consumption_t",
                "buildup_t",
                "total_t",
                "to_deliver_t",
            ],
        )
        document = {
            "scenario": scenario_name,
            **({} if fingerprint is None else {"scenario_id": fingerprint}),
            "start_date": demand.start_date.isoformat(),
            "horizon_days": demand.horizon_days,
            "units": list(demand.unit_ids),
            "commodities": list(demand.commodity_ids),
            "by_commodity": by_commodity,
            "by_unit": by_unit,
            "daily_total_t_by_commodity": {
                com: [to_gram(float(x)) for x in demand.total_t[:, c, :].sum(axis=0)]
                for c, com in enumerate(demand.commodity_ids)
            },
            **(
                {}
                if deliver is None
                else {  # net of what units in place hold: what transport must move
                    "daily_to_deliver_t_by_commodity": {
                        com: [to_gram(float(x)) for x in deliver[:, c, :].sum(axis=0)]
                        for c, com in enumerate(demand.commodity_ids)
                    }
                }
            ),
            "factors_used": [
                {
                    "key": f.key,
                    "value": f.value,
                    "unit": f.unit,
                    "overridden": f.overridden,
                    "source_url": f.source_url,
                    # "[scenario] user value, in place of the default …" for an override,
                    # as `factors --scenario` gives it (docs/planning-factors.md)
                    "description": f.description,
                    "source_note": f.source_note,
                }
                for f in factors_used
            ],
        }
        if progress is not None and is_big(len(by_unit)):
            progress("writing requirements.json")
        (tmp / "requirements.json").write_text(indented_json(document) + "\n", encoding="utf-8")
    target = Path(out)
    return [
        target / n
        for n in ("requirements_daily.csv", "requirements_by_unit.csv", "requirements.json")
    ]
