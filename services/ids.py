"""Numeric ids that arrive as text (from a helpdesk, a file, a person)."""

from __future__ import annotations


def is_number(text: str) -> bool:
    """Plain ASCII digits only: str.isdigit() also accepts "¹" or "٣", which int() rejects or reads
    as a different number than the one shown."""
    return text.isascii() and text.isdigit()
