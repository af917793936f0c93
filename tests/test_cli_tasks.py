"""`monodesk tasks` on the demo workspace: its sample tasks, then add, list (text and JSON), done and
edit, each kept through a sync; careless input refused with a sentence and nothing changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import monodesk
from tests.test_cli_demo import busy_customer_ticket


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-tasks") / "profile"
    monodesk(folder, "sync", "--once")
    return folder


def listed(profile: Path, *args: str) -> list[dict[str, object]]:
    return list(json.loads(monodesk(profile, "tasks", "list", "--json", *args).stdout))


def test_the_demo_starts_with_its_sample_tasks_open_and_done(profile: Path) -> None:
    everything = listed(profile, "--all")
    assert len(everything) == 7 and {t["done"] for t in everything} == {True, False}
    assert len(listed(profile)) == 5  # open ones only, by default
    assert all(set(t) >= {"id", "text", "customer", "due", "done", "ticket"} for t in everything)


def test_add_list_done_and_edit_a_task(profile: Path) -> None:
    ticket = busy_customer_ticket(profile)
    customer = json.loads(monodesk(profile, "show", ticket, "--json").stdout)["ticket"]["customer_email"]
    added = monodesk(profile, "tasks", "add", "--customer", customer, "Send the signed contract",
                     "--due", "2026-12-24", "--ticket", ticket)
    assert f"for {customer.lower()}" in added.stdout and "kept on this computer" in added.stdout
    assert json.loads(monodesk(profile, "status", "--json").stdout)["outbox"] == 0  # nothing to send
    monodesk(profile, "sync", "--once")
    [task] = [t for t in listed(profile, "--customer", customer) if t["text"] == "Send the signed contract"]
    assert task["due"] == "2026-12-24" and task["ticket"] == ticket and task["done"] is False
    assert "Send the signed contract" in monodesk(profile, "tasks", "list").stdout
    edited = monodesk(profile, "tasks", "edit", str(task["id"])[:8],
                      "--text", "Send the countersigned contract", "--due", "")
    assert "countersigned" in edited.stdout
    [task] = [t for t in listed(profile, "--customer", customer) if t["id"] == task["id"]]
    assert task["text"] == "Send the countersigned contract" and task["due"] is None
    monodesk(profile, "tasks", "done", str(task["id"]))
    monodesk(profile, "sync", "--once")
    assert task["id"] not in [t["id"] for t in listed(profile)]
    [done] = [t for t in listed(profile, "--all") if t["id"] == task["id"]]
    assert done["done"] is True and done["done_by"]


@pytest.mark.parametrize(("args", "says"), [
    (("add", "--customer", "not-an-address", "Call"), "e-mail address"),
    (("add", "--customer", "a@b.example", "   "), "needs a few words"),
    (("add", "--customer", "a@b.example", "Call", "--due", "next friday"), "YYYY-MM-DD"),
    (("add", "--customer", "a@b.example", "Call", "--ticket", "99999999"), "not in the local data"),
    (("done", "nosuchtask"), "No task"),
    (("edit", "nosuchtask", "--text", "x"), "No task"),
])
def test_careless_input_is_refused_with_a_sentence_and_changes_nothing(
        profile: Path, args: tuple[str, ...], says: str) -> None:
    before = listed(profile, "--all")
    result = monodesk(profile, "tasks", *args, check=False)
    assert result.returncode != 0 and says in result.stderr and "Traceback" not in result.stderr
    assert listed(profile, "--all") == before


def test_the_tasks_queue_is_chosen_per_account_and_never_worked(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    monodesk(folder, "sync", "--once")
    shown = monodesk(folder, "queues", "--tasks-queue", "Billing").stdout
    assert "T Billing" in shown and "* Billing" not in shown
    refused = monodesk(folder, "queues", "--choose", "Billing", check=False)
    assert refused.returncode != 0 and "where customer tasks are kept" in refused.stderr
    assert "* Product Alpha" in monodesk(folder, "queues").stdout
