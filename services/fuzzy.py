"""Fuzzy filtering for pickers (the command palette, later snippets): rapidfuzz does the scoring.

A query matches when rapidfuzz finds it closely inside a choice ("pend" in "Set pending") or when
its letters appear in order ("nxt" for "Next ticket"), as in the pickers of code editors.
"""

from __future__ import annotations

from collections.abc import Sequence

MIN_SCORE = 75.0
_IN_ORDER_SCORE = 90.0


def _in_order(query: str, choice: str) -> bool:
    letters = iter(choice)
    return all(ch in letters for ch in query if not ch.isspace())


def score(query: str, choice: str) -> float:
    # Imported on first use, not at start-up: nobody types in a picker before the window is up.
    from rapidfuzz import fuzz, utils

    q, c = utils.default_process(query), utils.default_process(choice)
    if not q:
        return 100.0
    best = fuzz.partial_ratio(q, c)
    if _in_order(q, c):
        best = max(best, _IN_ORDER_SCORE)
    return float(best)


def filter_ranked(query: str, choices: Sequence[str], *, limit: int | None = None) -> list[int]:
    """Indices of the choices that match the query, best first; all of them, in order, for no query.
    Equal scores keep the choices' own order, so the list does not jump around while typing."""
    scored = [(score(query, choice), index) for index, choice in enumerate(choices)]
    ranked = sorted(((s, i) for s, i in scored if s >= MIN_SCORE), key=lambda p: (-p[0], p[1]))
    return [index for _, index in ranked][:limit]
