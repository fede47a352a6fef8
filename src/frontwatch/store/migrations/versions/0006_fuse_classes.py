"""Name classes for incremental fusion (store/fuse_index.py ``fw_fuse_classes``), and
indexes on the spans of fusion's index (its widest span is read by every batch).

A store upgraded to 0006 has no classes yet, so the "full" mark in fw_fusion_state is
dropped: its next fusion is a full one, which writes them with the rest of the index.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("fw_fuse_classes"):
        op.create_table(
            "fw_fuse_classes",
            sa.Column("key", sa.String(300), primary_key=True),
            sa.Column("sig", sa.String(40), primary_key=True),
            sa.Column("sort", sa.String(200), nullable=False),
            sa.Column("weight", sa.Integer(), nullable=False),
            sa.Column("payload", sa.JSON(), nullable=False),
            sa.Column("articles", sa.Text(), nullable=False),
        )
    for table in ("fw_fuse_events", "fw_fuse_incidents"):  # expression indexes: not reflected
        op.execute(sa.text(f"CREATE INDEX IF NOT EXISTS ix_{table}_span ON {table} ((hi - lo))"))
    if sa.inspect(bind).has_table("fw_fusion_state"):
        op.execute(sa.text("DELETE FROM fw_fusion_state WHERE name = 'full'"))


def downgrade() -> None:
    op.drop_index("ix_fw_fuse_incidents_span", "fw_fuse_incidents")
    op.drop_index("ix_fw_fuse_events_span", "fw_fuse_events")
    op.drop_table("fw_fuse_classes")
