"""The focus desk: what the window shows and does, without Qt.

`DeskReads` is what the window's panels read, one short indexed query each, on a connection of the
caller's thread: the GUI thread paints a ticket from its own within a frame; refreshes after a change
read on the reader's thread (`Desk.read`), never on the GUI thread. Writes go through the writer's
worker thread as ONE transaction each (replica + outbox), say what they changed (services.changes),
then wake the sync engine, which pushes them in the background.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from services.changes import Changes, ticket_written
from services.domain import TicketStatus
from services.focus import WORKABLE, SlaState, sla
from services.pending import PendingChange, pending_change
from services.store import Draft, MessageView, OpState, Store, TicketSummary, TicketView
from services.store.asyncstore import AsyncStore
from services.store.db import utc_now
from services.store.views import CustomerCounts, OutboxStatus, ThreadPage
from services.store.worklist import DraftLine

if TYPE_CHECKING:  # (the time modules load after the window's first paint, with the timer)
    from services.store.blocks import Block, BlockOutcome
    from services.store.timelog import Entry, TicketTime, TimeSummary
    from services.tasks import Task, TaskCounts, TaskList
    from services.tracker import Accrual, IdleChoice, IdleSpan, TimeEvent

RECENT = timedelta(days=30)


class _Keep:
    """edit_task's "leave the due day as it is" (None means: no due day)."""


KEEP = _Keep()
THREAD_PAGE = 50  # messages read at a time for a screen (it shows 25, then more on demand)
T = TypeVar("T")
FOCUS_KEY = "focus_ticket"  # account state: the ticket on screen, reopened on the next start


def ticket_number(text: str) -> str | None:
    """What an agent types to go to a ticket: "123", "#123", " # 123 "; None for anything else."""
    digits = text.strip().removeprefix("#").strip()
    return str(int(digits)) if digits.isascii() and digits.isdigit() and len(digits) <= 18 else None


class AfterSend(StrEnum):
    """What the composer's send buttons do once the message is queued."""

    NOTHING = ""
    RESOLVE = "resolve"
    PENDING = "pending"
    NEXT = "next"  # open the next ticket

    @property
    def status(self) -> TicketStatus | None:
        """The status the message sets with it."""
        return {AfterSend.RESOLVE: TicketStatus.RESOLVED, AfterSend.PENDING: TicketStatus.PENDING}.get(self)


@dataclass(frozen=True, slots=True)
class Allowed:
    """What the agent may do to the ticket on screen: the window enables its commands from this, at
    each ticket opened and each change to it, so that no command offers what would change nothing."""

    take: bool  # active, and not the agent's already
    resolve: bool
    pending: bool
    reopen: bool  # only a ticket that is not new or open can be reopened


def allowed(ticket: TicketView, me: str) -> Allowed:
    status = ticket.status
    return Allowed(take=status.is_active and ticket.owner != me,
                   resolve=status is not TicketStatus.RESOLVED,
                   pending=status is not TicketStatus.PENDING,
                   reopen=status not in WORKABLE)


class SkipNeedsReason(ValueError):
    """A ticket is skipped with a reason, however short; the window words this (ui.wording)."""


@dataclass(frozen=True, slots=True)
class CustomerPanel:
    email: str
    name: str
    organization: str
    counts: CustomerCounts
    tickets: list[TicketSummary]  # across ALL queues, newest first; the current one included


