"""Geoparsing evaluation on corpora with gold toponym spans and coordinates.

Reads the three formats collected with "A Pragmatic Guide to Geoparsing
Evaluation" (Gritta, Pilehvar, Collier 2019): GeoWebNews, LGL and GeoVirus, and
computes the standard metrics of that paper, per corpus:

- geotagging: precision, recall and F1 of toponym spans, exact and overlapping;
- geocoding, on the gold toponyms the system found (overlap): Accuracy@161 km,
  mean and median error (km) and the AUC of the error curve (area under
  log(1 + error), normalised by log(20039), lower is better).

GeoWebNews annotates expressions that are not toponyms too; its gold set here is
the toponym types (literal and associative, Gritta et al. 2019 section 3):
everything but Non_Toponym, Literal_Expression, Non_Lit_Expression, Demonym and
Language.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from frontwatch.geo import haversine_km
from frontwatch.models import Article, Place, PlaceMention
from frontwatch.resolve.gazetteer import Gazetteer

GEOWEBNEWS_NON_TOPONYMS = frozenset(
    {"Non_Toponym", "Literal_Expression", "Non_Lit_Expression", "Demonym", "Language"}
)
ACCURACY_KM = 161.0
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the largest possible error


@dataclass(slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None  # GeoWebNews and LGL give the GeoNames id
    page: str | None = None  # GeoVirus gives the Wikipedia page of the place


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


# --------------------------------------------------------------------------- reading


def _text(el: Element | None, path: str) -> str:
    found = el.find(path) if el is not None else None
    return (found.text or "") if found is not None else ""


def _float(value: str) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _int(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _geowebnews(article: Element, idx: int) -> GoldDoc:
    doc = GoldDoc(article.get("file", str(idx)), _text(article, "text"))
    for top in article.iter("toponym"):
        start, end = _int(_text(top, "start")), _int(_text(top, "end"))
        if start is None or end is None or _text(top, "type") in GEOWEBNEWS_NON_TOPONYMS:
            continue
        lat, lon = _float(_text(top, "latitude")), _float(_text(top, "longitude"))
        gid = _int(_text(top, "geonamesID"))
        doc.toponyms.append(GoldToponym(start, end, _text(top, "extractedName"), lat, lon, gid))
    return doc


def _lgl(article: Element, idx: int) -> GoldDoc:
    doc = GoldDoc(article.get("docid", str(idx)), _text(article, "text"))
    for top in article.iter("toponym"):
        start, end = _int(_text(top, "start")), _int(_text(top, "end"))
        if start is None or end is None:
            continue
        gaz = top.find("gaztag")
        lat, lon = _float(_text(gaz, "lat")), _float(_text(gaz, "lon"))
        gid = _int(gaz.get("geonameid", "")) if gaz is not None else None
        doc.toponyms.append(GoldToponym(start, end, _text(top, "phrase"), lat, lon, gid))
    return doc


def _geovirus(article: Element, idx: int) -> GoldDoc:
    doc = GoldDoc(_text(article, "source") or str(idx), _text(article, "text"))
    for loc in article.iter("location"):
        start, end = _int(_text(loc, "start")), _int(_text(loc, "end"))
        if start is None or end is None:
            continue
        lat, lon = _float(_text(loc, "lat")), _float(_text(loc, "lon"))
        page = _text(loc, "page") or None
        doc.toponyms.append(GoldToponym(start, end, _text(loc, "name"), lat, lon, page=page))
    return doc


READERS: dict[str, Callable[[Element, int], GoldDoc]] = {
    "GeoWebNews": _geowebnews,
    "LGL": _lgl,
    "GeoVirus": _geovirus,
}


def detect_format(article: Element) -> str:
    if article.find("locations") is not None:
        return "GeoVirus"
    if article.find(".//gaztag") is not None or article.get("docid") is not None:
        return "LGL"
    return "GeoWebNews"


def read_corpus(path: Path) -> tuple[str, list[GoldDoc]]:
    """The corpus format's name and its documents (spans checked against the text)."""
    root = ElementTree.parse(path).getroot()
    articles = list(root.iter("article"))
    if not articles:
        return "empty", []
    fmt = detect_format(articles[0])
    docs = [READERS[fmt](a, i) for i, a in enumerate(articles)]
    for doc in docs:
        doc.toponyms = [t for t in map(lambda t: _realign(doc.text, t), doc.toponyms) if t]
    return fmt, docs


def _realign(text: str, top: GoldToponym, slack: int = 3) -> GoldToponym | None:
    """Offsets that miss the name by a character or two are moved onto it.

    GeoVirus's offsets are one character past the name throughout (1-based); the
    others match exactly. A span that cannot be found nearby is kept as given."""
    if not (0 <= top.start < top.end <= len(text)):
        return None
    if not top.name or text[top.start : top.end] == top.name:
        return top
    for shift in sorted(range(-slack, slack + 1), key=abs):
        start = top.start + shift
        if start >= 0 and text[start : start + len(top.name)] == top.name:
            return GoldToponym(
                start, start + len(top.name), top.name, top.lat, top.lon, top.geonameid, top.page
            )
    return top


# --------------------------------------------------------------------------- scoring


