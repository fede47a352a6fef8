"""Copies: near-duplicate articles (syndicated wire copy) and named origins.

MinHash LSH (minhash.py) over word shingles proposes candidate pairs in
near-linear time; each candidate is then verified on the exact shingle sets
(Jaccard, or containment of the smaller text), so the verdict does not depend on
hash luck. Copies form clusters; the earliest article of a cluster is its origin.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from frontwatch.fuse.minhash import LSH, signature
from frontwatch.lexicons import load_toml, outlets
from frontwatch.resolve.names import strict_key

_WORD = re.compile(r"\w+", re.UNICODE)


class _CombiningMarks(dict[int, int | None]):
    """A ``str.translate`` table that deletes combining marks (accents after NFKD),
    deciding each code point once: a Python test per character cost more than the
    rest of copy detection."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_COMBINING = _CombiningMarks()


@dataclass(frozen=True, slots=True)
class CopyRules:
    shingle_words: int
    num_perm: int
    lsh_threshold: float
    min_jaccard: float
    min_containment: float
    min_shingles: int


@cache
def copy_rules() -> CopyRules:
    data = load_toml("incident_rules.toml")["copies"]
    return CopyRules(
        shingle_words=int(data["shingle_words"]),
        num_perm=int(data["num_perm"]),
        lsh_threshold=float(data["lsh_threshold"]),
        min_jaccard=float(data["min_jaccard"]),
        min_containment=float(data["min_containment"]),
        min_shingles=int(data["min_shingles"]),
    )


def shingles(text: str, k: int) -> set[bytes]:
    """Word k-grams of the text; case, accents and punctuation do not matter."""
    plain = unicodedata.normalize("NFKD", text).translate(_COMBINING)
    words = _WORD.findall(plain.lower())
    if len(words) < k:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + k]).encode() for i in range(len(words) - k + 1)}


def similarity(a: set[bytes], b: set[bytes]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger)."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


@dataclass(slots=True)
class Doc:
    """What copy detection needs of an article."""

    id: str
    text: str
    published: date | None = None
    ingested_at: datetime | None = None


@dataclass(slots=True)
class CopyLink:
    article_id: str
    origin_id: str  # the cluster's origin article
    jaccard: float  # best verified similarity to a member of the cluster
    containment: float


def _order_key(doc: Doc) -> tuple[Any, ...]:
    # The origin is the earliest published, then the earliest stored, then the smallest id.
    return (
        doc.published is None,
        doc.published or date.max,
        doc.ingested_at is None,
        doc.ingested_at or datetime.max,
        doc.id,
    )


def find_copies(
    docs: Sequence[Doc],
    rules: CopyRules | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> dict[str, CopyLink]:
    """Article id -> its link to an origin, for every article that is a copy of another."""
    rules = rules or copy_rules()
    sets = [shingles(d.text, rules.shingle_words) for d in docs]
    eligible = [i for i, s in enumerate(sets) if len(s) >= rules.min_shingles]
    lsh = LSH(rules.lsh_threshold, rules.num_perm)
    parent = list(range(len(docs)))
    best: dict[int, tuple[float, float]] = {}
    for n, i in enumerate(eligible):
        mh = signature(sets[i], rules.num_perm)
        for j in lsh.query(mh):
            jac, cont = similarity(sets[i], sets[j])
            if jac >= rules.min_jaccard or cont >= rules.min_containment:
                _union(parent, i, j)
                for k in (i, j):
                    best[k] = max(best.get(k, (0.0, 0.0)), (jac, cont))
        lsh.insert(i, mh)
        if on_progress and n % 1000 == 999:
            on_progress(1000)
    return _links(docs, parent, best)


def _links(
    docs: Sequence[Doc], parent: list[int], best: dict[int, tuple[float, float]]
) -> dict[str, CopyLink]:
    clusters: dict[int, list[int]] = {}
    for i in best:
        clusters.setdefault(_find(parent, i), []).append(i)
    links: dict[str, CopyLink] = {}
    for members in clusters.values():
        origin = min(members, key=lambda i: _order_key(docs[i]))
        for i in members:
            if i != origin:
                jac, cont = best[i]
                links[docs[i].id] = CopyLink(docs[i].id, docs[origin].id, jac, cont)
    return links


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _union(parent: list[int], a: int, b: int) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


# --- named origins -------------------------------------------------------------


@cache
def _origin_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(canonical wire name, its patterns) per spelling of a wire in data/outlets.toml."""
    patterns = load_toml("incident_rules.toml")["origins"]["patterns"]
    found = []
    # Longer spellings first, so "Associated Press" wins over "AP".
    for spelling, service in sorted(outlets().wires.items(), key=lambda w: -len(w[0])):
        name = re.escape(spelling)
        alternatives = "|".join(p.replace("{service}", name) for p in patterns)
        found.append((service, re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)))
    return found


@cache
def _any_origin() -> re.Pattern[str]:
    """Matches where any service's pattern matches: one scan rules out most articles."""
    patterns = load_toml("incident_rules.toml")["origins"]["patterns"]
    names = outlets().wire_alternation()
    alternatives = "|".join(p.replace("{service}", f"(?:{names})") for p in patterns)
    return re.compile(rf"(?<!\w)(?:{alternatives})", re.IGNORECASE)


def named_origin(text: str, declared: str | None = None) -> str | None:
    """The wire service an article names as its origin (the clean stage's, else from text)."""
    if declared:
        return canonical_service(declared)
    if not _any_origin().search(text):
        return None
    for service, pattern in _origin_patterns():
        if pattern.search(text):
            return service
    return None


def canonical_service(name: str) -> str:
    """One name per service ("reuters", "AP" -> "Reuters", "Associated Press"); unknown
    names kept as written."""
    wanted = strict_key(name)
    for spelling, service in outlets().wires.items():
        if strict_key(spelling) == wanted:
            return service
    return name.strip()


def provenance_keys(
    docs: Iterable[Doc],
    copies: dict[str, CopyLink],
    origins: dict[str, str | None],
) -> dict[str, str]:
    """Article id -> what counts as one source: its named wire, else its copy cluster's origin.

    A whole copy cluster shares one key: the origin's named wire, else any
    member's (in id order), else the origin article itself.
    """
    roots = {doc.id: copies[doc.id].origin_id if doc.id in copies else doc.id for doc in docs}
    wires: dict[str, str] = {}
    for article_id in sorted(roots, key=lambda a: (roots[a] != a, a)):
        wire = origins.get(article_id)
        if wire:
            wires.setdefault(roots[article_id], wire)
    return {
        a: f"wire:{strict_key(wires[r])}" if r in wires else f"article:{r}"
        for a, r in roots.items()
    }
