"""One normalisation for names in many spellings (places now, people later).

Contract: ``fold(name) -> str`` maps the usual romanisations of Ukrainian and
Russian (and Cyrillic) to one key: fold("Lugansk") == fold("Luhansk"),
fold("Siverskyy Donets") == fold("Siversky Donets"), fold("Гайдай") == fold("Haidai").
"""

from __future__ import annotations

import unicodedata


def fold(name: str) -> str:
    """Lower-cased, accent-free key (first version; the places issue deepens it)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().replace("’", "'").replace("'", "").split())
