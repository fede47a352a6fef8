"""The benchmark's corpus: a fixed, named mix chosen by file and count, or ad-hoc paths.

The fixed corpus (``data/bench_corpus.toml``) names each file under a corpus root
and how many texts to take from it, so what is measured does not change when
files are added beside them. Every corpus carries a digest of its texts and their
labels (language, short or long), so two runs on the same corpus are comparable
and a changed corpus is visible.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from frontwatch.models import Article, RawDocument, content_id
from frontwatch.read import iter_files, read_file, skipped_summary

MANIFEST = "bench_corpus.toml"
UNLABELLED = "unlabelled"  # the language of an ad-hoc text that names none
READERS = ("jsonl", "xml-text", "telegram-json")


@dataclass(frozen=True, slots=True)
class Part:
    file: str  # relative to the corpus root
    reader: str  # one of READERS
    count: int
    language: str
    field: str = "text"  # the JSON field read by the jsonl reader


@dataclass(frozen=True, slots=True)
class Manifest:
    name: str
    short_max_words: int
    parts: tuple[Part, ...]

    @property
    def size(self) -> int:
        return sum(p.count for p in self.parts)


@dataclass(slots=True)
class Corpus:
    documents: list[RawDocument]
    sources: dict[str, int]  # file -> documents taken from it
    repeated: int = 0  # documents that are repeats of earlier ones (demo corpus only)
    name: str = "ad hoc"
    kinds: list[str] = field(default_factory=list)  # per document: "LANGUAGE/short|long"

    def digest(self) -> str:
        """SHA-256 over the name, and each text with its source file and kind."""
        h = hashlib.sha256(self.name.encode())
        for doc, kind in zip(self.documents, self.kinds, strict=True):
            for part in (_source_key(doc.path), kind, doc.text):
                h.update(b"\x1e" + part.encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def describe(self) -> dict[str, Any]:
        counts: dict[str, int] = {}
        for kind in self.kinds:
            counts[kind] = counts.get(kind, 0) + 1
        return {
            "name": self.name,
            "digest": self.digest(),
            "documents": len(self.documents),
            "sources": self.sources,
            "kinds": counts,
            "repeated": self.repeated,
        }


class CorpusError(ValueError):
    """The corpus cannot be built (one line for the user)."""


def load_manifest(path: str | Path | None = None) -> Manifest:
    """The fixed corpus shipped in ``frontwatch/data`` (or one at ``path``)."""
    if path is None:
        text = resources.files("frontwatch.data").joinpath(MANIFEST).read_text("utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    parts = tuple(
        Part(
            file=str(p["file"]),
            reader=str(p["reader"]),
            count=int(p["count"]),
            language=str(p["language"]),
            field=str(p.get("field", "text")),
        )
        for p in data["parts"]
    )
    for part in parts:
        if part.reader not in READERS:
            raise CorpusError(f"{part.file}: unknown reader {part.reader!r} in the manifest")
    return Manifest(str(data["name"]), int(data["short_max_words"]), parts)


def is_corpus_root(path: str | Path, manifest: Manifest) -> bool:
    """True when ``path`` is a folder holding every file the manifest names.

    A folder holding only some of them is an error (a moved or renamed file would
    otherwise silently give another corpus)."""
    root = Path(path)
    if not root.is_dir():
        return False
    missing = [p.file for p in manifest.parts if not (root / p.file).is_file()]
    if len(missing) == len(manifest.parts):
        return False
    if missing:
        raise CorpusError(f"{root}: not the bench corpus root, missing {', '.join(missing)}")
    return True


def scaled(manifest: Manifest, n: int | None) -> Manifest:
    """The same mix with about ``n`` texts (each part scaled, at least one text)."""
    if n is None or n == manifest.size:
        return manifest
    parts = tuple(
        replace(p, count=max(1, round(p.count * n / manifest.size))) for p in manifest.parts
    )
    return replace(manifest, name=f"{manifest.name} scaled to {n}", parts=parts)


def fixed_corpus(root: str | Path, manifest: Manifest) -> Corpus:
    """The manifest's texts from the files under ``root``, part by part."""
    documents: list[RawDocument] = []
    kinds: list[str] = []
    sources: dict[str, int] = {}
    for part in manifest.parts:
        taken = _take(part, Path(root) / part.file)
        if len(taken) < part.count:
            raise CorpusError(
                f"{part.file}: only {len(taken)} of the {part.count} texts the bench corpus takes"
            )
        sources[part.file] = sources.get(part.file, 0) + len(taken)
        documents.extend(taken)
        kinds.extend(kind_of(d.text, part.language, manifest.short_max_words) for d in taken)
    return _grouped(Corpus(documents, sources, name=manifest.name, kinds=kinds))


def kind_of(text: str, language: str, short_max_words: int) -> str:
    return f"{language}/{'short' if len(text.split()) <= short_max_words else 'long'}"


def _grouped(corpus: Corpus) -> Corpus:
    """Documents ordered by kind (stable; kinds in order of first appearance), so each
    kind is timed in batches of its own."""
    order = {k: i for i, k in enumerate(dict.fromkeys(corpus.kinds))}
    pairs = sorted(zip(corpus.documents, corpus.kinds, strict=True), key=lambda p: order[p[1]])
    corpus.documents = [d for d, _ in pairs]
    corpus.kinds = [k for _, k in pairs]
    return corpus


