"""Telegram channels: Telegram Desktop exports and Telethon dumps, one article a message.

Two shapes are read:

- **Telegram Desktop** "Export chat history" as JSON (``result.json``): an object
  with ``name``, ``type`` (``public_channel``, ...), ``id`` and ``messages``; each
  message has ``id``, ``type`` (``message`` or ``service``), ``date`` (local time,
  ``YYYY-MM-DDTHH:MM:SS``), ``text`` (a string, or a list of strings and
  ``{"type", "text", "href"}`` entities), optional ``forwarded_from``. A whole-account
  export (``chats.list``) is read chat by chat.
- **Telethon** dumps (a JSON list, or JSON Lines, one message a record):
  ``message_id``, ``date`` (ISO 8601 with offset), ``text`` in Telegram markdown
  (``**bold**``, ``__italic__``, ``[label](url)``), ``channel`` or ``sender_id``,
  optional ``fwd_from`` and a username (``username``, ``channel_username``).

Each message with text becomes one document: the channel as outlet, the message
date (as written in the record) as publication date (date source ``telegram``),
``https://t.me/<username>/<id>`` as URL when the username is known, a forwarded
post's origin as its origin (a repost is not an independent source), markup
reduced to text with its links kept apart. Service and empty messages (a photo
without a caption, emoji alone) are counted, and each file says how many it skipped in one line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from frontwatch.models import DateSource, RawDocument, ReadProblem

_USERNAME_KEYS = ("username", "channel_username", "chat_username")
_CHANNEL_KEYS = ("channel", "chat", "channel_title", "chat_title")
_USERNAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{3,31}")
# Telegram markdown as Telethon writes it: [label](url), then the emphasis markers.
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]+)\)")
_MD_MARKERS = re.compile(r"\*\*|__|~~|\|\||```|`")
_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


@dataclass(slots=True)
class Skips:
    """Messages a file held that are not articles."""

    service: int = 0
    empty: int = 0

    def problem(self, path: str) -> ReadProblem | None:
        """One warning for the file, or None when it skipped nothing."""
        counts = [(self.service, "service"), (self.empty, "empty")]
        said = " and ".join(f"{n} {what}" for n, what in counts if n)
        if not said:
            return None
        return ReadProblem(path, f"skipped {said} Telegram message(s)", fatal=False)


def is_desktop_export(obj: Any) -> bool:
    """A Telegram Desktop export: one chat with ``messages``, or an account's ``chats``."""
    if not isinstance(obj, dict):
        return False
    if isinstance(obj.get("messages"), list) and ("type" in obj or "name" in obj):
        return True
    chats = obj.get("chats")
    return isinstance(chats, dict) and isinstance(chats.get("list"), list)


def is_telethon_record(obj: Any) -> bool:
    return isinstance(obj, dict) and "message_id" in obj and "date" in obj


def is_telethon_list(obj: Any) -> bool:
    return isinstance(obj, list) and bool(obj) and is_telethon_record(obj[0])


def desktop_documents(path: str, obj: dict[str, Any]) -> Iterator[RawDocument | ReadProblem]:
    """One document per message of a Desktop export (every chat of an account export)."""
    chats = obj["chats"]["list"] if "chats" in obj and "messages" not in obj else [obj]
    skips = Skips()
    index = 0
    for chat in chats:
        if not isinstance(chat, dict) or not isinstance(chat.get("messages"), list):
            continue
        channel = _text_value(chat.get("name")) or f"Telegram chat {chat.get('id', '?')}"
        username = _username(chat)
        for message in chat["messages"]:
            doc = _desktop_message(path, message, index, channel, username, skips)
            index += 1
            if doc is not None:
                yield doc
    problem = skips.problem(path)
    if problem:
        yield problem


def _desktop_message(
    path: str, message: Any, index: int, channel: str, username: str | None, skips: Skips
) -> RawDocument | None:
    if not isinstance(message, dict) or message.get("type", "message") != "message":
        skips.service += 1
        return None
    text, links = desktop_text(message.get("text"))
    if not _has_words(text):
        skips.empty += 1
        return None
    doc = RawDocument(path=path, text=text, fmt="telegram", item=index, outlet=channel)
    doc.links = links
    _set_date(doc, message.get("date"))
    _set_url(doc, username, message.get("id"))
    origin = _text_value(message.get("forwarded_from"))
    doc.origin = origin if origin and origin != channel else None
    return doc


