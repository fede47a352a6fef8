"""Property-based tests: whatever the input, readers, date parsing, name folding and the
per-article pipeline raise nothing, and every offset they give points inside the text."""

from __future__ import annotations

import tempfile
import unicodedata
from datetime import date
from functools import cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontwatch.clean import clean
from frontwatch.models import RawDocument, ReadProblem
from frontwatch.pipeline import Pipeline
from frontwatch.read import read_file
from frontwatch.read.decode import DecodeError, decode_bytes, safe_text
from frontwatch.read.formats import FORMAT_BY_SUFFIX, parse_document, parse_iso_date
from frontwatch.resolve.names import fold

SUFFIXES = sorted(FORMAT_BY_SUFFIX) + ["", ".bin"]
FORMATS = sorted(set(FORMAT_BY_SUFFIX.values()))
# Fragments that steer random input into the readers' interesting paths.
FRAGMENTS = [
    " date 2022-09-28\n",
    " date 2022-02-30\n",
    '{"text": "Shelling in Izium.", "date": "2022-13-01"}\n',
    '{"text": ',
    "<html><body><p>Troops advanced near Lyman.</p>",
    "<rss><channel><item><description>Strike on Dnipro</description></item>",
    "<!ENTITY a 'b'>",
    "\x00",
    "\ufeff",
    "\ud800",
    "Київ",
    "KYIV, Sept 20 (Reuters) - ",
    "\n\n",
]
texty = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=12).map("".join),
)
FAST = settings(max_examples=300, deadline=None)
SLOW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _storable(text: str) -> None:
    text.encode("utf-8")  # no lone surrogates
    assert "\x00" not in text


@FAST
@given(st.binary(max_size=2000))
def test_decode_bytes_gives_storable_text_or_a_reason(data: bytes) -> None:
    try:
        text, warning = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    _storable(text)
    assert warning is None or "\n" not in warning


@FAST
@given(st.text(max_size=500))
def test_safe_text_is_storable_and_idempotent(text: str) -> None:
    once = safe_text(text)
    _storable(once)
    assert safe_text(once) == once


@FAST
@given(data=st.binary(max_size=3000) | texty.map(lambda t: t.encode("utf-8", "surrogatepass")),
       suffix=st.sampled_from(SUFFIXES))  # fmt: skip
def test_read_file_never_raises(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        results = list(read_file(path))
    assert results, "every file gives a document or a problem"
    for result in results:
        if isinstance(result, ReadProblem):
            assert result.reason and "\n" not in str(result)
            assert str(result).split(": ", 2)[1].startswith(str(path))
        else:
            assert isinstance(result, RawDocument)
            assert result.text.strip()
            _storable(result.text)
            for value in (result.title, result.url, result.outlet, result.language):
                assert value is None or "\x00" not in value


@FAST
@given(text=texty, fmt=st.sampled_from(FORMATS))
def test_parse_document_never_raises(text: str, fmt: str) -> None:
    for result in parse_document("x", text, fmt):
        assert isinstance(result, RawDocument | ReadProblem)


@FAST
@given(
    st.one_of(
        st.text(max_size=40),
        st.builds(
            lambda y, m, d, rest: f"{y:04d}-{m}-{d}{rest}",
            st.integers(0, 9999),
            st.integers(0, 99),
            st.integers(0, 99),
            st.text(max_size=12),
        ),
    )
)
def test_parse_iso_date_gives_a_real_date_or_a_reason(value: str) -> None:
    found, problem = parse_iso_date(value)
    assert (found is None) != (problem is None)
    if found is not None:
        assert isinstance(found, date) and 1900 <= found.year <= 2100
    else:
        assert problem and "\n" not in problem.replace(value, "")


@FAST
@given(st.text(max_size=200))
def test_fold_keys_ignore_form_and_spacing(name: str) -> None:
    key = fold(name)
    assert isinstance(key, str) and key == fold(name)
    assert fold(f"  {name}\t") == key, "surrounding space is not part of a name"
    for form in ("NFC", "NFD"):
        assert fold(unicodedata.normalize(form, name)) == key, form


@FAST
@given(text=texty, published=st.none() | st.dates())
def test_clean_offsets_point_inside_the_text(text: str, published: date | None) -> None:
    text = safe_text(text)  # what the readers hand over
    if not text.strip():
        return
    article = clean(RawDocument(path="p", text=text, fmt="txt", published=published))
    if article.dateline_span is not None:
        start, end = article.dateline_span
        assert 0 <= start <= end <= len(article.text)
        assert article.text[start:end] == article.dateline


PIPELINE_TEXT = st.lists(
    st.sampled_from(
        [
            "Russian forces shelled Izium late on Monday, the governor said.",
            "Ukraine's General Staff said troops repelled 12 attacks near Bakhmut.",
            "KYIV, Sept 20 (Reuters) - ",
            "Kiev denied it.",
            "Over the weekend",
            "148 bodies",
            "in the Luhansk region",
            "Belogorovka",
            "“allegedly”",
            "\n\n",
            ", ",
            ". ",
        ]
    )
    | st.text(max_size=15),
    max_size=20,
).map("".join)


def _inside(text: str, start: int, end: int, words: str | None = None) -> None:
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    if words is not None:
        assert text[start:end] == words


@SLOW
@given(text=PIPELINE_TEXT, published=st.none() | st.dates(date(1990, 1, 1), date(2030, 1, 1)))
def test_pipeline_offsets_point_inside_the_text(text: str, published: date | None) -> None:
    from frontwatch.annotate import load_nlp

    text = safe_text(text)
    if not text.strip():
        return
    article = clean(RawDocument(path="p", text=text, fmt="txt", published=published))
    processed = _pipeline().process_doc(article, load_nlp()(article.text))
    body = article.text
    for mention in processed.places:
        _inside(body, mention.start, mention.end, mention.text)
    for expr in processed.times:
        _inside(body, expr.start, expr.end, expr.text)
    for start, end in processed.sentences:
        _inside(body, start, end)
    for ev in processed.events:
        _inside(body, ev.trigger_start, ev.trigger_end)
        if ev.claim:
            _inside(body, ev.claim.sentence_start, ev.claim.sentence_end)
        for actor in (ev.actor1, ev.actor2):
            if actor and actor.start >= 0:
                _inside(body, actor.start, actor.end)
        for quantity in ev.quantities:
            if quantity.start >= 0:
                _inside(body, quantity.start, quantity.end)


@cache
def _pipeline() -> Pipeline:
    """One pipeline (model and gazetteer loaded once) for every example."""
    return Pipeline()