@dataclass(slots=True)
class Scores:
    corpus: str
    format: str
    documents: int
    gold: int
    predicted: int
    exact_p: float
    exact_r: float
    exact_f1: float
    overlap_p: float
    overlap_r: float
    overlap_f1: float
    geocoded: int  # gold toponyms found, with coordinates on both sides
    acc161: float
    mean_km: float
    median_km: float
    auc: float
    baseline_acc161: float  # most populous same-name place, same toponyms
    # counting the gold entity as right whatever its coordinates: the GeoNames id
    # (GeoWebNews, LGL), or for an area the Wikipedia page's title (GeoVirus)
    same_id_acc161: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(slots=True)
class _Tally:
    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    errors: list[float] = field(default_factory=list)
    baseline_errors: list[float] = field(default_factory=list)
    same_id: int = 0  # wrong by distance, right by entity


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = hits / predicted if predicted else 0.0
    r = hits / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def auc(errors: list[float]) -> float:
    """Area under the sorted log(1 + error) curve, normalised to [0, 1]."""
    if not errors:
        return 0.0
    ys = [math.log(1 + e) / math.log(MAX_ERROR_KM) for e in sorted(errors)]
    if len(ys) == 1:
        return ys[0]
    return sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False)) / (len(ys) - 1)


def _overlaps(a: GoldToponym, m: PlaceMention) -> bool:
    return a.start < m.end and m.start < a.end


def score_doc(gold: GoldDoc, mentions: list[PlaceMention], gaz: Gazetteer, tally: _Tally) -> None:
    """Add one document's counts; each prediction matches at most one gold span."""
    predicted = [m for m in mentions if m.place is not None]
    tally.gold += len(gold.toponyms)
    tally.predicted += len(predicted)
    exact_spans = {(m.start, m.end) for m in predicted}
    tally.exact += sum((t.start, t.end) in exact_spans for t in gold.toponyms)
    used: set[int] = set()
    for top in gold.toponyms:
        match = next(
            (i for i, m in enumerate(predicted) if i not in used and _overlaps(top, m)), None
        )
        if match is None:
            continue
        used.add(match)
        tally.overlap += 1
        place = predicted[match].place
        if top.lat is None or top.lon is None or place is None:
            continue
        error = haversine_km(top.lat, top.lon, place.lat, place.lon)
        tally.errors.append(error)
        if error > ACCURACY_KM and same_entity(top, place, gaz):
            tally.same_id += 1
        tally.baseline_errors.append(_baseline_error(top, gaz))


def page_title(url: str) -> str:
    """ "https://en.wikipedia.org/wiki/United_States" -> "United States"."""
    return unquote(url.rstrip("/").rsplit("/", 1)[-1]).replace("_", " ")


def same_entity(top: GoldToponym, place: Place, gaz: Gazetteer) -> bool:
    """Is ``place`` the gold's entity, whatever the two points? The GeoNames id where
    the gold has one; else, for an area (not a town: "Paris" names many), a page
    title that is exactly one of the place's names."""
    if top.geonameid:
        return top.geonameid == place.geonameid
    if not top.page or place.feature.startswith("PPL"):
        return False
    return any(c.exact and c.place.id == place.id for c in gaz.candidates(page_title(top.page)))


def _baseline_error(top: GoldToponym, gaz: Gazetteer) -> float:
    """Error of the name-only baseline: the most populous place of that exact name."""
    assert top.lat is not None and top.lon is not None
    exact = [c.place for c in gaz.candidates(top.name) if c.exact]
    if not exact:
        return MAX_ERROR_KM
    best = max(exact, key=lambda p: p.population)
    return haversine_km(top.lat, top.lon, best.lat, best.lon)


def finish(corpus: str, fmt: str, documents: int, t: _Tally) -> Scores:
    ep, er, ef = _prf(t.exact, t.predicted, t.gold)
    op, orr, of = _prf(t.overlap, t.predicted, t.gold)
    errors = t.errors
    within = sum(e <= ACCURACY_KM for e in errors)
    base = sum(e <= ACCURACY_KM for e in t.baseline_errors)
    return Scores(
        corpus=corpus, format=fmt, documents=documents, gold=t.gold, predicted=t.predicted,
        exact_p=ep, exact_r=er, exact_f1=ef, overlap_p=op, overlap_r=orr, overlap_f1=of,
        geocoded=len(errors),
        acc161=within / len(errors) if errors else 0.0,
        mean_km=statistics.fmean(errors) if errors else 0.0,
        median_km=statistics.median(errors) if errors else 0.0,
        auc=auc(errors),
        baseline_acc161=base / len(t.baseline_errors) if t.baseline_errors else 0.0,
        same_id_acc161=(within + t.same_id) / len(errors) if errors else 0.0,
    )  # fmt: skip


# --------------------------------------------------------------------------- running


def evaluate_corpus(
    path: Path,
    gaz: Gazetteer,
    parse: Callable[[Iterable[str]], Iterator],
    resolve: Callable,
    limit: int | None = None,
    advance: Callable[[int], None] | None = None,
) -> Scores:
    """Run ``resolve(doc, article, gaz)`` over the corpus parsed by ``parse(texts)``."""
    fmt, docs = read_corpus(path)
    docs = docs[:limit] if limit else docs
    tally = _Tally()
    for gold, parsed in zip(docs, parse(d.text for d in docs), strict=True):
        article = Article(id=gold.id, path=str(path), text=gold.text)
        score_doc(gold, resolve(parsed, article, gaz), gaz, tally)
        if advance:
            advance(1)
    return finish(path.stem, fmt, len(docs), tally)


def count_documents(path: Path) -> int:
    return sum(1 for _ in ElementTree.parse(path).getroot().iter("article"))
