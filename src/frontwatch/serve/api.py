"""The HTTP API and the page: `frontwatch serve` runs ``create_app`` under uvicorn.

Read-only unless a write token is configured ($FRONTWATCH_TOKEN): then
``POST /api/ingest`` takes one uploaded article or feed, with a size limit.
"""

from __future__ import annotations

import hmac
import os
import tempfile
import threading
from dataclasses import replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from frontwatch import __version__
from frontwatch.lexicons import fw_types_for, sides
from frontwatch.models import Status
from frontwatch.serve import review, views
from frontwatch.store import EventFilter, Store

TOKEN_ENV = "FRONTWATCH_TOKEN"
MAX_UPLOAD_ENV = "FRONTWATCH_MAX_UPLOAD"
DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024  # one article or feed; news text is far smaller
MAX_PAGE = 1000
# Upload names may end in these suffixes; they pick the reader (see frontwatch.read.formats).
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".json", ".xml", ".rss", ".atom")


def static_dir() -> Path:
    return Path(str(resources.files("frontwatch.serve").joinpath("static")))


def create_app(
    db: str | None = None,
    token: str | None = None,
    max_upload: int | None = None,
    store: Store | None = None,
) -> FastAPI:
    """The app over one store; ``token`` (else $FRONTWATCH_TOKEN) enables writes."""
    app = FastAPI(
        title="frontwatch",
        version=__version__,
        description=(
            "Sourced, dated, geocoded events from war reporting: events with their claims "
            "and evidence sentences, incidents with competing claims, articles with the "
            "spans that produced each field. Event fields are the CSV export's columns."
        ),
    )
    app.state.store = store or Store(db)
    app.state.token = token if token is not None else os.environ.get(TOKEN_ENV) or None
    app.state.max_upload = max_upload or int(os.environ.get(MAX_UPLOAD_ENV) or DEFAULT_MAX_UPLOAD)
    app.state.write_lock = threading.Lock()
    app.state.pipeline = None
    _register_api(app)
    review.register(app)  # review writes and the review log (frontwatch.serve.review)
    _register_page(app)
    return app


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


T = TypeVar("T")


def _found(value: T | None, what: str, key: str) -> T:
    """The looked-up row, or a 404 naming what was not found."""
    if value is None:
        raise HTTPException(404, f"no {what} {key!r}")
    return value


# --- filters -------------------------------------------------------------------


def expand_types(value: str | None) -> list[str] | None:
    """fw_types for a ``type`` value: an fw_type, a family or an ACLED event_type."""
    if not value:
        return None
    found = fw_types_for(value)
    if not found:
        raise HTTPException(
            422, f"unknown type {value!r}; use an fw_type, a family or an ACLED type"
        )
    return found


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    try:
        west, south, east, north = (float(v) for v in value.split(","))
    except ValueError:
        raise HTTPException(422, "bbox must be four numbers: west,south,east,north") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise HTTPException(422, "bbox must satisfy -180<=west<=east<=180, -90<=south<=north<=90")
    return west, south, east, north


def event_filter(
    side: str | None,
    type_: str | None,
    status: str | None,
    since: date | None,
    until: date | None,
    bbox: str | None,
    q: str | None,
) -> EventFilter:
    if side and side.upper() not in sides():
        raise HTTPException(422, f"unknown side {side!r}; use one of {', '.join(sides())}")
    statuses = [s.value for s in Status]
    if status and status.lower() not in statuses:
        raise HTTPException(422, f"unknown status {status!r}; use one of {', '.join(statuses)}")
    if since and until and since > until:
        raise HTTPException(422, "since is after until")
    return EventFilter(
        side=side.upper() if side else None,
        types=expand_types(type_),
        status=status.lower() if status else None,
        since=since,
        until=until,
        bbox=parse_bbox(bbox),
        text=q or None,
    )


