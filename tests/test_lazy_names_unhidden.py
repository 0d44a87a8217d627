"""A package's lazily imported public name is never also the name of one of its modules.

``supplyline.io.agreement_sources`` was both a function (imported on first use from the
module ``supplyline.io.agreement_sources``) and that module: once anything imported the
module by its path (``ledger agreements import`` does), Python bound the module to the
package's attribute, and ``from supplyline.io import agreement_sources`` gave the module.
``ledger propose`` then failed with "'module' object is not callable", in a test run only
when another test had imported the module first.
"""

from __future__ import annotations

import importlib
import pkgutil

import pytest

LAZY_PACKAGES = [
    "supplyline.domain",
    "supplyline.io",
    "supplyline.planning",
    "supplyline.routing",
    "supplyline.services.ledger",
]


@pytest.mark.parametrize("name", LAZY_PACKAGES)
def test_no_public_name_is_a_module_of_its_package(name: str) -> None:
    package = importlib.import_module(name)
    modules = {m.name for m in pkgutil.iter_modules(package.__path__)}
    assert sorted(set(package.__all__) & modules) == []


def test_agreement_sources_stays_the_function_once_its_module_is_imported() -> None:
    importlib.import_module("supplyline.io.agreement_files")
    from supplyline.io import agreement_sources

    assert callable(agreement_sources)
    assert agreement_sources.__name__ == "agreement_sources"
