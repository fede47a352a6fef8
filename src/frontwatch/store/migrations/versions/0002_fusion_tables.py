"""Fusion tables: article links (copies, origins), canonical entities, incident details.

Databases where the fuse stage already made these tables itself (before this
revision) keep them: only the missing ones are created.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _missing(name: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    if _missing("fw_article_links"):
        op.create_table(
            "fw_article_links",
            sa.Column("article_id", sa.String(32), primary_key=True),
            sa.Column("copy_of", sa.String(32)),
            sa.Column("similarity", sa.Float()),
            sa.Column("origin_name", sa.String(200)),
            sa.Column("provenance", sa.String(240), nullable=False),
        )
        op.create_index("ix_fw_article_links_copy_of", "fw_article_links", ["copy_of"])
        op.create_index("ix_fw_article_links_provenance", "fw_article_links", ["provenance"])
    if _missing("fw_entities"):
        op.create_table(
            "fw_entities",
            sa.Column("id", sa.String(32), primary_key=True),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("canonical", sa.Text(), nullable=False),
            sa.Column("side", sa.String(16)),
            sa.Column("mentions", sa.Integer(), nullable=False),
            sa.Column("payload", sa.JSON(), nullable=False),
        )
        op.create_index("ix_fw_entities_kind", "fw_entities", ["kind"])
    if _missing("fw_incident_details"):
        op.create_table(
            "fw_incident_details",
            sa.Column("incident_id", sa.String(32), primary_key=True),
            sa.Column("payload", sa.JSON(), nullable=False),
        )


def downgrade() -> None:
    for table in ("fw_incident_details", "fw_entities", "fw_article_links"):
        op.drop_table(table)
