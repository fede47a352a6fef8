"""A whole database as JSON Lines, and back, losslessly.

One record per line: a header (format and schema revision), then one record
per article with its place mentions, time expressions and events (so that an
import stores an article whole or not at all), then one per incident. Every
column of every row is kept except the row numbers of place mentions and time
expressions, which the target database assigns. Records come in a stable order
(by id, then by offset), so exporting the same database twice gives the same file.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Date, DateTime, Engine, Table, insert, select

from frontwatch.store.migrate import head_revision

if TYPE_CHECKING:
    from frontwatch.store import LoadReport

FORMAT = "frontwatch-dump"
VERSION = 1
_CHUNK = 200
# Rows that hang off an article: record key -> table name.
_CHILDREN = {"place_mentions": "place_mentions", "time_exprs": "time_exprs", "events": "events"}
_KINDS = ("header", "article", "incident", "row")
# Tables whose row ids are row numbers: the target database assigns its own.
_NUMBERED = {"place_mentions", "time_exprs"}


class DumpError(ValueError):
    """A record that is not a frontwatch dump record; the message names the problem."""


def _tables() -> dict[str, Table]:
    from frontwatch.store.rows import ARTICLES, EVENTS, INCIDENTS, PLACES, TIMES

    return {t.name: t for t in (ARTICLES, PLACES, TIMES, EVENTS, INCIDENTS)}


def _other_tables() -> dict[str, Table]:
    """Every other table of the schema (the fuse stage's), dumped row by row."""
    import frontwatch.store.review  # noqa: F401  (the review log, reviewed events, aliases)
    from frontwatch.store.fusion import NOT_DUMPED  # (and defines its tables on Base)
    from frontwatch.store.schema import Base

    core = _tables()
    return {
        t.name: t
        for t in Base.metadata.sorted_tables
        if t.name not in core and t.name not in NOT_DUMPED
    }


def header() -> dict[str, Any]:
    return {"kind": "header", "format": FORMAT, "version": VERSION, "schema": head_revision()}


def dump_records(engine: Engine) -> Iterator[dict[str, Any]]:
    tables = _tables()
    articles = tables["articles"]
    yield header()
    with engine.connect() as conn:
        ids = list(conn.scalars(select(articles.c.id).order_by(articles.c.id)))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        with engine.connect() as conn:
            yield from _article_records(conn, tables, chunk)
    incidents = tables["incidents"]
    with engine.connect() as conn:
        for row in conn.execute(select(incidents).order_by(incidents.c.id)).mappings():
            yield {"kind": "incident", "incident": _to_json(incidents, dict(row))}
    for name, table in _other_tables().items():
        with engine.connect() as conn:
            query = select(table).order_by(*table.primary_key.columns)
            for row in conn.execute(query).mappings():
                yield {"kind": "row", "table": name, "row": _to_json(table, dict(row))}


def _article_records(
    conn: Connection, tables: dict[str, Table], ids: list[str]
) -> Iterator[dict[str, Any]]:
    articles = tables["articles"]
    children: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for key, name in _CHILDREN.items():
        table = tables[name]
        order = [table.c.article_id]
        order += [table.c.start] if "start" in table.c else []
        order += [table.c.id]
        by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
        query = select(table).where(table.c.article_id.in_(ids)).order_by(*order)
        for row in conn.execute(query).mappings():
            by_article[row["article_id"]].append(_to_json(table, dict(row), _dropped(table)))
        children[key] = by_article
    query = select(articles).where(articles.c.id.in_(ids)).order_by(articles.c.id)
    for row in conn.execute(query).mappings():
        record: dict[str, Any] = {"kind": "article", "article": _to_json(articles, dict(row))}
        for key in _CHILDREN:
            record[key] = children[key].get(row["id"], [])
        yield record


def _dropped(table: Table) -> tuple[str, ...]:
    """Columns a child row leaves out: its article (the record says) and any row number."""
    return ("article_id", "id") if table.name in _NUMBERED else ("article_id",)


def _to_json(table: Table, row: dict[str, Any], drop: tuple[str, ...] = ()) -> dict[str, Any]:
    out = {}
    for column in table.columns:
        if column.name in drop:
            continue
        value = row[column.name]
        if isinstance(value, date | datetime):
            value = value.isoformat()
        out[column.name] = value
    return out


def _from_json(table: Table, data: Any, where: str, drop: tuple[str, ...] = ()) -> dict[str, Any]:
    """Column values from a record's row, checked against the table's columns."""
    if not isinstance(data, dict):
        raise DumpError(f"{where}: expected an object")
    wanted = {c.name for c in table.columns} - set(drop)
    unknown = set(data) - wanted
    if unknown:
        raise DumpError(f"{where}: unknown column(s) {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for column in table.columns:
        if column.name not in wanted:
            continue
        value = data.get(column.name)
        if value is None and not column.nullable:
            raise DumpError(f"{where}: {column.name} is missing")
        values[column.name] = _typed(column.type, value, f"{where}.{column.name}")
    return values


def _typed(kind: Any, value: Any, where: str) -> Any:
    if value is None:
        return None
    try:
        if isinstance(kind, DateTime):
            return datetime.fromisoformat(value)
        if isinstance(kind, Date):
            return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise DumpError(f"{where}: not an ISO date {str(value)[:40]!r}") from None
    python_type = _python_type(kind)
    if python_type is str and not isinstance(value, str):
        raise DumpError(f"{where}: expected text")
    if python_type is int and (not isinstance(value, int) or isinstance(value, bool)):
        raise DumpError(f"{where}: expected a whole number")
    if python_type is float and not isinstance(value, int | float):
        raise DumpError(f"{where}: expected a number")
    if python_type is dict and not isinstance(value, dict | list):
        raise DumpError(f"{where}: expected a JSON object")
    return value


def _python_type(kind: Any) -> type | None:
    try:
        return kind.python_type
    except NotImplementedError:
        return None


def check_record(obj: Any) -> dict[str, Any]:
    """A dump record ready for ``load_batch``; DumpError says what is wrong with it."""
    if not isinstance(obj, dict) or obj.get("kind") not in _KINDS:
        raise DumpError("not a frontwatch dump record (no known 'kind')")
    tables = _tables()
    if obj["kind"] == "header":
        if obj.get("format") != FORMAT:
            raise DumpError(f"not a frontwatch dump (format {obj.get('format')!r})")
        if obj.get("version") != VERSION:
            raise DumpError(f"dump format version {obj.get('version')!r} is not {VERSION}")
        return {"kind": "header"}
    if obj["kind"] == "row":
        table = _other_tables().get(str(obj.get("table")))
        if table is None:
            raise DumpError(f"unknown table {str(obj.get('table'))[:60]!r}")
        return {
            "kind": "row",
            "table": table.name,
            "row": _from_json(table, obj.get("row"), table.name),
        }
    if obj["kind"] == "incident":
        row = _from_json(tables["incidents"], obj.get("incident"), "incident")
        return {"kind": "incident", "incident": row}
    article = _from_json(tables["articles"], obj.get("article"), "article")
    checked: dict[str, Any] = {"kind": "article", "article": article}
    for key, name in _CHILDREN.items():
        rows = obj.get(key, [])
        if not isinstance(rows, list):
            raise DumpError(f"{key}: expected a list")
        table = tables[name]
        checked[key] = [
            {**_from_json(table, r, f"{key}[{i}]", _dropped(table)), "article_id": article["id"]}
            for i, r in enumerate(rows)
        ]
    return checked


def load_batch(engine: Engine, records: list[dict[str, Any]], report: LoadReport) -> None:
    """Store checked records in one transaction; counts go to ``report`` once it commits."""
    from frontwatch.store.rows import insert_new_rows

    tables = _tables()
    incidents = _first_by_id(r["incident"] for r in records if r["kind"] == "incident")
    articles = _first_by_id(r for r in records if r["kind"] == "article")
    with engine.begin() as conn:
        new_incidents = insert_new_rows(conn, tables["incidents"], list(incidents.values()))
        rows = [r["article"] for r in articles.values()]
        new_articles = insert_new_rows(conn, tables["articles"], rows)
        for key, name in _CHILDREN.items():
            children = [row for aid in sorted(new_articles) for row in articles[aid][key]]
            if children:
                conn.execute(_child_insert(conn, tables[name]), children)
        for name, table in _other_tables().items():
            rows = [r["row"] for r in records if r["kind"] == "row" and r["table"] == name]
            if rows:
                insert_new_rows(conn, table, rows)
    n_incidents = sum(r["kind"] == "incident" for r in records)
    n_articles = sum(r["kind"] == "article" for r in records)
    report.incidents += len(new_incidents)
    report.incidents_already += n_incidents - len(new_incidents)
    report.articles += len(new_articles)
    report.articles_already += n_articles - len(new_articles)


def _first_by_id(items: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Items by id, the first of any repeated id kept (a dump may repeat itself)."""
    found: dict[str, dict[str, Any]] = {}
    for item in items:
        key = item["article"]["id"] if "article" in item else item["id"]
        found.setdefault(key, item)
    return found


def _child_insert(conn: Connection, table: Table) -> Any:
    """Numbered rows get new numbers; events keep their ids (never stored twice)."""
    from frontwatch.store.rows import _insert_ignoring

    ignoring = None if table.name in _NUMBERED else _insert_ignoring(conn, table)
    return insert(table) if ignoring is None else ignoring
