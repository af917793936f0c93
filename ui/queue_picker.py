"""Choosing the product queues a specialist works. None ticked means every visible queue.

A window of its own (not modal); a filter field helps when the helpdesk has dozens of queues."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.store import QueueChoice
from ui.models import quiet_text


class QueuePicker(QDialog):
    chosen = Signal(list)  # the ticked queue names; empty = every queue

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queuePicker")
        self.setWindowTitle(self.tr("Your queues"))
        self.setModal(False)

        intro = QLabel(self.tr("Tick the queues you work. Next offers tickets from these queues only; "
                               "with none ticked, it offers tickets from every queue."), self)
        intro.setWordWrap(True)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("queueFilter")
        self.filter.setPlaceholderText(self.tr("Filter queues"))
        self.filter.setAccessibleName(self.tr("Filter queues"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.list = QListWidget(self)
        self.list.setObjectName("queueList")
        self.list.setAccessibleName(self.tr("Queues"))
        self.list.itemChanged.connect(lambda _item: self._update_summary())
        self.summary = QLabel(self)
        self.summary.setObjectName("queueSummary")
        pal = self.summary.palette()
        pal.setColor(QPalette.ColorRole.WindowText, quiet_text(pal))
        self.summary.setPalette(pal)
        self.empty_note = QLabel(self.tr("No queues known yet: they appear after the first sync."), self)
        self.empty_note.setWordWrap(True)
        self.empty_note.hide()

        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("queueSave")
        self.save_button.setDefault(True)
        self.clear_button = QPushButton(self.tr("Untick all"), self)
        self.clear_button.setObjectName("queueClear")
        self.clear_button.setAutoDefault(False)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.setAutoDefault(False)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(lambda _c=False: self._save())
        self.clear_button.clicked.connect(lambda _c=False: self._untick_all())
        cancel.clicked.connect(lambda _c=False: self.reject())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.setMinimumSize(420, 420)

    def open_with(self, queues: list[QueueChoice]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for q in queues:
            if q.tasks:  # shown for what it is, never worked (Next never offers its tickets)
                item = QListWidgetItem(self.tr("%1 (where customer tasks are kept)").replace("%1", q.name),
                                       self.list)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                item.setData(Qt.ItemDataRole.UserRole, None)
                item.setToolTip(self.tr("One ticket per customer task: never among the queues you work."))
                continue
            item = QListWidgetItem(q.name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, q.name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if q.chosen else Qt.CheckState.Unchecked)
            if q.description:
                item.setToolTip(q.description)
        self.list.blockSignals(False)
        self.empty_note.setVisible(not queues)
        self.filter.clear()
        self._update_summary()
        self.show()
        self.raise_()
        self.activateWindow()
        (self.filter if len(queues) > 8 else self.list).setFocus()
        if self.list.count():
            self.list.setCurrentRow(0)

    def ticked(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).data(Qt.ItemDataRole.UserRole)
                and self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _save(self) -> None:
        self.chosen.emit(self.ticked())
        self.accept()

    def _untick_all(self) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole):
                self.list.item(i).setCheckState(Qt.CheckState.Unchecked)

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _update_summary(self) -> None:
        count = len(self.ticked())
        if count == 0:
            self.summary.setText(self.tr("None ticked: you work every queue."))
        else:
            self.summary.setText(self.tr("Queues ticked: %1").replace("%1", str(count)))
