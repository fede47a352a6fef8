"""MinHash signatures and an LSH index over them, for copy detection, in numpy.

The numbers are datasketch 2.0's: ``MinHash(num_perm, hashfunc=zlib.crc32)``
(its default "affine32" scheme, seed 1) and ``MinHashLSH(threshold, num_perm)``
(bands and rows that minimise false positives plus false negatives at the
threshold), so the same pairs are proposed. They are written out here because
importing datasketch imports SciPy: ~0.8 s of CPU for every ingest.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from functools import cache

import numpy as np

_SEED = 1
_U32 = np.uint32
# MurmurHash3's 32-bit finalizer: shifts and multipliers.
_FMIX = (_U32(16), _U32(0x85EBCA6B), _U32(13), _U32(0xC2B2AE35), _U32(16))


@cache
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine maps h -> a * h + b (mod 2^32), a odd, one per permutation."""
    gen = np.random.RandomState(_SEED)
    a = gen.randint(0, 1 << 31, num_perm, dtype=_U32) * _U32(2) + _U32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=_U32)
    return a, b


def signature(items: Iterable[bytes], num_perm: int) -> np.ndarray:
    """The MinHash of a non-empty set: per permutation, the least permuted crc32."""
    hv = np.array([zlib.crc32(item) for item in items], dtype=_U32).reshape(-1, 1)
    s1, m1, s2, m2, s3 = _FMIX
    hv = hv ^ (hv >> s1)
    hv = hv * m1
    hv = hv ^ (hv >> s2)
    hv = hv * m2
    hv = hv ^ (hv >> s3)
    a, b = _permutations(num_perm)
    return (hv * a + b).min(axis=0)  # uint32 arithmetic wraps: that is the mod 2^32


@cache
def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows per band) minimising the false positive and false negative
    probabilities, weighed equally, at ``threshold`` (datasketch's choice).

    Both probabilities are integrals of polynomials of degree <= num_perm, which
    Gauss-Legendre quadrature with num_perm // 2 + 1 nodes computes exactly."""
    x, w = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    low = (x + 1) * threshold / 2  # nodes on [0, threshold] and on [threshold, 1]
    high = threshold + (x + 1) * (1 - threshold) / 2
    best, choice = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = threshold / 2 * float(w @ (1 - (1 - low**r) ** b))
            fn = (1 - threshold) / 2 * float(w @ ((1 - high**r) ** b))
            error = 0.5 * fp + 0.5 * fn
            if error < best:
                best, choice = error, (b, r)
    return choice


class LSH:
    """Keys by band of their signatures: a query finds every key inserted before
    that agrees with it on all rows of at least one band."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        b, r = bands(threshold, num_perm)
        self.ranges = [(i * r, (i + 1) * r) for i in range(b)]
        self.tables: list[dict[bytes, list[int]]] = [{} for _ in self.ranges]

    def _keys(self, sig: np.ndarray) -> Sequence[bytes]:
        return [sig[start:end].tobytes() for start, end in self.ranges]

    def query(self, sig: np.ndarray) -> set[int]:
        found: set[int] = set()
        for table, key in zip(self.tables, self._keys(sig), strict=True):
            found.update(table.get(key, ()))
        return found

    def insert(self, item: int, sig: np.ndarray) -> None:
        for table, key in zip(self.tables, self._keys(sig), strict=True):
            table.setdefault(key, []).append(item)
