"""Extract: events, their actors and sides, and the claims behind them.

``extract_events(doc, article, places, times) -> (events, actors)``; the rules
live in data/triggers.toml, attribution.toml, actors.toml, quantities.toml.
"""

from frontwatch.extract.events import extract_events

__all__ = ["extract_events"]
