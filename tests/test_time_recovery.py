"""The time ledger through a repair of damaged local data: time tracked after the last good copy comes
back when the damaged file can still be read; when it cannot, a change put back keeps its minutes
logged (never logged twice by the next message), and a change the agent took back gives its time back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from services.domain import Customer, Ticket, TicketHistory, TicketStatus
from services.store import Store, recovery
from services.tracker import Accrual
from tests.test_storage_faults import damage

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def replica_with_ticket(path: Path) -> int:
    with Store(path) as store:
        account = store.accounts.add("demo", "demo", "", "agent")
        ticket = Ticket("7", "Thermostat", "Product Alpha", TicketStatus.OPEN, Customer("c@example.com"),
                        None, 0, T0, T0)
        store.replica.apply_histories(account.id, [TicketHistory(ticket, (), (), last_event_id="70")])
        return account.id


def unlogged(path: Path, account: int) -> float:
    with Store(path) as store:
        return store.timelog.ticket_time(account, "agent", "7").unlogged


def test_a_reply_put_back_by_a_repair_keeps_its_minutes_logged(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    account = replica_with_ticket(path)
    with Store(path) as store:
        store.timelog.record(account, "agent", [Accrual("7", T0, T0 + timedelta(minutes=20))])
    assert recovery.keep_good_copy(path, force=True)  # the copy: 20 min, not logged yet
    with Store(path) as store:
        store.outbox.queue_message(account, "7", "Queued after the copy.", author="agent")  # carries 20
    damage(path, "overwritten")  # nothing of the file can be read: the copy and the journal remain
    recovery.repair(path)
    with Store(path) as store:
        [op] = store.outbox.open_ops(account)
        assert op.payload["time_minutes"] == 20
        again = store.outbox.queue_message(account, "7", "And one more thing.", author="agent")
        assert store.outbox.get(again).payload["time_minutes"] == 0  # type: ignore[union-attr]  # not twice
    assert unlogged(path, account) == 0


def test_a_change_taken_back_after_the_copy_gives_its_time_back_after_a_repair(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    account = replica_with_ticket(path)
    with Store(path) as store:
        store.timelog.record(account, "agent", [Accrual("7", T0, T0 + timedelta(minutes=6))])
        queued = store.outbox.queue_time(account, "7", agent="agent")
    assert queued is not None
    assert recovery.keep_good_copy(path, force=True)  # the copy: the entry queued, its 6 min logged
    with Store(path) as store:
        store.outbox.mark_failed(queued[0], "refused")
        store.outbox.resolve(queued[0], send=False)  # taken back (the journal says so)
    damage(path, "overwritten")
    recovery.repair(path)
    with Store(path) as store:
        assert store.outbox.open_ops(account) == []
    assert unlogged(path, account) == 6 * 60  # the ticket's again, to log later: not lost


def test_time_tracked_after_the_copy_comes_back_when_the_file_can_still_be_read(tmp_path: Path) -> None:
    path = tmp_path / "replica.sqlite"
    account = replica_with_ticket(path)
    with Store(path) as store:
        store.timelog.record(account, "agent", [Accrual("7", T0, T0 + timedelta(minutes=10))])
    assert recovery.keep_good_copy(path, force=True)
    with Store(path) as store:  # the afternoon, after the copy
        store.timelog.record(account, "agent", [Accrual("7", T0 + timedelta(hours=4),
                                                        T0 + timedelta(hours=5))])
        store.timelog.adjust(account, "agent", "7", 300, "phone call")
        store.outbox.queue_message(account, "7", "Done for today.", author="agent")  # logs 75 min
    recovery.repair(path)  # a file found damaged whose tables still read: the ledger is taken whole
    with Store(path) as store:
        time = store.timelog.ticket_time(account, "agent", "7")
        assert (time.seconds, time.unlogged) == ((10 + 60 + 5) * 60, 0)
        [op] = store.outbox.open_ops(account)
        assert op.payload["time_minutes"] == 75