def _take(part: Part, file: Path) -> list[RawDocument]:
    texts: dict[str, RawDocument] = {}  # UCDP repeats a headline for every row coded from it
    reader = {"jsonl": _jsonl_texts, "xml-text": _xml_texts, "telegram-json": _telegram_texts}
    for doc in reader[part.reader](file, part.field):
        texts.setdefault(doc.text, replace(doc, path=f"{part.file}#{doc.item}"))
        if len(texts) >= part.count:
            break
    return list(texts.values())


def _xml_texts(file: Path, _field: str = "") -> Iterator[RawDocument]:
    import defusedxml.ElementTree as SafeET

    try:
        root = SafeET.parse(file).getroot()
    except Exception:  # not XML we can read: skip, as a benchmark input
        return
    for index, element in enumerate(root.iter("text")):
        text = (element.text or "").strip()
        if text:
            yield RawDocument(path=f"{file}#{index}", text=text, fmt="txt", item=index)


def _jsonl_texts(file: Path, field: str = "") -> Iterator[RawDocument]:
    """The ``field`` of each line (for ad-hoc files: ``text``, else ``headline``)."""
    with file.open(encoding="utf-8", errors="replace") as fh:
        for index, line in enumerate(fh):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(obj, dict):
                continue
            text = obj.get(field) if field else obj.get("text") or obj.get("headline")
            if isinstance(text, str) and text.strip():
                yield RawDocument(path=f"{file}:{index + 1}", text=text, fmt="jsonl", item=index)


def _telegram_texts(file: Path, _field: str = "") -> Iterator[RawDocument]:
    """The non-empty ``text`` of each message in a Telethon-style JSON list."""
    try:
        messages = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    for index, message in enumerate(messages if isinstance(messages, list) else []):
        text = message.get("text") if isinstance(message, dict) else None
        if isinstance(text, str) and text.strip():
            yield RawDocument(path=f"{file}#{index}", text=text.strip(), fmt="json", item=index)


# --- ad-hoc corpora ------------------------------------------------------------


def corpus_documents(
    path: str | Path, on_skip: Callable[[str], None] | None = None
) -> Iterator[RawDocument]:
    """Texts from one corpus file or folder: geoparsing XML (``<text>`` elements),
    JSON Lines (``text`` or else ``headline``), or anything ``frontwatch ingest`` reads.
    Files of unknown type in a folder are skipped; ``on_skip`` gets one summary line."""
    skipped: list[Path] = []
    for file in iter_files([path], skipped=skipped):
        suffix = Path(file).suffix.lower()
        if suffix == ".md":  # a corpus folder's README, not an article
            continue
        if suffix == ".xml":
            yield from _xml_texts(Path(file))
        elif suffix in (".jsonl", ".ndjson"):
            yield from _jsonl_texts(Path(file))
        else:
            yield from (d for d in read_file(file) if isinstance(d, RawDocument))
    if skipped and on_skip:
        on_skip(f"{path}: {skipped_summary(skipped)}")


def adhoc_corpus(
    paths: Sequence[str | Path],
    fallback: str | Path,
    n: int,
    on_skip: Callable[[str], None] | None = None,
) -> Corpus:
    """The first ``n`` distinct texts of the paths in file order (files sorted, folders
    walked); the fallback corpus (the demo articles), repeated, when the paths give none."""
    picked: list[RawDocument] = []
    texts: set[str] = set()
    for path in paths:
        for doc in corpus_documents(path, on_skip):
            if doc.text not in texts and len(picked) < n:
                texts.add(doc.text)
                picked.append(doc)
        if len(picked) >= n:
            break
    if not picked:
        picked = list(corpus_documents(fallback))
    if not picked:
        raise CorpusError(f"no texts found in {', '.join(map(str, paths)) or fallback}")
    distinct = len(picked)
    documents = [picked[i % distinct] for i in range(n)]
    sources: dict[str, int] = {}
    for doc in documents:
        sources[_source_key(doc.path)] = sources.get(_source_key(doc.path), 0) + 1
    short = load_manifest().short_max_words
    kinds = [kind_of(d.text, d.language or UNLABELLED, short) for d in documents]
    return _grouped(Corpus(documents, sources, max(0, n - distinct), kinds=kinds))


def build_corpus(
    paths: Sequence[str | Path],
    fallback: str | Path,
    n: int | None,
    manifest: Manifest | None = None,
    on_skip: Callable[[str], None] | None = None,
) -> Corpus:
    """The fixed corpus when one path is its root; else an ad-hoc corpus of the paths."""
    manifest = manifest or load_manifest()
    if len(paths) == 1 and is_corpus_root(paths[0], manifest):
        return fixed_corpus(paths[0], scaled(manifest, n))
    return adhoc_corpus(paths, fallback, n or manifest.size, on_skip)


def _source_key(path: str) -> str:
    return path.split("#")[0].rsplit(":", 1)[0]


def clean_all(corpus: Corpus) -> list[Article]:
    """Cleaned articles; a repeated text gets its own id, so the store keeps every copy."""
    from frontwatch import pipeline as stages

    seen: dict[str, int] = {}
    out = []
    for raw in corpus.documents:
        article = stages.clean(raw)
        copies = seen.get(article.id, 0)
        seen[article.id] = copies + 1
        if copies:
            article = replace(article, id=content_id(f"{article.text}\x00copy {copies}"))
        out.append(article)
    return out
