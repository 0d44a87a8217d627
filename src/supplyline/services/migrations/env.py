"""Alembic environment: run the ledger's migrations on the connection supplyline hands over.

supplyline never runs Alembic from a command line with an ini file; it calls
``alembic.command.upgrade`` with a Config whose ``attributes["connection"]`` is a
connection already inside a transaction (see ``supplyline.services.db.migrate``).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from supplyline.services.db.tables import Base

config = context.config
connection = config.attributes.get("connection")

if connection is None:  # plain `alembic` use by a developer: -x url=...
    url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///supplyline.db")
    with create_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():
        context.run_migrations()