class DeskReads:
    """The desk's reads on one Store (one connection, one thread)."""

    def __init__(self, store: Store, account_id: int, me: str, clock: Callable[[], datetime]) -> None:
        self._store = store
        self.account_id = account_id
        self.me = me
        self._clock = clock

    def now(self) -> datetime:
        return self._clock()

    def ticket(self, remote_id: str) -> TicketView | None:
        return self._store.views.ticket(self.account_id, remote_id)

    def sla(self, ticket: TicketView) -> SlaState:
        return sla(ticket.due, self._clock(), ticket.status)

    def thread(self, ticket: TicketView) -> list[MessageView]:
        """The whole thread (the command line's `show`; screens read its tail)."""
        return self._store.views.thread(ticket.id)

    def thread_tail(self, ticket: TicketView, limit: int = THREAD_PAGE) -> ThreadPage:
        """The thread's last messages and its length: a 3,000-message thread costs one screenful."""
        return self._store.views.thread_tail(ticket.id, limit)

    def thread_before(self, ticket: TicketView, start: tuple[int, int],
                      limit: int = THREAD_PAGE) -> ThreadPage:
        """The messages before `start` (a page's first), when the agent scrolls back."""
        return self._store.views.thread_before(ticket.id, start[0], start[1], limit)

    def customer(self, ticket: TicketView) -> CustomerPanel | None:
        if ticket.customer_id is None:
            return None
        views = self._store.views
        return CustomerPanel(
            email=ticket.customer_email, name=ticket.customer_name, organization=ticket.customer_organization,
            counts=views.customer_counts(ticket.customer_id, self._clock() - RECENT),
            tickets=views.customer_tickets(ticket.customer_id))

    def tasks(self, email: str, *, first: int | None = None) -> TaskList:
        """The customer's task list: open tasks, then the recently done; what is due; where it lives.
        first: only that many tasks (a ticket opens within a frame; the rest is read after)."""
        from services.store.accounts import TASKS_HOME_KEY
        from services.tasks import Home, TaskList

        email = email.lower()
        tasks = self._store.tasks.for_customer(self.account_id, email, self._clock(), first=first)
        accounts = self._store.accounts
        home = Home(accounts.get_state(self.account_id, TASKS_HOME_KEY) or Home.HELPDESK.value)
        queue = accounts.tasks_queue_name(self.account_id)
        return TaskList(email, tasks, self.task_counts(email), home, queue,
                        complete=first is None or len(tasks) < first)

    def task_counts(self, email: str) -> TaskCounts:
        today = self._clock().astimezone().date()
        return self._store.tasks.due_counts(self.account_id, email.lower(), today)

    def attention(self, ticket: TicketView) -> list[PendingChange]:
        """The ticket's changes that wait for the agent's decision (a conflict) or failed for good."""
        return [pending_change(op) for op in self._store.outbox.ticket_ops(ticket.id)
                if op.state in (OpState.CONFLICT, OpState.FAILED)]

    def draft(self, remote_id: str) -> Draft | None:
        return self._store.worklist.draft(self.account_id, remote_id)

    def working_queues(self) -> list[str]:
        return self._store.accounts.working_queues(self.account_id)

    def next_ticket(self, *, exclude: tuple[str, ...] = ()) -> str | None:
        """During a time block, the block's customer's tickets come first (then their organisation's)."""
        queues, now = self.working_queues(), self._clock()
        block = self._store.blocks.current(self.account_id, self.me)
        if block is not None and block.running(now):
            preferred = self._store.worklist.preferred(self.account_id, self.me, queues, now,
                                                       block.customer_email, block.organization,
                                                       exclude=exclude)
            if preferred is not None:
                return preferred
        return self._store.worklist.next_ticket(self.account_id, self.me, queues, now, exclude=exclude)

    def block(self) -> Block | None:
        """The time block not ended yet (under way, or over and not acknowledged)."""
        return self._store.blocks.current(self.account_id, self.me)

    def block_outcome(self, block: Block) -> BlockOutcome:
        return self._store.blocks.outcome(self.account_id, self.me, block, self._clock())

    def blocks_between(self, start: datetime, end: datetime) -> list[BlockOutcome]:
        return self._store.blocks.between(self.account_id, self.me, start, end, self._clock())

    def waits_on_customer(self, remote_id: str) -> bool:
        """Its last public message is an agent's reply: Next offers it only when nothing else is left."""
        return self._store.worklist.waits_on_customer(self.account_id, remote_id)

    def waiting_count(self) -> int:
        return self._store.worklist.waiting_count(self.account_id, self.me, self.working_queues())

    def skipped_count(self) -> int:
        return self._store.worklist.skipped_count(self.account_id, self.working_queues())

    def drafts(self) -> list[DraftLine]:
        return self._store.worklist.drafts(self.account_id)

    def last_focus(self) -> str | None:
        """The ticket the agent had on screen when this account was last used (reopened on start)."""
        return self._store.accounts.get_state(self.account_id, FOCUS_KEY)

    def skip_counts(self, since: datetime) -> dict[str, int]:
        """Skips by reason since then, most given first."""
        return self._store.worklist.skip_counts(self.account_id, since)

    def outbox_status(self) -> OutboxStatus:
        return self._store.views.outbox_status(self.account_id)

    def has_tickets(self) -> bool:
        return self._store.views.has_tickets(self.account_id)

    # --- time ----------------------------------------------------------------------------------

    def ticket_time(self, remote_id: str) -> TicketTime:
        return self._store.timelog.ticket_time(self.account_id, self.me, remote_id)

    def time_between(self, start: datetime, end: datetime) -> float:
        return self._store.timelog.seconds_between(self.account_id, self.me, start, end)

    def time_summary(self, start: datetime, end: datetime) -> TimeSummary:
        return self._store.timelog.summary(self.account_id, self.me, start, end)

    def time_entries(self, start: datetime, end: datetime) -> list[Entry]:
        return self._store.timelog.entries(self.account_id, self.me, start, end)

    def skip_counts_between(self, start: datetime, end: datetime) -> dict[str, int]:
        return self._store.worklist.skip_counts(self.account_id, start, until=end)

    def pending_idle(self) -> list[IdleSpan]:
        return self._store.timelog.pending_idle(self.account_id, self.me)


