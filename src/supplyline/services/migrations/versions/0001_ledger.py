"""The mutual-support ledger: agreements, prices, orders, order lines, audit chain.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from supplyline.services.db.types import DecimalType, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS = "0" * 64


def upgrade() -> None:
    """Create the ledger tables and the chain head (at the genesis hash)."""
    op.create_table(
        "ledger_agreement",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("party_a", sa.String(64), nullable=False),
        sa.Column("party_b", sa.String(64), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("commodities", sa.Text(), nullable=False),
        sa.Column("services", sa.Text(), nullable=False),
        sa.Column("reimbursement_modes", sa.Text(), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("ceiling_per_order", DecimalType(18, 2), nullable=True),
        sa.Column("ceiling_total", DecimalType(18, 2), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ledger_agreement"),
    )
    op.create_index("ix_ledger_agreement_party_a", "ledger_agreement", ["party_a"])
    op.create_index("ix_ledger_agreement_party_b", "ledger_agreement", ["party_b"])
    op.create_table(
        "ledger_price",
        sa.Column("agreement_id", sa.String(64), nullable=False),
        sa.Column("commodity", sa.String(64), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("per_t", DecimalType(18, 4), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["ledger_agreement.id"],
            name="fk_ledger_price_agreement_id_ledger_agreement",
        ),
        sa.PrimaryKeyConstraint("agreement_id", "commodity", "currency", name="pk_ledger_price"),
    )
    op.create_table(
        "ledger_order",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("agreement_id", sa.String(64), nullable=False),
        sa.Column("provider", sa.String(64), nullable=False),
        sa.Column("receiver", sa.String(64), nullable=False),
        sa.Column("item", sa.String(64), nullable=False),
        sa.Column("item_kind", sa.String(16), nullable=False),
        sa.Column("quantity", DecimalType(18, 3), nullable=False),
        sa.Column("unit_price", DecimalType(18, 4), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("value", DecimalType(18, 2), nullable=False),
        sa.Column("mode", sa.String(32), nullable=False),
        sa.Column("needed_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("issued_qty", DecimalType(18, 3), nullable=False),
        sa.Column("received_qty", DecimalType(18, 3), nullable=False),
        sa.Column("billed_amount", DecimalType(18, 2), nullable=False),
        sa.Column("billed_qty", DecimalType(18, 3), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("settled_amount", DecimalType(18, 2), nullable=False),
        sa.Column("settled_qty", DecimalType(18, 3), nullable=False),
        sa.Column("requested_by", sa.String(100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["ledger_agreement.id"],
            name="fk_ledger_order_agreement_id_ledger_agreement",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_ledger_order"),
    )
    op.create_index("ix_ledger_order_agreement_id", "ledger_order", ["agreement_id"])
    op.create_index("ix_ledger_order_provider", "ledger_order", ["provider"])
    op.create_index("ix_ledger_order_receiver", "ledger_order", ["receiver"])
    op.create_index("ix_ledger_order_status", "ledger_order", ["status"])
    op.create_table(
        "ledger_order_line",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("ref_line", sa.Integer(), nullable=True),
        sa.Column("quantity", DecimalType(18, 3), nullable=True),
        sa.Column("amount", DecimalType(18, 2), nullable=True),
        sa.Column("condition", sa.String(32), nullable=True),
        sa.Column("mode", sa.String(32), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("partner", sa.String(64), nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["ledger_order.id"],
            name="fk_ledger_order_line_order_id_ledger_order",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_ledger_order_line"),
    )
    op.create_index("ix_ledger_order_line_order", "ledger_order_line", ["order_id", "id"])
    op.create_table(
        "ledger_event",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("partner", sa.String(64), nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("agreement_id", sa.String(64), nullable=True),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_ledger_event"),
    )
    op.create_index("ix_ledger_event_order_id", "ledger_event", ["order_id"])
    chain_head = op.create_table(
        "ledger_chain_head",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ledger_chain_head"),
    )
    op.bulk_insert(chain_head, [{"id": 1, "seq": 0, "hash": GENESIS}])
    op.create_table(
        "ledger_idempotency",
        sa.Column("partner", sa.String(64), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=True),
        sa.Column("agreement_id", sa.String(64), nullable=True),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("partner", "key", name="pk_ledger_idempotency"),
    )


def downgrade() -> None:
    """Drop every ledger table (this destroys the ledger)."""
    for table in (
        "ledger_idempotency",
        "ledger_chain_head",
        "ledger_event",
        "ledger_order_line",
        "ledger_order",
        "ledger_price",
        "ledger_agreement",
    ):
        op.drop_table(table)
