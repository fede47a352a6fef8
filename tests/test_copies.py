"""Syndicated copies: found by MinHash LSH, linked to one origin, counted once.

The corpus is the seed articles plus edited copies of them (a new first
paragraph, added boilerplate, a different outlet line). Events on the copies are
the origin's events found again in the copy's text, as extraction would find them.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from frontwatch.fuse import fuse, fuse_store
from frontwatch.fuse.copies import (
    Doc,
    copy_rules,
    find_copies,
    named_origin,
    provenance_keys,
    shingles,
    similarity,
)
from frontwatch.models import Article, Event, ProcessedArticle, content_id
from frontwatch.store import Store
from frontwatch.store import fusion as tables
from fusekit import luhansk_article, referendum_article

SEEDS = Path(__file__).resolve().parents[1] / "demo" / "articles"


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


def new_intro(text: str) -> str:
    paras = _paragraphs(text)
    intro = "Fighting flared again in eastern Ukraine, officials on both sides said on Thursday."
    return "\n\n".join([intro, *paras[1:]])


def added_boilerplate(text: str) -> str:
    tail = [
        "Reporting by Staff in Kyiv; Editing by the Desk",
        "Our Standards: The Thomson Trust Principles.",
        "Sign up for our daily briefing newsletter to get every story first.",
    ]
    return "\n\n".join([*_paragraphs(text), *tail])


def outlet_line(text: str) -> str:
    return "\n\n".join(["By Taipei Times staff writer, with agencies", *_paragraphs(text)])


EDITS = {"intro": new_intro, "boilerplate": added_boilerplate, "outlet": outlet_line}


def copy_of(original: ProcessedArticle, text: str, tag: str) -> ProcessedArticle:
    """The copy as an article, with the original's events wherever their sentence survives."""
    art = dataclasses.replace(original.article, id=content_id(text), text=text, path=f"{tag}.txt")
    events: list[Event] = []
    for ev in original.events:
        assert ev.claim is not None
        at = text.find(ev.claim.sentence)
        if at < 0:
            continue
        shift = at - ev.claim.sentence_start
        claim = dataclasses.replace(
            ev.claim, sentence_start=at, sentence_end=ev.claim.sentence_end + shift
        )
        events.append(
            dataclasses.replace(
                ev,
                id=f"{art.id}-{ev.id.rsplit('-', 1)[1]}",
                article_id=art.id,
                trigger_start=ev.trigger_start + shift,
                trigger_end=ev.trigger_end + shift,
                claim=claim,
                place=None
                if ev.place is None
                else dataclasses.replace(
                    ev.place, start=ev.place.start + shift, end=ev.place.end + shift
                ),
            )
        )
    return ProcessedArticle(art, events=events)


def corpus() -> tuple[list[ProcessedArticle], list[ProcessedArticle]]:
    """(originals, copies); originals are stored first (see ``ingested``)."""
    originals = [luhansk_article(), referendum_article()]
    reuters = SEEDS.glob("001_*.txt").__next__().read_text("utf-8")
    originals.append(
        ProcessedArticle(
            Article(content_id(reuters), "001.txt", reuters, published=date(2022, 9, 20))
        )
    )
    copies = [
        copy_of(p, edit(p.article.text), f"{name}-{k}")
        for k, p in enumerate(originals)
        for name, edit in EDITS.items()
    ]
    return originals, copies


def ingested(items: list[ProcessedArticle]) -> dict[str, datetime]:
    """Ingestion times in list order: the undated seed's origin is the one stored first."""
    start = datetime(2024, 1, 1)
    return {p.article.id: start + timedelta(seconds=k) for k, p in enumerate(items)}


def test_edited_copies_are_found_and_linked_to_their_origin():
    originals, copies = corpus()
    order = ingested(originals + copies)
    docs = [
        Doc(p.article.id, p.article.text, p.article.published, order[p.article.id])
        for p in originals + copies
    ]
    links = find_copies(docs)
    assert set(links) == {c.article.id for c in copies}
    by_text = {p.article.id: p for p in originals}
    for k, p in enumerate(originals):
        for c in copies[k * len(EDITS) : (k + 1) * len(EDITS)]:
            assert links[c.article.id].origin_id == p.article.id
    assert not set(links) & set(by_text)


def test_copies_count_once_and_change_no_source_count():
    originals, copies = corpus()

    def run(items: list[ProcessedArticle]):
        return fuse(
            [p.article for p in items],
            [e for p in items for e in p.events],
            [(p.article.id, m) for p in items for m in p.places],
            ingested=ingested(items),
        )

    alone, together = run(originals), run(originals + copies)
    sources_alone = {i.id: i.sources for i in alone.incidents.incidents}
    for inc in together.incidents.incidents:
        assert inc.id in sources_alone, inc.summary  # same incidents, ids kept
        assert inc.sources == sources_alone[inc.id]
        detail = together.incidents.details[inc.id]
        assert (
            detail["independent_sources"] == alone.incidents.details[inc.id]["independent_sources"]
        )
    # Each copy's events sit in their origin's incident.
    grown = [i for i in together.incidents.incidents if together.incidents.details[i.id]["copies"]]
    assert grown
    statuses = {i.id: i.status for i in alone.incidents.incidents}
    assert all(i.status == statuses[i.id] for i in together.incidents.incidents)


