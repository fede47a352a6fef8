"""Live-source state: whether fusion is owed (kill repair), and what `watch` has seen.

Only missing tables are created.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _missing(name: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    if _missing("fw_fusion_state"):
        op.create_table(
            "fw_fusion_state",
            sa.Column("name", sa.String(32), primary_key=True),
            sa.Column("wanted", sa.Integer(), nullable=False),
            sa.Column("done", sa.Integer(), nullable=False),
        )
    if _missing("fw_watch_sources"):
        op.create_table(
            "fw_watch_sources",
            sa.Column("source", sa.Text(), primary_key=True),
            sa.Column("etag", sa.Text()),
            sa.Column("last_modified", sa.Text()),
            sa.Column("size", sa.BigInteger()),
            sa.Column("mtime_ns", sa.BigInteger()),
            sa.Column("new", sa.Integer(), nullable=False),
            sa.Column("seen", sa.Integer(), nullable=False),
            sa.Column("failed", sa.Integer(), nullable=False),
            sa.Column("checked_at", sa.DateTime()),
        )


def downgrade() -> None:
    for table in ("fw_watch_sources", "fw_fusion_state"):
        op.drop_table(table)
