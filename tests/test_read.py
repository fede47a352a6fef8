"""Readers: the seed format, text, JSON Lines, JSON, HTML, feeds and folders."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from frontwatch.models import DateSource, RawDocument, ReadProblem
from frontwatch.read import read_paths


def _read(*paths: Path) -> tuple[list[RawDocument], list[ReadProblem]]:
    docs, problems = [], []
    for item in read_paths(paths):
        (problems if isinstance(item, ReadProblem) else docs).append(item)
    return docs, problems


def test_seed_format_date_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(" date 2022-09-20 KYIV - Troops advanced.\n\nMore.", encoding="utf-8")
    (doc,), problems = _read(path)
    assert not problems
    assert doc.fmt == "seed" and doc.published == date(2022, 9, 20)
    assert doc.date_source == DateSource.DATE_LINE
    assert doc.text.startswith("KYIV - Troops advanced.")


def test_impossible_date_line_is_a_warning_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(" date 2022-02-30 Troops advanced.", encoding="utf-8")
    (doc,), problems = _read(path)
    assert doc.published is None
    assert problems and not problems[0].fatal and "2022-02-30" in str(problems[0])


def test_jsonl_metadata_and_broken_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "text": "Shelling in Kherson.",
                "title": "T",
                "date": "2023-01-02",
                "url": "http://x",
                "outlet": "Ukrinform",
            }
        ),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Drone attack on Odesa.", "date": "2023-13-01"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    docs, problems = _read(path)
    assert [d.text for d in docs] == ["Shelling in Kherson.", "Drone attack on Odesa."]
    assert docs[0].published == date(2023, 1, 2) and docs[0].outlet == "Ukrinform"
    assert docs[1].published is None and docs[1].warnings
    assert {p.path for p in problems if p.fatal} == {f"{path}:2", f"{path}:3"}
    assert [p.path for p in problems if not p.fatal] == [f"{path}:4"]  # the bad date


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "story.html"
    body = " ".join(["Ukrainian forces said they had recaptured the village of Klishchiivka."] * 3)
    path.write_text(
        "<html><head><title>Village retaken</title>"
        '<meta property="article:published_time" content="2023-09-17T10:00:00Z">'
        '<meta property="og:site_name" content="Example Wire"></head>'
        f"<body><nav>Home | World</nav><article><h1>Village retaken</h1><p>{body}</p>"
        f"<p>{body}</p></article><footer>Contact us</footer></body></html>",
        encoding="utf-8",
    )
    (doc,), problems = _read(path)
    assert not [p for p in problems if p.fatal]
    assert doc.title == "Village retaken"
    assert doc.published == date(2023, 9, 17) and doc.date_source == DateSource.METADATA
    assert "Klishchiivka" in doc.text and "Contact us" not in doc.text


def test_feed_entries(tmp_path: Path) -> None:
    path = tmp_path / "news.rss"
    path.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
        <item><title>One</title><link>http://a</link>
        <pubDate>Tue, 20 Sep 2022 10:00:00 GMT</pubDate>
        <description>&lt;p&gt;Troops crossed the Oskil River.&lt;/p&gt;</description></item>
        <item><title>Two</title><description>Shelling in Kharkiv.</description></item>
        </channel></rss>""",
        encoding="utf-8",
    )
    docs, problems = _read(path)
    assert not problems
    assert [d.title for d in docs] == ["One", "Two"]
    assert docs[0].published == date(2022, 9, 20) and docs[0].outlet == "Wire"
    assert docs[0].text == "Troops crossed the Oskil River."


def test_folders_are_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("First.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    docs, _ = _read(tmp_path)
    assert [d.text for d in docs] == ["First.", "Second."]


def test_problems_name_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Kyiv’s forces – advanced".encode("cp1252"))
    docs, problems = _read(empty, binary, latin, tmp_path / "missing.txt")
    messages = {p.path.rsplit("/", 1)[-1]: p for p in problems}
    assert messages["empty.txt"].reason == "empty file"
    assert "binary" in messages["image.txt"].reason
    assert not messages["latin.txt"].fatal and "Windows-1252" in messages["latin.txt"].reason
    assert messages["missing.txt"].fatal
    assert [d.text for d in docs] == ["Kyiv’s forces – advanced"]


def test_fetched_feed_is_read_as_the_same_file_would_be(tmp_path: Path) -> None:
    """A feed fetched by ``watch`` gives what the same bytes on disk give: its documents
    carry the decoding warning (no warning line of its own)."""
    from frontwatch.read import read_bytes

    data = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Caf\xe9 hit</title><description>Shelling near the caf\xe9 in Izium."
        "</description></item></channel></rss>"
    ).encode("latin-1")
    path = tmp_path / "news.rss"
    path.write_bytes(data)
    fetched = list(read_bytes("http://127.0.0.1/feed", data, "feed"))
    on_disk = list(read_paths([path]))

    def shape(items: list[RawDocument | ReadProblem], name: str) -> list[tuple[str, ...]]:
        return [
            (i.path.replace(name, "NAME"), i.reason, str(i.fatal))
            if isinstance(i, ReadProblem)
            else (i.title or "", i.text)
            for i in items
        ]

    assert shape(fetched, "http://127.0.0.1/feed") == shape(on_disk, str(path))
    warning = [i for i in fetched if isinstance(i, ReadProblem)]
    assert len(warning) == 1 and not warning[0].fatal and "Windows-1252" in warning[0].reason
    assert warning[0].path.endswith("#1")  # named with the document it rides on