SideQ = Annotated[str | None, Query(description="Side code of actor1: UA, RU, RU-INST, THIRD.")]
TypeQ = Annotated[
    str | None,
    Query(alias="type", description="An fw_type, a family or an ACLED event_type."),
]
StatusQ = Annotated[str | None, Query(description="happened, claimed, denied, failed, ...")]
SinceQ = Annotated[date | None, Query(description="Events on or after this date.")]
UntilQ = Annotated[date | None, Query(description="Events on or before this date.")]
BboxQ = Annotated[str | None, Query(description="west,south,east,north in degrees.")]
TextQ = Annotated[str | None, Query(max_length=200, description="Words in the evidence sentence.")]
LimitQ = Annotated[int, Query(ge=1, le=MAX_PAGE)]
OffsetQ = Annotated[int, Query(ge=0)]


def _register_api(app: FastAPI) -> None:
    @app.get("/api/meta", tags=["read"], summary="Sides, types, statuses and counts")
    def get_meta(request: Request) -> dict[str, Any]:
        return views.meta(_store(request)) | {
            "version": __version__,
            "writable": bool(request.app.state.token),
        }

    @app.get("/api/events", tags=["read"], summary="Events, filtered and paginated")
    def list_events(
        request: Request,
        side: SideQ = None,
        type_: TypeQ = None,
        status: StatusQ = None,
        since: SinceQ = None,
        until: UntilQ = None,
        bbox: BboxQ = None,
        q: TextQ = None,
        limit: LimitQ = 100,
        offset: OffsetQ = 0,
    ) -> dict[str, Any]:
        store = _store(request)
        flt = event_filter(side, type_, status, since, until, bbox, q)
        flt.limit, flt.offset = limit + 1, offset  # one more tells whether a next page exists
        found = store.events(flt)
        rows = views.event_rows(store, found[:limit])
        more = len(found) > limit
        return {
            "items": rows,
            "limit": limit,
            "offset": offset,
            "next_offset": offset + limit if more else None,
        }

    @app.get(
        "/api/events.geojson",
        tags=["read"],
        summary="Events as a GeoJSON FeatureCollection",
        response_class=JSONResponse,
    )
    def events_geojson(
        request: Request,
        side: SideQ = None,
        type_: TypeQ = None,
        status: StatusQ = None,
        since: SinceQ = None,
        until: UntilQ = None,
        bbox: BboxQ = None,
        q: TextQ = None,
    ) -> JSONResponse:
        store = _store(request)
        rows = views.event_rows(
            store, store.events(event_filter(side, type_, status, since, until, bbox, q))
        )
        return JSONResponse(views.geojson(rows), media_type="application/geo+json")

    @app.get("/api/events/{event_id}", tags=["read"], summary="One event with its evidence")
    def get_event(request: Request, event_id: str) -> dict[str, Any]:
        store = _store(request)
        ev = _found(store.event(event_id), "event", event_id)
        return views.event_view(ev, store.article(ev.article_id))

    @app.get("/api/incidents", tags=["read"], summary="Incidents (events grouped across sources)")
    def list_incidents(request: Request) -> list[dict[str, Any]]:
        return views.incidents_list(_store(request))

    @app.get(
        "/api/incidents/{incident_id}",
        tags=["read"],
        summary="One incident with its competing claims, one column per side",
    )
    def get_incident(request: Request, incident_id: str) -> dict[str, Any]:
        store = _store(request)
        incident = _found(store.incident(incident_id), "incident", incident_id)
        return views.incident_view(store, incident)

    @app.get("/api/articles", tags=["read"], summary="Articles, paginated")
    def list_articles(request: Request, limit: LimitQ = 100, offset: OffsetQ = 0) -> dict[str, Any]:
        store = _store(request)
        page = store.articles(limit, offset)  # one page from the database, not all of them
        total = store.article_count()
        counts = store.event_counts(a.id for a in page)
        return {
            "items": [views.article_summary(a, counts[a.id]) for a in page],
            "limit": limit,
            "offset": offset,
            "total": total,
            "next_offset": offset + limit if offset + limit < total else None,
        }

    @app.get(
        "/api/articles/{article_id}",
        tags=["read"],
        summary="An article's text with the spans of places, people, dates and triggers",
    )
    def get_article(request: Request, article_id: str) -> dict[str, Any]:
        store = _store(request)
        article = _found(store.article(article_id), "article", article_id)
        return views.article_view(store, article)

    @app.get("/api/entities", tags=["read"], summary="People, bodies and places with spellings")
    def list_entities(
        request: Request,
        kind: Annotated[str | None, Query(description="person, org, force, place, ...")] = None,
    ) -> list[dict[str, Any]]:
        found = views.entities(_store(request))
        return [e for e in found if not kind or e["kind"] == kind]

    @app.post(
        "/api/ingest",
        tags=["write"],
        status_code=201,
        response_model=None,
        summary="Ingest one uploaded article or feed (needs the write token)",
        description=(
            "The request body is the file itself. `filename` picks the reader by its "
            "suffix (.txt, .html, .jsonl, .json, .xml/.rss/.atom for feeds). Send "
            "`Authorization: Bearer <token>`; writes are disabled unless the server was "
            f"started with ${TOKEN_ENV} set."
        ),
    )
    async def ingest_upload(
        request: Request,
        filename: Annotated[str, Query(max_length=200)] = "upload.txt",
        date_: Annotated[
            date | None, Query(alias="date", description="Publication date if none stated.")
        ] = None,
    ) -> JSONResponse:
        _check_token(request)
        suffix = Path(filename).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise HTTPException(
                415, f"{filename}: unsupported file type; use one of {', '.join(UPLOAD_SUFFIXES)}"
            )
        body = await _read_limited(request, filename)
        return await run_in_threadpool(_ingest_bytes, request.app, body, filename, date_)


