"""A part of the focus view: its widget, what it reads for a ticket, and which changes concern it.

The window holds its panels in one list (ui.panels.PANELS) and knows none of them by position. When
a ticket opens, each panel reads its data on the GUI thread's connection (one indexed query or two:
the first frame is painted from them); when the replica changes (services.changes), only the panels
the change concerns read again, on the reader's thread, and are shown the result if the same ticket
is still on screen. See docs/architecture.md, "How to add a panel".
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from datetime import datetime
from enum import Enum
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from services.changes import Changes
from services.desk import AfterSend, Desk, DeskReads
from services.store import Draft, MessageView, TicketView

T = TypeVar("T")


class Place(Enum):
    COLUMN = "column"  # the focus column, top to bottom in the list's order
    SIDE = "side"  # beside the focus column, left to right


class PanelHost(Protocol):
    """What a panel may ask of the window it lives in."""

    @property
    def desk(self) -> Desk: ...

    @property
    def current_ticket(self) -> str | None: ...

    def host_widget(self) -> QWidget: ...

    def now(self) -> datetime: ...

    def refresh_time(self) -> None: ...

    def reserve_time(self) -> None: ...

    def send(self, text: str, note: bool, minutes: int, then: AfterSend) -> None: ...

    def save_draft(self, draft: Draft) -> None: ...

    def decide(self, op_id: str, send: bool) -> None: ...

    def read_all(self, ticket: str | None, message: MessageView) -> None: ...

    def show_other_ticket(self, remote_id: str) -> None: ...

    def in_background(self, work: Coroutine[Any, Any, Any], *, then: Callable[[Any], None] | None = None,
                      failed: Callable[[BaseException], None] | None = None) -> None:
        """Run a desk's write off the GUI thread: `then` gets its result, `failed` its error (default: the
        window's notice)."""
        ...

    def apply_changes(self, changes: Changes) -> None: ...


class Panel(Generic[T]):
    """Subclasses set `place` (and `stretch`), build `widget`, and implement read and show."""

    place: ClassVar[Place] = Place.COLUMN
    stretch: ClassVar[int] = 0  # the share of the column's (or the side's) free space it takes

    def __init__(self, host: PanelHost) -> None:
        self.host = host

    @property
    def widget(self) -> QWidget:
        raise NotImplementedError

    def read(self, reads: DeskReads, ticket: TicketView) -> T:
        """What the panel shows for this ticket. Runs on the GUI thread to open a ticket and on the
        reader's thread to refresh it: it reads through `reads` only and touches no widget."""
        raise NotImplementedError

    def show(self, ticket: TicketView, data: T, *, fresh: bool) -> None:
        """Show what read() returned; fresh: the ticket was just opened (else: it changed)."""
        raise NotImplementedError

    def concerns(self, changes: Changes, ticket: TicketView) -> bool:
        """Whether these changes may alter what the panel shows for the ticket on screen."""
        return False

    def clear(self) -> None:
        """No ticket on screen (the queue is clear, or the first sync has not brought any)."""

    def tick(self, now: datetime) -> None:
        """Every half minute while a ticket is on screen (countdowns, elapsed time)."""
