"""Pulling from the helpdesk into the replica: initial, then incremental by watermark.

Per queue, the watermark is the newest update time seen. An incremental pull asks for tickets updated
after (watermark - overlap), because a ticket updated in the same second as the watermark, or while we
were paging, must not slip through; the overlap's duplicates are dropped by comparing update times with
what the replica holds. A ticket that cannot be read (bad payload, gone, forbidden) is marked with its
error and the pull goes on; offline and server errors stop the pull with the watermark unchanged.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from services.backends.base import BadPayload, Connector, Forbidden, NotFound, Rejected
from services.domain import Ticket, TicketHistory, TicketPage
from services.store import Store
from services.store.asyncstore import AsyncStore
from services.store.db import to_db_time, utc_now

log = logging.getLogger(__name__)

OVERLAP = timedelta(minutes=5)
CUSTOMER_REFRESH = timedelta(minutes=15)
_TICKET_ERRORS = (BadPayload, NotFound, Forbidden, Rejected)


@dataclass(slots=True)
class PullResult:
    tickets: int = 0  # threads fetched and stored
    messages: int = 0
    customers: int = 0
    errors: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)  # tickets whose thread this pull brought up to date
    touched: set[str] = field(default_factory=set)  # tickets whose header or thread it changed
    emails: set[str] = field(default_factory=set)  # the customers of changed tickets


def _watermark_key(queue: str) -> str:
    return f"watermark:{queue}"


async def pull_queues(connector: Connector, store: AsyncStore, account_id: int) -> list[str]:
    """Refresh the queues the account sees; returns the chosen ones the helpdesk no longer lists."""
    queues = await connector.list_queues()
    missing = await store.call(lambda s: s.accounts.save_queues(account_id, queues))
    for name in missing:
        log.warning("the chosen queue %r is not visible in the helpdesk now; kept, not synced", name)
    return missing


async def pull_tickets(connector: Connector, store: AsyncStore, account_id: int,
                       *, extra_tickets: Iterable[str] = ()) -> PullResult:
    """Pull the working queues, then `extra_tickets` (e.g. just pushed to), then their customers."""
    result = PullResult()
    customers: set[str] = set()
    queues = await store.call(lambda s: s.accounts.working_queues(account_id))
    for queue in queues:
        await _pull_queue(connector, store, account_id, queue, result, customers)
    # Tickets we just wrote to, outside the working queues: their confirmed thread replaces our copy.
    extra = [t for t in dict.fromkeys(extra_tickets) if t not in result.seen]
    if extra:
        histories = await asyncio.gather(*(connector.ticket_history(t) for t in extra))
        await store.call(lambda s: s.replica.apply_histories(account_id, histories))
        result.touched.update(extra)
    # A customer's tickets in the working queues stay fresh through the queue pulls; the others
    # (other queues) are refreshed when one of their tickets changes, at most every CUSTOMER_REFRESH.
    since = to_db_time(utc_now() - CUSTOMER_REFRESH)
    emails = sorted(customers)
    fresh = await store.call(lambda s: s.replica.customers_synced_since(account_id, emails, since))
    # The connector bounds how many of these run at once.
    await asyncio.gather(*(_pull_customer(connector, store, account_id, email, result)
                           for email in emails if email.lower() not in fresh))
    result.emails.update(email.lower() for email in emails)
    return result


async def _pull_queue(connector: Connector, store: AsyncStore, account_id: int, queue: str,
                      result: PullResult, customers: set[str]) -> None:
    key = _watermark_key(queue)
    mark = await store.call(lambda s: s.accounts.get_state(account_id, key))
    previous = datetime.fromisoformat(mark) if mark else None
    newest = previous
    after = previous - OVERLAP if previous else None
    # The next page of the listing is read while the threads of this one are fetched.
    upcoming: asyncio.Task[TicketPage] | None = asyncio.create_task(
        connector.list_tickets([queue], updated_after=after, page=1))
    try:
        while upcoming is not None:
            listing = await upcoming
            upcoming = None
            if listing.next_page is not None:
                upcoming = asyncio.create_task(
                    connector.list_tickets([queue], updated_after=after, page=listing.next_page))
            result.errors.extend(f"{queue}: {e}" for e in listing.errors)
            await _pull_threads(connector, store, account_id, list(listing.tickets), previous is not None,
                                result, customers)
            for t in listing.tickets:
                newest = t.updated if newest is None or t.updated > newest else newest
    finally:
        if upcoming is not None and not upcoming.done():
            upcoming.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await upcoming
    if newest is not None:
        value = newest.isoformat()
        await store.call(lambda s: s.accounts.set_state(account_id, key, value))


async def _pull_threads(connector: Connector, store: AsyncStore, account_id: int, tickets: list[Ticket],
                        incremental: bool, result: PullResult, customers: set[str]) -> None:
    """Store what changed in these tickets' threads, in one transaction.

    Threads are fetched for many tickets together, from the last entry we hold (from the start for
    a ticket we do not hold yet); the connector bounds the concurrency and pages."""
    held = await store.call(
        lambda s: s.replica.thread_versions(account_id, [t.remote_id for t in tickets]))
    changed: list[Ticket] = []  # the update time moved, or a ticket new to us
    unsure: list[Ticket] = []  # same update time, but possibly changed later in that same second
    headers_only: list[Ticket] = []
    for t in tickets:
        version = held.get(t.remote_id)
        if version is None:
            # A closed ticket we never held (e.g. resolved by a colleague) is not work: its header
            # is enough, as for the customer's history; its thread comes if it is ever reopened.
            (changed if t.status.is_active else headers_only).append(t)
        elif version.updated != to_db_time(t.updated):
            changed.append(t)
        elif incremental:
            # Helpdesk times have whole seconds: a change made in the second we last read this
            # thread keeps the update time we hold. Which second that was is not known exactly
            # (pages are read while threads are fetched), so every held ticket inside the overlap
            # window is re-read from its last entry: one batched search, nothing if nothing is new.
            unsure.append(t)
    wanted = changed + unsure
    if not wanted:
        if headers_only:
            await store.call(lambda s: s.replica.apply_summaries(account_id, headers_only))
            result.touched.update(t.remote_id for t in headers_only)
        return
    histories: list[TicketHistory] = []
    failed: list[tuple[str, str]] = []
    batch_failed = False
    try:
        histories = await connector.thread_updates(
            wanted, {t.remote_id: held[t.remote_id].last_event_id for t in wanted if t.remote_id in held})
    except _TICKET_ERRORS as exc:  # one bad entry spoils the batch: fall back to ticket by ticket
        log.warning("batched thread fetch failed (%s); fetching threads one by one", exc)
        batch_failed = True
    if batch_failed:
        outcomes = await asyncio.gather(*(connector.ticket_history(t.remote_id) for t in wanted),
                                        return_exceptions=True)
        for ticket, outcome in zip(wanted, outcomes, strict=True):
            if isinstance(outcome, _TICKET_ERRORS):
                failed.append((ticket.remote_id, str(outcome)))
            elif isinstance(outcome, BaseException):
                raise outcome
            else:
                histories.append(outcome)
    for h in histories:
        result.errors.extend(f"ticket {h.ticket.remote_id}: {w}" for w in h.warnings)
    stored = {h.ticket.remote_id for h in histories}
    # A ticket whose thread cannot be read still shows its header, with the error beside it.
    summaries = [t for t in wanted if t.remote_id not in stored] + headers_only

    def save(s: Store) -> None:
        s.replica.apply_summaries(account_id, summaries)
        s.replica.apply_histories(account_id, histories)
        for remote_id, error in failed:
            s.replica.set_ticket_error(account_id, remote_id, error)

    await store.call(save)
    for remote_id, error in failed:
        log.warning("cannot read ticket %s: %s", remote_id, error)
        result.errors.append(f"ticket {remote_id}: {error}")
    moved = {t.remote_id for t in changed}
    updated = [h for h in histories if h.ticket.remote_id in moved or h.messages or h.events]
    result.seen.update(t.remote_id for t in wanted)
    result.touched.update(h.ticket.remote_id for h in updated)
    result.touched.update(t.remote_id for t in headers_only)
    result.touched.update(remote_id for remote_id, _error in failed)
    result.tickets += len(updated)
    result.messages += sum(len(h.messages) for h in updated)
    customers.update(t.customer.email for t in changed if t.customer)


async def _pull_customer(connector: Connector, store: AsyncStore, account_id: int, email: str,
                         result: PullResult) -> None:
    """The customer's tickets across ALL queues, as summaries: the history beside the ticket."""
    try:
        tickets = await connector.customer_tickets(email)
    except _TICKET_ERRORS as exc:
        result.errors.append(f"customer {email}: {exc}")
        return
    now = to_db_time(utc_now())

    def save(s: Store) -> None:
        s.replica.apply_summaries(account_id, tickets)
        s.replica.mark_customer_synced(account_id, email, now)

    await store.call(save)
    result.customers += 1
