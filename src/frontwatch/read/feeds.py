"""RSS and Atom feeds through feedparser, with entity expansion refused up front."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from frontwatch.models import DateSource, RawDocument, ReadProblem, implausible_date

# A feed has no business declaring entities; declarations are how "billion laughs"
# and external-entity attacks start, so such a feed is refused before parsing.
_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def parse_feed(path: str, text: str) -> Iterator[RawDocument | ReadProblem]:
    import feedparser

    if _ENTITY_DECL.search(text):
        yield ReadProblem(path, "feed declares XML entities (refused: entity expansion attack)")
        return
    try:
        parsed = feedparser.parse(text)
    except Exception as exc:  # feedparser's loose parser can fail in many ways on junk
        yield ReadProblem(path, f"broken feed ({type(exc).__name__})")
        return
    entries = list(parsed.get("entries") or [])
    if not entries:
        reason = "no entries"
        if parsed.get("bozo"):
            reason = f"broken feed ({type(parsed.get('bozo_exception')).__name__})"
        yield ReadProblem(path, reason)
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for index, entry in enumerate(entries):
        yield _entry_document(path, index, entry, outlet)


def _entry_document(
    path: str, index: int, entry: Any, outlet: str | None
) -> RawDocument | ReadProblem:
    html = ""
    if entry.get("content"):
        html = " ".join(str(part.get("value", "")) for part in entry["content"])
    html = html or str(entry.get("summary") or "")
    text = _html_to_text(html)
    if not text.strip():
        return ReadProblem(f"{path}#{index + 1}", "feed entry has no text")
    doc = RawDocument(path=path, text=text, fmt="feed", item=index, outlet=outlet)
    doc.title = (entry.get("title") or "").strip() or None
    doc.url = entry.get("link") or None
    published = _struct_date(entry.get("published_parsed") or entry.get("updated_parsed"))
    implausible = implausible_date(published) if published else None
    if implausible:
        doc.warnings.append(f"date ignored: {implausible}")
    elif published:
        doc.published, doc.date_source = published, DateSource.METADATA
    return doc


def _html_to_text(html: str) -> str:
    paragraphs = re.split(r"(?i)</p>|<br\s*/?>", html)
    cleaned = (_TAG.sub("", p) for p in paragraphs)
    return "\n\n".join(html_lib.unescape(p).strip() for p in cleaned if p.strip())


def _struct_date(value: Any) -> date | None:
    if not value:
        return None
    try:
        return datetime(*value[:6]).date()
    except (TypeError, ValueError):
        return None
