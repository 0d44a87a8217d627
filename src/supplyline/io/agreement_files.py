"""Where each agreement of a scenario folder is written: its file and line, for messages.

The ledger gets :class:`~supplyline.domain.Agreement` objects, which do not know their
file; a batch that failed on one named it ``agreements[0] ('an-hg-relief')``, an index
into a list no user typed. The faces that import a folder's agreements pass these words
along, so the ledger can say ``agreement 'an-hg-relief' (agreements.yaml line 3)``.

It also finds the folder of an ``agreements.yaml`` given itself: a tester's ``ledger
agreements import quake/agreements.yaml`` read "is not a folder", as ``ledger propose``
takes a ``plan.json`` or its folder.
"""

from __future__ import annotations

from pathlib import Path

from supplyline.errors import Issue, ScenarioError
from supplyline.io._agreements import FILE, read_agreements
from supplyline.io._source import Origins, Report, read_text

__all__ = ["agreement_sources", "agreements_folder"]


def agreements_folder(path: str | Path) -> Path:
    """The scenario folder of ``path``: itself, or the folder of the agreements.yaml it names.

    Any other file is refused, saying what to give: its agreements are checked against
    the scenario beside them (partners, commodities), so a lone YAML file cannot be read.

    >>> agreements_folder("examples/bilateral-exercise/agreements.yaml").as_posix()
    'examples/bilateral-exercise'
    >>> agreements_folder("examples/bilateral-exercise").as_posix()
    'examples/bilateral-exercise'
    """
    given = Path(path)
    if not given.is_file():
        return given  # a folder, or nothing there: the scenario's reader says which
    if given.name == FILE:
        return given.parent
    raise ScenarioError(
        [
            Issue(
                file=str(path),
                message=f"is a file, not a scenario folder: give the scenario folder that "
                f"holds {FILE} (e.g. quake/), or that {FILE} itself",
            )
        ]
    )


def agreement_sources(folder: str | Path) -> dict[str, str]:
    """Each agreement's id and where its entry starts (``agreements.yaml line 3``).

    Only the agreements read whole; none where the folder has no agreements.yaml. The
    scenario is read and checked elsewhere (``load_scenario``): this only finds lines.

    >>> agreement_sources("examples/bilateral-exercise")
    {'wm-os-hns-2025': 'agreements.yaml line 2'}
    """
    report, origins = Report(), Origins()
    read_agreements(read_text(Path(folder), FILE, report, required=False), report, origins)
    return {
        entity_id: f"{origin.file} line {origin.line}"
        for (entity, entity_id), origin in origins.by_key.items()
        if entity == "agreement"
    }
