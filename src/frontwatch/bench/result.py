"""The whole benchmark: its runs in order, and the JSON and table they give."""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from frontwatch.bench.corpus import Corpus, build_corpus, clean_all, load_manifest
from frontwatch.bench.runs import (
    Run,
    measure_gazetteer,
    measure_geoparse,
    measure_startup,
    own_components,
    run_floor,
    run_pipeline,
    warm_up,
)
from frontwatch.bench.timing import peak_rss_mb

DEFAULT_ARTICLES = 500


@dataclass(slots=True)
class BenchOptions:
    corpora: list[str]
    fallback: str = "demo/articles"
    articles: int | None = None  # None: the fixed corpus's own size, or DEFAULT_ARTICLES
    jobs: int = 1
    rounds: int = 1
    scaling: bool = False
    scaling_articles: int = 200
    manifest: str | None = None  # another fixed-corpus manifest than the shipped one


def run_bench(
    options: BenchOptions, say: Callable[[str], None] = lambda _msg: None
) -> dict[str, Any]:
    """All measurements as one JSON-ready dict."""
    say("start-up (fresh process) ...")
    startup = measure_startup()
    from frontwatch.annotate import MODEL_NAME, load_nlp

    manifest = load_manifest(options.manifest)
    corpus = build_corpus(
        options.corpora, options.fallback, options.articles, manifest, on_skip=say
    )
    texts = [a.text for a in clean_all(corpus)]
    nlp = load_nlp()
    warm_up(texts)
    floors, pipes = _rounds(options, corpus, texts, say)
    geoparse = measure_geoparse(texts)
    say("gazetteer (fresh processes) ...")
    gazetteer = measure_gazetteer()
    result = summarise(floors, pipes, options.jobs)
    floor, pipe = _best(floors), _best(pipes)
    result.update(
        {
            "kinds": kind_figures(floor, pipe, corpus),
            "startup": startup,
            "startup_s": startup["startup_s"],
            "startup_cpu_s": startup["startup_cpu_s"],
            "geoparse_600_words": geoparse,
            "gazetteer": gazetteer,
            "corpus": {**corpus.describe(), "tokens": floor.tokens},
            "model": MODEL_NAME,
            "model_components": list(nlp.pipe_names),
            "floor_components": [p for p in nlp.pipe_names if p not in own_components()],
            "machine": _machine(),
            "when": datetime.now(UTC).isoformat(timespec="seconds"),
        }
    )
    if options.scaling:
        from frontwatch.bench.scaling import run_scaling

        result["scaling"] = run_scaling(corpus, options.scaling_articles, say)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def _rounds(
    options: BenchOptions, corpus: Corpus, texts: list[str], say: Callable[[str], None]
) -> tuple[list[Run], list[Run]]:
    floors: list[Run] = []
    pipes: list[Run] = []
    for r in range(options.rounds):
        # Alternate which runs first, so neither always gets the quieter moment.
        for what in ("floor", "pipeline") if r % 2 == 0 else ("pipeline", "floor"):
            say(f"round {r + 1}/{options.rounds}: {what} over {len(texts)} texts ...")
            if what == "floor":
                floors.append(run_floor(texts, corpus.kinds))
            else:
                pipes.append(run_pipeline(corpus, options.jobs))
    for run in pipes:
        run.tokens, run.kind_tokens = floors[0].tokens, floors[0].kind_tokens
    return floors, pipes


def _best(runs: list[Run]) -> Run:
    return max(runs, key=lambda run: run.articles_per_s)


