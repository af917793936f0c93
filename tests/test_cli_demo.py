"""The `monodesk` command end to end on the embedded demo workspace (the default with no account)."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from services.store import Store
from tests.support.cli import monodesk


def busy_customer_ticket(profile: Path) -> str:
    """An active ticket whose customer has other tickets, read straight from the replica file."""
    conn = sqlite3.connect(profile / "data" / "replica.sqlite")
    try:
        row = conn.execute(
            """SELECT t.remote_id FROM tickets t
               WHERE t.status IN ('new', 'open') AND t.thread_updated IS NOT NULL
                 AND (SELECT COUNT(*) FROM tickets o WHERE o.customer_id = t.customer_id) >= 5
               ORDER BY t.id LIMIT 1""").fetchone()
    finally:
        conn.close()
    assert row is not None, "the demo has no customer with a long history"
    return str(row[0])


def test_demo_workspace_sync_show_reply(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    first = monodesk(profile, "sync", "--once")
    assert first.stdout.startswith("demo: pulled ")

    status = json.loads(monodesk(profile, "status", "--json").stdout)
    assert status["account"] == "demo" and status["tickets"] >= 50 and status["outbox"] == 0
    assert status["last_sync"]

    queues = monodesk(profile, "queues").stdout
    assert "Product Alpha" in queues and "Product Beta" in queues

    ticket = busy_customer_ticket(profile)
    shown = json.loads(monodesk(profile, "show", ticket, "--json").stdout)
    assert shown["ticket"]["remote_id"] == ticket
    assert shown["thread"] and all(m["text"] for m in shown["thread"])
    assert len(shown["customer_tickets"]) >= 4
    assert all(t["subject"] for t in shown["customer_tickets"])
    assert ticket not in [t["remote_id"] for t in shown["customer_tickets"]]

    queued = monodesk(profile, "reply", ticket, "--time", "6", stdin="Bonjour, c'est réglé de notre côté.\n")
    assert "Queued reply" in queued.stdout
    pending = json.loads(monodesk(profile, "show", ticket, "--json").stdout)["thread"][-1]
    assert pending["outbox_state"] == "pending" and pending["remote_id"] is None
    assert json.loads(monodesk(profile, "status", "--json").stdout)["outbox"] == 1

    monodesk(profile, "sync", "--once")
    after = json.loads(monodesk(profile, "show", ticket, "--json").stdout)
    sent = after["thread"][-1]
    assert sent["text"].startswith("Bonjour, c'est réglé") and sent["remote_id"] and not sent["outbox_state"]
    assert sent["time_taken_minutes"] == 6
    assert json.loads(monodesk(profile, "status", "--json").stdout)["outbox"] == 0

    text_view = monodesk(profile, "show", ticket).stdout
    assert f"#{ticket}" in text_view and "The customer's other tickets:" in text_view


def test_queue_choice_limits_what_is_synced(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    monodesk(profile, "sync", "--once")
    chosen = monodesk(profile, "queues", "--choose", "Product Beta").stdout
    assert "* Product Beta" in chosen and "* Product Alpha" not in chosen
    bad = monodesk(profile, "queues", "--choose", "Nope", check=False)
    assert bad.returncode == 1 and "Unknown queue" in bad.stderr


def test_clear_errors_for_unknown_tickets_and_empty_replies(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    monodesk(profile, "sync", "--once")
    missing = monodesk(profile, "reply", "999999", stdin="hello", check=False)
    assert missing.returncode == 1 and "not in the local data" in missing.stderr
    ticket = busy_customer_ticket(profile)
    empty = monodesk(profile, "reply", ticket, stdin="   \n", check=False)
    assert empty.returncode == 1 and "empty" in empty.stderr
    assert json.loads(monodesk(profile, "status", "--json").stdout)["outbox"] == 0


def test_data_dir_isolates_profiles(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    monodesk(a, "sync", "--once")
    assert (a / "data" / "replica.sqlite").exists() and (a / "logs" / "monodesk.log").exists()
    assert json.loads(monodesk(b, "status", "--json").stdout)["tickets"] == 0


def test_next_prints_the_ticket_the_window_would_offer_and_why(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    empty = json.loads(monodesk(profile, "next", "--json").stdout)
    assert empty == {"id": None, "reason": "nothing_held", "queues": empty["queues"]}
    monodesk(profile, "sync", "--once")
    offered = json.loads(monodesk(profile, "next", "--json").stdout)
    with Store(profile / "data" / "replica.sqlite") as store:
        account = store.accounts.active()
        assert account is not None
        queues = store.accounts.working_queues(account.id)
        expected = store.worklist.next_ticket(account.id, account.username, queues, datetime.now(UTC))
        ticket = store.views.ticket(account.id, offered["id"])
    assert offered["id"] == expected and ticket is not None
    assert (offered["subject"], offered["customer"]["email"]) == (ticket.subject, ticket.customer_email)
    assert offered["why"] == ("overdue" if ticket.due and ticket.due <= datetime.now(UTC) else offered["why"])
    assert offered["why"] in {"overdue", "at_risk", "priority"} and offered["explanation"]
    text = monodesk(profile, "next").stdout
    assert text.startswith(f"#{offered['id']} {ticket.subject}") and "first because: " in text
