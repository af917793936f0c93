"""The project's own model of helpdesk data, independent of any backend.

Connectors translate their payloads into these types; the store persists them; the UI reads them.
Remote ids are strings because every helpdesk numbers things differently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class MessageKind(StrEnum):
    CUSTOMER = "customer"  # written by the requester (or anyone outside the support team)
    AGENT = "agent"  # a reply to the customer from the support team
    NOTE = "note"  # an internal note, never shown to the customer


class TicketStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    RESOLVED = "resolved"
    REJECTED = "rejected"
    DELETED = "deleted"

    @property
    def is_active(self) -> bool:
        return self in (TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING)


@dataclass(frozen=True, slots=True)
class Queue:
    remote_id: str
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Customer:
    """A requester. Keyed by e-mail because that is what every helpdesk shares."""

    email: str
    name: str = ""
    organization: str = ""


@dataclass(frozen=True, slots=True)
class Ticket:
    remote_id: str
    subject: str
    queue: str  # queue name
    status: TicketStatus
    customer: Customer | None
    owner: str | None  # user name of the owner, None when nobody owns it
    priority: int
    created: datetime
    updated: datetime  # the backend's last-updated time, used as the sync watermark
    due: datetime | None = None
    time_worked_minutes: int = 0


@dataclass(frozen=True, slots=True)
class AttachmentMeta:
    remote_id: str
    filename: str
    content_type: str
    size: int


@dataclass(frozen=True, slots=True)
class Message:
    remote_id: str  # the backend's id of the event (an RT transaction id)
    ticket_id: str
    kind: MessageKind
    author: str
    created: datetime
    html: str  # sanitised HTML, safe to render; "" when the message was plain text
    text: str  # plain-text form, for search, previews and terminals
    time_taken_minutes: int = 0
    attachments: tuple[AttachmentMeta, ...] = ()
    truncated: bool = False  # the body was cut because it exceeded the size limit


@dataclass(frozen=True, slots=True)
class Event:
    """A change in a ticket's history that is not a message: status, owner, queue, ..."""

    remote_id: str
    ticket_id: str
    author: str
    created: datetime
    field: str
    old_value: str
    new_value: str
    time_taken_minutes: int = 0


@dataclass(frozen=True, slots=True)
class Snippet:
    remote_id: str
    title: str
    body: str
    language: str = ""


@dataclass(frozen=True, slots=True)
class TicketHistory:
    """Everything the backend said about one ticket's thread."""

    ticket: Ticket
    messages: tuple[Message, ...]
    events: tuple[Event, ...]
    # Problems with single entries (bad HTML, oversize bodies): the rest of the thread is still usable.
    warnings: tuple[str, ...] = ()
    last_event_id: str = ""  # highest history id seen; the base for conflict checks


@dataclass(frozen=True, slots=True)
class TicketPage:
    tickets: tuple[Ticket, ...]
    errors: tuple[str, ...] = ()  # entries of the page that could not be parsed
    next_page: int | None = None


@dataclass(slots=True)
class SyncReport:
    tickets_pulled: int = 0
    messages_pulled: int = 0
    ops_pushed: int = 0
    conflicts: int = 0
    errors: list[str] = field(default_factory=list)  # tickets that could not be read, and why
    # What the agent should know although the sync went on: a chosen queue gone from the helpdesk,
    # a change kept queued after a bad answer.
    warnings: list[str] = field(default_factory=list)
