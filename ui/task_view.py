"""The customer's task list beside their ticket, driven from the keyboard.

Add: type in the field at the top, Tab to the due day if there is one, Enter. In the list: Space
completes (or reopens), Enter or F2 edits in place, Alt+Up/Down moves, Delete removes (Ctrl+Z or the
Undo button brings it back). Completing, moving and removing show at once; the replica's answer follows.
The widget only says what the agent asked for; the panel (ui.panels.tasks) hands it to the desk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.tasks import (
    MAX_TASK_TEXT,
    Home,
    Task,
    TaskList,
    TaskProblem,
    due_from_words,
    held_detail,
    position_below,
    shown_order,
)
from ui.models import Tone, quiet_text, tone_fill, tone_text
from ui.task_list import TaskDelegate, TaskModel, due_text

_SHOWN_FIRST = "new:"  # the key of a task shown before the replica has it
_TASK_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2, Qt.Key.Key_Up,
              Qt.Key.Key_Down, Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class TaskPanelView(QWidget):
    add_requested = Signal(str, object)  # text, due day (date or None)
    edit_requested = Signal(str, str, object)  # key, text, due day
    done_requested = Signal(str, bool)  # key, done
    move_requested = Signal(str, int)  # key, -1 up / +1 down
    delete_requested = Signal(str)
    undo_requested = Signal(str)  # key of the task removed last
    decide_requested = Signal(str, bool)  # the held change's id, keep mine

    def __init__(self, parent: QWidget | None = None, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taskPanel")
        self._clock = clock or (lambda: datetime.now().astimezone())
        self._deferred: tuple[list[Task], datetime] | None = None  # a refresh that came while editing
        self.setMinimumWidth(220)
        self._list: TaskList | None = None
        self._removed: Task | None = None
        self._me = ""
        self._provisional = 0  # tasks shown before the replica has them

        self.caption = QLabel(self)
        self.caption.setObjectName("taskCaption")
        font = self.caption.font()
        font.setWeight(font.Weight.DemiBold)
        self.caption.setFont(font)
        self.home_note = QLabel(self)
        self.home_note.setObjectName("taskHome")
        self.home_note.setWordWrap(True)

        self.add_text = QLineEdit(self)
        self.add_text.setObjectName("taskAdd")
        self.add_text.setPlaceholderText(self.tr("Add a task for them…"))
        self.add_text.setAccessibleName(self.tr("New task"))
        self.add_text.setMaxLength(MAX_TASK_TEXT)
        self.add_text.setClearButtonEnabled(True)
        self.add_due = QLineEdit(self)
        self.add_due.setObjectName("taskAddDue")
        self.add_due.setPlaceholderText(self.tr("Due"))
        self.add_due.setAccessibleName(self.tr("Due day of the new task"))
        self.add_due.setToolTip(self.tr("A date (2026-12-04), today, tomorrow, a weekday, +3; empty: none"))
        self.add_due.setMaximumWidth(96)
        for field in (self.add_text, self.add_due):
            field.returnPressed.connect(self._add)
        self.problem = QLabel(self)
        self.problem.setObjectName("taskProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.model = TaskModel(self)
        self.list = QListView(self)
        self.list.setObjectName("taskList")
        self.list.setModel(self.model)
        delegate = TaskDelegate(self._edited, self._editable, self.list)
        self.list.setItemDelegate(delegate)
        # Once the view has closed the editor (its own slot runs first, connected by setItemDelegate).
        delegate.closeEditor.connect(lambda *_: self._apply_deferred())
        self.list.setAccessibleName(self.tr("The customer's tasks"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setFrameShape(QFrame.Shape.NoFrame)
        self.list.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setUniformItemSizes(True)  # a thousand rows are laid out without asking each its size
        self.list.installEventFilter(self)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._show_held())
        self.empty = QLabel(self.tr("No tasks for this customer yet."), self)
        self.empty.setObjectName("taskEmpty")
        self.empty.setWordWrap(True)

        self.undo_bar = QWidget(self)
        self.undo_text = QLabel(self.undo_bar)
        self.undo_text.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("&Undo"), self.undo_bar)
        self.undo_button.setObjectName("taskUndo")
        self.undo_button.setAutoDefault(False)
        self.undo_button.setToolTip(self.tr("Bring the task back (Ctrl+Z)"))
        self.undo_button.clicked.connect(lambda _c=False: self.undo())
        row = QHBoxLayout(self.undo_bar)
        row.setContentsMargins(0, 2, 0, 2)
        row.addWidget(self.undo_text, 1)
        row.addWidget(self.undo_button)
        self.undo_bar.hide()

        self.held_bar = QFrame(self)
        self.held_bar.setObjectName("taskHeld")
        self.held_bar.setAutoFillBackground(True)
        self.held_text = QLabel(self.held_bar)
        self.held_text.setWordWrap(True)
        self.keep_button = QPushButton(self.tr("Keep mine"), self.held_bar)
        self.keep_button.setAutoDefault(False)
        self.theirs_button = QPushButton(self.tr("Take theirs"), self.held_bar)
        self.theirs_button.setAutoDefault(False)
        self.keep_button.clicked.connect(lambda _c=False: self._decide(True))
        self.theirs_button.clicked.connect(lambda _c=False: self._decide(False))
        held = QVBoxLayout(self.held_bar)
        held.setContentsMargins(8, 6, 8, 6)
        held.addWidget(self.held_text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.theirs_button)
        buttons.addStretch(1)
        held.addLayout(buttons)
        self.held_bar.hide()

        add_row = QHBoxLayout()
        add_row.setSpacing(4)
        add_row.addWidget(self.add_text, 1)
        add_row.addWidget(self.add_due)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.caption)
        layout.addWidget(self.home_note)
        layout.addLayout(add_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.held_bar)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.undo_bar)
        QWidget.setTabOrder(self.add_text, self.add_due)
        QWidget.setTabOrder(self.add_due, self.list)
        self._apply_palette()
        self.clear()

    # --- what the panel shows ------------------------------------------------------------------------

    def show_list(self, tasks: TaskList, me: str, now: datetime) -> None:
        if self._list is None or self._list.customer != tasks.customer:
            self._forget_removed()
            self.problem.hide()
        self._list, self._me = tasks, me
        self._set_tasks(tasks.tasks, now)
        open_count = tasks.counts.open
        self.caption.setText(self.tr("Tasks · %n open", "", open_count) if open_count
                             else self.tr("Tasks"))
        if tasks.home is Home.HERE:
            self.home_note.setText(
                self.tr("Kept on this computer only: this helpdesk has no place for tasks."))
        elif tasks.home is Home.MISSING:
            self.home_note.setText(self.tr("Kept on this computer until the helpdesk has a queue named “%1” "
                                           "that you can see; then shared.").replace("%1", tasks.queue))
        self.home_note.setVisible(tasks.home is not Home.HELPDESK)
        self.add_text.setEnabled(True)

    def clear(self) -> None:
        self._list = None
        self._forget_removed()
        self.model.set_tasks([], datetime.now().astimezone())
        self.caption.setText(self.tr("Tasks"))
        self.home_note.hide()
        self.problem.hide()
        self.held_bar.hide()
        self.add_text.setEnabled(False)
        self.empty.setText(self.tr("No customer for this ticket."))
        self.empty.show()
        self.list.hide()

    def focus_add(self) -> None:
        self.add_text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.add_text.selectAll()

    def focus_list(self) -> None:
        if self.model.rowCount():
            self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if not self.list.currentIndex().isValid():
                self.list.setCurrentIndex(self.model.index(0))
        else:
            self.focus_add()

    def give_back(self, text: str, due: date | None) -> None:
        """A task the replica could not keep (a full disk): its words back in the add field, unless the
        agent is typing another one."""
        if not self.add_text.text():
            self.add_text.setText(text)
            self.add_due.setText(due.isoformat() if due else "")

    def say(self, problem: str) -> None:
        """A change the replica refused (it is not made): said under the add field."""
        self.problem.setText(problem)
        self.problem.show()

    # --- the agent's keys ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            task = self._current()
            key, mods = event.key(), event.modifiers()
            if key == Qt.Key.Key_Z and mods == Qt.KeyboardModifier.ControlModifier and self._removed:
                self.undo()
                return True
            if task is None:
                return False
            if task.key.startswith(_SHOWN_FIRST) and key in _TASK_KEYS:
                return True  # shown before the replica has it: its own key comes in a moment
            if key == Qt.Key.Key_Space and not mods:
                self._toggle(task)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods:
                if self.list.state() != QAbstractItemView.State.EditingState:
                    self.list.edit(self.list.currentIndex())
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and mods == Qt.KeyboardModifier.AltModifier:
                self._move(task, -1 if key == Qt.Key.Key_Up else 1)
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not mods:
                self._remove(task)
                return True
        return super().eventFilter(watched, event)

    def undo(self) -> None:
        removed, self._removed = self._removed, None
        self.undo_bar.hide()
        if removed is not None:
            self.undo_requested.emit(removed.key)
            self._set_tasks([*self.model.tasks, removed], self._now())  # back at once, where it was
            self._select(removed.key)

    # --- internals -----------------------------------------------------------------------------------

    def _add(self) -> None:
        text = " ".join(self.add_text.text().split())
        if not text or not self._fits(text):
            return
        ok, due = self._due(self.add_due.text())
        if not ok:
            self.add_due.setFocus()
            return
        self.problem.hide()
        # Shown at once, below the open tasks; the replica's copy (with its own key) replaces it.
        now = self._now()
        open_tasks = [t for t in self.model.tasks if not t.done]
        self._provisional += 1
        customer = self._list.customer if self._list else ""
        shown = Task(f"{_SHOWN_FIRST}{self._provisional}", None, customer, text, due,
                     None, "", position_below(min((t.position for t in open_tasks), default=None)), None, now,
                     self._me)
        self._set_tasks([*self.model.tasks, shown], now)
        self.add_requested.emit(text, due)
        self.add_text.clear()
        self.add_due.clear()
        self.add_text.setFocus()

    def _editable(self, text: str, due_words: str) -> bool:
        """Whether an edit can be kept as typed; if not, the problem is said and the editor stays."""
        line = " ".join(text.split())
        return bool(line) and self._fits(line) and self._due(due_words)[0]

    def _edited(self, key: str, text: str, due_words: str) -> None:
        line = " ".join(text.split())
        ok, due = self._due(due_words)
        if not line or not ok:
            return  # (refused before: see _editable)
        self.problem.hide()
        self._set_tasks([replace(t, text=line, due=due) if t.key == key else t for t in self.model.tasks],
                        self._now(), ordered=True)  # shown at once; the replica's copy follows
        self.edit_requested.emit(key, line, due)

    def _fits(self, line: str) -> bool:
        if len(line.encode()) <= MAX_TASK_TEXT:
            return True
        self.say(self.tr("A task is one line: this one is too long by %1 bytes. Keep the details in a note.")
                 .replace("%1", str(len(line.encode()) - MAX_TASK_TEXT)))
        return False

    def _due(self, words: str) -> tuple[bool, date | None]:
        """The due day typed (None: none), and False when it is not one (the problem is said)."""
        try:
            return True, due_from_words(words, self._now().date())
        except TaskProblem:
            self.say(self.tr("“%1” is not a day: write 2026-12-04, today, tomorrow, a weekday or +3.")
                     .replace("%1", words.strip()[:40]))
            return False, None

    def _toggle(self, task: Task) -> None:
        now = self._now()
        done = not task.done
        changed = replace(task, done_at=now if done else None, done_by=self._me if done else "")
        self._set_tasks([changed if t.key == task.key else t for t in self.model.tasks], now)
        self._select(task.key)
        self.done_requested.emit(task.key, done)

    def _move(self, task: Task, offset: int) -> None:
        if task.done:
            return
        tasks = list(self.model.tasks)
        row = tasks.index(task)
        target = row + offset
        if not 0 <= target < len(tasks) or tasks[target].done:
            return
        tasks.insert(target, tasks.pop(row))
        self._set_tasks(tasks, self._now(), ordered=True)
        self._select(task.key)
        self.move_requested.emit(task.key, offset)

    def _remove(self, task: Task) -> None:
        row = self.model.row_of(task.key)
        self._removed = task
        self._set_tasks([t for t in self.model.tasks if t.key != task.key], self._now())
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))
        else:
            self.add_text.setFocus()
        self.undo_text.setText(self.tr("Removed “%1”.").replace("%1", task.text))
        self.undo_bar.show()
        self.delete_requested.emit(task.key)

    def _forget_removed(self) -> None:
        self._removed = None
        self.undo_bar.hide()

    def _decide(self, keep_mine: bool) -> None:
        task = self._current()
        if task is not None and task.held:
            self.held_bar.hide()
            self.decide_requested.emit(task.held, keep_mine)

    def _show_held(self) -> None:
        task = self._current()
        if task is None or not task.held:
            self.held_bar.hide()
            return
        field, theirs = held_detail(task.conflict)
        if field == "refused":
            text = self.tr("The helpdesk refused this change: %1").replace("%1", str(theirs)[:300])
            self.keep_button.setText(self.tr("Try again"))
            self.theirs_button.setText(self.tr("Drop it"))
        elif field == "deleted":
            text = self.tr("Someone deleted this task in the helpdesk while you changed it.")
            self.keep_button.setText(self.tr("Keep it"))
            self.theirs_button.setText(self.tr("Let it go"))
        else:
            shown = due_text(date.fromisoformat(str(theirs))) if field == "due" and theirs else \
                (self.tr("no due day") if field == "due" else str(theirs))
            text = self.tr("Changed elsewhere too, to “%1”.").replace("%1", shown)
            self.keep_button.setText(self.tr("Keep mine"))
            self.theirs_button.setText(self.tr("Take theirs"))
        self.held_text.setText(text)
        self.held_bar.show()

    def _set_tasks(self, tasks: list[Task], now: datetime, *, ordered: bool = False) -> None:
        if self.list.state() == QAbstractItemView.State.EditingState:
            # Not under the agent's fingers: a refresh would reset what they are typing.
            self._deferred = (tasks if ordered else shown_order(tasks, now), now)
            return
        current = self._current()
        self.model.set_tasks(tasks if ordered else shown_order(tasks, now), now)
        if current is not None:
            self._select(current.key, focus=False)
        has = bool(self.model.rowCount())
        self.list.setVisible(has)
        self.empty.setText(self.tr("No tasks for this customer yet."))
        self.empty.setVisible(not has)
        self._show_held()

    def _apply_deferred(self) -> None:
        deferred, self._deferred = self._deferred, None
        if deferred is not None:
            self._set_tasks(deferred[0], deferred[1], ordered=True)

    def _select(self, key: str, *, focus: bool = True) -> None:
        row = self.model.row_of(key)
        if row >= 0:
            self.list.setCurrentIndex(self.model.index(row))
            if focus and self.list.hasFocus() is False and self.list.isVisible():
                self.list.setFocus()

    def _current(self) -> Task | None:
        index = self.list.currentIndex()
        return self.model.task(index.row()) if index.isValid() and index.row() < self.model.rowCount() \
            else None

    def _now(self) -> datetime:
        return self._clock()

    def _apply_palette(self) -> None:
        pal = self.palette()
        quiet = QPalette(pal)
        quiet.setColor(QPalette.ColorRole.WindowText, quiet_text(pal))
        self.home_note.setPalette(quiet)
        self.empty.setPalette(quiet)
        bad = QPalette(pal)
        bad.setColor(QPalette.ColorRole.WindowText, tone_text(pal, Tone.BAD))
        self.problem.setPalette(bad)
        held = QPalette(pal)
        held.setColor(QPalette.ColorRole.Window, tone_fill(pal, Tone.WARN))
        self.held_bar.setPalette(held)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
