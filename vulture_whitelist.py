"""Names vulture (``make lint``) must not report as dead: used by frameworks, by
serialisation or by the database, not by a call it can see.

    vulture src/frontwatch tests vulture_whitelist.py --min-confidence 60 ...

A name listed under "dead, owned elsewhere" is dead code in a module another issue is
rewriting; remove the code there, then its line here.
"""

# ruff: noqa: B018
from frontwatch.evaluate import geoparse
from frontwatch.fuse.copies import CopyLink
from frontwatch.bench import runs
from frontwatch.models import (
    ActorKind,
    Claim,
    IncidentStatus,
    PlaceFlag,
    PlaceRole,
    ReviewStatus,
    Tense,
)
from frontwatch.store import fusion

# Closed sets: every member is a value the data may hold, used or not by a branch.
Tense.PRESENT
PlaceRole.ACTOR
PlaceFlag.UNRESOLVED
PlaceFlag.GARBLED
ActorKind.GOVERNMENT
ActorKind.OUTLET
IncidentStatus.CORROBORATED
ReviewStatus.CORRECTED
ReviewStatus.VERIFIED
ReviewStatus.REJECTED

# Model and result fields: written to JSON, the store and reports by field name.
Claim.reporting_verb
CopyLink.containment
geoparse.Scores.exact_f1
geoparse.Scores.overlap_f1
geoparse.Scores.same_id_acc161
fusion.ArticleLinkRow.origin_name
fusion.WatchSourceRow.checked_at
checked_at  # watch.py writes it on the source row

# Called by name from a subprocess's code string (bench/runs.py).
runs.startup_probe
runs.gazetteer_probe

# Set on a DB-API connection (store/engine.py), read by the sqlite3 driver.
isolation_level

# Read by pytest and uvicorn, not by our code.
pytestmark
should_exit
do_GET  # http.server handlers in tests/test_watch.py
log_message
noun  # a parametrised test argument (tests/test_places.py)

# --- dead, owned elsewhere (remove the code, then the line) ---------------------
quote_spans  # extract/claims.py SentenceInfo field, written never read (events issue)
