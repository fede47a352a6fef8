"""A point a text gives in figures ("📍48.59, 37.86", "(47.75N, 36.79E)"): OSINT logs
geolocate their incidents so. Each pair that lies in the war zone, within ``point_km``
(data/places/context.toml) of a settlement the gazetteer holds, is a place mention of
that settlement, flagged ``point``; the extractor lets a log entry's point place its
events (extract/loglines.py)."""

from __future__ import annotations

import re

from frontwatch.models import PlaceFlag, PlaceMention, PlaceRole
from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.resolve.places.common import Lexicon, in_theatre

# Two decimal degrees of two places at least, a comma, a semicolon or a space between
# them, with optional degree signs and hemispheres; not inside a longer run of figures
# and dots ("27.07.2023" is a date), but before a full stop ("approx 46.64, 32.61.").
_POINT = re.compile(
    r"(?<![\d.])(-?\d{1,2}\.\d{2,})°?(?:\s*([NS]))?(?:\s*[,;]\s*|\s+)"
    r"(-?\d{1,3}\.\d{2,})°?(?:\s*([EW]))?(?!\d|\.\d)"
)


def points(text: str) -> list[tuple[int, int, float, float]]:
    """(start, end, lat, lon) of every coordinate pair in the text."""
    found = []
    for match in _POINT.finditer(text):
        lat, lon = float(match.group(1)), float(match.group(3))
        lat = -abs(lat) if match.group(2) == "S" else lat
        lon = -abs(lon) if match.group(4) == "W" else lon
        if abs(lat) <= 90 and abs(lon) <= 180:
            found.append((match.start(), match.end(), lat, lon))
    return found


def point_mentions(
    text: str, gaz: Gazetteer, lex: Lexicon, taken: list[tuple[int, int]]
) -> list[PlaceMention]:
    """Mentions of the settlements nearest to the text's war-zone points (see above);
    ``taken`` are the character ranges of the mentions already found."""
    mentions = []
    for start, end, lat, lon in points(text):
        if any(a < end and start < b for a, b in taken):
            continue
        place = gaz.nearest(lat, lon, lex.point_km)
        if place is None or not in_theatre(place, lex):
            continue
        mentions.append(
            PlaceMention(
                start=start,
                end=end,
                text=text[start:end],
                role=PlaceRole.LOCATION,
                place=place,
                flags=[PlaceFlag.POINT],
            )
        )
    return mentions
