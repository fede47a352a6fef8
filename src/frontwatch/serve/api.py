"""The HTTP API and the page: `frontwatch serve` runs ``create_app`` under uvicorn.

Read-only unless a write token is configured ($FRONTWATCH_TOKEN): then
``POST /api/ingest`` takes one uploaded article or feed, with a size limit.
"""

from __future__ import annotations

import hmac
import os
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from frontwatch import __version__, query
from frontwatch.serve import docs, guard, review, views
from frontwatch.serve.labels import labels_payload
from frontwatch.store import Store

TOKEN_ENV = "FRONTWATCH_TOKEN"
MAX_UPLOAD_ENV = "FRONTWATCH_MAX_UPLOAD"
DEFAULT_MAX_UPLOAD = 5 * 1024 * 1024  # one article or feed; news text is far smaller
# Upload names may end in these suffixes; they pick the reader (see frontwatch.read.formats).
UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".json", ".xml", ".rss", ".atom")


def static_dir() -> Path:
    return Path(str(resources.files("frontwatch.serve").joinpath("static")))


def create_app(
    db: str | None = None,
    token: str | None = None,
    max_upload: int | None = None,
    store: Store | None = None,
    hosts: Iterable[str] = (),
) -> FastAPI:
    """The app over one store; ``token`` (else $FRONTWATCH_TOKEN) enables writes.

    ``hosts``: names besides loopback that clients may use for this server (the Host
    check; see ``frontwatch.serve.guard``).
    """
    app = FastAPI(
        title="frontwatch",
        version=__version__,
        docs_url=None,
        redoc_url=None,
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
    guard.install(app, hosts)
    _register_api(app)
    docs.register(app)
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


# --- filters: query parameters handed to the one query layer ------------------------


class Problem(BaseModel):
    """Every 4xx answer: one line saying what was wrong."""

    detail: str


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The 4xx answers a route documents in openapi.json, all of the Problem shape."""
    words = {
        400: "Bad upload",
        401: "Missing or wrong token",
        403: "Writes are disabled",
        404: "No such item",
        413: "Upload too large",
        415: "Unsupported file type",
        422: "Bad filter, page or parameter",
    }
    return {code: {"model": Problem, "description": words[code]} for code in codes}


SideQ = Annotated[
    str | None, Query(description="Side code of actor1: UA, RU, RU-INST, THIRD, UNKNOWN.")
]
TypeQ = Annotated[
    str | None,
    Query(alias="type", description="An fw_type, a family or an ACLED event_type."),
]
StatusQ = Annotated[str | None, Query(description="happened, claimed, denied, failed, ...")]
SinceQ = Annotated[str | None, Query(description="On or after this date (YYYY-MM-DD).")]
UntilQ = Annotated[str | None, Query(description="On or before this date (YYYY-MM-DD).")]
BboxQ = Annotated[str | None, Query(description="west,south,east,north in degrees.")]
RegionQ = Annotated[
    str | None, Query(description="Admin-1 region: a name, an ISO 3166-2 code or a country.")
]
LanguageQ = Annotated[str | None, Query(description="The article's language code: en, uk, ...")]
TextQ = Annotated[
    str | None, Query(max_length=query.MAX_TEXT, description="Words in the evidence sentence.")
]
ReviewQ = Annotated[str | None, Query(description="Review status of an incident.")]
LimitQ = Annotated[int, Query(ge=1, le=query.MAX_PAGE)]
OffsetQ = Annotated[int, Query(ge=0, le=query.MAX_OFFSET)]


def event_filters(
    side: SideQ = None,
    type_: TypeQ = None,
    status: StatusQ = None,
    since: SinceQ = None,
    until: UntilQ = None,
    bbox: BboxQ = None,
    region: RegionQ = None,
    language: LanguageQ = None,
    q: TextQ = None,
) -> query.Filters:
    return query.parse_filters(
        side=side, type_=type_, status=status, since=since, until=until,
        bbox=bbox, region=region, language=language, q=q,
    )  # fmt: skip


def incident_filters(
    side: Annotated[str | None, Query(description="A side party to it or speaking in it.")] = None,
    type_: Annotated[
        str | None, Query(alias="type", description="An fw_type, family or group (front, ...).")
    ] = None,
    status: Annotated[
        str | None, Query(description="corroborated, claimed, contested, assessed.")
    ] = None,
    since: SinceQ = None,
    until: UntilQ = None,
    region: RegionQ = None,
    q: Annotated[
        str | None, Query(max_length=query.MAX_TEXT, description="Words of the title.")
    ] = None,
    review: ReviewQ = None,
) -> query.Filters:
    return query.parse_filters(
        side=side, type_=type_, status=status, since=since, until=until,
        region=region, q=q, review=review, scope="incidents",
    )  # fmt: skip


def entity_filters(
    kind: Annotated[str | None, Query(description="person, org, force, place, ...")] = None,
    side: SideQ = None,
    q: Annotated[str | None, Query(max_length=query.MAX_TEXT, description="A spelling.")] = None,
) -> query.Filters:
    return query.parse_filters(kind=kind, side=side, q=q, scope="entities")


def article_filters(
    language: LanguageQ = None,
    since: Annotated[str | None, Query(description="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, Query(description="Published on or before (YYYY-MM-DD).")] = None,
    q: Annotated[
        str | None, Query(max_length=query.MAX_TEXT, description="Words of title, outlet, URL.")
    ] = None,
) -> query.Filters:
    return query.parse_filters(language=language, since=since, until=until, q=q, scope="articles")


def page(limit: LimitQ = query.DEFAULT_PAGE, offset: OffsetQ = 0) -> query.Page:
    return query.parse_page(limit, offset)


EventFilters = Annotated[query.Filters, Depends(event_filters)]
IncidentFilters = Annotated[query.Filters, Depends(incident_filters)]
EntityFilters = Annotated[query.Filters, Depends(entity_filters)]
ArticleFilters = Annotated[query.Filters, Depends(article_filters)]
PageQ = Annotated[query.Page, Depends(page)]
READ = problems(422)
ONE = problems(404)


def _register_api(app: FastAPI) -> None:
    _register_events(app)
    _register_incidents(app)
    _register_articles(app)
    _register_ingest(app)


def _register_events(app: FastAPI) -> None:
    @app.get("/api/meta", tags=["read"], summary="Sides, types, statuses and counts")
    def get_meta(request: Request) -> dict[str, Any]:
        return views.meta(_store(request)) | {
            "version": __version__,
            "writable": bool(request.app.state.token),
        }

    @app.get("/api/events", tags=["read"], summary="Events, filtered and paged", responses=READ)
    def list_events(request: Request, flt: EventFilters, pg: PageQ) -> dict[str, Any]:
        return query.events_page(_store(request), flt, pg)

    @app.get(
        "/api/events.geojson",
        tags=["read"],
        summary="Events as a GeoJSON FeatureCollection",
        response_class=JSONResponse,
        responses=READ,
    )
    def events_geojson(request: Request, flt: EventFilters) -> JSONResponse:
        rows = query.event_list(_store(request), flt)
        return JSONResponse(views.geojson(rows), media_type="application/geo+json")

    @app.get(
        "/api/labels",
        tags=["read"],
        summary="Town and oblast names for the base map, from the gazetteer, with a zoom tier",
    )
    def get_labels() -> dict[str, Any]:
        return labels_payload()

    @app.get(
        "/api/events/{event_id}",
        tags=["read"],
        summary="One event with its evidence",
        responses=ONE,
    )
    def get_event(request: Request, event_id: str) -> dict[str, Any]:
        store = _store(request)
        ev = _found(store.event(event_id), "event", event_id)
        return views.event_view(ev, store.article(ev.article_id))


def _register_incidents(app: FastAPI) -> None:
    @app.get(
        "/api/incidents",
        tags=["read"],
        summary="Incidents (events grouped across sources), by date, filtered and paged",
        responses=READ,
    )
    def list_incidents(request: Request, flt: IncidentFilters, pg: PageQ) -> dict[str, Any]:
        return query.incidents_page(_store(request), flt, pg)

    @app.get(
        "/api/incidents/{incident_id}",
        tags=["read"],
        summary="One incident with its competing claims, one column per side",
        responses=ONE,
    )
    def get_incident(request: Request, incident_id: str) -> dict[str, Any]:
        store = _store(request)
        incident = _found(store.incident(incident_id), "incident", incident_id)
        return views.incident_view(store, incident)

    @app.get(
        "/api/entities",
        tags=["read"],
        summary="People, bodies and places with spellings, filtered and paged",
        responses=READ,
    )
    def list_entities(request: Request, flt: EntityFilters, pg: PageQ) -> dict[str, Any]:
        return query.entities_page(_store(request), flt, pg)


def _register_articles(app: FastAPI) -> None:
    @app.get("/api/articles", tags=["read"], summary="Articles, filtered and paged", responses=READ)
    def list_articles(request: Request, flt: ArticleFilters, pg: PageQ) -> dict[str, Any]:
        return query.articles_page(_store(request), flt, pg)

    @app.get(
        "/api/articles/{article_id}",
        tags=["read"],
        summary="An article's text with the spans of places, people, dates and triggers",
        responses=ONE,
    )
    def get_article(request: Request, article_id: str) -> dict[str, Any]:
        store = _store(request)
        article = _found(store.article(article_id), "article", article_id)
        return views.article_view(store, article)


def _register_ingest(app: FastAPI) -> None:
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
        responses=problems(400, 401, 403, 413, 415, 422),
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
    # Bytes, not str: compare_digest refuses a str with non-ASCII characters (a TypeError,
    # which was a 500); the header arrives decoded as latin-1, so this gives its bytes back.
    given_bytes = given.strip().encode("latin-1", "replace")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given_bytes, expected.encode()):
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
    from frontwatch.fuse import fuse_store, fusion_owed, mark_pending
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
        if processed:
            mark_pending(store)  # a kill before the fusion below leaves it owed
        stored, _already = store.save(processed)
        if stored or fusion_owed(store):
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
