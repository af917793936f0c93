"""A change of the agent's that waits for their decision, as the window shows it: typed, not the outbox's
raw payload; the reason is a code with its parameters, which the window words in the agent's language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from services.domain import TicketStatus
from services.store.outbox import OpKind, OpState, OutboxOp


class Reason(StrEnum):
    CUSTOMER_WROTE = "customer_wrote"  # at: when
    TAKEN = "taken"  # who took the ticket
    STATUS_SET = "status_set"  # who, value: the status they set
    REFUSED = "refused"  # the helpdesk refused the change for good; detail: what it said
    OTHER = "other"  # detail: a sentence (older replicas kept the reason as plain text)


@dataclass(frozen=True, slots=True)
class Conflict:
    reason: Reason
    who: str = ""
    at: datetime | None = None
    value: str = ""
    detail: str = ""

    def encode(self) -> str:
        """As kept in the outbox's `conflict` column."""
        return json.dumps({"reason": self.reason.value, "who": self.who, "value": self.value,
                           "at": self.at.isoformat() if self.at else None, "detail": self.detail})

    @classmethod
    def decode(cls, text: str | None) -> Conflict | None:
        if not text:
            return None
        try:
            data = json.loads(text)
            return cls(Reason(data["reason"]), str(data.get("who") or ""),
                       datetime.fromisoformat(data["at"]) if data.get("at") else None,
                       str(data.get("value") or ""), str(data.get("detail") or ""))
        except (ValueError, KeyError, TypeError, AttributeError):
            return cls(Reason.OTHER, detail=text)  # a sentence written by an older version

    def english(self) -> str:
        """For the command line and the log (the window words it itself, in both languages)."""
        match self.reason:
            case Reason.CUSTOMER_WROTE:
                when = f" ({self.at:%Y-%m-%d %H:%M} UTC)" if self.at else ""
                return f"The customer wrote again{when} since you opened the ticket."
            case Reason.TAKEN:
                return f"{self.who} took this ticket since you opened it."
            case Reason.STATUS_SET:
                return f"{self.who} set the status to {self.value} since you opened the ticket."
            case Reason.REFUSED:
                return f"The helpdesk refused this change: {self.detail}" if self.detail else \
                    "The helpdesk refused this change."
            case _:
                return self.detail


@dataclass(frozen=True, slots=True)
class PendingChange:
    op_id: str
    kind: OpKind
    held: bool  # True: held back by a conflict; False: refused by the helpdesk
    conflict: Conflict | None
    text: str = ""  # a reply's or note's text (a time entry's note)
    status: TicketStatus | None = None  # the status it sets, alone or after a message
    minutes: int = 0  # a time entry's

    @property
    def is_message(self) -> bool:
        return self.kind in (OpKind.REPLY, OpKind.NOTE)


def pending_change(op: OutboxOp) -> PendingChange:
    """The outbox entry as the window shows it; a payload that does not parse shows empty fields."""
    p = op.payload
    try:
        status = TicketStatus(str(p["status"])) if p.get("status") else None
    except ValueError:
        status = None
    conflict = Conflict.decode(op.conflict)
    if conflict is None and op.last_error:
        conflict = Conflict(Reason.REFUSED, detail=op.last_error)
    minutes = p.get("minutes")
    return PendingChange(op.op_id, op.kind, op.state is OpState.CONFLICT, conflict,
                         text=str(p.get("text") or ""), status=status,
                         minutes=minutes if isinstance(minutes, int) and not isinstance(minutes, bool) else 0)
