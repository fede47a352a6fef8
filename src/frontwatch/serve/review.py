"""Review routes of the API: corrections, verification, rejection, merges and splits.

Writes need the write token (`Authorization: Bearer <token>`, $FRONTWATCH_TOKEN):
401 without it, 403 when the server has none. ``register(app)`` is called by
frontwatch.serve.api.create_app. See docs/review.md.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from frontwatch.store import Store


class ReviewBody(BaseModel):
    """One review action on an event: exactly one of set, verify, reject, undo."""

    set: dict[str, str] | None = Field(
        None, description='Fields to correct, as typed on the command line: {"place": "Izium"}'
    )
    verify: bool = False
    reject: bool = False
    undo: bool = False
    note: str | None = Field(None, max_length=2000)
    by: str | None = Field(None, max_length=120)


class MergeBody(BaseModel):
    incidents: list[str] = Field(..., min_length=2, max_length=2)
    note: str | None = Field(None, max_length=2000)
    by: str | None = Field(None, max_length=120)


class SplitBody(BaseModel):
    events: list[str] = Field(..., min_length=1)
    note: str | None = Field(None, max_length=2000)
    by: str | None = Field(None, max_length=120)


def _guarded(request: Request) -> Store:
    from frontwatch.serve.api import _check_token

    _check_token(request)
    store: Store = request.app.state.store
    return store


def _run(request: Request, work: Any) -> dict[str, Any]:
    """Run one write under the app's write lock; a bad request is a 422 with one line."""
    from frontwatch.review import ReviewError

    with request.app.state.write_lock:
        try:
            entry = work()
        except ReviewError as exc:
            raise HTTPException(422, str(exc)) from None
    result: dict[str, Any] = entry.as_dict()
    return result


def _event_review(request: Request, event_id: str, body: ReviewBody) -> dict[str, Any]:
    from frontwatch import review as rv

    store = _guarded(request)
    chosen = [bool(body.set), body.verify, body.reject, body.undo]
    if sum(chosen) != 1:
        raise HTTPException(422, "give exactly one of set, verify, reject, undo")

    def work() -> Any:
        if body.set:
            return rv.correct(store, event_id, body.set, body.note, body.by)
        if body.undo:
            return rv.undo(store, event_id, body.note, body.by)
        return rv.decide(store, event_id, "verify" if body.verify else "reject", body.note, body.by)

    entry = _run(request, work)
    ev = store.event(event_id)
    entry["review_status"] = ev.review_status if ev else None
    return entry


INCIDENT_REVIEW = ["machine", "corrected", "verified"]


def incident_review_status(store: Store) -> dict[str, str]:
    """Each incident's review: verified when an analyst verified every event of it,
    corrected when any event of it was reviewed or it was merged or split, else machine."""
    from frontwatch.review.replay import effective
    from frontwatch.store import review as log

    states = {eid: row.review_status for eid, row in log.review_states(store).items()}
    touched = {
        i
        for e in effective(log.entries(store))
        if e.action in ("merge", "split")
        for i in e.changes.get("incidents", [])
    }
    out = {}
    for incident in store.incidents():
        seen = [states[e] for e in incident.event_ids if e in states]
        if seen and len(seen) == len(incident.event_ids) and set(seen) == {"verified"}:
            out[incident.id] = "verified"
        elif seen or incident.id in touched:
            out[incident.id] = "corrected"
        else:
            out[incident.id] = "machine"
    return out


def register(app: FastAPI) -> None:
    """Add the review routes to the app, and the incidents' review status to the query
    layer (the `review` filter of GET /api/incidents)."""
    from frontwatch import query

    query.REVIEW_STATUSES[:] = INCIDENT_REVIEW
    query.review_status_of = incident_review_status

    @app.post("/api/events/{event_id}/review", tags=["write"], summary="Review an event")
    async def review_event(request: Request, event_id: str, body: ReviewBody) -> dict[str, Any]:
        return await run_in_threadpool(_event_review, request, event_id, body)

    @app.post("/api/incidents/merge", tags=["write"], summary="Merge two incidents")
    async def merge_incidents(request: Request, body: MergeBody) -> dict[str, Any]:
        from frontwatch import review as rv

        store = _guarded(request)
        a, b = body.incidents
        return await run_in_threadpool(
            _run, request, lambda: rv.merge(store, a, b, body.note, body.by)
        )

    @app.post("/api/incidents/{incident_id}/split", tags=["write"], summary="Split events off")
    async def split_incident(request: Request, incident_id: str, body: SplitBody) -> dict[str, Any]:
        from frontwatch import review as rv

        store = _guarded(request)
        return await run_in_threadpool(
            _run, request, lambda: rv.split(store, incident_id, body.events, body.note, body.by)
        )

    @app.get("/api/review-log", tags=["read"], summary="The review log, oldest first")
    def review_log(request: Request) -> list[dict[str, Any]]:
        from frontwatch.store.review import entries

        return [e.as_dict() for e in entries(request.app.state.store)]

    @app.get("/api/review/queue", tags=["read"], summary="What most needs a human")
    def review_queue(request: Request, limit: int = 100) -> list[dict[str, Any]]:
        from frontwatch.review.queue import review_queue as queue

        return queue(request.app.state.store, limit)
