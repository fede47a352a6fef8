"""Fusion's index without the article-id indexes it never reads (store/fuse_index.py).

Every batch inserts some fifty index rows an article (28 of them LSH band keys); an
index on a random key costs a page write per row once the store is large, so the
unused ones on ``article_id`` of fw_fuse_buckets, fw_fuse_events and fw_fuse_mentions
go. Nothing else changes: no fusion is owed.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TABLES = ("fw_fuse_buckets", "fw_fuse_events", "fw_fuse_mentions")


def upgrade() -> None:
    for table in _TABLES:
        op.execute(sa.text(f"DROP INDEX IF EXISTS ix_{table}_article_id"))


def downgrade() -> None:
    for table in _TABLES:
        op.create_index(f"ix_{table}_article_id", table, ["article_id"])
