"""`monodesk next --json` on a live Request Tracker 5: the ticket the window's Next would offer, as the
replica's rule has it, and a ticket answered in RT itself waits on the customer until they write again."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.store import Store
from tests.support.cli import monodesk
from tests.support.rt_instance import RTInstance

pytestmark = pytest.mark.rt


def rule_says(profile: Path) -> str | None:
    with Store(profile / "data" / "replica.sqlite") as store:
        account = store.accounts.active()
        assert account is not None
        queues = store.accounts.working_queues(account.id)
        return store.worklist.next_ticket(account.id, account.username, queues, datetime.now(UTC))


def test_next_on_live_rt_follows_the_rule_and_leaves_answered_tickets_for_last(
        rt: RTInstance, tmp_path: Path, secret_service: dict[str, str], rt_unique: str) -> None:
    env = secret_service
    profile = tmp_path / "profile"
    monodesk(profile, "account", "add", "--backend", "rt", "--url", rt.url, "--user", "agent",
             stdin=rt.agent_token + "\n", env=env)
    email = f"{rt_unique}@example.com"
    urgent = rt.create_ticket("Product Alpha", f"{rt_unique} urgent", email, "Nothing works since dawn.",
                              priority=99, due=datetime.now(UTC) - timedelta(days=400))
    try:
        monodesk(profile, "sync", "--once", env=env)
        offered = json.loads(monodesk(profile, "next", "--json", env=env).stdout)
        assert offered["id"] == rule_says(profile) == str(urgent)  # a year overdue at priority 99: first
        assert offered["why"] == "overdue" and offered["customer"]["email"] == email
        assert offered["explanation"].startswith("overdue by ")

        rt.agent_reply(urgent, "We are on it: a fix is rolling out.")  # answered in RT's own web UI
        monodesk(profile, "sync", "--once", env=env)
        after = json.loads(monodesk(profile, "next", "--json", env=env).stdout)
        assert after["id"] != str(urgent) and after["id"] == rule_says(profile)

        rt.customer_reply(urgent, "Still broken here.", email)  # the customer writes again
        monodesk(profile, "sync", "--once", env=env)
        assert json.loads(monodesk(profile, "next", "--json", env=env).stdout)["id"] == str(urgent)
    finally:
        rt.set_status(urgent, "resolved")  # the tests after this one share the RT
