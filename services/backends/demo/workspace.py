"""The demo helpdesk's own records and rules, shared by the seed and the connector.

A ticket keeps its whole history as a list of transactions (as Request Tracker does); its last-updated
time and worked time are read from that history rather than stored twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from services.domain import Customer, Queue, Snippet, TicketStatus

NOBODY = "Nobody"  # RT's name for "no owner", kept in owner-change history
_REOPENED_BY_CUSTOMER = (TicketStatus.PENDING, TicketStatus.RESOLVED, TicketStatus.REJECTED)


class TxnType(StrEnum):
    CREATE = "create"  # the requester's first message
    CORRESPOND = "correspond"  # a message the customer sees (from either side)
    COMMENT = "comment"  # an internal note
    STATUS = "status"
    OWNER = "owner"
    TIME = "time"  # worked time logged without a message


@dataclass(frozen=True, slots=True)
class Attachment:
    id: int
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True, slots=True)
class Txn:
    id: int
    type: TxnType
    author: str
    created: datetime
    content: str = ""
    content_type: str = "text/plain"
    old: str = ""
    new: str = ""
    minutes: int = 0
    attachments: tuple[Attachment, ...] = ()


@dataclass(slots=True)
class TicketRec:
    id: int
    queue: str
    subject: str
    status: TicketStatus
    requestor: str  # the customer's e-mail
    owner: str | None
    priority: int
    created: datetime
    due: datetime | None
    lang: str  # "en" or "fr": which templates answer this ticket
    topic: str
    txns: list[Txn] = field(default_factory=list)

    @property
    def updated(self) -> datetime:
        return self.txns[-1].created if self.txns else self.created

    @property
    def time_worked(self) -> int:
        return sum(t.minutes for t in self.txns)


@dataclass(frozen=True, slots=True)
class TaskRec:
    id: str
    customer: str  # e-mail
    title: str
    done: bool
    updated: datetime


@dataclass(slots=True)
class Workspace:
    queues: list[Queue]
    agents: list[str]
    customers: dict[str, Customer]  # keyed by lower-cased e-mail
    tickets: dict[int, TicketRec]
    snippets: list[Snippet]
    tasks: dict[str, TaskRec]
    next_ticket_id: int = 1
    next_txn_id: int = 1
    next_attachment_id: int = 1

    # --- rules of the helpdesk ----------------------------------------------------------------

    def is_agent(self, author: str) -> bool:
        return author in self.agents

    def create_ticket(self, *, queue: str, subject: str, requestor: str, body: str, at: datetime,
                      priority: int, lang: str, topic: str, due: datetime | None = None,
                      content_type: str = "text/plain",
                      attachments: Iterable[tuple[str, str, int]] = ()) -> TicketRec:
        ticket = TicketRec(id=self.next_ticket_id, queue=queue, subject=subject, status=TicketStatus.NEW,
                           requestor=requestor, owner=None, priority=priority, created=at, due=due,
                           lang=lang, topic=topic)
        self.next_ticket_id += 1
        self.tickets[ticket.id] = ticket
        files = tuple(self._attachment(*spec) for spec in attachments)
        self._append(ticket, TxnType.CREATE, requestor, at, content=body, content_type=content_type,
                     attachments=files)
        return ticket

    def correspond(self, ticket: TicketRec, author: str, body: str, at: datetime, *, minutes: int = 0,
                   content_type: str = "text/plain", status: TicketStatus | None = None) -> None:
        """A message the customer sees, then the status asked for. Without one, an agent's first answer
        opens a new ticket and a customer's message reopens a ticket that waits for them or was closed
        (as RT's default scrips do)."""
        self._append(ticket, TxnType.CORRESPOND, author, at, content=body, content_type=content_type,
                     minutes=minutes)
        if status is None:
            reopens = ticket.status is TicketStatus.NEW if self.is_agent(author) else (
                ticket.status in _REOPENED_BY_CUSTOMER)
            status = TicketStatus.OPEN if reopens else ticket.status
        self.set_status(ticket, author, status, at)

    def comment(self, ticket: TicketRec, author: str, body: str, at: datetime, *, minutes: int = 0,
                status: TicketStatus | None = None) -> None:
        self._append(ticket, TxnType.COMMENT, author, at, content=body, minutes=minutes)
        if status is not None:
            self.set_status(ticket, author, status, at)

    def set_status(self, ticket: TicketRec, author: str, status: TicketStatus, at: datetime) -> bool:
        if ticket.status is status:
            return False
        self._append(ticket, TxnType.STATUS, author, at, old=ticket.status.value, new=status.value)
        ticket.status = status
        return True

    def set_owner(self, ticket: TicketRec, author: str, owner: str | None, at: datetime) -> bool:
        """owner None: nobody."""
        if ticket.owner == owner:
            return False
        self._append(ticket, TxnType.OWNER, author, at, old=ticket.owner or NOBODY, new=owner or NOBODY)
        ticket.owner = owner
        return True

    # --- helpers ------------------------------------------------------------------------------

    def _append(self, ticket: TicketRec, kind: TxnType, author: str, at: datetime, *, content: str = "",
                content_type: str = "text/plain", old: str = "", new: str = "", minutes: int = 0,
                attachments: tuple[Attachment, ...] = ()) -> None:
        ticket.txns.append(Txn(self.next_txn_id, kind, author, at, content, content_type, old, new, minutes,
                               attachments))
        self.next_txn_id += 1

    def _attachment(self, filename: str, content_type: str, size: int) -> Attachment:
        attachment = Attachment(self.next_attachment_id, filename, content_type, size)
        self.next_attachment_id += 1
        return attachment
