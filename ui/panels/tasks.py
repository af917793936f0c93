"""The customer's task list, under the customer beside the ticket: the same list for every ticket of
theirs and every colleague (services.store.tasks). Writes go to the desk; the replica's answer comes
back as a `tasks` change and is shown again."""

from __future__ import annotations

import threading
from collections.abc import Callable, Coroutine
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from services.changes import Changes
from services.desk import DeskReads
from services.store import TicketView
from ui.panel import Panel, PanelHost, Place
from ui.task_view import TaskPanelView

FIRST_SHOWN = 40  # tasks read to open a ticket: more than the panel shows at once

if TYPE_CHECKING:
    from services.tasks import TaskList


class TasksPanel(Panel["TaskList | None"]):
    place = Place.SIDE
    stretch = 1

    def __init__(self, host: PanelHost) -> None:
        super().__init__(host)
        self.view = TaskPanelView(host.host_widget(), clock=host.now)
        self._day: date | None = None  # the agent's day the list was read on
        self._ticket: TicketView | None = None
        # Changes sent to the desk and not finished: what the view shows already holds them, and a read
        # taken before they landed would flash the old list back for a moment.
        self._in_flight = 0
        self._skipped = False  # a read was left unshown meanwhile: read again once they have landed
        v = self.view
        v.add_requested.connect(self._add)
        v.edit_requested.connect(
            lambda key, text, due: self._run(host.desk.edit_task(key, text=text, due=due)))
        v.done_requested.connect(lambda key, done: self._run(host.desk.set_task_done(key, done)))
        v.move_requested.connect(self._move)
        v.delete_requested.connect(lambda key: self._run(host.desk.delete_task(key)))
        v.undo_requested.connect(lambda key: self._run(host.desk.undelete_task(key)))
        v.decide_requested.connect(lambda op, mine: self._run(host.desk.decide_task(op, keep_mine=mine)))

    @property
    def widget(self) -> QWidget:
        return self.view

    def read(self, reads: DeskReads, ticket: TicketView) -> TaskList | None:
        if not ticket.customer_email:
            return None
        # On the GUI thread (a ticket opening), a screenful: a customer's thousand tasks would cost the
        # ticket's first frame; the rest is read off the GUI thread (show()). Elsewhere, all of them.
        on_gui = threading.current_thread() is threading.main_thread()
        return reads.tasks(ticket.customer_email, first=FIRST_SHOWN if on_gui else None)

    def show(self, ticket: TicketView, data: TaskList | None, *, fresh: bool) -> None:
        if self._in_flight and not fresh and self._ticket is not None \
                and self._ticket.customer_email == ticket.customer_email:
            self._skipped = True
            return
        self._ticket = ticket
        if data is None:
            self.view.clear()
            return
        self._day = self.host.now().astimezone().date()
        if fresh or data.complete:
            self.view.show_list(data, self.host.desk.me, self.host.now())
        if not data.complete:
            self._read_all(ticket)

    def _read_all(self, ticket: TicketView) -> None:
        email = ticket.customer_email

        def shown(full: TaskList) -> None:
            same = self._ticket is not None and self._ticket.remote_id == ticket.remote_id
            if same and not self._in_flight:
                self.view.show_list(full, self.host.desk.me, self.host.now())

        self.host.in_background(self.host.desk.read(lambda reads: reads.tasks(email)), then=shown)

    def concerns(self, changes: Changes, ticket: TicketView) -> bool:
        return bool(ticket.customer_email) and changes.tasks_of(ticket.customer_email)

    def clear(self) -> None:
        self._ticket = None
        self.view.clear()

    def tick(self, now: datetime) -> None:
        # A new day: what is due today and what is overdue moved (the header's chip too).
        ticket = self._ticket
        if ticket is not None and ticket.customer_email and self._day != now.astimezone().date():
            self._day = now.astimezone().date()
            self.host.apply_changes(Changes(tasks=frozenset((ticket.customer_email.lower(),))))

    # --- the agent's changes -------------------------------------------------------------------------

    def _add(self, text: str, due: date | None) -> None:
        ticket = self._ticket
        if ticket is None or not ticket.customer_email:
            return
        self._run(self.host.desk.add_task(ticket.customer_email, text, due=due, ticket=ticket.remote_id),
                  refused=lambda: self.view.give_back(text, due))

    def _move(self, key: str, offset: int) -> None:
        if self._ticket is not None:
            email = self._ticket.customer_email

            def refused(moved: object) -> None:  # the replica found no room for it: show what it has
                if moved is False:
                    self.host.apply_changes(Changes(tasks=frozenset((email.lower(),))))

            self._run(self.host.desk.move_task(key, email, offset), then=refused)

    def _run(self, work: Coroutine[Any, Any, Any], then: Callable[[object], None] | None = None,
             refused: Callable[[], None] | None = None) -> None:
        email = self._ticket.customer_email if self._ticket is not None else ""

        def landed(result: object) -> None:
            self._in_flight -= 1
            if then is not None:
                then(result)
            if not self._in_flight and self._skipped:
                self._skipped = False
                self.host.apply_changes(Changes(tasks=frozenset((email.lower(),))))

        def failed(exc: BaseException) -> None:
            # Refused by the replica (the task is gone, a text it would not keep): said in the panel, and
            # the list read again, so what it showed at once gives way to what is kept.
            self._in_flight -= 1
            self.view.say(str(exc))
            if refused is not None:
                refused()
            self.host.apply_changes(Changes(tasks=frozenset((email.lower(),))))

        self._in_flight += 1
        self.host.in_background(work, then=landed, failed=failed)