def desktop_text(value: Any) -> tuple[str, list[str]]:
    """The plain text of a Desktop message's ``text`` and the links in it."""
    if isinstance(value, str):
        return value, []
    if not isinstance(value, list):
        return "", []
    parts: list[str] = []
    links: list[str] = []
    for item in value:
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, dict):
            text = item.get("text")
            parts.append(text if isinstance(text, str) else "")
            href = item.get("href")
            if isinstance(href, str) and href:
                links.append(href)
            elif item.get("type") == "link" and isinstance(text, str):
                links.append(text)
    return "".join(parts), links


def telethon_documents(path: str, records: list[Any]) -> Iterator[RawDocument | ReadProblem]:
    """One document per message of a Telethon JSON list."""
    skips = Skips()
    for index, record in enumerate(records):
        doc = telethon_message(path, record, index, skips)
        if doc is not None:
            yield doc
    problem = skips.problem(path)
    if problem:
        yield problem


def telethon_message(path: str, record: Any, index: int, skips: Skips) -> RawDocument | None:
    """The document of one Telethon record, or None (counted in ``skips``)."""
    if not isinstance(record, dict) or record.get("action") or record.get("_") == "MessageService":
        skips.service += 1
        return None
    raw = record.get("text", record.get("message"))
    text, links = markdown_text(raw if isinstance(raw, str) else "")
    if not _has_words(text):
        skips.empty += 1
        return None
    channel = next((_text_value(record.get(k)) for k in _CHANNEL_KEYS if record.get(k)), None)
    if not channel and record.get("sender_id") is not None:
        channel = f"Telegram channel {record['sender_id']}"
    doc = RawDocument(path=path, text=text, fmt="telegram", item=index, outlet=channel)
    doc.links = links
    _set_date(doc, record.get("date"))
    _set_url(doc, _username(record), record.get("message_id"))
    doc.origin = _forward_origin(record.get("fwd_from"))
    return doc


def markdown_text(text: str) -> tuple[str, list[str]]:
    """Telegram markdown reduced to text: links become their labels (kept apart), and
    the emphasis markers go."""
    links: list[str] = []

    def label(match: re.Match[str]) -> str:
        links.append(match.group(2))
        return match.group(1)

    plain = _MD_LINK.sub(label, text)
    return _MD_MARKERS.sub("", plain), links


def _forward_origin(value: Any) -> str | None:
    """Who a forwarded post came from: a name, or the channel or user id it names."""
    if isinstance(value, str):
        return value.strip() or None
    if not isinstance(value, dict):
        return None
    for key in ("from_name", "post_author", "channel", "title"):
        name = _text_value(value.get(key))
        if name:
            return name
    from_id = value.get("from_id")
    if isinstance(from_id, dict):
        for key in ("channel_id", "user_id", "chat_id"):
            if from_id.get(key) is not None:
                return f"Telegram {key.split('_')[0]} {from_id[key]}"
    return f"Telegram {from_id}" if from_id is not None else "a forwarded post"


def _set_date(doc: RawDocument, value: Any) -> None:
    """The message's date as written (local time in Desktop exports; the offset given
    in Telethon's); a missing or impossible date is a warning."""
    match = _ISO_DATE.match(value) if isinstance(value, str) else None
    if not match:
        doc.warnings.append("message without a date")
        return
    try:
        published = date(*(int(g) for g in match.groups()))
    except ValueError as exc:
        doc.warnings.append(f"date ignored: impossible date {match.group(0).strip()} ({exc})")
        return
    if not 1900 <= published.year <= 2100:
        doc.warnings.append(f"date ignored: implausible date {published}")
        return
    doc.published, doc.date_source = published, DateSource.TELEGRAM


def _set_url(doc: RawDocument, username: str | None, message_id: Any) -> None:
    if username and isinstance(message_id, int) and not isinstance(message_id, bool):
        doc.url = f"https://t.me/{username}/{message_id}"


def _username(obj: dict[str, Any]) -> str | None:
    for key in _USERNAME_KEYS:
        value = obj.get(key)
        if isinstance(value, str) and _USERNAME.fullmatch(value.lstrip("@")):
            return value.lstrip("@")
    return None


def _has_words(text: str) -> bool:
    """False for a message with no letters (a photo's empty caption, emoji, a bare link)."""
    return any(c.isalpha() for c in text)


def _text_value(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
