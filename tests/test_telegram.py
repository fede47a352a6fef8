"""Telegram: Desktop exports and Telethon dumps, one article a message."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.models import DateSource, RawDocument, ReadProblem
from frontwatch.read import read_paths
from frontwatch.read.telegram import markdown_text
from frontwatch.store import Store


def _desktop_export() -> dict[str, object]:
    return {
        "name": "Frontline Watch",
        "type": "public_channel",
        "id": 1234567,
        "username": "frontline_watch",
        "messages": [
            {"id": 1, "type": "service", "date": "2023-05-01T08:00:00", "action": "create_channel",
             "text": ""},
            {"id": 2, "type": "message", "date": "2023-05-02T23:40:00",
             "date_unixtime": "1683060000", "from": "Frontline Watch", "from_id": "channel1234567",
             "text": ["Shelling hit ", {"type": "bold", "text": "Kupiansk"},
                      " overnight, the governor said: ",
                      {"type": "text_link", "text": "report", "href": "https://example.org/r/1"},
                      "."]},
            {"id": 3, "type": "message", "date": "2023-05-03T09:00:00", "photo": "photos/p.jpg",
             "text": ""},
            {"id": 4, "type": "message", "date": "2023-05-03T10:00:00",
             "forwarded_from": "Kharkiv Region News",
             "text": "Air defence shot down two drones near Chuhuiv. https://example.org/a",
             "text_entities": [{"type": "plain", "text": "Air defence ..."}]},
        ],
    }  # fmt: skip


def _read(path: Path) -> tuple[list[RawDocument], list[ReadProblem]]:
    docs: list[RawDocument] = []
    problems: list[ReadProblem] = []
    for item in read_paths([path]):
        (problems if isinstance(item, ReadProblem) else docs).append(item)
    return docs, problems


def test_desktop_export_gives_one_article_a_message(tmp_path: Path) -> None:
    path = tmp_path / "export" / "result.json"
    path.parent.mkdir()
    path.write_text(json.dumps(_desktop_export()), encoding="utf-8")
    (path.parent / "photos").mkdir()
    (path.parent / "photos" / "p.jpg").write_bytes(b"\xff\xd8\xff")
    docs, problems = _read(tmp_path / "export")
    assert [d.text for d in docs] == [
        "Shelling hit Kupiansk overnight, the governor said: report.",
        "Air defence shot down two drones near Chuhuiv. https://example.org/a",
    ]
    first, forwarded = docs
    assert first.outlet == "Frontline Watch" and first.published == date(2023, 5, 2)
    assert first.date_source == DateSource.TELEGRAM
    assert first.url == "https://t.me/frontline_watch/2"
    assert first.links == ["https://example.org/r/1"] and first.origin is None
    assert forwarded.origin == "Kharkiv Region News"
    said = sorted(str(p) for p in problems)
    assert said == [
        f"warning: {path}: skipped 1 service and 1 empty Telegram message(s)",
        f"warning: {tmp_path / 'export'}: skipped 1 file of unknown type: .jpg",
    ]
    assert not any(p.fatal for p in problems)


def test_account_export_reads_every_chat(tmp_path: Path) -> None:
    chat = _desktop_export()
    other = {**chat, "name": "Second Channel", "username": None, "messages": chat["messages"][1:2]}
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"about": "x", "chats": {"list": [chat, other]}}))
    docs, _ = _read(path)
    assert [d.outlet for d in docs] == ["Frontline Watch", "Frontline Watch", "Second Channel"]
    assert docs[-1].url is None  # no username, no t.me link


def _telethon(i: int, text: str, **extra: object) -> dict[str, object]:
    return {"message_id": 100 + i, "sender_id": -1009, "text": text, "channel": "Вести с фронта",
            "date": f"2024-03-0{i}T21:30:00+00:00", **extra}  # fmt: skip


def test_telethon_list_and_jsonl_dumps_read_alike(tmp_path: Path) -> None:
    records = [
        _telethon(1, "**Удар по Белгороду**\n\nПодробности [здесь](https://example.org/b)."),
        _telethon(2, ""),  # a photo without a caption
        _telethon(
            3,
            "Переслано: обстрел Донецка.",
            fwd_from={"from_id": {"channel_id": 77}},
            username="vesti_front",
        ),  # fmt: skip
        _telethon(4, "🔥🔥"),  # no words
    ]
    (tmp_path / "list.json").write_text(json.dumps(records, ensure_ascii=False))
    (tmp_path / "dump.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    )
    for name in ("list.json", "dump.jsonl"):
        docs, problems = _read(tmp_path / name)
        assert [d.text for d in docs] == ["Удар по Белгороду\n\nПодробности здесь.",
                                          "Переслано: обстрел Донецка."]  # fmt: skip
        assert docs[0].links == ["https://example.org/b"]
        assert docs[0].outlet == "Вести с фронта" and docs[0].published == date(2024, 3, 1)
        assert docs[0].date_source == DateSource.TELEGRAM and docs[0].url is None
        assert docs[1].origin == "Telegram channel 77"
        assert docs[1].url == "https://t.me/vesti_front/103"
        assert [str(p) for p in problems] == [
            f"warning: {tmp_path / name}: skipped 2 empty Telegram message(s)"
        ]


def test_markdown_keeps_labels_and_drops_markers() -> None:
    text, links = markdown_text("__Читать__ [BBC](https://bbc.in/x) ~~old~~ `code` ||spoiler||")
    assert text == "Читать BBC old code spoiler" and links == ["https://bbc.in/x"]


def test_ingest_stores_telegram_posts_with_channel_date_and_links(tmp_path: Path) -> None:
    path = tmp_path / "result.json"
    path.write_text(json.dumps(_desktop_export()), encoding="utf-8")
    db = tmp_path / "t.db"
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 new article(s) stored" in " ".join(result.output.split())
    store = Store(str(db))
    articles = sorted(store.articles(), key=lambda a: a.text)
    assert [a.outlet for a in articles] == ["Frontline Watch", "Frontline Watch"]
    assert {a.date_source for a in articles} == {DateSource.TELEGRAM}
    assert articles[0].origin == "Kharkiv Region News"
    assert articles[1].links == ["https://example.org/r/1"]
    store.close()
