"""Property-based: generated folders of good and bad files through `ingest`, and bad
uploads through the API. Whatever comes, no exception escapes, a bad file costs at
most one line, every good article is stored, and the next ingest into the store works.
(docs/storage.md, "Threat model".)"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontwatch.models import ReadProblem
from frontwatch.pipeline import Pipeline, ingest
from frontwatch.store import Store

PLACES = ["Kharkiv", "Izium", "Lyman", "Sumy", "Kupiansk", "Bakhmut", "Kherson", "Vuhledar"]
SUFFIXES = [".txt", ".jsonl", ".json", ".xml", ".html", ".md", ".ndjson", ".rss"]
# JSON values that once broke a batch or a reader, and some that never should.
BAD_JSON = [
    '{"text": "x", "n": ' + "9" * 5000 + "}",
    '{"text": "y", "n": -1.' + "5" * 5000 + "e5}",
    "[" * 100_000,
    '{"a": ' * 50 + "1" + "}" * 50,
    '{"text": 123}',
    '{"title": "no text"}',
    "[1, 2, 3]",
    '{"text": "unterminated',
    '{"text": "1234 5678"}',
    "NaN",
    "\x00\x01\x02",
]
BAD_DATES = ["9999-12-31", "0001-01-01", "2022-02-30", "1899-12-31", "99999-01-01"]


@dataclass(frozen=True)
class Spec:
    """One generated file: its name, its bytes, and how many articles it must store
    (0: a bad file; None: random bytes, which may happen to read as text). ``links_out``
    makes it a link to a file outside the folder."""

    name: str
    data: bytes
    good: int | None
    links_out: bool = False


# A phrase only the file outside the ingested folder holds: it must never be stored.
SECRET = "Nothing outside the folder is read."


def _sentence(n: int) -> str:
    place = PLACES[n % len(PLACES)]
    return f"Russian forces shelled {place} on Monday, killing {n + 2} people, the governor said."


@st.composite
def good_file(draw: st.DrawFn, n: int) -> Spec:
    kind = draw(st.sampled_from(["txt", "seed", "jsonl", "json", "feed", "utf16", "bidi"]))
    text, bad_date = _sentence(n), draw(st.sampled_from(BAD_DATES))
    if kind == "txt":
        return Spec(f"g{n}.txt", text.encode(), 1)
    if kind == "seed":  # a date line, sometimes out of range: a warning, the text stored
        return Spec(f"g{n}.txt", f" date {draw(st.sampled_from(['2022-09-12', bad_date]))}\n"
                    f"{text}\n".encode(), 1)  # fmt: skip
    if kind == "jsonl":
        dates = [bad_date, "2022-09-12", "2022-09-13"]  # one warning at most per file
        lines = [
            json.dumps({"text": _sentence(n + 1000 * k), "date": d}) for k, d in enumerate(dates)
        ]
        return Spec(f"g{n}.jsonl", "\n".join(lines).encode(), 3)
    if kind == "json":
        return Spec(f"g{n}.json", json.dumps({"text": text, "published": bad_date}).encode(), 1)
    if kind == "feed":
        year = draw(st.sampled_from(["2022", "9999"]))
        feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item>'
                f"<pubDate>Fri, 31 Dec {year} 10:00:00 GMT</pubDate><description>{text}"
                "</description></item></channel></rss>")  # fmt: skip
        return Spec(f"g{n}.xml", feed.encode(), 1)
    if kind == "utf16":
        lines = "\n".join(json.dumps({"text": _sentence(n + 1000 * k)}) for k in range(2))
        encoding = draw(st.sampled_from(["utf-16", "utf-16-le", "utf-16-be", "utf-32"]))
        return Spec(f"g{n}.jsonl", lines.encode(encoding), 2)
    spoofed = text.replace("governor", "gover\u202enor\x9b")  # bidi and C1 controls
    return Spec(f"g{n}.txt", spoofed.encode(), 1)


@st.composite
def bad_file(draw: st.DrawFn, n: int) -> Spec:
    kind = draw(st.sampled_from(["bytes", "json", "jsonl", "empty", "words", "link"]))
    suffix = draw(st.sampled_from(SUFFIXES))
    if kind == "bytes":  # random bytes: binary, or not text the readers can use
        data = draw(st.binary(min_size=1, max_size=3000))
        return Spec(f"b{n}{suffix}", data, None)
    if kind == "json":
        return Spec(f"b{n}.json", draw(st.sampled_from(BAD_JSON)).encode("utf-8", "replace"), 0)
    if kind == "jsonl":
        lines = draw(st.lists(st.sampled_from(BAD_JSON), min_size=1, max_size=20))
        return Spec(f"b{n}.jsonl", "\n".join(lines).encode("utf-8", "replace"), 0)
    if kind == "empty":
        return Spec(f"b{n}{suffix}", draw(st.sampled_from([b"", b"  \n\t\n", b"\xef\xbb\xbf"])), 0)
    if kind == "words":  # no words, or not prose
        data = draw(st.sampled_from([b"1234 5678 ... 42", b"Kharkiv, " * 2000]))
        return Spec(f"b{n}.txt", data, 0)
    return Spec(f"b{n}.txt", b"", 0, links_out=True)


@st.composite
def folder(draw: st.DrawFn) -> list[Spec]:
    count = draw(st.integers(min_value=1, max_value=6))
    return [draw(st.one_of(good_file(i), bad_file(i)) if i else good_file(i)) for i in range(count)]


@cache
def _pipeline() -> Pipeline:
    return Pipeline()


def _lines_for(problems: list[ReadProblem], path: Path) -> list[ReadProblem]:
    name = str(path)
    return [p for p in problems if p.path == name or p.path.startswith((name + ":", name + "#"))]


def _write(root: Path, specs: list[Spec]) -> Path:
    inside, outside = root / "in", root / "out"
    inside.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text(f"{_sentence(7)} {SECRET}", encoding="utf-8")
    for spec in specs:
        if spec.links_out:
            (inside / spec.name).symlink_to(outside / "secret.txt")
        else:
            (inside / spec.name).write_bytes(spec.data)
    return inside


FUZZ = settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(folder())
def test_ingest_of_generated_files(specs: list[Spec]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inside = _write(root, specs)
        store = Store(str(root / "fuzz.db"))
        problems: list[ReadProblem] = []
        ingest([inside], store, pipeline=_pipeline(), on_problem=problems.append)
        for spec in specs:
            path = inside / spec.name
            assert len(_lines_for(problems, path)) <= 1, (spec, _lines_for(problems, path))
            stored = len(store.article_ids_for_path(str(path)))
            assert stored == spec.good or (spec.good is None and stored <= 1), (spec, problems)
        assert all("\n" not in str(p) for p in problems)
        assert not any(SECRET in a.text for a in store.articles())
        later = root / "later.txt"
        later.write_text(_sentence(4242), encoding="utf-8")
        assert ingest([later], store, pipeline=_pipeline()).stored == 1  # the store works
        store.close()


TOKEN = "fuzz-token"


@cache
def _client(root: str) -> tuple[TestClient, Store]:
    from frontwatch.serve import create_app

    store = Store(str(Path(root) / "api.db"))
    app = create_app(store=store, token=TOKEN)
    app.state.pipeline = _pipeline()
    return TestClient(app), store


_API_ROOT = tempfile.mkdtemp(prefix="fw-fuzz-api-")


@FUZZ
@given(st.one_of(good_file(7), bad_file(7)), st.sampled_from(SUFFIXES + [".exe", ""]),
       st.sampled_from(["2022-09-12", "0001-01-01", "9999-12-31", None]))  # fmt: skip
def test_upload_of_generated_files(spec: Spec, suffix: str, day: str | None) -> None:
    client, store = _client(_API_ROOT)
    name = Path(spec.name).stem + (Path(spec.name).suffix if spec.good else suffix)
    params = {"filename": name, **({"date": day} if day else {})}
    response = client.post(
        "/api/ingest",
        params=params,
        content=spec.data or b" ",
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code < 500, response.text
    if spec.good and not spec.links_out:
        assert response.status_code in (200, 201), response.text
        ids = response.json()["article_ids"]
        assert len(ids) == spec.good and store.known_ids(ids) == set(ids)
    else:
        assert response.status_code in (200, 201, 400, 415, 422), response.text
    later = client.post(
        "/api/ingest",
        params={"filename": "later.txt"},
        content=_sentence(len(store.articles()) + 5000).encode(),
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert later.status_code == 201, later.text
