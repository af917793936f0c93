"""Request Tracker status names <-> the project's TicketStatus.

RT 5's default lifecycle: new, open, stalled, resolved, rejected, deleted. "stalled" is what the
project calls pending (waiting for the customer or a third party). Sites may add their own statuses;
those are guessed from their name so the rest keeps working, with a warning for the agent's log.
"""

from __future__ import annotations

from services.domain import TicketStatus

_FROM_RT = {
    "new": TicketStatus.NEW,
    "open": TicketStatus.OPEN,
    "stalled": TicketStatus.PENDING,
    "resolved": TicketStatus.RESOLVED,
    "rejected": TicketStatus.REJECTED,
    "deleted": TicketStatus.DELETED,
}
_TO_RT = {status: name for name, status in _FROM_RT.items()}

# Custom statuses that clearly mean "finished" or "waiting": mapping them to OPEN would keep
# closed tickets in the agent's queue forever.
_DONE_WORDS = ("closed", "done", "solved", "complete", "cancel", "invalid", "duplicate", "spam", "archiv")
_WAITING_WORDS = ("pending", "waiting", "hold", "stall", "paused", "deferred")


def status_from_rt(name: str) -> tuple[TicketStatus, str | None]:
    """The domain status for an RT status name, and a warning when it had to be guessed."""
    key = name.strip().lower()
    known = _FROM_RT.get(key)
    if known is not None:
        return known, None
    if any(word in key for word in _DONE_WORDS):
        guess = TicketStatus.RESOLVED
    elif any(word in key for word in _WAITING_WORDS):
        guess = TicketStatus.PENDING
    else:
        guess = TicketStatus.OPEN
    return guess, f"Unknown RT status '{name[:40]}' shown as '{guess.value}'."


def status_to_rt(status: TicketStatus) -> str:
    return _TO_RT[status]


def display_status(name: str) -> str:
    """An RT status name as shown in event lines: the domain name when known, else RT's own."""
    known = _FROM_RT.get(name.strip().lower())
    return known.value if known is not None else name
