"""Tables. Each row keeps the model's full JSON form (``payload``) for lossless
round trips, plus the columns that queries filter and sort on."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    date_source: Mapped[str] = mapped_column(String(16))
    ingested_at: Mapped[datetime] = mapped_column(DateTime)
    copy_of: Mapped[str | None] = mapped_column(String(32))  # origin article of a copy
    payload: Mapped[dict] = mapped_column(JSON)  # the Article, to_jsonable form
    extra: Mapped[dict] = mapped_column(JSON)  # sentences and other per-article findings


class PlaceMentionRow(Base):
    __tablename__ = "place_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    place_id: Mapped[str | None] = mapped_column(String(64), index=True)
    payload: Mapped[dict] = mapped_column(JSON)


class TimeExprRow(Base):
    __tablename__ = "time_exprs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict] = mapped_column(JSON)


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    fw_type: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    side1: Mapped[str | None] = mapped_column(String(16), index=True)
    side2: Mapped[str | None] = mapped_column(String(16))
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date, index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    admin1: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(8))
    incident_id: Mapped[str | None] = mapped_column(String(32), index=True)
    incident_status: Mapped[str | None] = mapped_column(String(16))
    review_status: Mapped[str | None] = mapped_column(String(16))  # None: machine (docs/review.md)
    evidence: Mapped[str] = mapped_column(Text)  # the sentence: searched by text filters
    payload: Mapped[dict] = mapped_column(JSON)


class IncidentRow(Base):
    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    payload: Mapped[dict] = mapped_column(JSON)


Index("ix_events_geo", EventRow.latitude, EventRow.longitude)
