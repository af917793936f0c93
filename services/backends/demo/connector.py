"""The demo helpdesk behind the Connector interface: a seeded workspace kept in a local SQLite file.

Reads answer from memory. Each change follows the helpdesk's rules (a new transaction, a later update
time, more worked time), then what it changed is written in one transaction in a worker thread, under a
lock so that a save never sees a half-made change (services.backends.demo.storage).
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from services.tasks import RemoteTask

from services.backends.base import (
    BackendError,
    ChangeKind,
    Connector,
    NotFound,
    Rejected,
    RemoteChange,
    StarterTasks,
)
from services.backends.demo.activity import simulate
from services.backends.demo.people import DEMO_USER
from services.backends.demo.seed import DEFAULT_SEED, make_workspace
from services.backends.demo.storage import DemoStorage
from services.backends.demo.workspace import NOBODY, TicketRec, Txn, TxnType, Workspace
from services.domain import (
    AttachmentMeta,
    Customer,
    Event,
    Message,
    MessageKind,
    Queue,
    Snippet,
    Ticket,
    TicketHistory,
    TicketPage,
    TicketStatus,
)
from services.ids import is_number, numeric_order
from services.sanitize import clean_body

_MESSAGES = (TxnType.CREATE, TxnType.CORRESPOND, TxnType.COMMENT)
_EVENT_FIELDS = {TxnType.STATUS: "Status", TxnType.OWNER: "Owner", TxnType.TIME: "TimeWorked"}
_CHANGE_KINDS = {TxnType.COMMENT: ChangeKind.NOTE, TxnType.STATUS: ChangeKind.STATUS,
                 TxnType.OWNER: ChangeKind.OWNER, TxnType.TIME: ChangeKind.TIME}

Change = Callable[[Workspace, TicketRec, datetime], object]


class DemoConnector:
    def event_order(self, event_id: str) -> int:
        """History ids are the demo's transaction numbers: numbers that grow with time."""
        return numeric_order(event_id)

    def __init__(self, state_dir: Path, *, now: Callable[[], datetime] | None = None, user: str = DEMO_USER,
                 latency: float = 0.0, seed: int = DEFAULT_SEED, per_page: int = 100) -> None:
        """latency: seconds every call waits, to try the app on a slow network."""
        self._storage = DemoStorage(state_dir)
        self._now = now or (lambda: datetime.now(UTC))
        self._user = user
        self._latency = latency
        self._seed = seed
        self._per_page = per_page
        self._workspace: Workspace | None = None
        self._lock = asyncio.Lock()  # one change (and its save) at a time

    # --- reads ------------------------------------------------------------------------------------

    async def whoami(self) -> str:
        await self._open()
        return self._user

    async def list_queues(self) -> list[Queue]:
        return list((await self._open()).queues)

    async def list_tickets(self, queues: Sequence[str], *, updated_after: datetime | None,
                           page: int = 1) -> TicketPage:
        ws = await self._open()
        if page < 1:
            raise Rejected(f"There is no page {page}.")
        wanted = set(queues)
        after = _aware(updated_after) if updated_after else None
        # By id, which (unlike the update time) does not move while the caller pages.
        found = sorted((t for t in ws.tickets.values() if t.queue in wanted and (
            t.status.is_active if after is None else t.updated > after)), key=lambda t: t.id)
        first = (page - 1) * self._per_page
        chunk = found[first:first + self._per_page]
        more = len(found) > first + self._per_page
        return TicketPage(tuple(self._ticket(ws, t) for t in chunk), next_page=page + 1 if more else None)

    async def customer_tickets(self, email: str) -> list[Ticket]:
        ws = await self._open()
        email = email.lower()
        mine = [t for t in ws.tickets.values()
                if t.requestor.lower() == email and t.status is not TicketStatus.DELETED]
        mine.sort(key=lambda t: (t.created, t.id), reverse=True)
        return [self._ticket(ws, t) for t in mine]

    async def ticket_history(self, ticket_id: str) -> TicketHistory:
        ws = await self._open()
        return self._history(ws, _find(ws, ticket_id), after=0)

    async def thread_updates(self, tickets: Sequence[Ticket],
                             after_event_ids: Mapping[str, str]) -> list[TicketHistory]:
        ws = await self._open()
        return [self._history(ws, _find(ws, t.remote_id), _event_number(after_event_ids.get(t.remote_id, "")))
                for t in tickets]

    async def changes_after(self, ticket_id: str, after_event_id: str, *,
                            with_text: bool = False) -> list[RemoteChange]:
        ws = await self._open()
        ticket, after = _find(ws, ticket_id), _event_number(after_event_id)
        return [self._change_of(ws, x, with_text) for x in ticket.txns if x.id > after]

    async def message_text(self, ticket_id: str, message_id: str) -> str:
        ws = await self._open()
        ticket, wanted = _find(ws, ticket_id), _event_number(message_id)
        for x in ticket.txns:
            if x.id == wanted and x.type in _MESSAGES:
                return clean_body(x.content, x.content_type, whole=True).text
        raise NotFound(f"Ticket {ticket_id} has no message {message_id}.")

    async def snippets(self) -> list[Snippet]:
        return list((await self._open()).snippets)

    async def starter_tasks(self) -> list[RemoteTask]:
        """The workspace's sample tasks, to start the replica's list (the demo has no home for tasks:
        they are kept on this computer only). Some are due: one overdue, one today, one in a few days."""
        from services.tasks import FIRST_POSITION, STEP, RemoteTask

        ws = await self._open()
        now = self._now()
        today = now.astimezone().date()
        dues = {1: today - timedelta(days=1), 3: today, 4: today + timedelta(days=3)}
        colleagues = sorted(a for a in ws.agents if a != self._user) or [self._user]
        found = []
        for number, task in enumerate(ws.tasks.values(), start=1):
            theirs = sorted((t for t in ws.tickets.values() if t.requestor.lower() == task.customer.lower()),
                            key=lambda t: t.id)
            by = self._user if number % 2 else colleagues[number % len(colleagues)]
            found.append(RemoteTask(
                remote_id=task.id, customer=task.customer.lower(), text=task.title,
                due=None if task.done else dues.get(number), done=task.done,
                done_at=task.updated if task.done else None, done_by=by if task.done else "",
                position=FIRST_POSITION - number * STEP, ticket=str(theirs[-1].id) if theirs else None,
                created=task.updated - timedelta(days=2), created_by=by, updated=task.updated))
        return found

    # --- changes ----------------------------------------------------------------------------------

    async def reply(self, ticket_id: str, text: str, *, time_minutes: int = 0,
                    status: TicketStatus | None = None) -> None:
        _check_message(text, time_minutes)
        await self._change(ticket_id, lambda ws, t, at: ws.correspond(
            t, self._user, text, at, minutes=time_minutes, status=status))

    async def note(self, ticket_id: str, text: str, *, time_minutes: int = 0,
                   status: TicketStatus | None = None) -> None:
        _check_message(text, time_minutes)
        await self._change(ticket_id, lambda ws, t, at: ws.comment(
            t, self._user, text, at, minutes=time_minutes, status=status))

    async def log_time(self, ticket_id: str, minutes: int, note: str = "") -> None:
        if minutes <= 0:
            raise Rejected("Time worked must be at least a minute.")
        _check_message(note or "-", minutes)
        await self._change(ticket_id, lambda ws, t, at: ws.comment(t, self._user, note, at, minutes=minutes))

    async def set_status(self, ticket_id: str, status: TicketStatus) -> None:
        await self._change(ticket_id, lambda ws, t, at: ws.set_status(t, self._user, status, at))

    async def take(self, ticket_id: str) -> None:
        await self._change(ticket_id, lambda ws, t, at: ws.set_owner(t, self._user, self._user, at))

    async def release(self, ticket_id: str) -> None:
        await self._change(ticket_id, lambda ws, t, at: ws.set_owner(t, self._user, None, at))

    async def simulate_activity(self, rng: random.Random) -> str | None:
        """A customer answers an active ticket or opens a new one; returns that ticket's id."""
        ws = await self._open()
        async with self._lock:
            ticket = simulate(ws, rng, self._now())
            if ticket is not None:
                await self._save(ws, tickets=(ticket.id,))
        return str(ticket.id) if ticket else None

    async def aclose(self) -> None:
        async with self._lock:  # let a save in progress finish, then close the file (a later change opens
            await asyncio.to_thread(self._storage.close)  # it again)

    # --- inside -----------------------------------------------------------------------------------

    async def _open(self) -> Workspace:
        if self._latency > 0:
            await asyncio.sleep(self._latency)
        if self._workspace is None:
            async with self._lock:
                if self._workspace is None:
                    try:
                        ws = await asyncio.to_thread(self._storage.load_or_seed, self._seed_workspace)
                    except (OSError, sqlite3.Error) as exc:  # held by another process for too long
                        raise BackendError(f"The demo workspace cannot be opened now ({exc}).") from exc
                    if self._user not in ws.agents:
                        ws.agents.append(self._user)
                    self._workspace = ws
        return self._workspace

    def _seed_workspace(self) -> Workspace:
        return make_workspace(self._now(), self._seed)

    async def _change(self, ticket_id: str, change: Change) -> None:
        ws = await self._open()
        async with self._lock:
            ticket = _find(ws, ticket_id)
            before = ws.next_txn_id
            change(ws, ticket, self._now())
            if ws.next_txn_id != before:  # setting a value it already has records nothing
                await self._save(ws, tickets=(ticket.id,))

    async def _save(self, ws: Workspace, *, tickets: tuple[int, ...] = (),
                    tasks: tuple[str, ...] = ()) -> None:
        try:
            await asyncio.to_thread(self._storage.save, ws, tickets=tickets, tasks=tasks)
        except (OSError, sqlite3.Error) as exc:
            # The change is applied in memory (and saved by the next save that succeeds): a retry must
            # look at the history before sending it again.
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise BackendError(f"The demo workspace could not be saved ({detail}).",
                               maybe_delivered=True) from exc

    def _ticket(self, ws: Workspace, t: TicketRec) -> Ticket:
        customer = ws.customers.get(t.requestor.lower()) or Customer(email=t.requestor)
        return Ticket(remote_id=str(t.id), subject=t.subject, queue=t.queue, status=t.status,
                      customer=customer, owner=t.owner, priority=t.priority, created=t.created,
                      updated=t.updated, due=t.due, time_worked_minutes=t.time_worked)

    def _history(self, ws: Workspace, ticket: TicketRec, after: int) -> TicketHistory:
        """The ticket's thread, only the entries newer than `after`."""
        newer = [x for x in ticket.txns if x.id > after]
        messages = tuple(self._message(ws, ticket, x) for x in newer if x.type in _MESSAGES)
        events = tuple(Event(str(x.id), str(ticket.id), x.author, x.created, _EVENT_FIELDS[x.type], x.old,
                             x.new, x.minutes) for x in newer if x.type in _EVENT_FIELDS)
        warnings = tuple(f"Message {m.remote_id} was too long and has been cut." for m in messages
                         if m.truncated)
        return TicketHistory(self._ticket(ws, ticket), messages, events, warnings,
                             last_event_id=str(ticket.txns[-1].id) if ticket.txns else "")

    def _message(self, ws: Workspace, ticket: TicketRec, x: Txn) -> Message:
        body = clean_body(x.content, x.content_type)
        kind = MessageKind.NOTE if x.type is TxnType.COMMENT else (
            MessageKind.AGENT if ws.is_agent(x.author) else MessageKind.CUSTOMER)
        files = tuple(AttachmentMeta(str(a.id), a.filename, a.content_type, a.size) for a in x.attachments)
        return Message(str(x.id), str(ticket.id), kind, x.author, x.created, body.html, body.text,
                       x.minutes, files, body.truncated)

    def _change_of(self, ws: Workspace, x: Txn, with_text: bool) -> RemoteChange:
        if x.type in _CHANGE_KINDS:
            kind = _CHANGE_KINDS[x.type]
        else:
            kind = ChangeKind.REPLY if ws.is_agent(x.author) else ChangeKind.CUSTOMER_MESSAGE
        body = clean_body(x.content, x.content_type) if with_text and x.type in _MESSAGES else None
        # As from RT: a change of owner to nobody reads as "".
        new = "" if kind is ChangeKind.OWNER and x.new == NOBODY else x.new
        return RemoteChange(str(x.id), kind, x.author == self._user, x.author, x.created, new,
                            body.text if body else "", x.minutes, text_cut=bool(body and body.truncated))


def _find(ws: Workspace, ticket_id: str) -> TicketRec:
    ticket = ws.tickets.get(int(ticket_id)) if is_number(ticket_id) else None
    if ticket is None:
        raise NotFound(f"Ticket {ticket_id} does not exist.")
    return ticket


def _event_number(event_id: str) -> int:
    """Event ids are decimal strings; "" stands before the first one."""
    if not event_id:
        return 0
    if not is_number(event_id):
        raise Rejected(f"{event_id!r} is not an event id.")
    return int(event_id)


def _check_message(text: str, minutes: int) -> None:
    if not text.strip():
        raise Rejected("A message needs some text.")
    if minutes < 0:
        raise Rejected("Time taken cannot be negative.")


def _aware(moment: datetime) -> datetime:
    """Naive times are taken as UTC, which is what every time in the workspace is."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


if TYPE_CHECKING:  # mypy proves here that the demo implements the whole protocol
    _conforms: Connector = DemoConnector(Path())
    _has_samples: StarterTasks = DemoConnector(Path())
