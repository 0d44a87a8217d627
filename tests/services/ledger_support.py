"""Shared test data of the ledger tests: actors, a standard agreement, fresh databases."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from supplyline.cli.app import _register_commands, app
from supplyline.cli.errors import exit_code_for
from supplyline.domain import (
    Agreement,
    Delivery,
    Plan,
    PlanStatus,
    Price,
    ReimbursementMode,
    Scenario,
    StockLevel,
)
from supplyline.errors import SupplylineError
from supplyline.io.plan_files import write_plan
from supplyline.services.db import normalise_url
from supplyline.services.ledger import Actor, DraftOrder, draft_support_orders

PG_ENV = "SUPPLYLINE_TEST_POSTGRES_URL"
BILATERAL = Path(__file__).resolve().parents[2] / "examples" / "bilateral-exercise"
BILATERAL_AGREEMENT = "wm-os-hns-2025"
"""The bilateral example's agreement, which the ledger CLI tests import and order under."""


def write_hand_plan(folder: Path, scenario: Scenario, plan: Plan) -> Path:
    """A plan made by hand written into ``folder`` as ``plan`` writes one; its folder.

    Every unit it names nowhere gets a stock of 0 t at its destination on day 0: a planned
    plan names each unit, and ``ledger propose`` refuses one that lacks a unit needing goods
    (as ``routes --plan`` does), where these plans only deliver what a test drafts from.
    """
    named = {d.unit for d in plan.deliveries} | {s.unit for s in plan.stocks if s.unit}
    empty = tuple(
        StockLevel(location=u.destination, commodity=scenario.commodities[0].id, day=0,
                   tonnes=0.0, unit=u.id)
        for u in scenario.units
        if u.id not in named
    )  # fmt: skip
    write_plan(folder, scenario, dataclasses.replace(plan, stocks=plan.stocks + empty))
    return folder


def ledger_cli(db: str, *args: str) -> str:
    """Stdout of one command run in-process on ledger ``db``; it must succeed."""
    _register_commands()
    result = CliRunner().invoke(app, [*args, "--db", db], env={"USER": "tester"})
    assert result.exit_code == 0, (args, result.stdout, result.exception)
    return result.stdout


def ledger_run(db_file: Path, *args: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of one command run in-process on SQLite ``db_file``.

    Errors are mapped to exit codes as ``main`` maps them (stderr is then the message); an
    error that is no ``SupplylineError`` is a bug and raised.
    """
    _register_commands()
    result = CliRunner().invoke(
        app, [*args, "--db", f"sqlite:///{db_file}"], env={"USER": "tester"}
    )
    if isinstance(result.exception, SupplylineError):
        return exit_code_for(result.exception), result.stdout, str(result.exception)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


NLD = Actor(partner="NLD", user="jan")
DEU = Actor(partner="DEU", user="hans")
FRA = Actor(partner="FRA", user="marie")


def make_agreement(
    agreement_id: str = "NLD-DEU-1",
    parties: tuple[str, str] = ("NLD", "DEU"),
    *,
    modes: frozenset[ReimbursementMode] | tuple[ReimbursementMode, ...] = frozenset(
        ReimbursementMode
    ),
    ceiling_per_order: Decimal | None = None,
    ceiling_total: Decimal | None = None,
    valid_from: dt.date = dt.date(2000, 1, 1),
    valid_to: dt.date = dt.date(2099, 12, 31),
    prices: tuple[Price, ...] | None = None,
) -> Agreement:
    """A mutual agreement on fuel and water (priced) and transport (a service).

    ``prices`` replaces its price list (``()``: none).
    """
    return Agreement(
        id=agreement_id,
        name=f"MLSA {agreement_id}",
        parties=parties,
        valid_from=valid_from,
        valid_to=valid_to,
        commodities=frozenset({"fuel", "water"}),
        services=frozenset({"transport"}),
        reimbursement_modes=modes,
        prices=(
            Price(commodity="fuel", currency="EUR", per_t=Decimal("950.50")),
            Price(commodity="water", currency="EUR", per_t=Decimal("12.25")),
        )
        if prices is None
        else prices,
        currency="EUR",
        ceiling_per_order=ceiling_per_order,
        ceiling_total=ceiling_total,
    )


def plan_delivering(scenario: Scenario, *deliveries: Delivery) -> Plan:
    """An optimal plan of ``scenario`` that makes ``deliveries`` (and nothing else)."""
    return Plan(
        scenario=scenario.name,
        start_date=scenario.start_date,
        horizon_days=scenario.horizon_days,
        status=PlanStatus.OPTIMAL,
        objective=0.0,
        deliveries=deliveries,
    )


def drafted(scenario: Scenario, unit: str, commodity: str, provider: str) -> list[DraftOrder]:
    """The drafts ``propose`` makes of 10 t of ``provider``'s ``commodity`` to ``unit`` on C+12."""
    delivery = Delivery(unit=unit, location=scenario.unit(unit).destination, commodity=commodity,
                        day=12, tonnes=10.0, source_partner=provider)  # fmt: skip
    return draft_support_orders(plan_delivering(scenario, delivery), scenario)


def _postgres_schema_url(base: str) -> Iterator[str]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalise_url(base), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        url = make_url(normalise_url(base)).update_query_dict(
            {"options": f"-csearch_path={schema}"}
        )
        yield url.render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    finally:
        admin.dispose()


def fresh_database_url(kind: str, directory: Path) -> Iterator[str]:
    """Yield the URL of a new empty database of ``kind`` (skip if PostgreSQL is absent)."""
    if kind == "sqlite":
        yield f"sqlite:///{directory / 'ledger.db'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"{PG_ENV} is not set (make test starts PostgreSQL for these)")
    yield from _postgres_schema_url(base)


DB_KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def execute_sql(url: str, *statements: str) -> None:
    """Run ``statements`` on the database at ``url``, in one transaction."""
    engine = create_engine(normalise_url(url))
    try:
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(text(statement))
    finally:
        engine.dispose()
