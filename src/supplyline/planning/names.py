"""Readable column and row names for an exported model (MPS).

Another solver's output can then be read by a person: ``arc|fuel|L7|A>B|d3``,
``balance|fuel|Brest|d5``.
"""

from __future__ import annotations

import re

from supplyline.planning.build import Problem
from supplyline.planning.model import Block, LpModel
from supplyline.planning.network import FlowKind

__all__ = ["model_names"]

_UNSAFE = re.compile(r"[^A-Za-z0-9_.:>\-]")


def _safe(text: str) -> str:
    return _UNSAFE.sub("_", text)


def _names(p: Problem, b: Block) -> list[str]:
    loc = [_safe(x) for x in p.net.location_ids]
    # a unit's tonnes and its people are two flows of one name: the people get their own
    flow = [
        _safe(x.replace("deploy:", "deploy-pax:", 1) if kind == FlowKind.DEPLOY_PAX else x)
        for x, kind in zip(p.flows.names, p.flows.kind.tolist(), strict=True)
    ]
    com = [_safe(x) for x in p.demand.commodity_ids]
    unit = [_safe(x) for x in p.demand.unit_ids]
    link = [_safe(p.scenario.links[int(i)].id) for i in p.net.arc_link]
    arc = [
        f"{link[a]}|{loc[int(p.net.arc_from[a])]}>{loc[int(p.net.arc_to[a])]}"
        for a in range(len(link))
    ]
    attrs = b.attrs
    t = attrs["t"].tolist()
    if "u" in attrs:
        u, k = attrs["u"].tolist(), attrs["k"].tolist()
        return [f"{b.name}|{unit[i]}|{com[j]}|d{d}" for i, j, d in zip(u, k, t, strict=True)]
    if "f" in attrs and "a" in attrs:
        f, a = attrs["f"].tolist(), attrs["a"].tolist()
        return [f"{b.name}|{flow[i]}|{arc[j]}|d{d}" for i, j, d in zip(f, a, t, strict=True)]
    if "f" in attrs:
        f, v = attrs["f"].tolist(), attrs["v"].tolist()
        return [f"{b.name}|{flow[i]}|{loc[j]}|d{d}" for i, j, d in zip(f, v, t, strict=True)]
    if "a" in attrs:
        return [f"{b.name}|{arc[j]}|d{d}" for j, d in zip(attrs["a"].tolist(), t, strict=True)]
    return [f"{b.name}|{loc[j]}|d{d}" for j, d in zip(attrs["v"].tolist(), t, strict=True)]


def model_names(p: Problem, m: LpModel) -> tuple[list[str], list[str]]:
    """Column names and row names, in model order (unique, MPS-safe).

    Unique they must be: HiGHS silently writes ``c0``, ``r0``, … for all of them when two
    are equal.
    """
    cols = [n for b in m.cols.values() for n in _names(p, b)]
    rows = [n for b in m.rows.values() for n in _names(p, b)]
    for kind, names in (("column", cols), ("row", rows)):
        if len(set(names)) != len(names):
            raise AssertionError(f"two {kind}s of the model have one name")
    return cols, rows
