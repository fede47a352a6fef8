"""Bytes to text: byte-order marks, UTF-8, a declared fallback, and binary refused."""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Share of control characters above which a file is taken for binary.
_BINARY_CONTROL_SHARE = 0.05


class DecodeError(Exception):
    """The bytes are not text this reader can decode."""


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """The text of ``data`` and an optional warning (e.g. a fallback encoding was used)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), None
            except UnicodeDecodeError as exc:
                raise DecodeError(f"broken {encoding} text at byte {exc.start}") from None
    if _looks_binary(data):
        raise DecodeError("not a text file (binary content)")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    # Old news archives are often Windows-1252; say so rather than guess silently.
    text = data.decode("cp1252", errors="replace")
    return text, f"not valid UTF-8 (first bad byte at {first_bad}); read as Windows-1252"


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > _BINARY_CONTROL_SHARE * len(sample)
