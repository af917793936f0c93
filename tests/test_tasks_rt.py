"""Customer tasks against a live RT 5: one ticket per task in the "Customer tasks" queue, created once
whatever the network did, resolved when done, seen by a second profile of the same agent and by a
colleague, and an edit made on two machines held as a conflict instead of overwritten."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.backends.base import BackendError
from services.backends.rt.connector import RTConnector
from services.store import OpState
from tests.support.faultproxy import Fault
from tests.support.harness import Harness
from tests.support.rt_instance import RTInstance
from tests.test_exactly_once_rt import through_proxy

pytestmark = [pytest.mark.rt]

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def rt_tasks(rt: RTInstance, text: str) -> list[dict[str, Any]]:
    """The task tickets whose subject holds `text`, as RT's REST2 gives them to any client."""
    with rt.rest_client() as client:
        found = client.get("/tickets", params={
            "query": f"Queue = 'Customer tasks' AND Subject LIKE '{text}'",
            "fields": "Subject,Status,Requestor,Priority,Due", "fields[Requestor]": "EmailAddress"}).json()
        return [client.get(f"/ticket/{item['id']}").json() | {"listed": item} for item in found["items"]]


@contextlib.asynccontextmanager
async def profile(rt: RTInstance, path: Path, user: str = "agent"):  # type: ignore[no-untyped-def]
    token = rt.agent_token if user == "agent" else rt.agent2_token
    h = Harness.create(path / "replica.sqlite", RTConnector(rt.url, user, token, timeout=30), backend="rt",
                       user=user)
    try:
        await h.choose_queues("Product Beta")
        await h.engine.sync_once()
        yield h
    finally:
        await h.close()


async def test_a_task_made_offline_reaches_rt_once_with_its_customer_due_day_order_and_origin(
        rt: RTInstance, tmp_path: Path, rt_unique: str) -> None:
    customer = f"{rt_unique}@customer.example"
    origin = rt.create_ticket("Product Beta", f"{rt_unique} origin", customer, "Hi")
    async with through_proxy(rt, tmp_path, only_methods=("POST",)) as (proxy, h):
        acc = h.account_id
        proxy.mode = Fault.CUT_BEFORE_REQUEST  # offline
        task = h.store.tasks.add(acc, customer, f"{rt_unique} send the invoice", agent="agent", now=NOW,
                                 due=date(2026, 12, 3), ticket=str(origin))
        with contextlib.suppress(BackendError):
            await h.engine.sync_once()
        proxy.mode = Fault.CUT_AFTER_REQUEST  # back, but the creation's answer is lost
        with contextlib.suppress(BackendError):
            await h.engine.sync_once()
        proxy.mode = Fault.PASS
        for _ in range(2):
            await h.engine.sync_once()
        kept = h.store.tasks.get(acc, task.key)
        assert kept is not None and kept.remote_id is not None
        assert not [op for op in h.store.outbox.open_ops(acc)]
    assert proxy.counts[Fault.CUT_AFTER_REQUEST] >= 1
    [made] = rt_tasks(rt, f"{rt_unique} send the invoice")
    assert made["id"] == int(kept.remote_id) or str(made["id"]) == kept.remote_id
    assert made["listed"]["Requestor"][0]["EmailAddress"] == customer
    assert made["Due"].startswith("2026-12-03")
    assert int(made["Priority"]) == task.position
    assert any(link.get("ref") == "refers-to" and str(link.get("id")) == str(origin)
               for link in made["_hyperlinks"])
    # The customer was told nothing: RT sent no mail about the task.
    assert rt.count_transactions(int(kept.remote_id), "EmailRecord") == 0


async def test_done_resolves_the_ticket_and_another_profile_and_a_colleague_see_the_same_list(
        rt: RTInstance, tmp_path: Path, rt_unique: str) -> None:
    customer = f"{rt_unique}@customer.example"
    rt.create_ticket("Product Beta", f"{rt_unique} theirs", customer, "Hi")
    async with profile(rt, tmp_path / "laptop") as laptop, profile(rt, tmp_path / "desktop") as desktop, \
            profile(rt, tmp_path / "bob", user="agent2") as bob:
        first = laptop.store.tasks.add(laptop.account_id, customer, f"{rt_unique} call back", agent="agent",
                                       now=NOW)
        second = laptop.store.tasks.add(laptop.account_id, customer, f"{rt_unique} refund", agent="agent",
                                        now=NOW)
        await laptop.engine.sync_once()
        laptop.store.tasks.set_done(laptop.account_id, first.key, True, agent="agent", now=NOW)
        await laptop.engine.sync_once()
        await desktop.engine.sync_once()
        await bob.engine.sync_once()
        colleague = bob.store.tasks.add(bob.account_id, customer, f"{rt_unique} check the meter",
                                        agent="agent2", now=NOW)
        await bob.engine.sync_once()
        await laptop.engine.sync_once()
        seen_on_desktop = desktop.store.tasks.all(desktop.account_id, customer=customer)
        seen_by_bob = bob.store.tasks.all(bob.account_id, customer=customer)
        seen_on_laptop = laptop.store.tasks.all(laptop.account_id, customer=customer)
        assert colleague.remote_id is None  # (read again below, once sent)
    [resolved] = rt_tasks(rt, f"{rt_unique} call back")
    assert resolved["Status"] == "resolved"
    assert [(t.text, t.done, t.created_by) for t in seen_on_desktop] == [
        (second.text, False, "agent"), (first.text, True, "agent")]
    assert [t.text for t in seen_by_bob if not t.done] == [second.text, colleague.text]
    assert {t.text: t.created_by for t in seen_on_laptop}[colleague.text] == "agent2"
    assert next(t for t in seen_by_bob if t.done).done_by == "agent"


