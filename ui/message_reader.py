"""One message in full, in a window of its own: for messages too long to lay out in the thread (a
pasted log of megabytes). A QPlainTextEdit lays out only what is on screen, and the text is put in by
chunks, one per turn of the event loop, so even 8 MB never freezes the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

_CHUNK = 200_000  # characters put in per turn of the event loop: about 20 ms


class MessageReader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("messageReader")
        self.resize(900, 700)
        self.heading = QLabel(self)
        self.heading.setObjectName("readerHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("readerText")
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Whole message"))
        self.copy_button = QPushButton(self.tr("&Copy all"), self)
        self.copy_button.clicked.connect(self._copy_all)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.clicked.connect(self.close)
        QShortcut(QKeySequence.StandardKey.Cancel, self, self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.close_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 12)
        column.addWidget(self.heading)
        column.addWidget(self.text, 1)
        column.addLayout(buttons)
        self._whole = ""
        self._at = 0
        self._feed = QTimer(self)
        self._feed.setInterval(0)
        self._feed.timeout.connect(self._put_next)

    def open_message(self, title: str, heading: str) -> None:
        self.setWindowTitle(title)
        self.heading.setText(heading)
        self.show_waiting()
        self.show()
        self.raise_()
        self.activateWindow()
        self.text.setFocus()

    def show_waiting(self) -> None:
        self._feed.stop()
        self._whole, self._at = "", 0
        self.text.setPlainText(self.tr("Fetching the whole message from the helpdesk…"))
        self.copy_button.setEnabled(False)

    def show_text(self, text: str) -> None:
        self._feed.stop()
        self._whole, self._at = text, 0
        self.text.clear()
        self.copy_button.setEnabled(True)
        self._put_next()
        if self._at < len(self._whole):
            self._feed.start()

    def show_problem(self, message: str) -> None:
        self._feed.stop()
        self.text.setPlainText(self.tr("The whole message could not be fetched: %1").replace("%1", message))

    @property
    def loading(self) -> bool:
        return self._feed.isActive()

    def _put_next(self) -> None:
        chunk = self._whole[self._at:self._at + _CHUNK]
        self._at += len(chunk)
        cursor = QTextCursor(self.text.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(chunk)
        if self._at == len(chunk):  # the first chunk: show the beginning, not the end
            self.text.moveCursor(QTextCursor.MoveOperation.Start)
        if self._at >= len(self._whole):
            self._feed.stop()

    def _copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self._whole)
