"""Readable column and row names for an exported model (MPS), and the model's name.

Another solver's output can then be read by a person: ``arc|fuel|L7|A>B|d3``,
``balance|fuel|Brest|d5``. A name is made of ids joined by ``|`` (and ``>`` inside an
arc); each id keeps its letters and digits, of any script, and ``_ . : -``, and anything
else (a blank, ``|``, ``>``, ``~``, a control character) becomes ``_``. Ids the loader
accepts are letters, digits and ``_ - . :`` only, so they appear unchanged.

Letters beyond ASCII stay (``dépôt``, ``Київ``) rather than being transliterated: free
MPS separates fields by blanks only, HiGHS writes the names as UTF-8 and reads them back
unchanged (``tests/planning/test_names.py``), and an id written differently from the
scenario would defeat the point of readable names. Free MPS has no length limit in
HiGHS (its writer pads a name to 8 characters, never cuts one).

Two ids can still give one name when they were not checked by the loader (``x 1`` and
``x_1``). The later ones then get ``~2``, ``~3``, …: :func:`unique_names`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from supplyline.planning.assemble import Problem
from supplyline.planning.model import Block, LpModel
from supplyline.planning.network import FlowKind
from supplyline.planning.turn_back import turn_backs

__all__ = ["ModelNames", "model_names", "mps_model_name", "safe_name", "unique_names"]

_UNSAFE = re.compile(r"[^\w.:\-]")
"""What cannot be in a part of a name: ``\\w`` is a letter, digit or ``_`` of any script."""
_UNSAFE_RUN = re.compile(r"[^\w.:\-]+")
SUFFIX = "~"
"""Marks a renamed repeat (``name~2``); :func:`safe_name` never leaves one in an id."""
DEFAULT_MODEL_NAME = "supplyline"
"""The model's name when the scenario's has nothing a name can keep."""


class ModelNames(NamedTuple):
    """The names an MPS file gives the model: columns and rows in model order, and its own.

    ``turn_back_rows`` name the rows of the no-turn-back rule the file adds after the
    model's own (:meth:`~supplyline.planning.turn_back.TurnBacks.every_row`, in its order):
    ``turn_back|food|W>C|d3``, food leaving ``W`` for ``C`` on C+3.
    """

    cols: list[str]
    rows: list[str]
    model: str
    turn_back_rows: tuple[str, ...] = ()


def safe_name(text: str) -> str:
    """``text`` with every character a name cannot hold replaced by ``_`` (one for one).

    >>> safe_name("dépôt 1|A>B~2")
    'dépôt_1_A_B_2'
    """
    return _UNSAFE.sub("_", text)


def mps_model_name(title: str) -> str:
    """The model's name for the MPS ``NAME`` line: ``title`` as one safe word.

    >>> mps_model_name("Earthquake relief (fictional)")
    'Earthquake_relief_fictional'
    >>> mps_model_name(" *** ")
    'supplyline'
    """
    return "_".join(part for part in _UNSAFE_RUN.split(title) if part) or DEFAULT_MODEL_NAME


def unique_names(names: list[str]) -> list[str]:
    """``names`` with every repeat renamed ``name~2``, ``name~3``, … (the first one stays).

    The number is the smallest that gives a name neither in ``names`` nor given before,
    so a renamed repeat can meet no other name, whatever the names hold.

    >>> unique_names(["a", "b", "a", "a~2", "a"])
    ['a', 'b', 'a~3', 'a~2', 'a~4']
    """
    taken = set(names)
    if len(taken) == len(names):
        return names
    out: list[str] = []
    seen: set[str] = set()
    next_number: dict[str, int] = {}
    for name in names:
        if name not in seen:
            seen.add(name)
            out.append(name)
            continue
        number = next_number.get(name, 2)
        while f"{name}{SUFFIX}{number}" in taken:
            number += 1
        renamed = f"{name}{SUFFIX}{number}"
        taken.add(renamed)
        next_number[name] = number + 1
        out.append(renamed)
    return out


def _flow_names(p: Problem) -> list[str]:
    # a unit's tonnes and its people are two flows of one name: the people get their own
    return [
        safe_name(x.replace("deploy:", "deploy-pax:", 1) if kind == FlowKind.DEPLOY_PAX else x)
        for x, kind in zip(p.flows.names, p.flows.kind.tolist(), strict=True)
    ]


def _names(p: Problem, b: Block) -> list[str]:
    loc = [safe_name(x) for x in p.net.location_ids]
    flow = _flow_names(p)
    com = [safe_name(x) for x in p.demand.commodity_ids]
    unit = [safe_name(x) for x in p.demand.unit_ids]
    link = [safe_name(p.scenario.links[int(i)].id) for i in p.net.arc_link]
    arc = [
        f"{link[a]}|{loc[int(p.net.arc_from[a])]}>{loc[int(p.net.arc_to[a])]}"
        for a in range(len(link))
    ]
    attrs = b.attrs
    if "t" not in attrs:  # a unit's shortfall share (a row, or a band's column)
        u, k = attrs["u"].tolist(), attrs["k"].tolist()
        band = attrs["band"].tolist() if "band" in attrs else [None] * len(u)
        return [
            f"{b.name}|{unit[i]}|{com[j]}" + ("" if s is None else f"|b{s}")
            for i, j, s in zip(u, k, band, strict=True)
        ]
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


def model_names(p: Problem, m: LpModel) -> ModelNames:
    """Column names, row names (in model order) and the model's name, all MPS-safe.

    Columns and rows are each unique (HiGHS writes ``c0``, ``r0``, … for all of them when
    two are equal); they are two name spaces in MPS, so a row may share a column's name.
    """
    cols = [n for b in m.cols.values() for n in _names(p, b)]
    rows = [n for b in m.rows.values() for n in _names(p, b)]
    extra = _turn_back_names(p, m)
    rows = unique_names(rows + extra)
    return ModelNames(
        cols=unique_names(cols),
        rows=rows[: m.num_rows],
        model=mps_model_name(p.scenario.name),
        turn_back_rows=tuple(rows[m.num_rows :]),
    )


def _turn_back_names(p: Problem, m: LpModel) -> list[str]:
    """``turn_back|<flow>|<place>><neighbour>|d<day>`` for every row of the rule."""
    finder = turn_backs(p, m)
    if finder is None:
        return []
    loc = [safe_name(x) for x in p.net.location_ids]
    flow = _flow_names(p)
    f, v, u, t = (a.tolist() for a in finder.key_parts(finder.every_key()))
    return [
        f"turn_back|{flow[i]}|{loc[a]}>{loc[b]}|d{d}" for i, a, b, d in zip(f, v, u, t, strict=True)
    ]
