"""The customer's tasks as a list model, and the delegate that draws each one in two lines and edits it
in place (its text and its due day side by side, Tab between them, Enter to keep, Escape to leave).

A customer may have a thousand tasks: the model formats a row's detail line only when it is painted,
and a refresh with nothing new keeps the selection and the scroll position."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, tzinfo

from PySide6.QtCore import (
    QAbstractListModel,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from services.tasks import MAX_TASK_TEXT, DueState, Task, due_state
from ui.models import Tone, mix, quiet_text, tone_text

_Index = QModelIndex | QPersistentModelIndex
_PAD = 5
_BOX = 14  # the tick box's side


class TaskModel(QAbstractListModel):
    TaskRole = Qt.ItemDataRole.UserRole + 1
    DueRole = Qt.ItemDataRole.UserRole + 2  # services.tasks.DueState
    DetailRole = Qt.ItemDataRole.UserRole + 3  # "due Fri 4 Dec · from #304 · added by bob"

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: list[Task] = []
        # Made when a row is first painted: of a thousand tasks, a dozen are on screen.
        self._states: dict[int, DueState] = {}
        self._details: dict[int, str] = {}
        self.now: datetime | None = None
        self._zone: tzinfo | None = None

    def set_tasks(self, tasks: list[Task], now: datetime) -> None:
        """Show `tasks` in this order. A change the agent just made (one task done, moved, removed or back)
        is told to the view as that one move, removal or insertion, not as a new list: the view then
        keeps its selection and lays out nothing else (a thousand rows reset cost a frame)."""
        old = [t.key for t in self._tasks]
        new = [t.key for t in tasks]
        self.now = now
        self._zone = now.astimezone().tzinfo
        if old == new:
            changed = [i for i, (a, b) in enumerate(zip(self._tasks, tasks, strict=True)) if a != b]
            self._tasks = list(tasks)
            for row in changed:
                self._forget(row)
            if changed:
                self.dataChanged.emit(self.index(changed[0]), self.index(changed[-1]))
            return
        edit = _one_edit(old, new)
        if edit is None:
            self.beginResetModel()
            self._tasks = list(tasks)
            self._states.clear()
            self._details.clear()
            self.endResetModel()
            return
        kind, src, dst = edit
        if kind == "replace":  # a task shown before the replica had it, now with its own key
            self._tasks = list(tasks)
            self._forget(src)
            self.dataChanged.emit(self.index(src), self.index(src))
            return
        if kind == "remove":
            self.beginRemoveRows(QModelIndex(), src, src)
            self._tasks = list(tasks)
            self._states.clear()
            self._details.clear()
            self.endRemoveRows()
        elif kind == "insert":
            self.beginInsertRows(QModelIndex(), dst, dst)
            self._tasks = list(tasks)
            self._states.clear()
            self._details.clear()
            self.endInsertRows()
        else:  # one task moved from src to dst (Qt counts the destination before the move)
            self.beginMoveRows(QModelIndex(), src, src, QModelIndex(), dst + 1 if dst > src else dst)
            self._tasks = list(tasks)
            self._states.clear()
            self._details.clear()
            self.endMoveRows()
            self.dataChanged.emit(self.index(dst), self.index(dst))

    def _forget(self, row: int) -> None:
        self._states.pop(row, None)
        self._details.pop(row, None)

    def _state(self, row: int) -> DueState:
        state = self._states.get(row)
        if state is None:
            zone = self._zone or UTC
            state = self._states[row] = due_state(self._tasks[row], self.now or datetime.now(UTC), zone)
        return state

    def task(self, row: int) -> Task:
        return self._tasks[row]

    def row_of(self, key: str) -> int:
        return next((i for i, t in enumerate(self._tasks) if t.key == key), -1)

    @property
    def tasks(self) -> list[Task]:
        return self._tasks

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._tasks)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._tasks):
            return None
        t = self._tasks[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return t.text
        if role == self.TaskRole:
            return t
        if role == self.DueRole:
            return self._state(index.row())
        if role == self.DetailRole:
            return self._detail(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join((t.text, self._detail(index.row()),
                              self.tr("Space: done · Enter: edit · Alt+Up/Down: move · Delete: remove")))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            done = self.tr("done") if t.done else self.tr("open")
            return ", ".join(w for w in (t.text, done, self._detail(index.row())) if w)
        return None

    def _detail(self, row: int) -> str:
        detail = self._details.get(row)
        if detail is None:
            t, state = self._tasks[row], self._state(row)
            words: list[str] = []
            if t.conflict:
                words.append(self.tr("changed elsewhere too"))
            if t.due is not None and not t.done:
                words.append({DueState.OVERDUE: self.tr("overdue, due %1"),
                              DueState.TODAY: self.tr("due today")}.get(state, self.tr("due %1"))
                             .replace("%1", due_text(t.due)))
            if t.ticket:
                words.append(self.tr("from #%1").replace("%1", t.ticket))
            if t.done:
                by = t.done_by
                words.append(self.tr("done by %1").replace("%1", by) if by else self.tr("done"))
            elif t.created_by:
                words.append(self.tr("added by %1").replace("%1", t.created_by))
            detail = self._details[row] = " · ".join(words)
        return detail


def _one_edit(old: list[str], new: list[str]) -> tuple[str, int, int] | None:
    """How `new` differs from `old` if by one edit: ("remove", row, row), ("insert", row, row),
    ("replace", row, row) (another key in the same place) or ("move", from, to); None otherwise."""
    if len(new) == len(old) - 1:
        row = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(new))
        return ("remove", row, row) if old[:row] + old[row + 1:] == new else None
    if len(new) == len(old) + 1:
        row = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(old))
        return ("insert", row, row) if new[:row] + new[row + 1:] == old else None
    if len(new) != len(old):
        return None
    differ = [i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b]
    if len(differ) == 1:
        return ("replace", differ[0], differ[0])
    if set(old) != set(new):
        return None
    first = next(i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b)
    last = max(i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b)
    for src, dst in ((first, last), (last, first)):
        moved = old[:src] + old[src + 1:]
        moved.insert(dst, old[src])
        if moved == new:
            return ("move", src, dst)
    return None


def due_text(day: date) -> str:
    """ "Fri 4 Dec" (and the year when it is not this one), in the UI's language."""
    from PySide6.QtCore import QLocale

    this_year = date.today().year
    return QLocale().toString(QDate(day.year, day.month, day.day),
                              "ddd d MMM" if day.year == this_year else "ddd d MMM yyyy")


