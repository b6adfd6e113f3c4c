"""Character 1–3-gram TF-IDF features computed with NumPy over a whole batch, equal to
scikit-learn's `TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)` for a fitted
vocabulary, several times faster (scikit-learn builds every n-gram as a Python string).

Each n-gram is packed exactly into one 64-bit key (21 bits a code point: 1-grams < 2^21 ≤ 2-grams
< 2^42 ≤ 3-grams), looked up in an open-addressing hash table of the vocabulary's keys (one gather per
probe, vectorised; a binary search over the sorted keys cost four times as much), counted per text,
then weighted (1 + log tf) × idf and L2-normalised, as scikit-learn does."""

import re

import numpy as np
from scipy.sparse import csr_matrix

WHITESPACE_RUNS = re.compile(r"\s\s+")  # scikit-learn's char analyzer folds runs of 2+ into one space
BITS = np.uint64(21)
EMPTY = np.uint64(2**64 - 1)  # no n-gram packs to this (3-grams use 63 bits)
GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing multiplier


def ngram_key(term: str) -> int:
    key = 0
    for char in term:
        key = (key << 21) | ord(char)
    return key


class KeyTable:
    """key → column, for a fixed set of distinct uint64 keys: linear probing in a power-of-two table
    at most half full, every operation on whole arrays."""

    def __init__(self, keys: np.ndarray):
        self.bits = max(4, int(np.ceil(np.log2(max(keys.size, 1) * 2))) + 1)
        self.mask = (1 << self.bits) - 1
        self.slots = np.full(1 << self.bits, EMPTY, dtype=np.uint64)
        self.columns = np.full(1 << self.bits, -1, dtype=np.int64)
        pending = np.arange(keys.size, dtype=np.int64)
        where = self._home(keys)
        while pending.size:
            slot = where[pending]
            free = self.slots[slot] == EMPTY
            # of several keys aiming at one free slot, the first takes it; the rest probe on
            _, first = np.unique(slot[free], return_index=True)
            placed = pending[free][first]
            self.slots[where[placed]] = keys[placed]
            self.columns[where[placed]] = placed
            taken = np.zeros(pending.size, dtype=bool)
            taken[np.flatnonzero(free)[first]] = True
            pending = pending[~taken]
            where[pending] = (where[pending] + 1) & self.mask

    def _home(self, keys: np.ndarray) -> np.ndarray:
        return ((keys * GOLDEN) >> np.uint64(64 - self.bits)).astype(np.int64)

    def lookup(self, keys: np.ndarray) -> np.ndarray:
        """The column of each key, -1 where it is not in the table."""
        found = np.full(keys.size, -1, dtype=np.int64)
        pending = np.arange(keys.size, dtype=np.int64)
        where = self._home(keys)
        while pending.size:
            slot = where[pending]
            stored = self.slots[slot]
            hit = stored == keys[pending]
            found[pending[hit]] = self.columns[slot[hit]]
            pending = pending[~hit & (stored != EMPTY)]
            where[pending] = (where[pending] + 1) & self.mask
        return found


class CharNgramTfidf:
    def __init__(self, terms: list[str], idf: np.ndarray):
        keys = np.fromiter((ngram_key(t) for t in terms), dtype=np.uint64, count=len(terms))
        self.table = KeyTable(keys)
        self.idf = np.asarray(idf, dtype=np.float32)
        self.width = len(terms)

    def _ngrams(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(text index, n-gram key) of every n-gram of every text, n = 1..3, within each text."""
        cleaned = [WHITESPACE_RUNS.sub(" ", text.lower()) for text in texts]
        lengths = np.fromiter(map(len, cleaned), dtype=np.int64, count=len(cleaned))
        points = np.frombuffer("".join(cleaned).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        owner = np.repeat(np.arange(len(cleaned), dtype=np.int64), lengths)
        left = np.repeat(np.cumsum(lengths), lengths) - np.arange(points.size)  # characters to the text's end
        keys, owners = [points], [owner]
        if points.size > 1:
            fits = left[:-1] >= 2
            keys.append(((points[:-1] << BITS) | points[1:])[fits])
            owners.append(owner[:-1][fits])
        if points.size > 2:
            fits = left[:-2] >= 3
            keys.append(((points[:-2] << (BITS + BITS)) | (points[1:-1] << BITS) | points[2:])[fits])
            owners.append(owner[:-2][fits])
        return np.concatenate(owners), np.concatenate(keys)

    def transform(self, texts: list[str]) -> csr_matrix:
        owners, keys = self._ngrams(texts)
        columns = self.table.lookup(keys)
        known = columns >= 0
        counts = csr_matrix(
            (np.ones(int(known.sum()), dtype=np.float32), (owners[known], columns[known])),
            shape=(len(texts), self.width),
        )  # duplicates are summed: term counts per text
        counts.sum_duplicates()
        counts.data = (1.0 + np.log(counts.data)) * self.idf[counts.indices]
        rows = np.repeat(np.arange(len(texts)), np.diff(counts.indptr))
        norms = np.sqrt(np.bincount(rows, weights=counts.data * counts.data, minlength=len(texts)))
        counts.data /= norms[rows].astype(np.float32)
        return counts
