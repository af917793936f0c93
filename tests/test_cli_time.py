"""`monodesk time` on the demo workspace: an entry with no message, queued like every change and sent
once; typed fractions kept in seconds; careless input refused with a sentence and nothing queued; the
day and the week by ticket, customer and queue, in text and in JSON with the tickets' ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import monodesk
from tests.test_cli_demo import busy_customer_ticket


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-time") / "profile"
    monodesk(folder, "sync", "--once")
    return folder


def test_time_alone_is_queued_sent_once_and_counted_today(profile: Path) -> None:
    ticket = busy_customer_ticket(profile)
    before = json.loads(monodesk(profile, "show", ticket, "--json").stdout)["ticket"]["time_worked_minutes"]
    earlier = json.loads(monodesk(profile, "time", "today", "--json").stdout)["seconds"]
    queued = monodesk(profile, "time", "add", ticket, "12.5", "--note", "Reproduced it on staging")
    assert f"Queued 12 min on #{ticket}" in queued.stdout and "30 s are kept" in queued.stdout
    assert json.loads(monodesk(profile, "status", "--json").stdout)["outbox"] == 1
    monodesk(profile, "sync", "--once")
    monodesk(profile, "sync", "--once")
    shown = json.loads(monodesk(profile, "show", ticket, "--json").stdout)
    assert shown["ticket"]["time_worked_minutes"] == before + 12
    notes = [m for m in shown["thread"] if m["text"] == "Reproduced it on staging"]
    assert len(notes) == 1 and notes[0]["kind"] == "note" and notes[0]["time_taken_minutes"] == 12

    today = json.loads(monodesk(profile, "time", "today", "--json").stdout)
    assert today["period"] == "today" and today["seconds"] == pytest.approx(earlier + 750)
    assert [t["id"] for t in today["tickets"]] == [ticket]
    assert today["customers"][0]["email"] and today["queues"][0]["queue"]
    assert (ticket, "added", "Reproduced it on staging") in [
        (e["ticket"], e["kind"], e["reason"]) for e in today["entries"]]
    week = json.loads(monodesk(profile, "time", "week", "--json").stdout)
    assert week["seconds"] == pytest.approx(today["seconds"]) and week["start"] <= today["start"]
    text = monodesk(profile, "time", "today").stdout
    assert text.startswith("Today (") and "12 min" in text and f"#{ticket}" in text
    assert "By customer:" in text and "By queue:" in text


@pytest.mark.parametrize("minutes, said", [
    ("0", "positive number"), ("-5", "positive number"), ("ten", "not a number"), ("nan", "positive"),
    ("2000", "more than a day"),
])
def test_careless_minutes_are_refused_and_nothing_is_queued(profile: Path, minutes: str, said: str) -> None:
    ticket = busy_customer_ticket(profile)
    before = json.loads(monodesk(profile, "status", "--json").stdout)["outbox"]
    result = monodesk(profile, "time", "add", ticket, minutes, check=False)
    assert result.returncode != 0 and said in result.stderr
    assert json.loads(monodesk(profile, "status", "--json").stdout)["outbox"] == before


def test_an_unknown_ticket_is_refused(profile: Path) -> None:
    result = monodesk(profile, "time", "add", "999999", "5", check=False)
    assert result.returncode != 0 and "not in the local data" in result.stderr


def test_under_a_minute_is_kept_not_lost(profile: Path) -> None:
    ticket = busy_customer_ticket(profile)
    result = monodesk(profile, "time", "add", ticket, "0.5")
    assert "Kept 30 s" in result.stdout
    assert json.loads(monodesk(profile, "status", "--json").stdout)["outbox"] == 0
