"""pytest plugin: a live, private Request Tracker 5 for the whole test session.

Register with ``pytest_plugins = ["tests.support.rt_fixtures"]`` (or ``-p tests.support.rt_fixtures``).

Fixtures:
- ``rt`` (session): a running :class:`RTInstance` with a small sample data set (see ``rt_sample``).
- ``rt_sample`` (session): ids and addresses of the sample tickets.
- ``rt_unique`` (function): a unique lowercase token for subjects and email addresses.

RT missing or failing to start is a test FAILURE, not a skip: a silently skipped live suite
looks green while testing nothing.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support.rt_instance import (
    FAST_BCRYPT_COST,
    RTInstance,
    RTOperationError,
    RTUnavailableError,
    require_rt,
)


@dataclass
class RTSample:
    """What the session instance was seeded with, so tests can assert on known data."""

    alpha: list[int] = field(default_factory=list)  # ticket ids in "Product Alpha"
    beta: list[int] = field(default_factory=list)  # ticket ids in "Product Beta"
    internal: list[int] = field(default_factory=list)
    multi_queue_customer: str = "carol@customer.example"  # has tickets in Alpha and Beta
    customers: list[str] = field(default_factory=list)
    html_ticket: int = 0  # created from a text/html message
    replied_ticket: int = 0  # customer create, agent reply (time taken), customer reply, agent note
    resolved_ticket: int = 0
    owned_ticket: int = 0  # owner "agent"


def _seed_sample(rt: RTInstance) -> RTSample:
    sample = RTSample()
    carol, dave, erin = "carol@customer.example", "dave@customer.example", "erin@customer.example"
    sample.customers = [carol, dave, erin]

    by_queue = {"Product Alpha": sample.alpha, "Product Beta": sample.beta, "Internal": sample.internal}

    def create(
        queue: str,
        subject: str,
        requestor: str,
        body: str,
        *,
        priority: int | None = None,
        content_type: str = "text/plain",
        as_customer: bool = True,
    ) -> int:
        ticket_id = rt.create_ticket(
            queue,
            f"[sample] {subject}",
            requestor,
            body,
            priority=priority,
            content_type=content_type,
            as_customer=as_customer,
        )
        by_queue[queue].append(ticket_id)
        return ticket_id

    sample.replied_ticket = create(
        "Product Alpha", "Cannot log in", carol, "Hi,\n\nI cannot log in since today."
    )
    rt.agent_reply(sample.replied_ticket, "Please try resetting your password.", "agent", time_taken=5)
    rt.customer_reply(sample.replied_ticket, "That worked, thanks!", carol)
    rt.agent_comment(sample.replied_ticket, "Customer had caps lock on.", "agent", time_taken=2)

    sample.owned_ticket = create(
        "Product Alpha", "Export to CSV fails", dave, "The export button does nothing.", priority=50
    )
    rt.set_owner(sample.owned_ticket, "agent")
    rt.set_status(sample.owned_ticket, "open")

    sample.resolved_ticket = create("Product Alpha", "Invoice question", dave, "Why is VAT shown twice?")
    rt.agent_reply(sample.resolved_ticket, "Fixed on our side, sorry for that.", "agent2", time_taken=10)
    rt.set_status(sample.resolved_ticket, "resolved")

    create("Product Beta", "Sync stops after a few minutes", carol, "Beta sync stops after about 5 minutes.")
    sample.html_ticket = create(
        "Product Beta",
        "Dashboard is slow (HTML mail)",
        erin,
        "<html><body><p>Hello,</p><p>The <b>dashboard</b> takes <i>30 seconds</i> to load.</p>"
        "<ul><li>Chrome</li><li>Firefox</li></ul></body></html>",
        content_type="text/html",
    )
    stalled = create("Product Beta", "Feature request: dark mode", erin, "Would love a dark mode.")
    rt.set_status(stalled, "stalled")

    create(
        "Internal",
        "Update canned replies",
        "agent@example.com",
        "Snippets need a refresh.",
        as_customer=False,
    )
    return sample


@dataclass
class _Session:
    rt: RTInstance
    sample: RTSample


def _start_session_instance(workdir: Path) -> tuple[RTInstance, RTSample]:
    """Build, start and seed the session instance; RTUnavailableError/RTOperationError say why not."""
    require_rt()
    # Functional tests: skip RT's ~220 ms bcrypt check per authenticated request (see rt_instance).
    instance = RTInstance(workdir, bcrypt_cost=FAST_BCRYPT_COST)
    try:
        instance.start_helper()  # loads RT in parallel with the server start
        instance.start()
        return instance, _seed_sample(instance)
    except BaseException:
        instance.close()
        raise


@pytest.fixture(scope="session")
def _rt_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Session]:
    try:
        instance, sample = _start_session_instance(tmp_path_factory.mktemp("rt"))
    except (RTUnavailableError, RTOperationError) as exc:
        reason = str(exc)
    else:
        reason = ""
    if reason:  # failed outside the except block: no chained traceback noise in the report
        pytest.fail(f"live RT 5 fixture unavailable: {reason}", pytrace=False)
    try:
        yield _Session(instance, sample)
    finally:
        instance.close()


@pytest.fixture(scope="session")
def rt(_rt_session: _Session) -> RTInstance:
    """The session's running RT instance. Tests that stop() it must start() it again in a finally."""
    return _rt_session.rt


@pytest.fixture(scope="session")
def rt_sample(_rt_session: _Session) -> RTSample:
    return _rt_session.sample


@pytest.fixture
def rt_unique(request: pytest.FixtureRequest) -> str:
    """E.g. ``test-reply-counts-3f9c2a1b``: safe in subjects, email local parts and TicketSQL strings."""
    name = re.sub(r"[^a-z0-9]+", "-", request.node.name.lower()).strip("-")[:40]
    return f"{name}-{uuid.uuid4().hex[:8]}"
