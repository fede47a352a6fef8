"""Review: the analysts' append-only log, the reviewed state of events, incident aliases.

Creates only what is missing (a database may have some of it already).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _missing(name: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    if _missing("fw_review_log"):
        op.create_table(
            "fw_review_log",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("at", sa.DateTime(), nullable=False),
            sa.Column("by", sa.String(120), nullable=False),
            sa.Column("action", sa.String(16), nullable=False),
            sa.Column("target", sa.String(64), nullable=False),
            sa.Column("anchors", sa.JSON(), nullable=False),
            sa.Column("changes", sa.JSON(), nullable=False),
            sa.Column("note", sa.Text()),
            sa.Column("undoes", sa.Integer()),
        )
        op.create_index("ix_fw_review_log_target", "fw_review_log", ["target"])
    if _missing("fw_event_reviews"):
        op.create_table(
            "fw_event_reviews",
            sa.Column("event_id", sa.String(32), primary_key=True),
            sa.Column("review_status", sa.String(16), nullable=False),
            sa.Column("machine", sa.JSON(), nullable=False),
            sa.Column("fields", sa.JSON(), nullable=False),
        )
    if _missing("fw_incident_aliases"):
        op.create_table(
            "fw_incident_aliases",
            sa.Column("alias", sa.String(32), primary_key=True),
            sa.Column("incident_id", sa.String(32), nullable=False),
            sa.Column("at", sa.DateTime(), nullable=False),
            sa.Column("reason", sa.Text()),
        )
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("events")}
    if "review_status" not in columns:
        with op.batch_alter_table("events") as batch:
            batch.add_column(sa.Column("review_status", sa.String(16)))


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("review_status")
    for table in ("fw_incident_aliases", "fw_event_reviews", "fw_review_log"):
        op.drop_table(table)