class Desk:
    def __init__(self, reader: Store, writer: AsyncStore, account_id: int, me: str, *,
                 wake_sync: Callable[[], None] = lambda: None,
                 publish: Callable[[Changes], None] = lambda _changes: None,
                 background: AsyncStore | None = None,
                 clock: Callable[[], datetime] = utc_now) -> None:
        """reader: the GUI thread's connection. background: where `read` runs (a reader thread of its
        own, so that refreshes never queue behind the sync engine's writes); the writer when None.
        publish: told what each write changed."""
        self.reads = DeskReads(reader, account_id, me, clock)
        self._writer = writer
        self._background = background or writer
        self.account_id = account_id
        self.me = me
        self._wake_sync = wake_sync
        self._publish = publish
        self._clock = clock
        # ticket -> the take its current opening made; read and written on the writer's thread only
        self._taken_on_open: dict[str, str] = {}

    def now(self) -> datetime:
        return self._clock()

    async def read(self, fn: Callable[[DeskReads], T]) -> T:
        """fn on the background thread's connection, off the GUI thread."""
        account, me, clock = self.account_id, self.me, self._clock
        return await self._background.call(lambda s: fn(DeskReads(s, account, me, clock)))

    async def read_written(self, fn: Callable[[DeskReads], T]) -> T:
        """fn on the writer's thread: it sees every write queued before it (the timer adds what it
        counted since to what this read)."""
        account, me, clock = self.account_id, self.me, self._clock
        return await self._writer.call(lambda s: fn(DeskReads(s, account, me, clock)))

    # --- reads ---------------------------------------------------------------------------------------

    def other_ticket(self, remote_id: str) -> tuple[TicketView, ThreadPage] | None:
        """One of the customer's other tickets, read-only (its thread may not be in the replica)."""
        ticket = self.reads.ticket(remote_id)
        if ticket is None:
            return None
        return ticket, self.reads.thread_tail(ticket)

    # --- writes (worker thread, then the sync engine) -------------------------------------------------

    async def send(self, remote_id: str, text: str, *, note: bool = False, time_minutes: int = 0,
                   status: TicketStatus | None = None) -> str:
        """The message carries the time tracked on the ticket and not logged yet (and `time_minutes`)."""
        account, me = self.account_id, self.me
        op_id = await self._writer.call(lambda s: s.outbox.queue_message(
            account, remote_id, text, author=me, note=note, time_minutes=time_minutes, status=status))
        self._publish(ticket_written(remote_id, thread=True) | Changes(time=frozenset((remote_id,))))
        self._wake_sync()
        return op_id

    async def set_status(self, remote_id: str, status: TicketStatus) -> None:
        account = self.account_id
        await self._writer.call(lambda s: s.outbox.queue_status(account, remote_id, status))
        self._publish(ticket_written(remote_id))
        self._wake_sync()

    async def take(self, remote_id: str) -> None:
        account, me = self.account_id, self.me
        await self._writer.call(lambda s: s.outbox.queue_take(account, remote_id, me))
        self._publish(ticket_written(remote_id))
        self._wake_sync()

    async def open(self, remote_id: str, *, take: bool) -> bool:
        """The agent opened the ticket: it is remembered as the one in focus (reopened on start), and
        taken when configured and nobody owns it. True if taken. Skipping it before doing anything
        else gives back what this opening took (only this one: not an older take)."""
        ticket = self.reads.ticket(remote_id) if take else None  # (a read spared when not taking)
        account, me = self.account_id, self.me
        taking = ticket is not None and ticket.owner is None and ticket.status.is_active

        def write(s: Store) -> str | None:
            # On the writer's thread, like the skip that reads it: a skip pressed at once still
            # finds what this opening took (the writer runs its calls in order).
            s.accounts.set_state(account, FOCUS_KEY, remote_id)
            taken = s.outbox.take_on_open(account, remote_id, me) if taking else None
            if taken is None:
                self._taken_on_open.pop(remote_id, None)
            else:
                self._taken_on_open[remote_id] = taken
            return taken

        if await self._writer.call(write) is None:
            return False
        self._publish(ticket_written(remote_id))
        self._wake_sync()
        return True

    async def skip(self, remote_id: str, reason: str) -> None:
        """Not offered again until it changes; a ticket that only this opening took goes back to
        nobody, so that colleagues' Next offers it. The reason stays here, counted for the agent's day.
        The ticket is no longer the one in focus (a start does not bring it back)."""
        if not reason.strip():
            raise SkipNeedsReason
        account, me = self.account_id, self.me

        def write(s: Store) -> str | None:
            taken = self._taken_on_open.pop(remote_id, None)
            outcome = s.outbox.skip(account, remote_id, reason, agent=me, taken_on_open=taken)
            if s.accounts.get_state(account, FOCUS_KEY) == remote_id:
                s.accounts.delete_state(account, FOCUS_KEY)
            return outcome

        given_back = await self._writer.call(write)
        if given_back is None:
            self._publish(Changes(worklist=True))
            return
        self._publish(ticket_written(remote_id))
        if given_back == "released":
            self._wake_sync()

    async def leave(self) -> None:
        """No ticket on screen any more (the queue is clear): none to reopen on start."""
        account = self.account_id
        await self._writer.call(lambda s: s.accounts.delete_state(account, FOCUS_KEY))

    async def save_draft(self, remote_id: str, draft: Draft) -> None:
        account = self.account_id
        await self._writer.call(lambda s: s.worklist.save_draft(account, remote_id, draft))

    async def decide(self, op_id: str, *, send: bool) -> None:
        """The agent's choice on a conflict: send anyway, or take the change back (a message returns
        to the draft, its time to the ticket)."""
        op = await self._writer.call(lambda s: s.outbox.resolve(op_id, send=send))
        ids = frozenset((op.ticket_remote_id,)) if op.ticket_remote_id else frozenset()
        self._publish(Changes(tickets=ids, threads=ids, outbox=True, worklist=True, time=ids))
        if send:
            self._wake_sync()

    # --- customer tasks ----------------------------------------------------------------------------

    async def add_task(self, email: str, text: str, *, due: date | None = None,
                       ticket: str | None = None) -> Task:
        """Raises TaskProblem (a ValueError) for a text the helpdesk would not keep."""
        account, me, now = self.account_id, self.me, self._clock()
        task = await self._writer.call(lambda s: s.tasks.add(account, email, text, agent=me, now=now, due=due,
                                                             ticket=ticket))
        self._tasks_written(task.customer)
        return task

    async def edit_task(self, key: str, *, text: str | None = None, due: date | _Keep | None = KEEP) -> Task:
        account = self.account_id
        if isinstance(due, _Keep):
            task = await self._writer.call(lambda s: s.tasks.edit(account, key, text=text))
        else:
            task = await self._writer.call(lambda s: s.tasks.edit(account, key, text=text, due=due))
        self._tasks_written(task.customer)
        return task

    async def set_task_done(self, key: str, done: bool) -> Task:
        account, me, now = self.account_id, self.me, self._clock()
        task = await self._writer.call(lambda s: s.tasks.set_done(account, key, done, agent=me, now=now))
        self._tasks_written(task.customer)
        return task

    async def move_task(self, key: str, email: str, offset: int) -> bool:
        account, now = self.account_id, self._clock()
        moved = await self._writer.call(lambda s: s.tasks.move(account, key, offset, now))
        if moved:
            self._tasks_written(email)
        return moved

    async def delete_task(self, key: str) -> Task:
        account, now = self.account_id, self._clock()
        task = await self._writer.call(lambda s: s.tasks.delete(account, key, now))
        self._tasks_written(task.customer)
        return task

    async def undelete_task(self, key: str) -> Task:
        account = self.account_id
        task = await self._writer.call(lambda s: s.tasks.undelete(account, key))
        self._tasks_written(task.customer)
        return task

    async def decide_task(self, op_id: str, *, keep_mine: bool) -> None:
        """A task's edit held against one made elsewhere: send mine, or take theirs."""
        account = self.account_id
        customer = await self._writer.call(lambda s: s.tasks.decide(account, op_id, keep_mine=keep_mine))
        self._tasks_written(customer)

    def _tasks_written(self, email: str) -> None:
        # Not `outbox`: that would have every ticket panel read again; the counters follow `tasks` too.
        self._publish(Changes(tasks=frozenset((email.lower(),))))
        self._wake_sync()

    # --- time ------------------------------------------------------------------------------------

    async def record_time(self, events: list[TimeEvent]) -> None:
        """What the tracker counted since the last write (every half minute, and at each switch).
        Not published: only the timer shows it, and it knows (a re-read every half minute would be
        work for nothing)."""
        if not events:
            return
        account, me = self.account_id, self.me
        await self._writer.call(lambda s: s.timelog.record(account, me, events))

    async def settle_idle(self, span: IdleSpan, choice: IdleChoice, accruals: list[Accrual]) -> None:
        account, me = self.account_id, self.me
        touched = await self._writer.call(lambda s: s.timelog.settle(account, me, span, choice, accruals))
        self._publish(Changes(time=touched))

    async def adjust_time(self, remote_id: str, seconds: float, reason: str) -> None:
        """Time added or removed by hand; the reason is kept with it."""
        account, me, now = self.account_id, self.me, self._clock()
        await self._writer.call(lambda s: s.timelog.adjust(account, me, remote_id, seconds, reason, now))
        self._publish(Changes(time=frozenset((remote_id,))))

    async def log_time(self, remote_id: str, *, minutes: int | None = None, note: str = "",
                       allow_long: bool = False) -> int:
        """Time worked logged on its own, with no message to the customer: `minutes`, or the ticket's
        tracked time not logged yet (None). Returns the minutes queued (0: none to log yet)."""
        account, me = self.account_id, self.me
        queued = await self._writer.call(lambda s: s.outbox.queue_time(
            account, remote_id, agent=me, minutes=minutes, note=note, allow_long=allow_long))
        if queued is None:
            return 0
        self._publish(Changes(tickets=frozenset((remote_id,)), outbox=True, time=frozenset((remote_id,))))
        self._wake_sync()
        return queued[1]

    # --- time blocks -----------------------------------------------------------------------------

    async def start_block(self, email: str, name: str, organization: str, minutes: float) -> Block:
        """Time reserved for the customer: Next offers their tickets first until it ends."""
        account, me, now = self.account_id, self.me, self._clock()
        block = await self._writer.call(lambda s: s.blocks.start(account, me, email, name, organization,
                                                                 minutes, now))
        self._publish(Changes(worklist=True))
        return block

    async def extend_block(self, minutes: float) -> Block | None:
        account, me, now = self.account_id, self.me, self._clock()
        block = await self._writer.call(lambda s: s.blocks.extend(account, me, minutes, now))
        self._publish(Changes(worklist=True))
        return block

    async def end_block(self) -> Block | None:
        account, me, now = self.account_id, self.me, self._clock()
        block = await self._writer.call(lambda s: s.blocks.end(account, me, now))
        self._publish(Changes(worklist=True))
        return block
