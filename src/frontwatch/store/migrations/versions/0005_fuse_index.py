"""Fusion's index for incremental fusion (store/fuse_index.py, docs/fusion.md).

Only missing tables are created. A store upgraded to 0005 has an empty index and no
"index" mark in fw_fusion_state, so its next fusion is a full one, which builds it.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _missing(name: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    if _missing("fw_fuse_articles"):
        op.create_table(
            "fw_fuse_articles",
            sa.Column("article_id", sa.String(32), primary_key=True),
            sa.Column("root", sa.String(32), nullable=False, index=True),
            sa.Column("provenance", sa.String(240), nullable=False),
            sa.Column("origin_name", sa.String(200)),
            sa.Column("jaccard", sa.Float()),
            sa.Column("containment", sa.Float()),
            sa.Column("published", sa.Date()),
            sa.Column("stored", sa.DateTime()),
            sa.Column("spans", sa.JSON(), nullable=False),
            sa.Column("flags", sa.JSON(), nullable=False),
        )
    if _missing("fw_fuse_buckets"):
        op.create_table(
            "fw_fuse_buckets",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("key", sa.BigInteger(), nullable=False, index=True),
            sa.Column("band", sa.Integer(), nullable=False),
            sa.Column("article_id", sa.String(32), nullable=False, index=True),
        )
    if _missing("fw_fuse_events"):
        op.create_table(
            "fw_fuse_events",
            sa.Column("event_id", sa.String(32), primary_key=True),
            sa.Column("block", sa.String(300), primary_key=True),
            sa.Column("article_id", sa.String(32), nullable=False, index=True),
            sa.Column("lo", sa.Integer()),
            sa.Column("hi", sa.Integer()),
        )
        op.create_index("ix_fw_fuse_events_block", "fw_fuse_events", ["block", "lo"])
    if _missing("fw_fuse_mentions"):
        op.create_table(
            "fw_fuse_mentions",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("key", sa.String(300), nullable=False, index=True),
            sa.Column("article_id", sa.String(32), nullable=False, index=True),
            sa.Column("sort", sa.String(200), nullable=False),
            sa.Column("payload", sa.JSON(), nullable=False),
        )
    if _missing("fw_fuse_entity_blocks"):
        op.create_table(
            "fw_fuse_entity_blocks",
            sa.Column("key", sa.String(300), primary_key=True),
            sa.Column("entity_id", sa.String(32), primary_key=True, index=True),
        )
    if _missing("fw_fuse_incidents"):
        op.create_table(
            "fw_fuse_incidents",
            sa.Column("incident_id", sa.String(32), primary_key=True),
            sa.Column("region", sa.String(200), primary_key=True, index=True),
            sa.Column("tally", sa.Boolean(), nullable=False),
            sa.Column("lo", sa.Integer(), nullable=False),
            sa.Column("hi", sa.Integer(), nullable=False),
        )
        op.create_index(
            "ix_fw_fuse_incidents_reach", "fw_fuse_incidents", ["tally", "region", "lo"]
        )


def downgrade() -> None:
    for table in ("fw_fuse_incidents", "fw_fuse_entity_blocks", "fw_fuse_mentions",
                  "fw_fuse_events", "fw_fuse_buckets", "fw_fuse_articles"):  # fmt: skip
        op.drop_table(table)
