"""The store on SQLite and PostgreSQL alike: lossless, idempotent, atomic per batch,
migrated on open, parameterised against SQL-looking input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from typer.testing import CliRunner

import frontwatch.store as store_module
from corpora import processed_article
from frontwatch.cli import app
from frontwatch.models import Incident
from frontwatch.store import EventFilter, Store, StoreError, fusion
from frontwatch.store.migrate import head_revision
from frontwatch.store.schema import Base
from pg import database


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from database(request.param, tmp_path)


def _rows(store: Store) -> dict[str, int]:
    return store.counts()


def test_save_reads_back_everything(any_db: str) -> None:
    store = Store(any_db)
    batch = [processed_article(i) for i in range(5)]
    assert store.save(batch) == (5, 0)
    for processed in batch:
        article = processed.article
        assert store.article(article.id) == article
        assert [m for _, m in store.place_mentions(article.id)] == sorted(
            processed.places, key=lambda m: m.start
        )
        assert store.time_exprs(article.id) == processed.times
        assert store.events(EventFilter(article_id=article.id)) == processed.events
        assert store.article_extra(article.id)["k"] == processed.extra["k"]
    assert sorted(a.id for a in store.articles()) == sorted(p.article.id for p in batch)
    store.close()


def test_articles_page_in_the_database(any_db: str) -> None:
    store = Store(any_db)
    store.save([processed_article(i) for i in range(7)])
    everything = store.articles()
    assert store.article_count() == 7
    assert store.articles(3) == everything[:3]
    assert store.articles(3, 5) == everything[5:]
    assert store.articles(None, 6) == everything[6:]
    assert store.articles(5, 10) == []
    store.close()


def test_saving_twice_stores_once(any_db: str) -> None:
    store = Store(any_db)
    batch = [processed_article(i) for i in range(4)]
    assert store.save(batch + batch[:2]) == (4, 2)  # duplicates inside one batch too
    before = _rows(store)
    assert store.save(list(reversed(batch))) == (0, 4)
    assert (
        _rows(store)
        == before
        == {
            "articles": 4,
            "place_mentions": 12,
            "time_exprs": 4,
            "events": 8,
            "incidents": 0,
        }
    )
    store.close()


def test_a_failing_batch_stores_nothing(any_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(any_db)
    store.save([processed_article(100)])
    real = store_module._insert_findings

    def failing(conn, batch):  # type: ignore[no-untyped-def]
        real(conn, batch)  # every row of the batch written, then the failure
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store_module, "_insert_findings", failing)
    with pytest.raises(RuntimeError):
        store.save([processed_article(i) for i in range(5)])
    assert _rows(store)["articles"] == 1, "the batch is one transaction"
    assert _rows(store)["events"] == 2
    monkeypatch.setattr(store_module, "_insert_findings", real)
    assert store.save([processed_article(i) for i in range(5)]) == (5, 0)
    store.close()


SQL_LOOKING = [
    "'; DROP TABLE events; --",
    "' OR '1'='1",
    'x") OR 1=1 --',
    "%",
    "_",
    "\\",
    "UA' UNION SELECT id FROM articles --",
]


@pytest.mark.parametrize("hostile", SQL_LOOKING)
def test_sql_looking_filters_are_only_values(any_db: str, hostile: str) -> None:
    store = Store(any_db)
    store.save([processed_article(i) for i in range(3)])
    before = _rows(store)
    for flt in (
        EventFilter(text=hostile),
        EventFilter(side=hostile),
        EventFilter(status=hostile),
        EventFilter(types=[hostile, "shelling' OR 1=1 --"]),
        EventFilter(article_id=hostile),
        EventFilter(incident_id=hostile),
    ):
        assert store.events(flt) == [], flt
    assert store.article(hostile) is None
    assert store.event(hostile) is None
    assert store.incident(hostile) is None
    assert store.article_ids_for_path(hostile) == []
    assert store.place_mentions(hostile) == []
    assert store.time_exprs(hostile) == []
    assert _rows(store) == before
    store.close()


def test_text_filter_matches_literally(any_db: str) -> None:
    store = Store(any_db)
    batch = [processed_article(i) for i in range(3)]
    store.save(batch)
    sentence = batch[0].events[0].claim.sentence  # type: ignore[union-attr]
    found = store.events(EventFilter(text=sentence[10:30]))
    assert {e.article_id for e in found} == {batch[0].article.id}
    assert store.events(EventFilter(text="Russian%shelled")) == []
    store.close()


def test_incidents_link_events(any_db: str) -> None:
    store = Store(any_db)
    batch = [processed_article(i) for i in range(2)]
    store.save(batch)
    first, second = batch[0].events[0], batch[1].events[0]
    incident = Incident("inc1", "corroborated", [first.id, second.id], ["a", "b"], "shelling")
    store.set_incidents([incident], {first.id: incident, second.id: incident})
    assert store.incidents() == [incident]
    linked = store.events(EventFilter(incident_id="inc1"))
    assert {e.id for e in linked} == {first.id, second.id}
    assert all(e.incident_status == "corroborated" for e in linked)
    store.set_incidents([], {})
    assert store.incidents() == []
    assert store.events(EventFilter(incident_id="inc1")) == []
    store.close()


def test_replace_article(any_db: str) -> None:
    store = Store(any_db)
    processed = processed_article(5)
    store.save([processed])
    processed.events = processed.events[:1]
    processed.places = []
    store.replace_article(processed)
    assert len(store.events(EventFilter(article_id=processed.article.id))) == 1
    assert store.place_mentions(processed.article.id) == []
    assert _rows(store)["articles"] == 1
    store.close()


def test_long_and_odd_values_are_stored(any_db: str) -> None:
    """PostgreSQL refuses strings longer than a column and NUL characters; SQLite takes both."""
    store = Store(any_db)
    processed = processed_article(7)
    processed.article.outlet = "Wire " * 100
    processed.article.title = "Title with a NUL\x00 inside"
    store.save([processed])
    back = store.article(processed.article.id)
    assert back is not None and back.outlet == processed.article.outlet
    assert back.title == processed.article.title
    store.close()


def test_fresh_database_is_at_head_and_matches_the_models(any_db: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    import frontwatch.store.fusion  # noqa: F401  (its tables are part of the schema)

    store = Store(any_db)
    assert store.schema_revision() == head_revision()
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], "the migrations and schema.py disagree: write a new revision"
    store.close()


def test_database_made_before_migrations_is_upgraded(any_db: str) -> None:
    url = store_module.db_url(any_db)
    engine = create_engine(url)
    Base.metadata.create_all(engine)  # what frontwatch did before migrations
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO articles (id, path, date_source, ingested_at, payload, extra) "
                "VALUES ('old', 'old.txt', 'unknown', '2022-01-01 00:00:00', '{}', '{}')"
            )
        )
    engine.dispose()
    store = Store(any_db)
    assert store.schema_revision() == head_revision()
    assert store.known_ids(["old"]) == {"old"}
    assert inspect(store.engine).has_table("alembic_version")
    store.close()


def test_unknown_schema_revision_is_one_clear_error(any_db: str) -> None:
    Store(any_db).close()
    engine = create_engine(store_module.db_url(any_db))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'zz99'"))
    engine.dispose()
    with pytest.raises(StoreError) as info:
        Store(any_db)
    assert "zz99" in str(info.value) and "\n" not in str(info.value)


def test_unreachable_server_is_one_clear_error(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://nobody:secret@/x?host={tmp_path}&port=1"
    with pytest.raises(StoreError) as info:
        Store(url)
    message = str(info.value)
    assert message.startswith("cannot open database") and "\n" not in message
    assert "secret" not in message


def test_url_forms() -> None:
    assert store_module.db_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert store_module.db_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
    assert store_module.db_url("x.db").startswith("sqlite:////")


def _dump(db: str) -> list[dict]:
    store = Store(db)
    records = list(store.dump())
    store.close()
    return records


def test_dump_and_load_round_trip(any_db: str, tmp_path: Path) -> None:
    source = str(tmp_path / "source.db")
    store = Store(source)
    batch = [processed_article(i) for i in range(6)]
    batch[2].places = []
    batch[3].events = []
    store.save(batch)
    incident = Incident("inc9", "contested", [batch[0].events[0].id], [batch[0].article.id])
    store.set_incidents([incident], {batch[0].events[0].id: incident})
    with store.write_session(lock="fusion") as session:  # the fuse stage's own tables
        entity = {"id": "e1", "kind": "person", "canonical": "Serhiy Haidai", "side": "UA"}
        session.add(fusion.EntityRow(**entity, mentions=3, payload={"names": ["Gaidai"]}))
        session.add(fusion.IncidentDetailRow(incident_id="inc9", payload={"where": "Lyman"}))
        session.add(fusion.ArticleLinkRow(article_id=batch[1].article.id, provenance="wire"))
    store.close()
    records = _dump(source)
    assert sum(r["kind"] == "row" for r in records) == 3
    target = Store(any_db)
    report = target.load(r for r in records if r["kind"] != "header")
    assert (report.articles, report.incidents) == (6, 1)
    again = target.load(r for r in records if r["kind"] != "header")
    assert (again.articles, again.articles_already, again.incidents_already) == (0, 6, 1)
    target.close()
    assert _dump(any_db) == records


def test_cli_export_and_import(any_db: str, tmp_path: Path) -> None:
    source = str(tmp_path / "source.db")
    store = Store(source)
    store.save([processed_article(i) for i in range(4)])
    store.close()
    dump = tmp_path / "dump.jsonl"
    runner = CliRunner()
    done = runner.invoke(
        app, ["export", "--what", "db", "--format", "jsonl", "-o", str(dump), "--db", source]
    )
    assert done.exit_code == 0, done.output
    done = runner.invoke(app, ["import", str(dump), "--db", any_db])
    assert done.exit_code == 0, done.output
    assert "4 article(s) imported" in done.output
    second = tmp_path / "second.jsonl"
    runner.invoke(
        app, ["export", "--what", "db", "--format", "jsonl", "-o", str(second), "--db", any_db]
    )
    assert second.read_bytes() == dump.read_bytes()


def test_import_reports_bad_lines(tmp_path: Path) -> None:
    source = str(tmp_path / "source.db")
    store = Store(source)
    store.save([processed_article(i) for i in range(3)])
    lines = [json.dumps(r) for r in store.dump()]
    store.close()
    broken = json.loads(lines[2])
    broken["article"]["published"] = "2022-02-30"
    lines[2] = json.dumps(broken)
    lines.insert(3, "{not json")
    lines.insert(1, json.dumps({"kind": "article", "article": {"id": "x", "surprise": 1}}))
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    target = str(tmp_path / "target.db")
    done = CliRunner().invoke(app, ["import", str(dump), "--db", target])
    assert done.exit_code == 1
    errors = [line for line in done.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 3, done.output
    assert any(":2:" in e and "surprise" in e for e in errors), errors
    assert any(":4:" in e and "not an ISO date" in e for e in errors)
    assert "Traceback" not in done.output
    assert Store(target).counts()["articles"] == 2


def test_import_refuses_files_that_are_not_dumps(tmp_path: Path) -> None:
    dump = tmp_path / "events.jsonl"
    dump.write_text('{"event_id": "x"}\n', encoding="utf-8")
    done = CliRunner().invoke(app, ["import", str(dump), "--db", str(tmp_path / "t.db")])
    assert done.exit_code == 2
    assert "not a frontwatch dump" in done.output


def test_head_constant_matches_the_migration_scripts() -> None:
    from frontwatch.store.migrate import HEAD, script_head

    assert script_head() == HEAD, "a new revision: set migrate.HEAD to it"


def test_event_order_is_the_same_on_every_database(any_db: str) -> None:
    """Dated events first, by start then end; undated ones last (NULLs sort differently
    in SQLite and PostgreSQL unless told)."""
    store = Store(any_db)
    batch = [processed_article(i, n_events=1) for i in range(4)]
    batch[0].events[0].time = None
    batch[1].events[0].time.date_end = None  # type: ignore[union-attr]
    batch[2].events[0].time.date_start = None  # type: ignore[union-attr]
    store.save(batch)
    got = [e.article_id for e in store.events()]
    want = [batch[3], batch[1], batch[2], batch[0]]
    assert got == [p.article.id for p in want]
    store.close()


def test_load_of_a_repeated_record_stores_it_once(any_db: str, tmp_path: Path) -> None:
    source = str(tmp_path / "source.db")
    store = Store(source)
    store.save([processed_article(1), processed_article(2)])
    records = list(store.dump())
    store.close()
    target = Store(any_db)
    report = target.load(records + records[1:2])  # the first article twice in one batch
    assert (report.articles, report.articles_already) == (2, 1)
    assert target.counts()["place_mentions"] == 6
    target.close()


def test_cli_names_an_unusable_database_in_one_line(tmp_path: Path) -> None:
    url = f"postgresql://fw:secret@/nowhere?host={tmp_path}"
    for args in (["events", "--db", url], ["ingest", str(tmp_path), "--db", url]):
        done = CliRunner().invoke(app, args)
        assert done.exit_code == 2, done.output
        assert "Traceback" not in done.output and "secret" not in done.output
        assert done.output.strip().startswith("error: cannot open database")
