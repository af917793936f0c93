"""Ctrl+K: every action of the window, filtered as the agent types, run with Enter; also the tickets
the window offers for what is typed (a ticket number to go to, the drafts left on other tickets).

A frameless panel inside the window (not a modal dialog): Escape or a click elsewhere closes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QAction, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from services.fuzzy import filter_ranked
from ui.actions import Actions
from ui.models import quiet_text

_Index = QModelIndex | QPersistentModelIndex
SHORTCUT_ROLE = Qt.ItemDataRole.UserRole + 1


class _CommandDelegate(QStyledItemDelegate):
    """The command on the left, its shortcut in a quiet colour against the right edge: a column that
    stays aligned whatever the language (a tab in the text lined nothing up)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        super().paint(painter, option, index)
        shortcut = str(index.data(SHORTCUT_ROLE) or "")
        if not shortcut:
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        pal: QPalette = option.palette
        painter.save()
        painter.setPen(pal.color(QPalette.ColorRole.HighlightedText) if selected
                       else quiet_text(pal, pal.color(QPalette.ColorRole.Base)))
        rect: QRect = option.rect
        painter.drawText(rect.adjusted(0, 0, -8, 0),
                         int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), shortcut)
        painter.restore()


@dataclass(frozen=True, slots=True)
class PaletteEntry:
    """One line of the palette: what it says, the shortcut beside it, and what Enter does."""

    text: str
    run: Callable[[], object]
    shortcut: str = ""
    tooltip: str = ""
    usable: Callable[[], bool] = lambda: True


def action_entry(action: QAction, shortcut: str) -> PaletteEntry:
    return PaletteEntry(action.text().replace("&", ""), action.trigger, shortcut, action.toolTip(),
                        lambda: action.isEnabled() and action.isVisible())


def _none(_query: str) -> list[PaletteEntry]:
    return []


@dataclass(frozen=True, slots=True)
class Offers:
    """What the window adds to the commands: entries for what is typed (put first, read at each
    keystroke), and entries read once each time the palette opens (ranked with the commands)."""

    for_query: Callable[[str], list[PaletteEntry]] = _none
    on_open: Callable[[], list[PaletteEntry]] = list


class PaletteModel(QAbstractListModel):
    def __init__(self, commands: list[PaletteEntry], offers: Offers | None = None) -> None:
        super().__init__()
        self._commands = commands
        self._offers = offers or Offers()
        self._opened: list[PaletteEntry] = []  # read by `reload`, once per opening
        self._shown: list[PaletteEntry] = list(commands)

    def reload(self) -> None:
        """The palette opens: what it offers besides the commands, read now (not at every keystroke)."""
        self._opened = self._offers.on_open()

    def filter(self, query: str) -> None:
        # Worked out before the reset: a failing offer (a read gone wrong) leaves the model whole.
        first = self._offers.for_query(query)
        usable = [e for e in [*self._commands, *self._opened] if e.usable()]  # commands first, before a query
        titles = [e.text.rstrip("…") for e in usable]
        shown = first + [usable[i] for i in filter_ranked(query, titles)]
        self.beginResetModel()
        self._shown = shown
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._shown[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return entry.text
        if role == SHORTCUT_ROLE:
            return entry.shortcut
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{entry.text}, {entry.shortcut}" if entry.shortcut else entry.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.tooltip or None
        if role == Qt.ItemDataRole.UserRole:
            return entry
        return None


class CommandPalette(QFrame):
    def __init__(self, actions: Actions, parent: QWidget, offers: Offers | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commandPalette")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        entries = [action_entry(action, Actions.shortcut_text(spec)) for spec, action in actions.items()
                   if spec.key not in ("palette", "shortcuts", "go_to")]
        self._model = PaletteModel(entries, offers)
        self._query = QLineEdit(self)
        self._query.setPlaceholderText(self.tr("Type a command…"))
        self._query.setAccessibleName(self.tr("Command search"))
        self._query.setClearButtonEnabled(True)
        self._list = QListView(self)
        self._list.setModel(self._model)
        self._list.setAccessibleName(self.tr("Commands"))
        self._list.setUniformItemSizes(True)
        self._list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._list.setItemDelegate(_CommandDelegate(self._list))
        self._none = QLabel(self.tr("No command matches"), self)
        self._none.setObjectName("paletteNoMatch")
        self._none.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._none.setEnabled(False)  # the quiet colour of a hint
        self._none.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self._query)
        layout.addWidget(self._none)
        layout.addWidget(self._list)
        self._query.textChanged.connect(self._filter)
        self._query.installEventFilter(self)
        self._list.activated.connect(self._run)
        self._list.clicked.connect(self._run)
        self.hide()

    def open(self, query: str = "") -> None:
        """Shown over the window, searching for `query` (e.g. "#" to go to a ticket by number)."""
        parent = self.parentWidget()
        if parent is None:  # made with the window as its parent: never the case, but say so to mypy
            return
        width = min(560, parent.width() - 40)
        self.setGeometry((parent.width() - width) // 2, 60, width, min(420, parent.height() - 100))
        self._query.blockSignals(True)
        self._query.setText(query)
        self._query.blockSignals(False)
        self._model.reload()
        self._filter(query)
        self.show()
        self.raise_()
        self._query.setFocus()

    def _filter(self, text: str) -> None:
        self._model.filter(text)
        found = bool(self._model.rowCount())
        if found:
            self._list.setCurrentIndex(self._model.index(0, 0))
        self._none.setVisible(not found)

    def _run(self, index: QModelIndex) -> None:
        entry = self._model.data(index, Qt.ItemDataRole.UserRole)
        self.hide()
        if isinstance(entry, PaletteEntry):
            entry.run()

    def eventFilter(self, watched: object, event: object) -> bool:
        pressed = isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress
        if watched is self._query and isinstance(event, QKeyEvent) and pressed:
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.hide()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                row = self._list.currentIndex().row() + (1 if key == Qt.Key.Key_Down else -1)
                if 0 <= row < self._model.rowCount():
                    self._list.setCurrentIndex(self._model.index(row, 0))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._list.currentIndex().isValid():
                    self._run(self._list.currentIndex())
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
