"""The one interface every helpdesk connector implements, the optional abilities some add, and the
typed errors they raise.

Connectors are async, Qt-free and stateless beyond their HTTP client: the sync engine decides what
to fetch and when; a connector only translates between one helpdesk's API and services.domain.
`Connector` holds what the app calls of every helpdesk. An ability only some helpdesks have is a
protocol of its own (`CannedReplies`), asked with isinstance() before it is used; the kinds of
helpdesk themselves are listed in services.backends.registry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from services.domain import Queue, Snippet, Ticket, TicketHistory, TicketPage, TicketStatus

if TYPE_CHECKING:  # (tasks load after the window's first paint)
    from services.tasks import NewTask, RemoteTask

# --- errors ---------------------------------------------------------------------------------------


class BackendError(Exception):
    """Base of every connector error. Messages are for people and never contain secrets."""

    def __init__(self, message: str, *, maybe_delivered: bool = False,
                 http_status: int | None = None) -> None:
        super().__init__(message)
        # True when a write may have reached the server although no answer came back; the sync
        # engine then checks the ticket's history before it sends the same change again.
        self.maybe_delivered = maybe_delivered
        self.http_status = http_status  # the answer's status, when one came


class SignedOut(BackendError):
    """The credentials were refused (expired or revoked token, wrong user)."""


class Forbidden(BackendError):
    """Signed in, but not allowed to do this."""


class NotFound(BackendError):
    """The ticket, queue or object does not exist (or is invisible to this user)."""


class NoSuchUser(NotFound):
    """The helpdesk answered, but has no user by the configured name."""


class Rejected(BackendError):
    """The server understood the request and refused it for good (a 4xx other than the above)."""


class RateLimited(BackendError):
    def __init__(self, message: str, *, retry_after: float | None = None,
                 maybe_delivered: bool = False) -> None:
        super().__init__(message, maybe_delivered=maybe_delivered)
        self.retry_after = retry_after


class ServerError(BackendError):
    """5xx: the helpdesk failed; worth retrying later."""


class Offline(BackendError):
    """The helpdesk could not be reached, or the connection died mid-request."""


class TooSlow(Offline):
    """The helpdesk answered, but not completely within the request's deadline (a server or proxy
    that drips its answer): as retryable as offline, worth saying apart."""


class Untrusted(BackendError):
    """The TLS handshake failed: the certificate is not trusted, or the address does not speak HTTPS.
    Not retried: only a person (or the helpdesk's administrator) can fix it."""


class BadPayload(BackendError):
    """The server answered with something we cannot understand (malformed JSON, wrong types)."""


# --- conflict and delivery checks -----------------------------------------------------------------


class ChangeKind(StrEnum):
    CUSTOMER_MESSAGE = "customer_message"
    REPLY = "reply"
    NOTE = "note"
    STATUS = "status"
    OWNER = "owner"
    TIME = "time"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class RemoteChange:
    """One entry of a ticket's history, as needed to detect conflicts and already-delivered writes.

    event_id is the helpdesk's own id of the entry, opaque to the app: only the connector's
    event_order() puts two of them in order.
    For STATUS changes new_value is a TicketStatus value; for OWNER changes, the new owner's name.
    """

    event_id: str
    kind: ChangeKind
    by_self: bool
    author: str
    created: datetime
    new_value: str = ""
    text: str = ""  # message body, only when asked for with_text
    time_taken_minutes: int = 0
    text_cut: bool = False  # `text` is only the head of a very long message


# --- the interface --------------------------------------------------------------------------------


class EventKey(Protocol):
    """What a connector's event_order returns: anything that sorts (a number, a string, a tuple)."""

    def __lt__(self, other: Any, /) -> bool: ...


class Connector(Protocol):
    def event_order(self, event_id: str) -> EventKey:
        """A sort key for this helpdesk's history ids (those of RemoteChange and last_event_id): a later
        entry sorts after an earlier one, and "" (nothing seen yet) before all."""
        ...

    async def whoami(self) -> str:
        """Check the credentials; return the signed-in user's name."""
        ...

    async def list_queues(self) -> list[Queue]: ...

    async def list_tickets(
        self, queues: Sequence[str], *, updated_after: datetime | None, page: int = 1
    ) -> TicketPage:
        """Tickets of the given queues: active ones when updated_after is None, else every ticket
        updated strictly after that time (so resolutions arrive too). Sorted by ticket id: unlike
        the update time, it does not move while we page, so no ticket slips between two pages."""
        ...

    async def customer_tickets(self, email: str) -> list[Ticket]:
        """The requester's tickets across all queues the user can see, newest first."""
        ...

    async def ticket_history(self, ticket_id: str) -> TicketHistory: ...

    async def thread_updates(
        self, tickets: Sequence[Ticket], after_event_ids: Mapping[str, str]
    ) -> list[TicketHistory]:
        """Incremental sync: for each ticket, a TicketHistory holding only the history entries newer
        than after_event_ids[ticket id], fetched for all tickets together in a few requests."""
        ...

    async def changes_after(
        self, ticket_id: str, after_event_id: str, *, with_text: bool = False
    ) -> list[RemoteChange]:
        """History entries of the ticket newer than after_event_id ("" means all), oldest first."""
        ...

    async def message_text(self, ticket_id: str, message_id: str) -> str:
        """One message's whole text, however long (the replica keeps only the head of a very long
        one): fetched when the agent asks to read all of it."""
        ...

    async def reply(self, ticket_id: str, text: str, *, time_minutes: int = 0,
                    status: TicketStatus | None = None) -> None: ...

    async def note(self, ticket_id: str, text: str, *, time_minutes: int = 0,
                   status: TicketStatus | None = None) -> None: ...

    async def set_status(self, ticket_id: str, status: TicketStatus) -> None: ...

    async def take(self, ticket_id: str) -> None:
        """Make the signed-in user the owner."""
        ...

    async def release(self, ticket_id: str) -> None:
        """Leave the ticket to nobody (the agent skipped a ticket that opening it took)."""
        ...

    async def aclose(self) -> None: ...


# --- optional abilities ---------------------------------------------------------------------------


@runtime_checkable
class CannedReplies(Protocol):
    """The helpdesk keeps canned replies (RT: articles of a class), which the composer offers."""

    async def snippets(self) -> list[Snippet]: ...


@runtime_checkable
class LogsTime(Protocol):
    """The helpdesk takes time worked without a message (RT: a comment holding only the time, which the
    customer never sees, counted in the ticket's time worked and the agent's own share of it)."""

    async def log_time(self, ticket_id: str, minutes: int, note: str = "") -> None:
        """Add `minutes` of the signed-in agent's time; `note` (may be empty) for colleagues."""
        ...


@runtime_checkable
class KeepsTasks(Protocol):
    """The helpdesk has a home for customer tasks (RT: one ticket per task in a tasks queue, the
    customer as requestor). Without it, tasks stay in the replica. `queue` names that home."""

    async def tasks(self, queue: str, *, updated_after: datetime | None) -> list[RemoteTask]:
        """Tasks changed strictly after `updated_after`; None: every open task and those done lately
        (a complete listing, from which a task missing was deleted)."""
        ...

    async def task(self, remote_id: str) -> RemoteTask | None:
        """One task as it is now; None when it is gone (deleted, or not visible any more)."""
        ...

    async def find_task(self, queue: str, task: NewTask, since: datetime) -> RemoteTask | None:
        """The task an earlier attempt created (after `since`), if it reached the helpdesk: recognised
        by its key, which the creation carries (whatever else matches, or how far it got)."""
        ...

    async def create_task(self, queue: str, task: NewTask) -> str:
        """Create it; return its id. The customer is told nothing (no acknowledgement mail)."""
        ...

    async def update_task(self, remote_id: str, changes: Mapping[str, object]) -> None:
        """Set fields, each to its value: text, due (a date or None), done, position, customer (an
        e-mail), deleted (True: delete, False: bring back)."""
        ...


@runtime_checkable
class StarterTasks(Protocol):
    """Sample data with tasks but no home for them (the demo): they start the replica's list once."""

    async def starter_tasks(self) -> list[RemoteTask]: ...
