"""The command line against a careless user and a hostile pipe: every refusal is a sentence, never a
traceback, and nothing is queued that the helpdesk would not keep as written."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from services.outgoing import MAX_ENTRY_MINUTES, MAX_MESSAGE_BYTES, NotSendable, check_message
from tests.support.cli import monodesk
from tests.test_storage_faults import active_ticket, outbox_texts


@pytest.fixture
def demo_profile(tmp_path: Path) -> tuple[Path, str]:
    profile = tmp_path / "profile"
    monodesk(profile, "sync", "--once")
    return profile, active_ticket(profile / "data" / "replica.sqlite")


def run_bytes(profile: Path, *args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(profile), *args],
                          input=stdin, capture_output=True, timeout=120)


def test_invalid_utf8_on_stdin_is_named(demo_profile: tuple[Path, str]) -> None:
    profile, ticket = demo_profile
    result = run_bytes(profile, "reply", ticket, stdin="Merci d'avoir patienté".encode("latin-1"))
    assert result.returncode == 1 and b"Traceback" not in result.stderr and b"codec" not in result.stderr
    assert b"The input is not UTF-8 text" in result.stderr and b"iconv" in result.stderr
    assert outbox_texts(profile / "data" / "replica.sqlite") == []
    bom = run_bytes(profile, "reply", ticket, stdin="\ufeffBonjour".encode())
    assert bom.returncode == 0
    assert outbox_texts(profile / "data" / "replica.sqlite") == ["Bonjour"]


@pytest.mark.parametrize(("text", "words"), [
    ("Log:\x00\x01binary", "NUL character"),
    ("x" * (MAX_MESSAGE_BYTES + 1), "at most 4 MB"),
])
def test_a_reply_the_helpdesk_cannot_keep_as_written_is_refused_when_queued(
        demo_profile: tuple[Path, str], text: str, words: str) -> None:
    profile, ticket = demo_profile
    result = monodesk(profile, "reply", ticket, stdin=text, check=False)
    assert result.returncode == 1 and words in result.stderr and "Traceback" not in result.stderr
    assert outbox_texts(profile / "data" / "replica.sqlite") == []


@pytest.mark.parametrize("interval", ["0", "-1", "nan", "inf"])
def test_a_sync_interval_that_would_hammer_the_helpdesk_is_refused(tmp_path: Path, interval: str) -> None:
    result = monodesk(tmp_path / "profile", "sync", "--interval", interval, check=False, timeout=30)
    assert result.returncode == 2 and "between 0.1 and 86400 seconds" in result.stderr


def test_an_empty_data_dir_is_refused_rather_than_the_current_folder_used(tmp_path: Path) -> None:
    import subprocess as sp

    result = sp.run([sys.executable, "-m", "desktop", "--data-dir", "", "status"], capture_output=True,
                    text=True, cwd=tmp_path, timeout=60)
    assert result.returncode == 2 and "needs a folder" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_broken_characters_are_refused_with_a_sentence() -> None:
    with pytest.raises(NotSendable, match="broken character"):
        check_message("half an emoji \ud83d here")


def test_time_spent_over_a_day_needs_to_be_confirmed(demo_profile: tuple[Path, str]) -> None:
    profile, ticket = demo_profile
    # 60 typed as 6000:
    typo = monodesk(profile, "reply", ticket, "--time", "6000", stdin="Done.", check=False)
    assert typo.returncode == 1 and "more than a day" in typo.stderr and "confirmed" in typo.stderr
    negative = monodesk(profile, "reply", ticket, "--time", "-5", stdin="Done.", check=False)
    assert negative.returncode == 1 and "negative" in negative.stderr
    assert outbox_texts(profile / "data" / "replica.sqlite") == []
    long = monodesk(profile, "reply", ticket, "--time", str(MAX_ENTRY_MINUTES + 60), "--long-time",
                    stdin="A whole on-site day.")
    assert long.returncode == 0
    absurd = monodesk(profile, "reply", ticket, "--time", "99999999999", "--long-time", stdin="x",
                      check=False)
    assert absurd.returncode == 1 and "more than a month" in absurd.stderr


def test_a_reader_that_leaves_early_ends_the_output_quietly(demo_profile: tuple[Path, str]) -> None:
    profile, ticket = demo_profile
    # A thread larger than a pipe's buffer, so that writing it meets the closed pipe.
    monodesk(profile, "reply", ticket, stdin="A long answer. " * 20_000)
    command = (f"{sys.executable} -m desktop --data-dir {profile} show {ticket} --json | head -c 100 "
               f">/dev/null; {sys.executable} -m desktop --data-dir {profile} status --json | head -c 1")
    result = subprocess.run(["bash", "-o", "pipefail", "-c", command], capture_output=True, text=True,
                            timeout=120)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
    assert result.stderr == ""


def test_show_full_fetches_the_whole_of_a_very_long_message(tmp_path: Path) -> None:
    """Beyond 8 MB only a message's head is kept; `show --full` reads the rest from the helpdesk."""
    profile = tmp_path / "profile"
    monodesk(profile, "sync", "--once")
    ticket = active_ticket(profile / "data" / "replica.sqlite")
    from services.backends.demo.storage import DemoStorage

    storage = DemoStorage(profile / "data" / "demo-helpdesk")
    workspace = storage.load_or_seed(lambda: pytest.fail("the demo workspace was not kept"))
    huge = "sensor 7 lost its schedule; " * (9 * 1024 * 1024 // 28)
    pasted = workspace.tickets[int(ticket)]  # the customer pastes a 9 MB log into the demo helpdesk
    workspace.correspond(pasted, pasted.requestor, huge, datetime.now(UTC))
    storage.save(workspace, tickets=[pasted.id])
    storage.close()
    monodesk(profile, "sync", "--once")

    kept = json.loads(monodesk(profile, "show", ticket, "--json").stdout)["thread"]
    cut = [m for m in kept if m["truncated"]]
    assert len(cut) == 1 and huge.startswith(cut[0]["text"]) and len(cut[0]["text"]) < len(huge)
    assert "--full` fetches all of it" in monodesk(profile, "show", ticket).stdout
    whole = json.loads(monodesk(profile, "show", ticket, "--json", "--full").stdout)["thread"]
    assert [m["text"] for m in whole if m["remote_id"] == cut[0]["remote_id"]] == [huge]
