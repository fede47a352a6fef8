"""`frontwatch timeml`: frontwatch's own TimeML for TimeML / TIMEX2 documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from frontwatch.cli import app

PATHS_HELP = "TimeML .tml or TIMEX2 .key.xml files, or folders holding them."


@app.command("timeml")
def timeml(
    paths: Annotated[list[Path], typer.Argument(help=PATHS_HELP)],
    out: Annotated[Path, typer.Option("--out", help="Folder for the TimeML written.")],
) -> None:
    """Write each document as TimeML with the same text and creation time and
    frontwatch's own TIMEX3 tags (tid, type, value), to score with any
    TempEval-3 style scorer."""
    from frontwatch.annotate import load_nlp
    from frontwatch.cli.common import console, err_console, fail
    from frontwatch.evaluate.timeml_check import check_written
    from frontwatch.evaluate.timeml_read import TimeMLError, read_timeml
    from frontwatch.evaluate.timeml_write import timeml_inputs, write_timeml
    from frontwatch.models import Article
    from frontwatch.resolve.time.timeml import timeml_times

    # a --out inside an input folder: what an earlier run wrote there is not input
    files = [(p, n) for p, n in timeml_inputs(paths) if out.resolve() not in p.resolve().parents]
    missing = [p for p, _ in files if not p.is_file()]
    if missing or not files:
        fail(f"no TimeML or TIMEX2 files at: {', '.join(map(str, missing or paths))}")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        fail(f"{out}: cannot write there ({err.strerror})")
    nlp = load_nlp()
    written, problems, flawed = 0, 0, 0
    taken: set[Path] = set()
    for path, name in files:
        if name in taken:  # two inputs named alike ("a.tml" and "a.key.xml")
            err_console.print(f"warning: {path}: {out / name} already written", markup=False)
            problems += 1
            continue
        taken.add(name)
        try:
            doc = read_timeml(path, annotated=False)
        except TimeMLError as err:
            err_console.print(f"warning: {err}", highlight=False, markup=False)
            problems += 1
            continue
        article = Article(id=path.name, path=str(path), text=doc.text, published=doc.dct)
        times = timeml_times(nlp(doc.text), article)
        xml = write_timeml(doc, times, name.name[: -len(".tml")])
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text(xml, encoding="utf-8")
        written += 1
        if flaws := check_written(doc, xml):  # module doc of evaluate/timeml_check.py
            flawed += 1
            for flaw in flaws:
                err_console.print(f"warning: {out / name}: {flaw}", highlight=False, markup=False)
    console.print(
        f"{written} TimeML document(s) written to {out}, {problems} unreadable or skipped, "
        f"{flawed} failing the output check"
    )
    if not written:
        raise typer.Exit(2)
