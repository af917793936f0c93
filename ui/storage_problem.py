"""The window shown instead of the desk when the profile's storage cannot be used at all (a read-only
folder, a full disk at start, a damaged file still held by another process): what is wrong and what
to do, in words, with the place to look, and a way out. Nothing else can run, so it is the whole app."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class StorageProblem(QWidget):
    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storageProblem")
        self.setWindowTitle(self.tr("Monodesk cannot start"))
        self.setMinimumWidth(520)
        heading = QLabel(self.tr("Monodesk cannot use its local data"), self)
        heading.setObjectName("storageProblemHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        self.message = QLabel(message, self)
        self.message.setObjectName("storageProblemMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        reassure = QLabel(self.tr("Nothing you queued has been lost: it is still on this computer, and "
                                  "Monodesk sends it once it can start."), self)
        reassure.setWordWrap(True)
        self.copy_button = QPushButton(self.tr("&Copy the message"), self)
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(message))
        self.quit_button = QPushButton(self.tr("&Quit"), self)
        self.quit_button.setDefault(True)
        self.quit_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.quit_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 20, 24, 20)
        column.setSpacing(12)
        column.addWidget(heading)
        column.addWidget(self.message)
        column.addWidget(reassure)
        column.addLayout(buttons)
        self.quit_button.setFocus()