async def test_an_edit_made_on_two_machines_is_held_not_overwritten(
        rt: RTInstance, tmp_path: Path, rt_unique: str) -> None:
    customer = f"{rt_unique}@customer.example"
    rt.create_ticket("Product Beta", f"{rt_unique} both", customer, "Hi")
    async with profile(rt, tmp_path / "laptop") as laptop, profile(rt, tmp_path / "desktop") as desktop:
        task = laptop.store.tasks.add(laptop.account_id, customer, f"{rt_unique} ship it", agent="agent",
                                      now=NOW)
        await laptop.engine.sync_once()
        await desktop.engine.sync_once()
        [there] = desktop.store.tasks.all(desktop.account_id, customer=customer)
        laptop.store.tasks.edit(laptop.account_id, task.key, text=f"{rt_unique} ship it by DHL")
        desktop.store.tasks.edit(desktop.account_id, there.key, text=f"{rt_unique} ship it by post")
        await laptop.engine.sync_once()
        report = await desktop.engine.sync_once()
        [held] = desktop.store.outbox.open_ops(desktop.account_id)
        assert report.conflicts == 1 and held.state is OpState.CONFLICT
        shown = desktop.store.tasks.get(desktop.account_id, there.key)
        assert shown is not None and "ship it by DHL" in shown.conflict and shown.text.endswith("by post")
        assert [t["Subject"] for t in rt_tasks(rt, f"{rt_unique} ship it")] == [f"{rt_unique} ship it by DHL"]
        desktop.store.tasks.decide(desktop.account_id, held.op_id, keep_mine=True)  # the agent chooses
        await desktop.engine.sync_once()
        assert not desktop.store.outbox.open_ops(desktop.account_id)
    assert [t["Subject"] for t in rt_tasks(rt, f"{rt_unique} ship it")] == [f"{rt_unique} ship it by post"]


async def test_an_edit_whose_task_the_local_data_lost_still_reaches_rt(
        rt: RTInstance, tmp_path: Path, rt_unique: str) -> None:
    """The replica was replaced by an older copy that never had the task; its edit, put back from the
    outbox's journal, still finds the task in RT, and the pull brings the task back."""
    customer = f"{rt_unique}@customer.example"
    rt.create_ticket("Product Beta", f"{rt_unique} lost", customer, "Hi")
    async with profile(rt, tmp_path / "laptop") as laptop:
        acc = laptop.account_id
        task = laptop.store.tasks.add(acc, customer, f"{rt_unique} file the claim", agent="agent", now=NOW)
        await laptop.engine.sync_once()
        laptop.store.tasks.edit(acc, task.key, text=f"{rt_unique} file the claim today")
        with laptop.store.conn:
            laptop.store.conn.execute("DELETE FROM tasks WHERE key = ?", (task.key,))
        await laptop.engine.sync_once()
        assert not laptop.store.outbox.open_ops(acc)
        back = [t.text for t in laptop.store.tasks.all(acc, customer=customer)]
    assert [t["Subject"] for t in rt_tasks(rt, f"{rt_unique} file the claim")] == [
        f"{rt_unique} file the claim today"]
    assert back == [f"{rt_unique} file the claim today"]


class GarbledTasks(httpx.AsyncBaseTransport):
    """Real HTTP to RT, but the answers about the tasks queue come back as a captive portal's page."""

    def __init__(self) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self.garbled = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        query = request.url.query.decode()
        if "Customer+tasks" in query or "Customer%20tasks" in query:
            self.garbled += 1
            return httpx.Response(200, headers={"Content-Type": "application/json"},
                                  content=b"<html>Log in")
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()


async def test_a_garbled_task_listing_is_said_and_the_tickets_still_sync(
        rt: RTInstance, tmp_path: Path, rt_unique: str) -> None:
    customer = f"{rt_unique}@customer.example"
    garbled = GarbledTasks()
    connector = RTConnector(rt.url, "agent", rt.agent_token, timeout=30, transport=garbled)
    h = Harness.create(tmp_path / "replica.sqlite", connector, backend="rt", user="agent")
    try:
        await h.choose_queues("Product Beta")
        ticket = rt.create_ticket("Product Beta", f"{rt_unique} still here", customer, "Hi")
        report = await h.engine.sync_once()
        assert garbled.garbled and any("Customer tasks could not be read" in w for w in report.warnings)
        assert h.ticket(ticket).subject == f"{rt_unique} still here"
    finally:
        await h.close()
