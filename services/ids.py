"""Numeric ids that arrive as text (from a helpdesk, a file, a person)."""

from __future__ import annotations


def is_number(text: str) -> bool:
    """Plain ASCII digits only: str.isdigit() also accepts "¹" or "٣", which int() rejects or reads
    as a different number than the one shown."""
    return text.isascii() and text.isdigit()


def numeric_order(event_id: str) -> int:
    """The order of a helpdesk's history ids that are numbers growing with time (RT's transaction ids,
    the demo's): "" (nothing seen yet) and anything else come before every entry."""
    return int(event_id) if is_number(event_id) else -1
