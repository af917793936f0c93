"""The languages Monodesk speaks (its translations ship for these), and the agent's choices among them."""

from __future__ import annotations

SHIPPED = ("en", "fr")
SYSTEM = "system"  # follow the operating system's language when Monodesk speaks it
CHOICES = (SYSTEM, *SHIPPED)
