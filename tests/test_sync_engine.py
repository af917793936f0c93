"""The sync engine never stops silently: a failing observer, a bug in a cycle and a second pusher on
the same profile are each survived, shown and retried (on the demo helpdesk, a real replica file)."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.backends.base import CannedReplies, Offline, RemoteChange
from services.backends.demo.connector import DemoConnector
from services.domain import MessageKind, Snippet, Ticket, TicketHistory, TicketPage
from services.pending import Conflict, Reason
from services.store.profile_lock import ProfileLock, Role
from services.sync.engine import SyncedElsewhere, SyncEngine
from services.sync.status import EngineStatus, SyncState
from tests.support.harness import Harness, wait_until


class _BuggyOnce(DemoConnector):
    """The demo helpdesk, whose ticket parser fails once the way a parser bug does."""

    failures = 1

    async def list_tickets(self, *args: object, **kwargs: object) -> TicketPage:
        if self.failures:
            self.failures -= 1
            raise KeyError("Subject")  # not a BackendError: a bug, not the network
        return await super().list_tickets(*args, **kwargs)  # type: ignore[arg-type]


def harness(tmp_path: Path, connector: DemoConnector | None = None) -> Harness:
    return Harness.create(tmp_path / "replica.sqlite", connector or DemoConnector(tmp_path / "demo"),
                          backend="demo", user="demo.agent", interval=3600, max_backoff=0.2)


async def test_an_observer_that_raises_does_not_stop_the_sync(tmp_path: Path) -> None:
    h = harness(tmp_path)
    seen: list[SyncState] = []

    def broken(status: EngineStatus) -> None:
        raise RuntimeError("a window being torn down")

    h.engine.observe(broken)
    h.engine.observe(lambda status: seen.append(status.state))
    try:
        report = await h.engine.sync_once()
        assert report.tickets_pulled > 0 and h.engine.status.state is SyncState.IDLE
        assert seen == [SyncState.SYNCING, SyncState.IDLE]  # later observers still heard everything
    finally:
        await h.close()


async def test_a_bug_in_one_cycle_is_shown_logged_and_retried_until_it_works(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    h = harness(tmp_path, _BuggyOnce(tmp_path / "demo"))
    seen: list[EngineStatus] = []
    h.engine.observe(seen.append)
    runner = asyncio.get_running_loop().create_task(h.engine.run())
    try:
        await wait_until(lambda: any(s.state is SyncState.IDLE for s in seen), what="a good cycle")
        problem = next(s for s in seen if s.state is SyncState.PROBLEM and s.retry_in)
        assert problem.last_error == "KeyError: 'Subject'"
        assert "sync cycle failed" in caplog.text and "Traceback" in caplog.text  # the bug, for the log
        assert not runner.done()
    finally:
        runner.cancel()
        await asyncio.gather(runner, return_exceptions=True)
        await h.close()


async def test_only_one_engine_pushes_a_profile_and_the_other_takes_over_when_it_stops(
        tmp_path: Path) -> None:
    first = harness(tmp_path)
    replica = tmp_path / "replica.sqlite"
    try:
        lock_a = ProfileLock.pusher(replica, "demo.agent@demo", Role.WINDOW)
        lock_b = ProfileLock.pusher(replica, "demo.agent@demo", Role.DAEMON)
        engine_a = SyncEngine(first.connector, first.writer, first.account_id, "demo.agent", interval=3600,
                              lock=lock_a)
        engine_b = SyncEngine(DemoConnector(tmp_path / "demo"), first.writer, first.account_id, "demo.agent",
                              interval=3600, lock=lock_b, lock_poll=0.05)
        await engine_a.sync_once()
        with pytest.raises(SyncedElsewhere, match=r"The Monodesk window \(process \d+\) is syncing"):
            await engine_b.sync_once()
        assert engine_b.status.state is SyncState.ELSEWHERE

        runner_a = asyncio.get_running_loop().create_task(engine_a.run())
        runner_b = asyncio.get_running_loop().create_task(engine_b.run())
        await asyncio.sleep(0)
        await wait_until(lambda: engine_b.status.state is SyncState.ELSEWHERE, what="b to wait")
        runner_a.cancel()  # the window closes: its lock goes with it
        await asyncio.gather(runner_a, return_exceptions=True)
        await wait_until(lambda: engine_b.status.state is SyncState.IDLE and lock_b.held,
                         what="b to take over")
        runner_b.cancel()
        await asyncio.gather(runner_b, return_exceptions=True)
        assert not lock_b.held
    finally:
        await first.close()


class _LosesAnswers(DemoConnector):
    """The demo helpdesk behind a connection that drops every answer to a reply, after the reply
    arrived (what a flaky home connection does)."""

    lose = True

    async def reply(self, ticket_id: str, text: str, **kwargs: object) -> None:
        await super().reply(ticket_id, text, **kwargs)  # type: ignore[arg-type]
        if self.lose:
            raise Offline("The connection failed during POST /reply (connection broken while reading).",
                          maybe_delivered=True)


async def test_a_change_in_doubt_is_left_to_settle_before_the_history_is_read(tmp_path: Path) -> None:
    moments = [datetime(2026, 12, 1, 9, 0, tzinfo=UTC)]
    connector = _LosesAnswers(tmp_path / "demo")
    h = harness(tmp_path, connector)
    h.engine = SyncEngine(connector, h.writer, h.account_id, "demo.agent", interval=3600,
                          settle_after_doubt=30, clock=lambda: moments[0])
    try:
        await h.engine.sync_once()
        ticket = next(t for t in h.store.worklist.offerable(h.account_id, "demo.agent",
                                                             h.store.accounts.working_queues(h.account_id),
                                                             moments[0], limit=1))
        op_id = h.store.outbox.queue_message(h.account_id, ticket, "Sent once, answered never.",
                                             author="demo")
        with pytest.raises(Offline):
            await h.engine.sync_once()
        connector.lose = False
        stored = h.store.outbox.get(op_id)
        assert stored is not None and stored.attempts == 1 and stored.updated_at is not None
        moments[0] = stored.updated_at + timedelta(seconds=5)  # too soon: the helpdesk may still be at it
        report = await h.engine.sync_once()
        assert report.ops_pushed == 0 and h.store.outbox.get(op_id).attempts == 1  # type: ignore[union-attr]
        moments[0] = stored.updated_at + timedelta(seconds=31)
        report = await h.engine.sync_once()
        assert report.ops_pushed == 1  # found in the history: delivered, not sent again
        copies = [m for m in (await connector.ticket_history(ticket)).messages
                  if m.text == "Sent once, answered never."]
        assert len(copies) == 1
    finally:
        await h.close()


def snippets_held(h: Harness) -> int:
    return int(h.store.conn.execute("SELECT COUNT(*) FROM snippets WHERE account_id = ?",
                                    (h.account_id,)).fetchone()[0])


class _CountsSnippets(DemoConnector):
    snippet_calls = 0

    async def snippets(self) -> list[Snippet]:
        self.snippet_calls += 1
        return await super().snippets()


class _WithoutCannedReplies:
    """The demo helpdesk seen through the core Connector only: it has no snippets() to offer."""

    def __init__(self, inner: DemoConnector) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> object:
        if name == "snippets":
            raise AttributeError(name)
        return getattr(self._inner, name)


async def test_canned_replies_are_pulled_only_from_a_helpdesk_that_keeps_them(tmp_path: Path) -> None:
    keeps = _CountsSnippets(tmp_path / "a" / "demo")
    h = harness(tmp_path / "a", keeps)
    try:
        await h.engine.sync_once()
        assert keeps.snippet_calls == 1 and snippets_held(h) > 0
    finally:
        await h.close()

    inner = _CountsSnippets(tmp_path / "b" / "demo")
    plain = _WithoutCannedReplies(inner)
    assert not isinstance(plain, CannedReplies) and isinstance(inner, CannedReplies)
    h = harness(tmp_path / "b", plain)  # type: ignore[arg-type]
    try:
        report = await h.engine.sync_once()
        assert report.tickets_pulled > 0 and not report.errors and h.engine.status.state is SyncState.IDLE
        assert inner.snippet_calls == 0 and snippets_held(h) == 0
    finally:
        await h.close()


class _OpaqueIds:
    """The demo helpdesk with history ids that are not numbers, and whose text order is not their
    order ("txn-10" sorts before "txn-9"): only event_order() says which entry came first."""

    def __init__(self, inner: DemoConnector) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)

    @staticmethod
    def _opaque(event_id: str) -> str:
        return f"txn-{event_id}" if event_id else ""

    @staticmethod
    def _plain(event_id: str) -> str:
        return event_id.removeprefix("txn-")

    def event_order(self, event_id: str) -> int:
        return int(self._plain(event_id)) if event_id else -1

    def _history(self, h: TicketHistory) -> TicketHistory:
        return replace(h, last_event_id=self._opaque(h.last_event_id),
                       messages=tuple(replace(m, remote_id=self._opaque(m.remote_id)) for m in h.messages),
                       events=tuple(replace(e, remote_id=self._opaque(e.remote_id)) for e in h.events))

    async def ticket_history(self, ticket_id: str) -> TicketHistory:
        return self._history(await self._inner.ticket_history(ticket_id))

    async def thread_updates(self, tickets: Sequence[Ticket],
                             after: Mapping[str, str]) -> list[TicketHistory]:
        plain = {t: self._plain(e) for t, e in after.items()}
        return [self._history(h) for h in await self._inner.thread_updates(tickets, plain)]

    async def changes_after(self, ticket_id: str, after_event_id: str, *,
                            with_text: bool = False) -> list[RemoteChange]:
        changes = await self._inner.changes_after(ticket_id, self._plain(after_event_id), with_text=with_text)
        return [replace(c, event_id=self._opaque(c.event_id)) for c in changes]

    async def message_text(self, ticket_id: str, message_id: str) -> str:
        return await self._inner.message_text(ticket_id, self._plain(message_id))


async def test_ids_that_are_not_numbers_still_order_threads_and_reveal_conflicts(tmp_path: Path) -> None:
    inner = DemoConnector(tmp_path / "demo")
    h = harness(tmp_path, _OpaqueIds(inner))  # type: ignore[arg-type]
    try:
        await h.engine.sync_once()
        rng = random.Random(5)
        while True:  # a customer writes again on a ticket the agent already holds
            written = await inner.simulate_activity(rng)
            if written is not None and h.store.views.ticket(h.account_id, written) is not None:
                break
        held = [m.remote_id for m in h.store.views.thread(h.ticket(written).id)]
        assert held and all(r and r.startswith("txn-") for r in held)
        op_id = h.store.outbox.queue_message(h.account_id, written, "Answered without seeing the news.",
                                             author="demo.agent")

        report = await h.engine.sync_once()
        op = h.store.outbox.get(op_id)
        assert op is not None and op.state.value == "conflict" and report.conflicts == 1
        conflict = Conflict.decode(op.conflict)
        assert conflict is not None and conflict.reason is Reason.CUSTOMER_WROTE
        thread = h.store.views.thread(h.ticket(written).id)
        remote = [m for m in thread if m.remote_id]
        assert [m.remote_id for m in remote][:len(held)] == held  # what was held keeps its place
        newest = (await inner.ticket_history(written)).messages[-1]
        assert remote[-1].text == newest.text and remote[-1].kind is MessageKind.CUSTOMER
        assert thread[-1].text == "Answered without seeing the news."  # the local reply after all of it
    finally:
        await h.close()