class TaskEditor(QWidget):
    """The task's text and due day, edited in place."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("taskEditor")
        self.setAutoFillBackground(True)
        self.text = QLineEdit(self)
        self.text.setObjectName("taskEditText")
        self.text.setMaxLength(MAX_TASK_TEXT)
        self.text.setAccessibleName(self.tr("Task"))
        self.due = QLineEdit(self)
        self.due.setObjectName("taskEditDue")
        self.due.setPlaceholderText(self.tr("Due"))
        self.due.setAccessibleName(self.tr("Due day"))
        self.due.setToolTip(self.tr("A date (2026-12-04), today, tomorrow, a weekday, +3; empty: none"))
        self.due.setMaximumWidth(110)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.due)
        self.setFocusProxy(self.text)


class TaskDelegate(QStyledItemDelegate):
    """Two lines per task: a tick box and the text (struck through when done), then the detail line,
    red when overdue. Editing opens a TaskEditor over the row; `edited` gets (key, text, due text)."""

    def __init__(self, edited: Callable[[str, str, str], None], editable: Callable[[str, str], bool],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._edited = edited
        self._editable = editable
        self._for: str | None = None
        self._cached: tuple[QFont, QFont, QFont, QFontMetrics, QFontMetrics] | None = None

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont, QFontMetrics, QFontMetrics]:
        key = option.font.key()
        if self._cached is None or key != self._for:
            text = QFont(option.font)
            struck = QFont(option.font)
            struck.setStrikeOut(True)
            detail = QFont(option.font)
            detail.setPointSizeF(max(7.0, detail.pointSizeF() * 0.9))
            self._for, self._cached = key, (text, struck, detail, QFontMetrics(text), QFontMetrics(detail))
        return self._cached

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        *_fonts, text_fm, detail_fm = self._fonts(option)
        return QSize(200, text_fm.height() + detail_fm.height() + 2 * _PAD + 3)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        rect: QRect = option.rect
        pal: QPalette = option.palette
        task: Task | None = index.data(TaskModel.TaskRole)
        if task is None:
            return
        state = DueState(index.data(TaskModel.DueRole) or "")  # (Qt hands the enum back as its text)
        detail: str = index.data(TaskModel.DetailRole) or ""
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        text_font, struck, detail_font, text_fm, detail_fm = self._fonts(option)
        text_colour = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        quiet = text_colour if selected else quiet_text(pal)
        inner = rect.adjusted(_PAD + 2, _PAD, -_PAD, -_PAD)
        box = QRect(inner.left(), inner.top() + (text_fm.height() - _BOX) // 2, _BOX, _BOX)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(quiet)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, 3, 3)
        if task.done:
            painter.drawLine(box.left() + 3, box.center().y(), box.center().x() - 1, box.bottom() - 3)
            painter.drawLine(box.center().x() - 1, box.bottom() - 3, box.right() - 2, box.top() + 3)
        left = box.right() + 8
        text_rect = QRect(left, inner.top(), inner.right() - left, text_fm.height())
        painter.setFont(struck if task.done else text_font)
        painter.setPen(quiet if task.done else text_colour)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         text_fm.elidedText(task.text, Qt.TextElideMode.ElideRight, text_rect.width()))
        detail_rect = QRect(left, text_rect.bottom() + 3, text_rect.width(), detail_fm.height())
        painter.setFont(detail_font)
        if not selected and (state is DueState.OVERDUE or task.conflict):
            painter.setPen(tone_text(pal, Tone.BAD))
        elif not selected and state is DueState.TODAY:
            painter.setPen(tone_text(pal, Tone.WARN))
        else:
            painter.setPen(quiet)
        painter.drawText(detail_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         detail_fm.elidedText(detail, Qt.TextElideMode.ElideRight, detail_rect.width()))
        if state is DueState.OVERDUE and not selected:
            bar = QRect(rect.left(), rect.top() + 2, 3, rect.height() - 4)
            painter.fillRect(bar, tone_text(pal, Tone.BAD))
        painter.restore()

    # --- editing in place ----------------------------------------------------------------------------

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = TaskEditor(parent)
        editor.setPalette(mix_editor_palette(parent.palette()))
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        task: Task | None = index.data(TaskModel.TaskRole)
        if isinstance(editor, TaskEditor) and task is not None:
            editor.text.setText(task.text)
            editor.text.selectAll()
            editor.due.setText(task.due.isoformat() if task.due else "")

    def setModelData(self, editor: QWidget, model: object, index: _Index) -> None:
        task: Task | None = index.data(TaskModel.TaskRole)
        if isinstance(editor, TaskEditor) and task is not None:
            self._edited(task.key, editor.text.text(), editor.due.text())

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: _Index) -> None:
        editor.setGeometry(option.rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if pressed and isinstance(event, QKeyEvent) and isinstance(editor, TaskEditor):
            if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                # Tab moves between the editor's two fields (not to the next row, as with one field).
                other = editor.due if editor.text.hasFocus() else editor.text
                other.setFocus()
                other.selectAll()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and not self._editable(editor.text.text(), editor.due.text()):
                return True  # not a task or not a day: said, and the editor stays with what was typed
        return super().eventFilter(editor, event)


def mix_editor_palette(base: QPalette) -> QPalette:
    pal = QPalette(base)
    pal.setColor(QPalette.ColorRole.Window, mix(base.color(QPalette.ColorRole.Base), QColor("#808080"), 0.06))
    return pal
