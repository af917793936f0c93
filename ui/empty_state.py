"""What the desk shows when nothing waits: an honest, quiet "Queue clear"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from ui.models import quiet_text

_TEXT_WIDTH = 440


class EmptyState(QWidget):
    refresh_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")

        self.heading = QLabel(self.tr("Queue clear"), self)
        self.heading.setObjectName("emptyHeading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)

        self.details = self._paragraph("emptyDetails")
        self.skipped = self._paragraph("emptySkipped")
        self.skipped.hide()

        self.check_again = QPushButton(self.tr("Check again"), self)
        self.check_again.setObjectName("checkAgainButton")
        self.check_again.setAccessibleName(self.tr("Check again for new tickets"))
        self.check_again.setToolTip(self.tr("Look again for tickets in your queues"))
        self.check_again.setAutoDefault(False)
        self.check_again.clicked.connect(lambda _checked=False: self.refresh_requested.emit())
        self.check_again.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.check_again)
        button_row.addStretch(1)

        # A centred column of readable width: wrapped lines stay short, the page stays calm.
        column = QWidget(self)
        column.setMaximumWidth(_TEXT_WIDTH)
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        words = QVBoxLayout(column)
        words.setContentsMargins(0, 0, 0, 0)
        words.setSpacing(10)
        words.addWidget(self.heading)
        words.addWidget(self.details)
        words.addWidget(self.skipped)
        words.addSpacing(8)
        words.addLayout(button_row)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 3)
        row.addStretch(1)

        page = QVBoxLayout(self)
        page.setContentsMargins(24, 24, 24, 24)
        page.addStretch(3)
        page.addLayout(row)
        page.addStretch(4)
        self._apply_palette()
        self.set_details(0, [])

    def _paragraph(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        return label

    def set_details(self, waiting_skipped: int, queues: list[str]) -> None:
        """`waiting_skipped`: workable tickets the agent skipped (set aside until they change);
        `queues`: the queues the agent works on."""
        if queues:
            names = QLocale().createSeparatedList(queues)
            text = (self.tr("Nothing is waiting in %1.") if len(queues) == 1
                    else self.tr("Nothing is waiting in your queues: %1.")).replace("%1", names)
        else:
            text = self.tr("You have not chosen any queues yet, so nothing can be offered.")
        self.details.setText(text)
        if waiting_skipped == 1:
            self.skipped.setText(self.tr("1 ticket you skipped is set aside until it changes."))
        elif waiting_skipped > 1:
            self.skipped.setText(self.tr("%n tickets you skipped are set aside until they change.", "",
                                         waiting_skipped))
        self.skipped.setVisible(waiting_skipped > 0)
        self.setAccessibleDescription(f"{text} {self.skipped.text() if waiting_skipped else ''}".strip())

    def _apply_palette(self) -> None:
        pal = self.palette()
        quiet = QPalette(pal)
        quiet.setColor(QPalette.ColorRole.WindowText, quiet_text(pal))
        self.skipped.setPalette(quiet)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