def _check_token(request: Request) -> None:
    expected: str | None = request.app.state.token
    if not expected:
        raise HTTPException(403, f"writes are disabled: the server has no ${TOKEN_ENV}")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip(), expected):
        raise HTTPException(401, "missing or wrong token", headers={"WWW-Authenticate": "Bearer"})


async def _read_limited(request: Request, filename: str) -> bytes:
    limit: int = request.app.state.max_upload
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"{filename}: larger than the {limit}-byte upload limit")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"{filename}: larger than the {limit}-byte upload limit")
        chunks.append(chunk)
    body = b"".join(chunks)
    if not body.strip():
        raise HTTPException(400, f"{filename}: empty upload")
    return body


def _ingest_bytes(app: FastAPI, body: bytes, filename: str, user_date: date | None) -> JSONResponse:
    """Read, process and store one upload; one writer at a time."""
    from frontwatch.clean import clean
    from frontwatch.fuse import fuse_store
    from frontwatch.models import ReadProblem
    from frontwatch.pipeline import Pipeline
    from frontwatch.read import read_file

    store: Store = app.state.store
    name = Path(filename).name
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{Path(name).suffix.lower()}"
        path.write_bytes(body)
        items = list(read_file(path))
    problems = [f"{name}: {p.reason}" for p in items if isinstance(p, ReadProblem) and p.fatal]
    docs = [d for d in items if not isinstance(d, ReadProblem)]
    if not docs:
        raise HTTPException(400, "; ".join(problems) or f"{name}: no article found")
    # Provenance: the article's path says it was uploaded, not where the temp file was.
    articles = [clean(replace(d, path=f"upload:{name}"), user_date) for d in docs]
    with app.state.write_lock:
        known = store.known_ids(a.id for a in articles)
        fresh = list({a.id: a for a in articles if a.id not in known}.values())
        if fresh and app.state.pipeline is None:
            app.state.pipeline = Pipeline()
        processed = list(app.state.pipeline.process(fresh)) if fresh else []
        stored, _already = store.save(processed)
        if stored:
            fuse_store(store)
    return JSONResponse(
        {
            "stored": stored,
            "already_present": len(articles) - stored,
            "events": sum(len(p.events) for p in processed),
            "article_ids": list(dict.fromkeys(a.id for a in articles)),
            "problems": problems,
        },
        status_code=201 if stored else 200,
    )


# --- the page ------------------------------------------------------------------


def _register_page(app: FastAPI) -> None:
    static = static_dir()
    app.mount("/static", StaticFiles(directory=static, check_dir=False), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        page = static / "index.html"
        if not page.is_file():
            raise HTTPException(500, "the web page is not built: run `npm run build` in web/")
        return FileResponse(page, media_type="text/html")
