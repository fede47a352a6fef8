"""Batch: Parquet round trips, loading, and the Dask path against `frontwatch ingest`."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwatch.batch.cluster import BatchError, chunked, prepare_out
from frontwatch.batch.load import LoadError, load_parquet
from frontwatch.batch.parquet import (
    count_rows,
    partitions,
    read_partition,
    to_tables,
    write_partition,
)
from frontwatch.cli import app
from frontwatch.export import event_row, place_row
from frontwatch.fuse import fuse_store
from frontwatch.models import (
    Actor,
    Article,
    Claim,
    DateSource,
    Event,
    Place,
    PlaceFlag,
    PlaceMention,
    PlaceRole,
    ProcessedArticle,
    Quantity,
    Status,
    TimeExpr,
    content_id,
    to_jsonable,
)
from frontwatch.store import Store

DEMO = Path(__file__).resolve().parents[1] / "demo" / "articles"
runner = CliRunner()


def _said(result: object) -> str:
    """The command's output with Rich's line wrapping undone."""
    return " ".join(str(getattr(result, "output", "")).split())


def _processed(text: str, with_findings: bool = True) -> ProcessedArticle:
    aid = content_id(text)
    article = Article(
        id=aid,
        path=f"/in/{aid}.txt",
        text=text,
        title="A title",
        outlet="Reuters",
        published=date(2022, 9, 28),
        date_source=DateSource.DATE_LINE,
        dateline="IZIUM",
        dateline_span=(0, 5),
        boilerplate=["CLICK HERE"],
    )
    if not with_findings:
        return ProcessedArticle(article, sentences=[(0, len(text))])
    place = Place("gn:707292", "Izium", 49.21, 37.25, "PPL", "UA", "Kharkiv", 707292, 45000)
    mention = PlaceMention(0, 5, "Izium", PlaceRole.LOCATION, place, [PlaceFlag.COARSE], 0)
    unresolved = PlaceMention(10, 16, "Udong", flags=["unresolved"], sent=0)
    when = TimeExpr(
        20, 27, "Monday", date(2022, 9, 26), date(2022, 9, 26), "day", "weekday", "past"
    )
    governor = Actor(
        "Oleh Syniehubov", "UA", "person", role="Governor of Kharkiv", start=30, end=45
    )
    claim = Claim(
        0,
        len(text),
        text,
        claimant=governor,
        channel="telegram",
        outlet="Reuters",
        hedges=["allegedly"],
        unverified=True,
        reporting_verb="said",
    )
    event = Event(
        id=f"{aid}-e0",
        article_id=aid,
        fw_type="shelling",
        trigger="shelled",
        trigger_start=6,
        trigger_end=13,
        status=Status.CLAIMED,
        actor1=Actor("Russian forces", "RU", "force"),
        place=mention,
        time=when,
        time_basis="own",
        quantities=[Quantity(146.0, "bodies", "146 bodies", "at least", 3, 9)],
        claim=claim,
        fatalities=2,
    )
    return ProcessedArticle(
        article,
        places=[mention, unresolved],
        times=[when],
        actors=[governor],
        events=[event],
        sentences=[(0, len(text))],
        extra={"note": ["kept"]},
    )


def test_parquet_round_trip_is_lossless(tmp_path: Path) -> None:
    batch = [
        _processed("Izium was shelled on Monday, the governor said."),
        _processed("Quiet.", False),
    ]
    write_partition(tmp_path, 0, to_tables(batch))
    assert partitions(tmp_path) == ["part-00000.parquet"]
    assert read_partition(tmp_path, "part-00000.parquet") == batch
    counts = count_rows(tmp_path)
    assert counts == {"articles": 2, "mentions": 2, "times": 1, "events": 1, "claims": 1}


def test_flat_columns_are_queryable(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    write_partition(tmp_path, 3, to_tables([_processed("Izium was shelled on Monday.")]))
    events = pq.read_table(tmp_path / "events" / "part-00003.parquet").to_pylist()
    assert events[0]["side1"] == "RU" and events[0]["date_start"] == date(2022, 9, 26)
    assert events[0]["latitude"] == pytest.approx(49.21)
    claims = pq.read_table(tmp_path / "claims" / "part-00003.parquet").to_pylist()
    assert claims[0]["claimant_side"] == "UA" and claims[0]["hedges"] == ["allegedly"]
    assert claims[0]["unverified"] is True


def test_load_is_idempotent_and_matches_a_direct_save(tmp_path: Path) -> None:
    batch = [_processed(f"Izium was shelled, report {i}.") for i in range(5)]
    for index, part in enumerate(chunked([p.article for p in batch], 2)):
        ids = {a.id for a in part}
        write_partition(
            tmp_path / "pq", index, to_tables([p for p in batch if p.article.id in ids])
        )
    loaded = Store(str(tmp_path / "loaded.db"))
    first = load_parquet(tmp_path / "pq", loaded)
    assert (first.partitions, first.stored, first.already, first.events) == (3, 5, 0, 5)
    again = load_parquet(tmp_path / "pq", loaded)
    assert (again.stored, again.already, again.events) == (0, 5, 0)
    direct = Store(str(tmp_path / "direct.db"))
    direct.save(batch)
    fuse_store(direct)  # what `ingest` does after storing; `load` does it too
    assert _event_rows(loaded) == _event_rows(direct)
    assert [to_jsonable(a) for a in loaded.articles()] == [
        to_jsonable(a) for a in direct.articles()
    ]


def test_load_refuses_a_folder_without_parts(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="no Parquet partitions"):
        load_parquet(tmp_path, Store(str(tmp_path / "x.db")))
    result = runner.invoke(app, ["load", str(tmp_path / "nope"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code != 0
    assert "no such folder" in _said(result) and "Traceback" not in _said(result)


def test_load_names_a_damaged_part(tmp_path: Path) -> None:
    write_partition(tmp_path, 0, to_tables([_processed("Izium was shelled.")]))
    (tmp_path / "events" / "part-00000.parquet").write_bytes(b"not parquet")
    with pytest.raises(LoadError, match="part-00000.parquet unreadable"):
        load_parquet(tmp_path, Store(str(tmp_path / "x.db")))


def test_prepare_out_refuses_to_mix_runs(tmp_path: Path) -> None:
    write_partition(tmp_path, 0, to_tables([_processed("Izium was shelled.")]))
    with pytest.raises(BatchError, match="--overwrite"):
        prepare_out(tmp_path, overwrite=False)
    prepare_out(tmp_path, overwrite=True)
    assert partitions(tmp_path) == []
    (tmp_path / "file").write_text("x")
    with pytest.raises(BatchError, match="not a folder"):
        prepare_out(tmp_path / "file", overwrite=False)


def _event_rows(store: Store) -> list[str]:
    """Event rows, with the incidents as groups of events: an incident's id follows its
    earliest-stored event (docs/fusion.md), and a load in partitions stores in another
    order than one save, so the ids may differ where the grouping is the same."""
    articles = {a.id: a for a in store.articles()}
    members = {i.id: sorted(i.event_ids) for i in store.incidents()}
    rows = [event_row(ev, articles.get(ev.article_id)) for ev in store.events()]
    for r in rows:
        r["incident_id"] = members.get(r["incident_id"])
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)


def _place_rows(store: Store) -> list[str]:
    articles = {a.id: a for a in store.articles()}
    rows = [place_row(articles[aid], m) for aid, m in store.place_mentions()]
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The demo articles, a duplicate, a JSONL file of more, and one unreadable file."""
    folder = tmp_path / "in"
    shutil.copytree(DEMO, folder)
    first = sorted(DEMO.iterdir())[0]
    shutil.copy(first, folder / "copy-of-first.txt")
    lines = [
        {"text": f"KYIV, Oct {d} (Reuters) - Shelling hit Kharkiv on Monday, officials said."}
        for d in range(1, 6)
    ]
    (folder / "more.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    (folder / "empty.txt").write_text("")
    return folder


def test_dask_batch_on_two_workers_matches_ingest(tmp_path: Path, corpus: Path) -> None:
    import dask

    ingested = tmp_path / "ingest.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(ingested)])
    assert result.exit_code == 1, result.output  # the empty file is an error ...
    assert "empty.txt: empty file" in _said(result)

    out = tmp_path / "parquet"
    with dask.config.set(
        {"distributed.comm.timeouts.connect": "20s", "distributed.comm.timeouts.tcp": "20s"}
    ):
        result = runner.invoke(
            app,
            ["batch", str(corpus), "--out", str(out), "--workers", "2", "--partition-size", "2"],
        )
    assert result.exit_code == 1, result.output  # ... for batch too, and the rest goes on
    assert "empty.txt: empty file" in _said(result)
    assert "8 article(s) in 4 partition(s), 1 duplicate(s) skipped" in _said(result)
    assert count_rows(out)["articles"] == 8

    loaded = tmp_path / "loaded.db"
    result = runner.invoke(app, ["load", str(out), "--db", str(loaded)])
    assert result.exit_code == 0, result.output
    assert "8 new article(s) stored" in _said(result)
    result = runner.invoke(app, ["load", str(out), "--db", str(loaded)])
    assert "0 new article(s) stored, 8 already present" in _said(result)

    a, b = Store(str(ingested)), Store(str(loaded))
    assert len(_event_rows(a)) >= 3  # the comparison is not between two empty lists
    assert _event_rows(a) == _event_rows(b)
    assert _place_rows(a) == _place_rows(b)
    assert [to_jsonable(x) for x in a.articles()] == [to_jsonable(x) for x in b.articles()]
    for article in a.articles():
        assert a.article_extra(article.id) == b.article_extra(article.id)
    assert [to_jsonable(i) for i in a.incidents()] == [to_jsonable(i) for i in b.incidents()]


def test_batch_refuses_an_earlier_runs_folder(tmp_path: Path) -> None:
    write_partition(tmp_path / "out", 0, to_tables([_processed("Izium was shelled.")]))
    result = runner.invoke(app, ["batch", str(DEMO), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "--overwrite" in _said(result) and "Traceback" not in _said(result)


def test_ingest_with_two_jobs_stores_what_one_job_stores(tmp_path: Path, corpus: Path) -> None:
    stores = []
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.db"
        result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--jobs", jobs])
        assert "8 new article(s) stored" in _said(result), result.output
        stores.append(Store(str(db)))
    one, two = stores
    assert _event_rows(one) == _event_rows(two)
    assert [to_jsonable(x) for x in one.articles()] == [to_jsonable(x) for x in two.articles()]
    for article in one.articles():
        assert one.article_extra(article.id) == two.article_extra(article.id)
