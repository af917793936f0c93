"""Customer tasks without Qt: due days in the customer's and the agent's time zones, the order shown and
kept through moves, and the replica's changes: one outbox change per edit (moves folded into one), a
pull that never overwrites what this profile is about to send, delete and its undo."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from services.store import OpKind, Store
from services.tasks import (
    DueState,
    RemoteTask,
    Task,
    TaskProblem,
    check_text,
    due_state,
    moved_position,
    position_below,
    renumber,
    shown_order,
)

PARIS, NEW_YORK, TOKYO = ZoneInfo("Europe/Paris"), ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 12, 3, 10, 0, tzinfo=UTC)  # 11:00 in Paris, 05:00 in New York, 19:00 in Tokyo


def task(key: str, position: int = 0, *, due: date | None = None, done_at: datetime | None = None) -> Task:
    return Task(key, None, "c@example.com", key, due, done_at, "", position, None, NOW - timedelta(days=1),
                "")


# --- due days ---------------------------------------------------------------------------------------


def test_a_task_due_today_is_due_today_and_overdue_once_the_day_ends_where_the_promise_was_made() -> None:
    today = task("a", due=date(2026, 12, 3))
    assert due_state(today, NOW, PARIS) is DueState.TODAY
    midnight_in_paris = datetime(2026, 12, 3, 23, 0, tzinfo=UTC)
    assert due_state(today, midnight_in_paris, PARIS) is DueState.OVERDUE
    # For a customer in New York the 3rd ends six hours later: not overdue yet at midnight in Paris.
    assert due_state(today, datetime(2026, 12, 3, 23, 0, tzinfo=UTC), PARIS, NEW_YORK) is DueState.TODAY
    assert due_state(today, datetime(2026, 12, 4, 5, 0, tzinfo=UTC), PARIS, NEW_YORK) is DueState.OVERDUE


def test_a_task_due_tomorrow_for_a_customer_east_of_the_agent_may_fall_due_today() -> None:
    tomorrow = task("a", due=date(2026, 12, 4))
    assert due_state(tomorrow, NOW, PARIS) is DueState.LATER
    # The 4th ends in Tokyo at 15:00 UTC on the 4th: after the agent's day, so still later...
    assert due_state(tomorrow, NOW, PARIS, TOKYO) is DueState.LATER
    # ...but the 3rd ends in Tokyo at 15:00 UTC on the 3rd, before the agent's day ends: overdue at 16:00.
    yesterday_there = task("b", due=date(2026, 12, 3))
    assert due_state(yesterday_there, NOW, PARIS, TOKYO) is DueState.TODAY
    assert due_state(yesterday_there, NOW + timedelta(hours=6), PARIS, TOKYO) is DueState.OVERDUE


def test_done_and_undated_tasks_are_never_due() -> None:
    assert due_state(task("a"), NOW, PARIS) is DueState.NONE
    assert due_state(task("b", due=date(2026, 1, 1), done_at=NOW), NOW, PARIS) is DueState.NONE
    assert due_state(task("c", due=date(2026, 12, 1)), NOW, PARIS) is DueState.OVERDUE


def test_a_task_is_a_line_of_words() -> None:
    assert check_text("  Call   back\n on Friday ") == "Call back on Friday"
    assert check_text("é" * 100) == "é" * 100  # 200 bytes: what RT keeps of a subject
    for bad in ("", "   \n\t", "x" * 201, "é" * 101):
        try:
            check_text(bad)
        except TaskProblem as exc:
            assert str(exc)
        else:
            raise AssertionError(f"{bad[:10]!r} was taken as a task")


# --- order ------------------------------------------------------------------------------------------


def test_open_tasks_by_position_then_the_recently_done_latest_first() -> None:
    tasks = [task("low", 10), task("high", 30), task("old-done", 99, done_at=NOW - timedelta(days=20)),
             task("done", 50, done_at=NOW - timedelta(hours=2)), task("mid", 20),
             task("just-done", 5, done_at=NOW - timedelta(minutes=1))]
    assert [t.key for t in shown_order(tasks, NOW)] == ["high", "mid", "low", "just-done", "done"]


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 12), st.lists(st.tuples(st.integers(0, 11), st.sampled_from([-1, 1])), max_size=60))
def test_moves_reorder_the_list_as_the_agent_asked(count: int, moves: list[tuple[int, int]]) -> None:
    """Moved by positions (a gap closed: renumbered), the list matches the same moves on a plain list."""
    tasks = {f"t{i}": task(f"t{i}", 0) for i in range(count)}
    for i, key in enumerate(list(tasks)):
        lowest = min((t.position for t in list(tasks.values())[:i]), default=None)
        tasks[key] = task(key, position_below(lowest))
    expected = list(tasks)
    for index, offset in moves:
        index %= count
        shown = shown_order(list(tasks.values()), NOW)
        key = shown[index].key
        target = index + offset
        position = moved_position(shown, key, offset)
        if position is None and 0 <= target < count:
            for other, fresh in renumber(shown).items():
                tasks[other] = task(other, fresh)
            position = moved_position(shown_order(list(tasks.values()), NOW), key, offset)
            assert position is not None
        if position is not None:
            tasks[key] = task(key, position)
            expected.insert(target, expected.pop(index))
        assert [t.key for t in shown_order(list(tasks.values()), NOW)] == expected


# --- the replica ------------------------------------------------------------------------------------


def _store(tmp_path: Path) -> tuple[Store, int]:
    store = Store(tmp_path / "replica.sqlite")
    account = store.accounts.add("rt", "rt", "http://127.0.0.1", "agent")
    return store, account.id


def _payloads(store: Store, account: int) -> list[dict[str, object]]:
    return [op.payload for op in store.outbox.open_ops(account) if op.kind is OpKind.TASK]


def test_each_change_is_queued_once_and_a_run_of_moves_is_one(tmp_path: Path) -> None:
    store, acc = _store(tmp_path)
    first = store.tasks.add(acc, "Carol@Example.com", "Call back", agent="agent", now=NOW, ticket="304")
    second = store.tasks.add(acc, "carol@example.com", "Refund", agent="agent", now=NOW,
                             due=date(2026, 12, 4))
    assert first.customer == "carol@example.com" and first.position > second.position
    for op in store.outbox.open_ops(acc):  # as if sent: the creations reached the helpdesk
        store.outbox.mark_done(op.op_id)
    store.tasks.created(acc, first.key, "901")
    store.tasks.created(acc, second.key, "902")
    store.tasks.edit(acc, first.key, text="Call back on Friday")
    assert store.tasks.move(acc, second.key, -1, NOW)
    assert not store.tasks.move(acc, second.key, -1, NOW)  # first already
    assert store.tasks.move(acc, second.key, +1, NOW) and store.tasks.move(acc, second.key, -1, NOW)
    store.tasks.set_done(acc, first.key, True, agent="agent", now=NOW)
    changes = [p.get("changes") for p in _payloads(store, acc)]
    assert changes[0] == {"text": ["Call back", "Call back on Friday"]}
    assert len(changes) == 3 and set(changes[1]) == {"position"}  # three moves, one change
    assert changes[2] == {"done": [False, True]}
    shown = store.tasks.for_customer(acc, "carol@example.com", NOW)
    assert [t.key for t in shown] == [second.key, first.key] and shown[1].done_by == "agent"


def test_a_pull_keeps_what_this_profile_is_about_to_send(tmp_path: Path) -> None:
    store, acc = _store(tmp_path)
    mine = store.tasks.add(acc, "carol@example.com", "Call back", agent="agent", now=NOW)
    store.outbox.mark_done(store.outbox.open_ops(acc)[0].op_id)
    store.tasks.created(acc, mine.key, "901")
    store.tasks.edit(acc, mine.key, text="Call back on Friday")  # queued, not sent

    def remote(text: str, **extra: object) -> RemoteTask:
        fields = dict(remote_id="901", customer="carol@example.com", text=text, due=date(2026, 12, 9),
                      done=False, done_at=None, done_by="", position=7, ticket=None, created=NOW,
                      created_by="agent", updated=NOW)
        return RemoteTask(**(fields | extra))  # type: ignore[arg-type]

    theirs = RemoteTask(remote_id="950", customer="carol@example.com", text="Colleague's", due=None,
                        done=False, done_at=None, done_by="", position=1, ticket="77", created=NOW,
                        created_by="bob", updated=NOW)
    touched = store.tasks.apply_remote(acc, [remote("Call back"), theirs], NOW)
    kept = store.tasks.get(acc, mine.key)
    assert touched == {"carol@example.com"}
    assert kept is not None and kept.text == "Call back on Friday"  # mine, about to be sent
    assert kept.due == date(2026, 12, 9) and kept.position == 7  # theirs where I changed nothing
    colleague = next(t for t in store.tasks.all(acc) if t.remote_id == "950")
    assert colleague.created_by == "bob" and colleague.ticket == "77"
    # A complete listing without the colleague's task: it was deleted there.
    store.tasks.apply_remote(acc, [remote("Call back")], NOW, complete=True)
    assert [t.remote_id for t in store.tasks.all(acc)] == ["901"]


def test_deleting_and_undoing(tmp_path: Path) -> None:
    store, acc = _store(tmp_path)
    draft = store.tasks.add(acc, "carol@example.com", "Never sent", agent="agent", now=NOW)
    store.tasks.delete(acc, draft.key, NOW)
    assert not _payloads(store, acc) and not store.tasks.for_customer(acc, "carol@example.com", NOW)
    store.tasks.undelete(acc, draft.key)  # the creation is queued again
    assert [p["action"] for p in _payloads(store, acc)] == ["create"]
    store.outbox.mark_done(store.outbox.open_ops(acc)[0].op_id)
    store.tasks.created(acc, draft.key, "901")
    store.tasks.delete(acc, draft.key, NOW)
    store.tasks.undelete(acc, draft.key)  # before the delete left: nothing to send
    assert not _payloads(store, acc)
    store.tasks.delete(acc, draft.key, NOW)
    store.outbox.claim(store.outbox.open_ops(acc)[0], "")  # the delete is on its way
    store.tasks.undelete(acc, draft.key)
    assert [p["action"] for p in _payloads(store, acc)] == ["delete", "restore"]
    assert [t.key for t in store.tasks.for_customer(acc, "carol@example.com", NOW)] == [draft.key]


def test_a_held_edit_is_decided_by_the_agent(tmp_path: Path) -> None:
    store, acc = _store(tmp_path)
    mine = store.tasks.add(acc, "carol@example.com", "Ship it", agent="agent", now=NOW)
    store.outbox.mark_done(store.outbox.open_ops(acc)[0].op_id)
    store.tasks.created(acc, mine.key, "901")
    store.tasks.edit(acc, mine.key, text="Ship it by post")
    [op] = store.outbox.open_ops(acc)
    store.outbox.mark_conflict(op.op_id, json.dumps({"field": "text", "theirs": "Ship it by DHL"}), "")
    assert "DHL" in (store.tasks.get(acc, mine.key) or mine).conflict
    store.tasks.decide(acc, op.op_id, keep_mine=False)
    taken = store.tasks.get(acc, mine.key)
    assert taken is not None and taken.text == "Ship it by DHL" and not taken.conflict
    assert not store.outbox.open_ops(acc)
    store.tasks.edit(acc, mine.key, text="Ship it by post")
    [op] = store.outbox.open_ops(acc)
    store.outbox.mark_conflict(op.op_id, json.dumps({"field": "text", "theirs": "Ship it by UPS"}), "")
    store.tasks.decide(acc, op.op_id, keep_mine=True)
    [again] = store.outbox.open_ops(acc)
    assert again.payload["changes"] == {"text": ["Ship it by UPS", "Ship it by post"]}
    assert again.state.value == "pending"


def test_the_tasks_queue_is_never_worked_so_next_never_offers_its_tickets(tmp_path: Path) -> None:
    from services.domain import Queue

    store, acc = _store(tmp_path)
    store.accounts.save_queues(acc, [Queue("1", "Product Alpha"), Queue("9", "Customer tasks")])
    assert store.accounts.working_queues(acc) == ["Product Alpha"]  # every visible queue but that one
    store.accounts.choose_queues(acc, ["Product Alpha", "Customer tasks"])
    assert store.accounts.working_queues(acc) == ["Product Alpha"]
    assert [q.name for q in store.accounts.queues(acc) if q.tasks] == ["Customer tasks"]
    assert store.accounts.tasks_queue(acc) == "Customer tasks"
    store.accounts.set_tasks_queue(acc, "Follow-ups")  # another home, not visible: tasks wait here
    assert store.accounts.tasks_queue(acc) is None
    assert store.accounts.working_queues(acc) == ["Customer tasks", "Product Alpha"]


def _sent(store: Store, acc: int, key: str, remote_id: str) -> None:
    for op in store.outbox.open_ops(acc):
        store.outbox.mark_done(op.op_id)
    store.tasks.created(acc, key, remote_id)


def test_a_move_folded_into_a_change_being_pushed_is_not_sent_stale(tmp_path: Path) -> None:
    store, acc = _store(tmp_path)
    first = store.tasks.add(acc, "carol@example.com", "One", agent="agent", now=NOW)
    second = store.tasks.add(acc, "carol@example.com", "Two", agent="agent", now=NOW)
    _sent(store, acc, first.key, "901")
    store.tasks.created(acc, second.key, "902")
    assert store.tasks.move(acc, second.key, -1, NOW)
    [read_by_pusher] = store.outbox.open_ops(acc)
    assert store.tasks.move(acc, second.key, +1, NOW)  # folded into the same change, meanwhile
    assert not store.outbox.claim(read_by_pusher, "")  # the pusher must read it again
    [fresh] = store.outbox.open_ops(acc)
    assert store.outbox.claim(fresh, "")


def test_a_pulled_copy_of_a_task_whose_creation_answer_was_lost_is_merged(tmp_path: Path) -> None:
    store, acc = _store(tmp_path)
    mine = store.tasks.add(acc, "carol@example.com", "Call back", agent="agent", now=NOW, ticket="304")
    copy = RemoteTask(remote_id="950", customer="carol@example.com", text="Call back", due=None, done=False,
                      done_at=None, done_by="", position=mine.position, ticket=None, created=NOW,
                      created_by="agent", updated=NOW)
    store.tasks.apply_remote(acc, [copy], NOW)  # the pull saw it before the retry found it
    assert store.tasks.merge_candidates(acc, ["950"]) == {"950"}  # a copy nobody changed here
    store.tasks.created(acc, mine.key, "950")
    [only] = store.tasks.all(acc)
    assert only.key == mine.key and only.remote_id == "950" and only.ticket == "304"
    # A complete listing that does not say where it came from keeps "from #304".
    store.tasks.apply_remote(acc, [copy], NOW, complete=True)
    assert [t.ticket for t in store.tasks.all(acc)] == ["304"]


def test_a_refused_change_is_retried_or_dropped_by_the_agent(tmp_path: Path) -> None:
    store, acc = _store(tmp_path)
    task = store.tasks.add(acc, "carol@example.com", "Call back", agent="agent", now=NOW)
    store.tasks.edit(acc, task.key, text="Call back on Friday")  # waits behind the creation
    create, _edit = store.outbox.open_ops(acc)
    store.outbox.mark_failed(create.op_id, "Permission Denied")
    held = store.tasks.get(acc, task.key)
    assert held is not None and held.held == create.op_id and "Permission Denied" in held.conflict
    store.tasks.decide(acc, create.op_id, keep_mine=True)  # try again
    assert store.outbox.get(create.op_id).state.value == "pending"  # type: ignore[union-attr]
    store.outbox.mark_failed(create.op_id, "Permission Denied")
    store.tasks.decide(acc, create.op_id, keep_mine=False)  # never reached the helpdesk: it goes, whole
    assert not store.outbox.open_ops(acc) and not store.tasks.all(acc)


def test_positions_stay_where_rt_keeps_them_and_rt_bodies_say_what_they_mean() -> None:
    from services.backends.rt.tasks import update_body
    from services.tasks import FIRST_POSITION

    assert position_below(None) == FIRST_POSITION < 2**31 and position_below(100) == 0
    assert update_body({"deleted": False, "done": True}) == {"Status": "resolved"}  # back, done as it was
    assert update_body({"deleted": False, "done": False}) == {"Status": "open"}
    assert update_body({"deleted": True}) == {"Status": "deleted"}
    assert update_body({"due": None}) == {"Due": "1970-01-01 00:00:00"}  # RT's own "not set"
    assert update_body({"due": date(2026, 12, 4), "text": "x"}) == {"Due": "2026-12-04 12:00:00",
                                                                     "Subject": "x"}