def test_stored_copies_are_linked(tmp_path):
    originals, copies = corpus()
    store = Store(str(tmp_path / "fw.db"))
    store.save(originals)
    n_alone = fuse_store(store)
    store.save(copies)
    assert fuse_store(store) == n_alone
    links = tables.article_links(store)
    for c in copies:
        assert links[c.article.id].copy_of is not None
        stored = store.article(c.article.id)
        assert stored is not None and any(f.startswith("copy_of: ") for f in stored.flags)
    assert all(links[p.article.id].copy_of is None for p in originals)


def test_different_stories_are_not_copies():
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    rules = copy_rules()
    sets = [shingles(t, rules.shingle_words) for t in texts]
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            jac, cont = similarity(sets[i], sets[j])
            assert jac < 0.05 and cont < 0.05
    assert find_copies([Doc(str(i), t) for i, t in enumerate(texts)]) == {}


def test_short_texts_are_never_copies():
    short = "Russian forces shelled Kharkiv overnight, officials said."
    assert find_copies([Doc("a", short), Doc("b", short + " More soon.")]) == {}


def test_earliest_article_is_the_origin():
    text = _paragraphs(SEEDS.glob("001_*.txt").__next__().read_text("utf-8"))
    late = Doc("a", "\n\n".join(text), date(2022, 9, 21))
    early = Doc("b", "\n\n".join(text[1:]), date(2022, 9, 20))
    assert find_copies([late, early])["a"].origin_id == "b"


@pytest.mark.parametrize(
    "text, declared, expected",
    [
        ("The ministry said so, Reuters reported, without providing details.", None, "Reuters"),
        ("The agency said, citing AFP, that ...", None, "Agence France-Presse"),
        ("according to the Associated Press, troops ...", None, "Associated Press"),
        ("Reuters could not independently verify either side's reports.", None, "Reuters"),
        ("KYIV, Sept 20 (AP) - Troops advanced.", None, "Associated Press"),
        ("Moscow said so, RIA reported.", None, "RIA Novosti"),  # any spelling of a wire
        ("Troops advanced.", "AP", "Associated Press"),  # one name per service
        ("Troops advanced, the governor said.", None, None),
        ("Troops advanced.", "reuters", "Reuters"),
    ],
)
def test_named_origin(text, declared, expected):
    assert named_origin(text, declared) == expected


def test_articles_of_one_wire_share_a_provenance():
    docs = [Doc("a", "x"), Doc("b", "y"), Doc("c", "z")]
    keys = provenance_keys(docs, {}, {"a": "Reuters", "b": "Reuters", "c": None})
    assert keys["a"] == keys["b"] == "wire:reuters"
    assert keys["c"] == "article:c"


def test_copies_through_the_pipeline_count_once(tmp_path, demo_store):
    """The seeds and edited copies of them, ingested for real: every copy is linked to
    its seed, and no incident of the seeds changes its sources or status."""
    from frontwatch.pipeline import ingest

    folder = tmp_path / "copies"
    folder.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        for name, edit in EDITS.items():
            (folder / f"{path.stem}-{name}.txt").write_text(edit(text), "utf-8")
    store = Store(str(tmp_path / "fw.db"))
    ingest([SEEDS], store)
    before = {i.id: (i.sources, i.status) for i in store.incidents()}
    report = ingest([folder], store)
    assert report.stored == 3 * len(EDITS)
    links = tables.article_links(store)
    seeds = {a.id for a in demo_store.articles()}
    copies = {aid: link for aid, link in links.items() if aid not in seeds}
    assert len(copies) == 3 * len(EDITS)
    assert all(link.copy_of in seeds for link in copies.values())
    after = {i.id: (i.sources, i.status) for i in store.incidents()}
    for incident_id, (sources, status) in before.items():
        assert incident_id in after
        assert after[incident_id] == (sources, status)


def test_every_wire_of_the_outlet_table_is_a_named_origin():
    """The named-origin patterns take their services from outlets.toml (wire = true)."""
    from frontwatch.lexicons import load_toml

    wires = [e for e in load_toml("outlets.toml").values() if e.get("wire")]
    for entry in wires:
        for spelling in entry["spellings"]:
            text = f"The ministry said so, {spelling} reported on Monday."
            assert named_origin(text) == entry["name"], spelling
    assert named_origin("The ministry said so, CNN reported on Monday.") is None
