"""Requirements written for spreadsheets (CSV) and programs (JSON)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from supplyline.domain import Demand, PlanningFactor
from supplyline.io.atomic import atomic_output_dir
from supplyline.io.csv_out import to_gram, write_csv

__all__ = ["write_requirements"]

FloatArray = npt.NDArray[np.float64]


def _write_table(path: Path, rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> None:
    """Rows as a result CSV, amounts to the gram (six decimals)."""
    write_csv(
        path,
        columns,
        ({k: (to_gram(v) if isinstance(v, float) else v) for k, v in row.items()} for row in rows),
        ignore_extra=True,  # the rows carry more than the table shows
    )


def write_requirements(
    out: str | Path,
    *,
    scenario_name: str,
    demand: Demand,
    daily: Sequence[Mapping[str, Any]],
    by_unit: Sequence[Mapping[str, Any]],
    by_commodity: Sequence[Mapping[str, Any]],
    factors_used: Sequence[PlanningFactor],
    deliver: FloatArray | None = None,
) -> list[Path]:
    """Write ``requirements_daily.csv``, ``requirements_by_unit.csv`` and ``requirements.json``.

    The JSON carries the totals and the planning factors used, each with its source, so
    that a figure in a briefing can be traced to where it came from.
    """
    with atomic_output_dir(out) as tmp:
        _write_table(
            tmp / "requirements_daily.csv",
            daily,
            [
                "unit",
                "commodity",
                "day",
                "c_day",
                "date",
                "consumption_t",
                "buildup_t",
                "total_t",
                "to_deliver_t",
            ],
        )
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
            "start_date": demand.start_date.isoformat(),
            "horizon_days": demand.horizon_days,
            "units": list(demand.unit_ids),
            "commodities": list(demand.commodity_ids),
            "by_commodity": by_commodity,
            "by_unit": by_unit,
            "daily_total_t_by_commodity": {
                com: [round(float(x), 6) for x in demand.total_t[:, c, :].sum(axis=0)]
                for c, com in enumerate(demand.commodity_ids)
            },
            **(
                {}
                if deliver is None
                else {  # net of what units in place hold: what transport must move
                    "daily_to_deliver_t_by_commodity": {
                        com: [round(float(x), 6) for x in deliver[:, c, :].sum(axis=0)]
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
                }
                for f in factors_used
            ],
        }
        (tmp / "requirements.json").write_text(
            json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    target = Path(out)
    return [
        target / n
        for n in ("requirements_daily.csv", "requirements_by_unit.csv", "requirements.json")
    ]
