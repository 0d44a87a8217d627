"""What of a scenario built in Python its files take, and its records do not check.

Every number of a record is held to its file's range as the record is built
(:mod:`~supplyline.domain.record_ranges`): a tester's unit with ``deployment_lift_t=1e11``
had planned "optimal 0.0 1679999925956785.0" where units.csv takes at most 10,000,000 t,
and was refused only by ``plan`` and ``validate`` until the unit refused it itself. What
is left here is what a record deliberately takes: an agreement's amount with more
decimals than agreements.yaml (and the ledger) keeps, which the ledger's own records,
sharing the same amount check, must hold while they compute.
"""

from __future__ import annotations

from decimal import Decimal

from supplyline.domain.amounts import MONEY_DECIMALS, UNIT_PRICE_DECIMALS, amount_problem
from supplyline.domain.findings import Finding
from supplyline.domain.scenario import Scenario

__all__ = ["range_findings"]


def range_findings(scenario: Scenario) -> list[Finding]:
    """Every amount of ``scenario``'s agreements that agreements.yaml would refuse.

    The numbers of its records are in range already: each record refused, as it was
    built, a value outside its file's range, in the loader's words.
    """
    return _amount_findings(scenario)


def _finding(entity: str, entity_id: str, field: str, message: str) -> Finding:
    return Finding(entity=entity, entity_id=entity_id, field=field, message=message)


def _amount_findings(scenario: Scenario) -> list[Finding]:
    """Amounts with more decimals than the ledger keeps, which agreements.yaml refuses.

    The records take them (the ledger says so when asked to store one); the file, and so
    a scenario to be planned, does not.
    """
    found = []
    for ag in scenario.agreements:
        amounts: list[tuple[str, str, Decimal | None, int]] = [
            ("prices", f"price of {p.commodity!r}: ", p.per_t, UNIT_PRICE_DECIMALS)
            for p in ag.prices
        ]
        amounts += [
            (name, "", getattr(ag, name), MONEY_DECIMALS)
            for name in ("ceiling_per_order", "ceiling_total")
        ]
        for field, prefix, value, decimals in amounts:
            if value is not None and (problem := amount_problem(value, decimals)) is not None:
                found.append(_finding("agreement", ag.id, field, f"{prefix}{value} {problem}"))
    return found
