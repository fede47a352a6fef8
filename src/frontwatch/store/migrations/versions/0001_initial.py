"""The first schema: articles, place mentions, time expressions, events, incidents.

Databases made before migrations existed (by ``create_all``) have exactly this
schema; the Store stamps them with this revision and upgrades from here.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("outlet", sa.String(200)),
        sa.Column("published", sa.Date()),
        sa.Column("date_source", sa.String(16), nullable=False),
        sa.Column("ingested_at", sa.DateTime(), nullable=False),
        sa.Column("copy_of", sa.String(32)),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
    )
    op.create_index("ix_articles_published", "articles", ["published"])

    op.create_table(
        "incidents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
    )
    op.create_index("ix_incidents_status", "incidents", ["status"])

    op.create_table(
        "events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("fw_type", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("side1", sa.String(16)),
        sa.Column("side2", sa.String(16)),
        sa.Column("date_start", sa.Date()),
        sa.Column("date_end", sa.Date()),
        sa.Column("latitude", sa.Float()),
        sa.Column("longitude", sa.Float()),
        sa.Column("admin1", sa.String(200)),
        sa.Column("country", sa.String(8)),
        sa.Column("incident_id", sa.String(32)),
        sa.Column("incident_status", sa.String(16)),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
    )
    for column in (
        "article_id",
        "fw_type",
        "status",
        "side1",
        "date_start",
        "date_end",
        "incident_id",
    ):
        op.create_index(f"ix_events_{column}", "events", [column])
    op.create_index("ix_events_geo", "events", ["latitude", "longitude"])

    op.create_table(
        "place_mentions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("place_id", sa.String(64)),
        sa.Column("payload", sa.JSON(), nullable=False),
    )
    op.create_index("ix_place_mentions_article_id", "place_mentions", ["article_id"])
    op.create_index("ix_place_mentions_place_id", "place_mentions", ["place_id"])

    op.create_table(
        "time_exprs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
    )
    op.create_index("ix_time_exprs_article_id", "time_exprs", ["article_id"])


def downgrade() -> None:
    for table in ("time_exprs", "place_mentions", "events", "incidents", "articles"):
        op.drop_table(table)