def summarise(floors: list[Run], pipes: list[Run], jobs: int) -> dict[str, Any]:
    """The whole corpus's figures, from the best floor and the best pipeline run."""
    floor, pipe = _best(floors), _best(pipes)
    floor_cpu = min(run.cpu_seconds for run in floors)
    pipe_cpu = min(run.cpu_seconds for run in pipes)
    own = _own_stage_seconds(pipe.stages)
    return {
        "floor_articles_per_s": round(floor.articles_per_s, 3),
        "pipeline_articles_per_s": round(pipe.articles_per_s, 3),
        "ratio_to_floor": round(pipe.articles_per_s / floor.articles_per_s, 3),
        "peak_rss_mb": peak_rss_mb(),
        # What the pipeline run added to resident memory after its first batch (models,
        # gazetteer and lexicons loaded by then), per 1,000 articles processed after it.
        "rss_growth_mb_per_1000_articles": round(
            pipe.rss_growth_mb * 1000 / pipe.rss_growth_articles, 1
        )
        if pipe.rss_growth_articles
        else 0.0,
        "floor_tokens_per_s": round(floor.tokens_per_s, 1),
        "pipeline_tokens_per_s": round(pipe.tokens_per_s, 1),
        "jobs": jobs,
        "pipeline_articles_per_s_per_core": round(pipe.articles_per_s / jobs, 3),
        "pipeline_tokens_per_s_per_core": round(pipe.tokens_per_s / jobs, 1),
        "articles": floor.articles,
        "tokens": floor.tokens,
        "events": pipe.events,
        "floor_s": round(floor.seconds, 3),
        "pipeline_s": round(pipe.seconds, 3),
        "stages_s": {k: round(v, 3) for k, v in sorted(pipe.stages.items())},
        "stage_share": {
            k: round(v / pipe.seconds, 4) for k, v in sorted(pipe.stages.items()) if pipe.seconds
        },
        # CPU time of this process: far less disturbed than the wall clock by other
        # work on a shared machine; meaningless with jobs > 1 (children not counted).
        "floor_cpu_s": round(floor_cpu, 3),
        "pipeline_cpu_s": round(pipe_cpu, 3),
        "ratio_to_floor_cpu": round(floor_cpu / pipe_cpu, 3) if jobs == 1 else None,
        # The floor plus our own stages: the annotate stage is the floor's work, so this
        # is free of the run-to-run noise between the two (what our stages add, alone).
        "ratio_floor_plus_stages": round(floor.seconds / (floor.seconds + own), 3),
        # The issue's own terms: what our stages add to the model's cost (at most 1/3).
        "stages_over_floor": round(own / floor.seconds, 3),
        "stages_cpu_s": {k: round(v, 3) for k, v in sorted(pipe.stages_cpu.items())},
        "rounds": [
            {
                "floor_articles_per_s": round(f.articles_per_s, 3),
                "pipeline_articles_per_s": round(p.articles_per_s, 3),
                "floor_cpu_s": round(f.cpu_seconds, 3),
                "pipeline_cpu_s": round(p.cpu_seconds, 3),
                # one floor and one pipeline run back to back: the same moment's machine
                "ratio": round(p.articles_per_s / f.articles_per_s, 3),
            }
            for f, p in zip(floors, pipes, strict=True)
        ],
    }


def kind_figures(floor: Run, pipe: Run, corpus: Corpus) -> dict[str, dict[str, Any]]:
    """Per kind of text (language, short or long): articles, tokens, both speeds and
    their ratio. The pipeline's figure leaves out fusion (run once, over all kinds)."""
    out: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    for kind in corpus.kinds:
        counts[kind] = counts.get(kind, 0) + 1
    for kind, n in counts.items():
        f_s, p_s = floor.kind_seconds.get(kind, 0.0), pipe.kind_seconds.get(kind, 0.0)
        f_cpu, p_cpu = floor.kind_cpu.get(kind, 0.0), pipe.kind_cpu.get(kind, 0.0)
        out[kind] = {
            "articles": n,
            "tokens": floor.kind_tokens.get(kind, 0),
            "floor_s": round(f_s, 3),
            "pipeline_s": round(p_s, 3),
            "floor_articles_per_s": round(n / f_s, 3) if f_s else 0.0,
            "pipeline_articles_per_s": round(n / p_s, 3) if p_s else 0.0,
            "ratio_to_floor": round(f_s / p_s, 3) if p_s else 0.0,
            "floor_cpu_s": round(f_cpu, 3),
            "pipeline_cpu_s": round(p_cpu, 3),
            "ratio_to_floor_cpu": round(f_cpu / p_cpu, 3) if p_cpu else 0.0,
        }
    return out


def _own_stage_seconds(stages: dict[str, float]) -> float:
    """Seconds of every stage but the model's (annotate)."""
    return sum(v for k, v in stages.items() if k != "annotate")


