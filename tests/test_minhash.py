"""frontwatch's MinHash LSH proposes the same pairs as datasketch 2.0, which it replaces
(datasketch imports SciPy, ~0.8 s per ingest)."""

from __future__ import annotations

import random
import zlib

import pytest

from frontwatch.fuse.minhash import LSH, bands, signature

datasketch = pytest.importorskip("datasketch")
pytestmark = pytest.mark.skipif(
    not datasketch.__version__.startswith("2."), reason="the affine32 scheme is datasketch 2's"
)


def _sets(n: int, seed: int) -> list[set[bytes]]:
    rng = random.Random(seed)
    words = [f"w{i}".encode() for i in range(400)]
    base = [set(rng.sample(words, rng.randint(1, 120))) for _ in range(n // 2)]
    # near-copies of the first half, so that many pairs share bands
    return base + [set(rng.sample(sorted(s), max(1, len(s) * 4 // 5))) | {b"x"} for s in base]


@pytest.mark.parametrize("num_perm", [16, 128])
def test_signatures_are_datasketchs(num_perm: int) -> None:
    for items in _sets(40, num_perm):
        expected = datasketch.MinHash(num_perm=num_perm, hashfunc=zlib.crc32)
        expected.update_batch(items)
        assert (signature(items, num_perm) == expected.hashvalues).all()


def test_bands_are_datasketchs() -> None:
    from datasketch.lsh import _optimal_param

    for num_perm in (64, 128):
        for threshold in (0.1, 0.2, 0.35, 0.5, 0.7, 0.9):
            assert bands(threshold, num_perm) == _optimal_param(threshold, num_perm, 0.5, 0.5)


def test_queries_are_datasketchs() -> None:
    sets = _sets(200, 7)
    ours, theirs = LSH(0.2, 128), datasketch.MinHashLSH(threshold=0.2, num_perm=128)
    proposed = 0
    for i, items in enumerate(sets):
        mh = datasketch.MinHash(num_perm=128, hashfunc=zlib.crc32)
        mh.update_batch(items)
        sig = signature(items, 128)
        found = ours.query(sig)
        assert found == set(theirs.query(mh))
        proposed += len(found)
        ours.insert(i, sig)
        theirs.insert(i, mh)
    assert proposed > 50  # the test compares real candidate lists, not empty ones
