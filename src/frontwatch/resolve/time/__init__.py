"""Time: temporal expressions resolved against the article date, by tense.

Contract:
- ``find_times(doc, article) -> list[TimeExpr]``: every temporal expression in
  document order, resolved against ``article.published`` (or kept relative in
  ``TimeExpr.relative`` when the date is unknown);
- ``reanchor(expr, published) -> TimeExpr``: the same expression resolved
  against a date supplied later (``frontwatch redate``);
- ``event_time(doc, trigger_i, report_i, times, article) -> (TimeExpr | None, basis)``:
  the time of an event whose trigger is token ``trigger_i`` and whose reporting
  verb (if any) is token ``report_i``; basis is "own", "statement" or "reported_by";
- ``timeml_times(doc, article) -> list[TimeExpr]``: the expressions as TimeML
  segments them, each with its TIMEX3 ``timex_type`` and ``value`` (``timeml``;
  ``find_times``' expressions carry the same two fields).

How it works (docs/time.md has the full rules):
1. recognise (``recogniser``, ``combine``): precompiled patterns built from the
   lexicon ``data/time.toml`` (``lexicon``) find candidate spans (weekdays,
   deictic days, periods, weekends, "N days ago", durations, month-days,
   months, years, ISO and full dates); overlaps go to the longest; "since X"
   and "N days of ... ended X" combine candidates into ranges;
2. each candidate is written in the relative notation of
   ``frontwatch.resolve.timenotation`` ("WD:Mon<=D"), the comparison chosen by
   the tense of the verb that governs the expression in the dependency parse
   (``tense``; past: on or before D; future/planned: on or after D; present:
   the nearest);
3. the notation is evaluated against the article date (``expressions``).
   ``TimeExpr.relative`` keeps the notation of every expression that depends
   on D (also when D is known, so that ``reanchor`` can redo it); an
   expression is resolved when ``date_end`` is not None;
4. ``event_time`` picks the expression that dates an event;
5. ``timeml`` gives the TimeML reading, with a reference time that moves with
   the narrative; in a text told as a narrative, year-less dates of events
   take their year from it.
"""

from frontwatch.resolve.time.event_time import event_time, is_vague
from frontwatch.resolve.time.expressions import find_times, reanchor
from frontwatch.resolve.time.lexicon import Lexicon, lexicon
from frontwatch.resolve.time.recogniser import Recogniser, recogniser
from frontwatch.resolve.time.tense import tense_of
from frontwatch.resolve.time.timeml import timeml_times

__all__ = [
    "Lexicon",
    "Recogniser",
    "event_time",
    "find_times",
    "is_vague",
    "lexicon",
    "reanchor",
    "recogniser",
    "tense_of",
    "timeml_times",
]
