"""The focus desk: what the window shows and does, without Qt.

Reads are single indexed queries on the replica (well under a frame), so the window calls them
directly. Writes go through the writer's worker thread (never the GUI thread) as ONE transaction each
(replica + outbox), then wake the sync engine, which pushes them in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from services.domain import TicketStatus
from services.focus import SlaState, sla
from services.store import Draft, MessageView, OpState, OutboxOp, Store, TicketSummary, TicketView
from services.store.asyncstore import AsyncStore
from services.store.db import utc_now
from services.store.views import CustomerCounts

RECENT = timedelta(days=30)


class SkipNeedsReason(ValueError):
    """A ticket is skipped with a reason, however short; the window words this (ui.wording)."""


@dataclass(frozen=True, slots=True)
class CustomerPanel:
    email: str
    name: str
    organization: str
    counts: CustomerCounts
    tickets: list[TicketSummary]  # across ALL queues, newest first; the current one included


@dataclass(frozen=True, slots=True)
class FocusScreen:
    ticket: TicketView
    thread: list[MessageView]
    customer: CustomerPanel | None
    draft: Draft | None
    sla: SlaState
    # The ticket's changes that wait for the agent's decision (a conflict) or failed for good.
    attention: list[OutboxOp] = field(default_factory=list)


class Desk:
    def __init__(self, reader: Store, writer: AsyncStore, account_id: int, me: str, *,
                 wake_sync: Callable[[], None] = lambda: None,
                 clock: Callable[[], datetime] = utc_now) -> None:
        self._reader = reader
        self._writer = writer
        self.account_id = account_id
        self.me = me
        self._wake_sync = wake_sync
        self._clock = clock

    # --- reads (GUI thread) --------------------------------------------------------------------------

    def now(self) -> datetime:
        return self._clock()

    def next_ticket(self, *, exclude: tuple[str, ...] = ()) -> str | None:
        r = self._reader
        queues = r.accounts.working_queues(self.account_id)
        return r.worklist.next_ticket(self.account_id, self.me, queues, self._clock(), exclude=exclude)

    def waiting_count(self) -> int:
        r = self._reader
        return r.worklist.waiting_count(self.account_id, self.me, r.accounts.working_queues(self.account_id))

    async def count_waiting(self) -> int:
        """The same count off the GUI thread: it reads every offerable ticket (tens of ms when a
        queue holds tens of thousands), and it is only a quiet counter."""
        account_id, me = self.account_id, self.me
        return await self._writer.call(
            lambda s: s.worklist.waiting_count(account_id, me, s.accounts.working_queues(account_id)))

    def working_queues(self) -> list[str]:
        return self._reader.accounts.working_queues(self.account_id)

    def skipped_count(self) -> int:
        return self._reader.worklist.skipped_count(self.account_id, self.working_queues())

    def screen(self, remote_id: str) -> FocusScreen | None:
        r = self._reader
        ticket = r.views.ticket(self.account_id, remote_id)
        if ticket is None:
            return None
        now = self._clock()
        customer = None
        if ticket.customer_id is not None:
            customer = CustomerPanel(
                email=ticket.customer_email, name=ticket.customer_name,
                organization=ticket.customer_organization,
                counts=r.views.customer_counts(ticket.customer_id, now - RECENT),
                tickets=r.views.customer_tickets(ticket.customer_id))
        attention = [op for op in r.outbox.ticket_ops(ticket.id)
                     if op.state in (OpState.CONFLICT, OpState.FAILED)]
        return FocusScreen(ticket=ticket, thread=r.views.thread(ticket.id), customer=customer,
                           draft=r.worklist.draft(self.account_id, remote_id), sla=sla(ticket.due, now),
                           attention=attention)

    def other_ticket(self, remote_id: str) -> tuple[TicketView, list[MessageView]] | None:
        """One of the customer's other tickets, read-only (its thread may not be in the replica)."""
        ticket = self._reader.views.ticket(self.account_id, remote_id)
        if ticket is None:
            return None
        return ticket, self._reader.views.thread(ticket.id)

    def skip_reason(self, remote_id: str) -> str | None:
        return self._reader.worklist.skip_reason(self.account_id, remote_id)

    # --- writes (worker thread, then the sync engine) -------------------------------------------------

    async def send(self, remote_id: str, text: str, *, note: bool = False, time_minutes: int = 0,
                   status: TicketStatus | None = None) -> str:
        account, me = self.account_id, self.me
        op_id = await self._writer.call(lambda s: s.outbox.queue_message(
            account, remote_id, text, author=me, note=note, time_minutes=time_minutes, status=status))
        self._wake_sync()
        return op_id

    async def set_status(self, remote_id: str, status: TicketStatus) -> None:
        account = self.account_id
        await self._writer.call(lambda s: s.outbox.queue_status(account, remote_id, status))
        self._wake_sync()

    async def take(self, remote_id: str) -> None:
        account, me = self.account_id, self.me
        await self._writer.call(lambda s: s.outbox.queue_take(account, remote_id, me))
        self._wake_sync()

    async def open(self, remote_id: str, *, take: bool) -> bool:
        """The agent opened the ticket: take it when configured and nobody owns it. True if taken."""
        ticket = self._reader.views.ticket(self.account_id, remote_id)
        if not take or ticket is None or ticket.owner is not None or not ticket.status.is_active:
            return False
        await self.take(remote_id)
        return True

    async def skip(self, remote_id: str, reason: str) -> None:
        if not reason.strip():
            raise SkipNeedsReason
        account = self.account_id
        await self._writer.call(lambda s: s.worklist.skip(account, remote_id, reason))

    async def save_draft(self, remote_id: str, draft: Draft) -> None:
        account = self.account_id
        await self._writer.call(lambda s: s.worklist.save_draft(account, remote_id, draft))

    async def decide(self, op_id: str, *, send: bool) -> None:
        """The agent's choice on a conflict: send anyway, or take the change back (a message returns
        to the draft)."""
        await self._writer.call(lambda s: s.outbox.resolve(op_id, send=send))
        if send:
            self._wake_sync()
