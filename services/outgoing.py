"""What Monodesk sends to a helpdesk: checked when the agent queues it, compared the same way when looking
for it in the ticket's history.

A change is refused at queue time, with a sentence the agent can act on, when it cannot be sent
faithfully: refusing later, after the composer was cleared, would be a surprise; sending it anyway would
store something other than what the agent wrote, and the history check could then no longer recognise
it (and would send it again).
"""

from __future__ import annotations

import re

# Replies go out as one text part. RT stores parts whole up to its $MaxAttachmentSize (10 MiB by
# default) and, if configured to, cuts or drops larger ones; 4 MiB is a long log file, well inside.
MAX_MESSAGE_BYTES = 4 * 1024 * 1024
# A time entry longer than a day is almost always a typo (minutes typed as seconds, a stray digit):
# it needs an explicit confirmation; one longer than a month is refused either way.
MAX_ENTRY_MINUTES = 24 * 60
MAX_CONFIRMED_MINUTES = 31 * 24 * 60
# A remote copy cut by the helpdesk or by ingest is compared by its head; shorter heads prove nothing.
_MIN_COMPARABLE_HEAD = 200
# A copy with something added after the text (a signature, a quote) counts only for a text this long:
# a short one ("Thanks") begins many other messages of the same agent.
_MIN_TEXT_WITH_ADDITIONS = 200


class NotSendable(ValueError):
    """The change cannot be sent as the agent wrote it; the message says what to do."""


def check_message(text: str) -> None:
    if not text.strip():
        raise NotSendable("The message is empty.")
    if "\x00" in text:
        raise NotSendable(
            "The message contains a NUL character (usually from pasted binary data), which helpdesks "
            "do not store as written. Remove it and send again.")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise NotSendable(
            "The message contains a broken character (half of an emoji or symbol pair) that cannot be "
            "sent. Retype the last symbol you pasted and send again.") from None
    if size > MAX_MESSAGE_BYTES:
        raise NotSendable(
            f"The message is {size / 2**20:.1f} MB; a reply can be at most "
            f"{MAX_MESSAGE_BYTES // 2**20} MB. Attach long logs as a file in the helpdesk instead.")


def check_minutes(minutes: int, *, allow_long: bool = False) -> None:
    if minutes < 0:
        raise NotSendable("Time spent cannot be negative.")
    if minutes > MAX_CONFIRMED_MINUTES:
        raise NotSendable(f"{minutes:,} minutes is more than a month: no single time entry is that long.")
    if minutes > MAX_ENTRY_MINUTES and not allow_long:
        raise NotSendable(
            f"{minutes:,} minutes is more than a day ({MAX_ENTRY_MINUTES:,} minutes). Check the number; "
            "a longer entry needs to be confirmed explicitly.")


def comparable(text: str) -> str:
    """The form both sides are reduced to before comparing: helpdesks and ingest may drop NUL bytes,
    turn CRLF into LF, trim or rewrap whitespace, but keep the words in order."""
    return re.sub(r"\s+", " ", text.replace("\x00", "")).strip()


def same_text(sent: str, seen: str, *, seen_cut: bool = False) -> bool:
    """Whether `seen` (a message in the history) is the text we sent.

    Equal once both are reduced alike. When the stored copy was cut (`seen_cut`: a very long message
    keeps only its head), the head must be the beginning of what we sent. A helpdesk that adds a
    signature or a quote after the text is allowed for for long texts only: taking another message
    for this one would mark a reply as sent that never was."""
    a, b = comparable(sent), comparable(seen)
    if not a:
        return False
    if a == b:
        return True
    if seen_cut:
        return len(b) >= min(len(a), _MIN_COMPARABLE_HEAD) and a.startswith(b)
    return len(a) >= _MIN_TEXT_WITH_ADDITIONS and b.startswith(a)
