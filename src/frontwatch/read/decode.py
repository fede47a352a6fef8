"""Bytes to text: byte-order marks, UTF-8, UTF-16 without a mark, and binary refused.

Invalid UTF-8 bytes are read one by one as Windows-1252 (the usual encoding of
old news archives), so a file that mixes both keeps its UTF-8 parts intact.
Text is then made safe to store: no NUL or other control characters, no lone
surrogates (PostgreSQL refuses the first, every UTF-8 encoder the second).
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Share of control characters above which a file is taken for binary.
_BINARY_CONTROL_SHARE = 0.05
# Share of NUL bytes at odd (even) offsets from which BOM-less UTF-16-LE (-BE) is tried.
_UTF16_NUL_SHARE = 0.3
_SAMPLE = 8192

# C0 controls other than tab, newline, form feed and carriage return; DEL; C1 controls
# (U+009B is the terminal's escape-sequence introducer); the bidirectional embeddings,
# overrides and isolates (U+202A-U+202E, U+2066-U+2069: "Trojan Source" text shown in
# another order than stored; the plain marks U+200E/U+200F stay); lone surrogates.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_FALLBACK = "frontwatch-cp1252"


class DecodeError(Exception):
    """The bytes are not text this reader can decode."""


def _cp1252_for_bad_bytes(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error(_FALLBACK, _cp1252_for_bad_bytes)


def safe_text(text: str) -> str:
    """``text`` without characters that no database or encoder accepts."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(lambda m: "\ufffd" if m.group() >= "\ud800" else "", text)


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """The text of ``data`` and an optional warning (e.g. a fallback encoding was used)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return safe_text(data.decode(encoding)), None
            except UnicodeDecodeError as exc:
                raise DecodeError(f"broken {encoding} text at byte {exc.start}") from None
    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16
    if _looks_binary(data):
        raise DecodeError("not a text file (binary content)")
    try:
        return safe_text(data.decode("utf-8")), None
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    text = data.decode("utf-8", errors=_FALLBACK)
    return (
        safe_text(text),
        f"not valid UTF-8 (first bad byte at {first_bad}); bad bytes read as Windows-1252",
    )


def stream_encoding(head: bytes) -> str | None:
    """How to read a file line by line, from its first bytes: the UTF-16/32 codec to
    decode it with (its newlines are not the byte 10), or None for UTF-8 and the
    8-bit encodings (read line by line as bytes). DecodeError for binary content."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return None if encoding == "utf-8-sig" else encoding
    bomless = _utf16_by_nuls(head)
    if bomless is not None:
        return bomless
    if _looks_binary(head):
        raise DecodeError("not a text file (binary content)")
    return None


def _utf16_by_nuls(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: NULs in every other byte (ASCII-heavy text)."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    half = len(sample) // 2
    odd_nuls = sample[1::2].count(0) / half
    even_nuls = sample[0::2].count(0) / half
    if odd_nuls >= _UTF16_NUL_SHARE and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls >= _UTF16_NUL_SHARE and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """Text that is UTF-16 without a byte-order mark: NULs in every other byte."""
    encoding = _utf16_by_nuls(data)
    if encoding is None:
        return None
    try:
        text = data[: len(data) // 2 * 2].decode(encoding)
    except UnicodeDecodeError:
        return None
    if _looks_binary(text[:_SAMPLE].encode("utf-8", errors="replace")):
        return None
    return safe_text(text), f"{encoding.upper()} without a byte-order mark"


def _looks_binary(data: bytes) -> bool:
    sample = data[:_SAMPLE]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > _BINARY_CONTROL_SHARE * len(sample)
