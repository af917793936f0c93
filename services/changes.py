"""What a write or a sync changed in the replica, so that each part of the window refreshes only what
concerns it (after Anki's OpChanges).

Every write of the desk and every sync cycle says what it changed; the window's panels look at it and
re-read only when it touches them. Sets hold the tickets' remote ids: a panel about ticket #42 ignores
a change to #43.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


@dataclass(frozen=True, slots=True)
class Changes:
    tickets: frozenset[str] = field(default_factory=frozenset)  # a ticket's header (status, owner, due)
    threads: frozenset[str] = field(default_factory=frozenset)  # a ticket's messages
    outbox: bool = False  # queued, sent, held or failed changes
    worklist: bool = False  # what "Next" may offer (skips; a ticket's header changes it too)
    queues: bool = False  # the queues the account sees or works
    customers: frozenset[str] = field(default_factory=frozenset)  # e-mails (lower case) whose tickets changed
    snippets: bool = False
    time: frozenset[str] = field(default_factory=frozenset)  # tickets whose tracked time changed
    tasks: frozenset[str] = field(default_factory=frozenset)  # e-mails (lower case) whose tasks changed
    everything: bool = False  # another account, or a replica replaced underneath: read it all again

    def __or__(self, other: Changes) -> Changes:
        merged: dict[str, object] = {}
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            merged[f.name] = mine | theirs
        return Changes(**merged)  # type: ignore[arg-type]

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def ticket(self, remote_id: str) -> bool:
        """The ticket's own header changed."""
        return self.everything or remote_id in self.tickets

    def thread(self, remote_id: str) -> bool:
        """The ticket's messages changed, or a queued one moved on (sent, held, failed)."""
        return self.everything or self.outbox or remote_id in self.threads

    def customer(self, email: str) -> bool:
        """The customer's tickets (in any queue) changed."""
        return self.everything or email.lower() in self.customers

    def tasks_of(self, email: str) -> bool:
        """The customer's task list changed."""
        return self.everything or email.lower() in self.tasks

    @property
    def offer(self) -> bool:
        """What "Next" offers, and the waiting counter, may differ now."""
        return self.everything or self.worklist or self.queues or bool(self.tickets)


NOTHING = Changes()
EVERYTHING = Changes(everything=True)


def ticket_written(remote_id: str, *, thread: bool = False) -> Changes:
    """The agent changed one ticket (a reply, a status, taking it): it is queued in the outbox."""
    ids = frozenset((remote_id,))
    return Changes(tickets=ids, threads=ids if thread else frozenset(), outbox=True, worklist=True)
