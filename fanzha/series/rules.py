"""The rules of 串并案, as pure functions (the values they read are arguments).

Issue 15 / 000 篇一: cases are entered 「為全國公安機關對此類案件的串并案分析做好準備」."""

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

# 「Identifiers shared by more than K cases (configurable, default 50) … are shown but do not link」
SHARED_LIMIT_DEFAULT = 50


def links(holders: int, limit: int, whitelisted: bool) -> bool:
    """An identifier links the cases holding it when at least two and at most `limit` cases hold it
    and it is not on the whitelist (a bank hotline, a large merchant).

    >>> links(2, 50, False), links(50, 50, False), links(51, 50, False), links(3, 50, True)
    (True, True, False, False)
    """
    return 2 <= holders <= limit and not whitelisted


def joins(low: int, high: int, kind: str, value: str, cut: set, muted: set) -> bool:
    """A link makes its two cases one series unless an analyst decided otherwise: the pair was cut
    (断开: `cut` holds (low, high)), or either case was taken out (移出) of the series this identifier
    put it in (`muted` holds (case, kind, value)).

    >>> joins(1, 2, "phone", "139", set(), set()), joins(1, 2, "phone", "139", {(1, 2)}, set())
    (True, False)
    >>> muted = {(2, "phone", "139")}
    >>> joins(1, 2, "phone", "139", set(), muted), joins(1, 2, "url", "x.com", set(), muted)
    (False, True)
    """
    return (low, high) not in cut and (low, kind, value) not in muted and (high, kind, value) not in muted


def components(case_ids: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """串并案组 = connected components: for each of `case_ids` (distinct), the smallest case id of its
    component over the edges (low[i], high[i]) (both among case_ids). A case with no edge is its own.

    >>> components(np.array([1, 2, 3, 7]), np.array([2, 3]), np.array([7, 3])).tolist()
    [1, 2, 2, 2]
    """
    n = len(case_ids)
    if n == 0:
        return np.array([], dtype=np.int64)
    order = np.argsort(case_ids)
    ordered = case_ids[order]
    a = order[np.searchsorted(ordered, low)]
    b = order[np.searchsorted(ordered, high)]
    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    _count, labels = connected_components(graph, directed=False)
    smallest = np.full(labels.max() + 1 if n else 0, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(smallest, labels, case_ids)
    return smallest[labels]
