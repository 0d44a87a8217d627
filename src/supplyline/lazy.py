"""A package's public names imported from their modules on first use.

Why: ``supplyline --help`` and ``validate`` need neither the solver nor the database,
and importing every module of ``planning``, ``routing`` and the ledger at start made the
command line take 1.7 s to say its help (0.9 s with this). One helper serves those three
packages, which had each written the same two functions, and ``io`` and ``domain``, whose
packages imported the loader, NumPy and every record for the help's CSV cells and route
records (docs/benchmarks.md, "The command line's start").
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, homes: Mapping[str, str], space: MutableMapping[str, Any], listed: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` of ``package``.

    ``homes`` maps each public name to the module of ``package`` that defines it; a name
    is imported when first asked for and kept in ``space`` (the package's globals), so it
    is imported once. ``listed`` are the names ``dir()`` shows, loaded or not.
    """
    names = tuple(listed)

    def __getattr__(name: str) -> Any:
        if name not in homes:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{homes[name]}"), name)
        space[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*space, *names})

    return __getattr__, __dir__