def _machine() -> dict[str, Any]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "load_avg_1m_at_end": round(load[0], 2),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def write_result(result: dict[str, Any], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def table_rows(result: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(measure, value) rows for the printed table."""
    c = result["corpus"]
    yield "corpus", f"{c['name']} (digest {c['digest'][:12]})"
    yield "articles (tokens)", f"{result['articles']} ({result['tokens']})"
    yield from _speed_rows(result)
    for kind, k in result.get("kinds", {}).items():
        yield (
            f"  {kind}: {k['articles']} texts, {k['tokens']} tokens",
            f"floor {k['floor_articles_per_s']:.2f}/s, pipeline "
            f"{k['pipeline_articles_per_s']:.2f}/s, ratio {k['ratio_to_floor']:.3f} "
            f"(CPU {k['ratio_to_floor_cpu']:.3f})",
        )
    for stage, share in sorted(result["stage_share"].items(), key=lambda kv: -kv[1]):
        cpu = result["stages_cpu_s"].get(stage, 0.0)
        yield (
            f"  stage {stage}",
            f"{share:6.1%}  ({result['stages_s'][stage]:.2f} s, CPU {cpu:.2f} s)",
        )
    yield from _startup_rows(result)
    yield from _gazetteer_rows(result)
    yield "peak RSS", f"{result['peak_rss_mb']:.0f} MB"
    yield "memory added per 1,000 articles", f"{result['rss_growth_mb_per_1000_articles']:.0f} MB"
    yield "events extracted", str(result["events"])
    if result.get("scaling"):
        yield from _scaling_rows(result["scaling"])
    yield (
        "machine",
        (
            f"{result['machine']['cpus_usable']} usable CPU(s), "
            f"load {result['machine']['load_avg_1m_at_end']} at end"
        ),
    )


def _speed_rows(result: dict[str, Any]) -> Iterable[tuple[str, str]]:
    yield (
        "floor: bare nlp.pipe",
        f"{result['floor_articles_per_s']:.2f} articles/s, "
        f"{result['floor_tokens_per_s']:.0f} tok/s",
    )
    yield (
        f"pipeline (jobs={result['jobs']})",
        f"{result['pipeline_articles_per_s']:.2f} articles/s, "
        f"{result['pipeline_tokens_per_s']:.0f} tok/s",
    )
    yield (
        "pipeline per core",
        f"{result['pipeline_articles_per_s_per_core']:.2f} articles/s, "
        f"{result['pipeline_tokens_per_s_per_core']:.0f} tok/s",
    )
    yield "ratio to floor", f"{result['ratio_to_floor']:.3f}"
    if result["ratio_to_floor_cpu"] is not None:
        yield "ratio to floor, CPU time", f"{result['ratio_to_floor_cpu']:.3f}"
    yield "ratio, floor + our stages", f"{result['ratio_floor_plus_stages']:.3f}"
    yield "our stages / model time", f"{result['stages_over_floor']:.3f}"
    yield "ratio in each round", ", ".join(f"{r['ratio']:.3f}" for r in result["rounds"])


def _startup_rows(result: dict[str, Any]) -> Iterable[tuple[str, str]]:
    s = result["startup"]
    yield "start-up", f"{s['startup_s']:.2f} s (CPU {s['startup_cpu_s']:.2f} s)"
    yield "  imports, model", f"{s['imports_s']:.2f} s, {s['model_s']:.2f} s"
    yield "  gazetteer, first article", f"{s['gazetteer_s']:.2f} s, {s['first_article_s']:.2f} s"
    g = result.get("geoparse_600_words")
    if g:
        yield (
            f"geoparse, one article of {g['words']} words",
            f"parse {g['parse_s'] * 1000:.0f} ms, places {g['resolve_places_s'] * 1000:.0f} ms "
            f"(CPU {g.get('resolve_places_cpu_s', 0.0) * 1000:.0f} ms; {g['mentions']} mentions)",
        )


def _gazetteer_rows(result: dict[str, Any]) -> Iterable[tuple[str, str]]:
    g = result.get("gazetteer")
    if not g:
        return
    size = f"{g['places']:,} places, {g['names']:,} names, " if g.get("places") else ""
    yield "gazetteer index", f"{size}{g['index_mb']} MB"
    yield "  load (open + first words)", f"{g['load_s']:.2f} s (open {g['open_s']:.2f} s)"
    if g.get("build_s") is not None:
        yield "  last build", f"{g['build_s']:.0f} s (CPU {g['build_cpu_s']:.0f} s)"
    else:
        yield "  last build", "not recorded (index built before builds timed themselves)"


def _scaling_rows(scaling: dict[str, Any]) -> Iterable[tuple[str, str]]:
    local = scaling["local_articles_per_s"]
    yield (
        "local 1 -> 2 processes",
        f"{local['1']:.2f} -> {local['2']:.2f} articles/s (x{scaling['local_speedup']:.2f}, "
        f"efficiency {scaling['local_efficiency']:.0%}; "
        f"x{scaling['local_speedup_cpu_model']:.2f} from CPU time)",
    )
    dask = scaling["dask"]
    yield (
        "Dask 1 -> 2 workers",
        f"{dask['1']['articles_per_s']:.2f} -> {dask['2']['articles_per_s']:.2f} articles/s "
        f"(x{scaling['dask_speedup']:.2f}, efficiency {scaling['dask_efficiency']:.0%}; "
        f"x{scaling['dask_speedup_cpu_model']:.2f} from CPU time)",
    )
