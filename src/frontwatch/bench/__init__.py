"""Benchmark: the whole pipeline against bare ``nlp.pipe`` of the same model, in one run.

The floor is what the language model alone costs: ``nlp.pipe`` of the model
frontwatch loads, over the cleaned texts of the same articles. The pipeline is
everything ``frontwatch ingest`` does after reading: clean -> annotate ->
resolve -> extract -> store (a temporary SQLite file, one transaction per
batch) -> fuse. Every stage function that ``frontwatch.pipeline`` calls is
timed through a thin wrapper, so each stage's share is measured in the same
run, and a stage added to the pipeline later is timed without touching this
package. Start-up (imports + model + gazetteer) is measured in a fresh process.

Modules: ``corpus`` (the fixed corpus, by file and count, and ad-hoc ones),
``timing`` (stage timers, memory), ``runs`` (floor, pipeline, start-up,
geoparse), ``scaling`` (local processes and Dask workers), ``result`` (the
whole run, its JSON and table) and ``fusion`` (``frontwatch bench-fuse``).
"""

from frontwatch.bench.corpus import (
    Corpus,
    CorpusError,
    build_corpus,
    clean_all,
    corpus_documents,
    load_manifest,
)
from frontwatch.bench.result import (
    DEFAULT_ARTICLES,
    BenchOptions,
    run_bench,
    table_rows,
    write_result,
)
from frontwatch.bench.runs import text_of_words
from frontwatch.bench.timing import StageTimer, instrumented

__all__ = [
    "DEFAULT_ARTICLES",
    "BenchOptions",
    "Corpus",
    "CorpusError",
    "StageTimer",
    "build_corpus",
    "clean_all",
    "corpus_documents",
    "instrumented",
    "load_manifest",
    "run_bench",
    "table_rows",
    "text_of_words",
    "write_result",
]
