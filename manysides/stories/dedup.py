"""Duplicate articles: exact copies (a hash of the normalised text) and syndicated
near-copies (MinHash over word 5-shingles, LSH at Jaccard ~0.7).

A wire story carried by ten outlets, each with its own header, footer and a changed
headline, is one report, not ten: the copies join the original's story as
"also carried by", and only the original is clustered and briefed.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import numpy as np

__all__ = ["content_hash", "NearDuplicates", "NEAR_DUPLICATE_JACCARD", "NUM_PERM"]

#: Word-5-shingle Jaccard above which two texts are one report: a wire copy with its own
#: header, footer and a few edited words scores 0.75-0.95 on our invented 130-word tests
#: (higher on longer texts); two outlets' own reports of one event share few 5-word runs (< 0.2).
NEAR_DUPLICATE_JACCARD = 0.7
NUM_PERM = 64
SCHEME = "affine32"
SHINGLE = 5

_WORD = re.compile(r"\w+")


def _normalised_words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_hash(text: str) -> str:
    """Hash of the text's words, lower-cased: whitespace and punctuation changes don't count."""
    return hashlib.sha1(" ".join(_normalised_words(text)).encode("utf-8")).hexdigest()


def minhash_of(text: str):
    words = _normalised_words(text)
    shingles = {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(max(1, len(words) - SHINGLE + 1))}
    m = _new_minhash()
    m.update_batch(list(shingles))
    return m


def _new_minhash(hashvalues: np.ndarray | None = None):
    """A MinHash with our settings; datasketch >= 2 wants the hashing scheme named."""
    from datasketch import MinHash

    try:
        return MinHash(num_perm=NUM_PERM, hashvalues=hashvalues, scheme=SCHEME)
    except TypeError:  # datasketch < 2.0 has one scheme and no such argument
        return MinHash(num_perm=NUM_PERM, hashvalues=hashvalues)


class NearDuplicates:
    """An LSH index of the articles seen; ``find`` answers with an earlier near-copy's key."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_JACCARD) -> None:
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, object] = {}
        self.threshold = threshold

    def find(self, minhash) -> str | None:
        """The earliest-added key whose estimated Jaccard clears the threshold, or None."""
        best, best_j = None, 0.0
        for key in self._lsh.query(minhash):
            j = minhash.jaccard(self._signatures[key])
            if j >= self.threshold and j > best_j:
                best, best_j = key, j
        return best

    def add(self, key: str, minhash) -> None:
        if key not in self._signatures:
            self._lsh.insert(key, minhash)
            self._signatures[key] = minhash

    def __len__(self) -> int:
        return len(self._signatures)


def signature_bytes(minhash) -> bytes:
    return np.asarray(minhash.hashvalues, dtype=np.uint64).tobytes()


def signature_from_bytes(data: bytes):
    return _new_minhash(np.frombuffer(data, dtype=np.uint64).astype(_hash_dtype()))


@lru_cache(maxsize=1)
def _hash_dtype() -> np.dtype:
    return _new_minhash().hashvalues.dtype
