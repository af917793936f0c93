"""Quick checks that the live RT 5 fixture and the fault proxy do what tests rely on."""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.support.faultproxy import Fault, FaultProxy
from tests.support.rt_fixtures import RTSample
from tests.support.rt_instance import RTInstance

pytestmark = pytest.mark.rt


def test_agent_token_lists_product_queues(rt: RTInstance) -> None:
    response = httpx.get(
        f"{rt.rest_url}/queues/all",
        params={"fields": "Name"},
        headers={"Authorization": f"token {rt.agent_token}"},
    )
    assert response.status_code == 200
    names = {item["Name"] for item in response.json()["items"]}
    assert {"Product Alpha", "Product Beta", "Internal"} <= names


def test_sample_tickets_visible_over_rest(rt: RTInstance, rt_sample: RTSample) -> None:
    with rt.rest_client(rt.agent2_token) as client:
        response = client.get(
            "/tickets",
            params={
                "query": f"Requestor.EmailAddress = '{rt_sample.multi_queue_customer}'",
                "fields": "Queue,Subject",
            },
        )
    assert response.status_code == 200
    ids = {int(item["id"]) for item in response.json()["items"]}
    assert rt_sample.replied_ticket in ids
    assert ids & set(rt_sample.beta), "the customer also has a ticket in Product Beta"


def test_customer_reply_is_recorded_as_the_customer(rt: RTInstance, rt_unique: str) -> None:
    customer = f"{rt_unique}@customer.example"
    ticket_id = rt.create_ticket("Product Alpha", f"Help {rt_unique}", customer, "First message")
    rt.customer_reply(ticket_id, f"Second message {rt_unique}", customer)
    rt.agent_reply(ticket_id, "We are on it", time_taken=4)

    history = rt.transactions(ticket_id)
    create = next(txn for txn in history if txn["type"] == "Create")
    assert create["creator"] == customer
    assert create["content"].strip() == "First message"
    customer_replies = [txn for txn in history if txn["type"] == "Correspond" and txn["creator"] == customer]
    assert [txn["content"].strip() for txn in customer_replies] == [f"Second message {rt_unique}"]
    assert rt.count_transactions(ticket_id, "Correspond", "We are on it") == 1
    ticket = rt.ticket(ticket_id)
    assert ticket["requestors"] == [customer]
    assert ticket["time_worked"] == 4


def test_stop_refuses_connections_and_restart_reuses_the_port(rt: RTInstance) -> None:
    port = rt.port
    rt.stop()
    try:
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"{rt.rest_url}/", timeout=5)
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0
    finally:
        rt.start()
    assert rt.port == port
    response = httpx.get(f"{rt.rest_url}/queues/all", headers={"Authorization": f"token {rt.agent_token}"})
    assert response.status_code == 200


def test_proxy_cut_after_request_still_reaches_rt(rt: RTInstance, rt_unique: str) -> None:
    ticket_id = rt.create_ticket("Product Beta", f"Proxy {rt_unique}", f"{rt_unique}@customer.example", "Hi")
    reply = f"Reply through a flaky network {rt_unique}"
    with FaultProxy("127.0.0.1", rt.port) as proxy:
        proxy.mode = Fault.CUT_AFTER_REQUEST
        with httpx.Client(
            base_url=f"{proxy.url}/REST/2.0", headers={"Authorization": f"token {rt.agent_token}"}
        ) as client:
            with pytest.raises(httpx.TransportError):
                client.post(
                    f"/ticket/{ticket_id}/correspond", json={"Content": reply, "ContentType": "text/plain"}
                )
            assert rt.count_transactions(ticket_id, "Correspond", reply) == 1  # RT got it anyway

            proxy.mode = Fault.CUT_BEFORE_REQUEST
            with pytest.raises(httpx.TransportError):
                client.post(
                    f"/ticket/{ticket_id}/comment", json={"Content": "never", "ContentType": "text/plain"}
                )
            assert rt.count_transactions(ticket_id, "Comment") == 0

            proxy.mode = Fault.PASS
            assert client.get(f"/ticket/{ticket_id}").status_code == 200
        assert proxy.counts[Fault.CUT_AFTER_REQUEST] == 1
        assert proxy.counts[Fault.CUT_BEFORE_REQUEST] == 1
        assert proxy.counts[Fault.PASS] == 1


def test_proxy_stall_times_out_the_client(rt: RTInstance) -> None:
    with FaultProxy("127.0.0.1", rt.port, mode=Fault.STALL, stall_seconds=30) as proxy:
        with pytest.raises(httpx.ReadTimeout):
            httpx.get(f"{proxy.url}/REST/2.0/queues/all", timeout=1.0)
        assert proxy.counts[Fault.STALL] == 1


def test_proxy_random_mode_is_reproducible(rt: RTInstance) -> None:
    weights = {Fault.PASS: 0.5, Fault.CUT_BEFORE_REQUEST: 0.25, Fault.CUT_AFTER_REQUEST: 0.25}
    outcomes: list[list[bool]] = []
    for _run in range(2):
        with FaultProxy("127.0.0.1", rt.port) as proxy:
            proxy.set_random(weights, seed=7)
            run: list[bool] = []
            for _ in range(8):
                try:
                    httpx.get(f"{proxy.url}/REST/2.0/", timeout=10)
                    run.append(True)
                except httpx.TransportError:
                    run.append(False)
            outcomes.append(run)
            assert sum(proxy.counts.values()) == 8
    assert outcomes[0] == outcomes[1]
    assert True in outcomes[0] and False in outcomes[0]
