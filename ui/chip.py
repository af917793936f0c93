"""A small rounded label in a tone (the ticket's status, the SLA countdown), painted by itself.

Not a style sheet: a widget with a style sheet is polished by Qt's style-sheet engine, which costs
start-up time once and a re-polish each time the tone changes (at every ticket opened)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

_RADIUS = 4.0


class Chip(QLabel):
    """With no text it takes no room and paints nothing: a chip that comes and goes from ticket to
    ticket (the countdown) is emptied rather than hidden, because showing a hidden widget lays its
    window out at once (4-5 ms at each ticket opened)."""

    def __init__(self, parent: QWidget | None = None, *, padding: tuple[int, int] = (6, 1)) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        horizontal, vertical = padding
        self.setContentsMargins(horizontal, vertical, horizontal, vertical)
        self._fill = QColor(Qt.GlobalColor.transparent)
        self._text = self.palette().color(QPalette.ColorRole.WindowText)

    def set_tone(self, fill: QColor, text: QColor, *, bold: bool = False) -> None:
        if (fill, text, bold) == (self._fill, self._text, self.font().bold()):
            return
        self._fill, self._text = QColor(fill), QColor(text)
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.WindowText, text)
        self.setPalette(pal)
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold if bold else QFont.Weight.Normal)
        self.setFont(font)
        self.update()

    def colours(self) -> tuple[QColor, QColor]:
        """(text, fill), as painted."""
        return QColor(self._text), QColor(self._fill)

    def is_empty(self) -> bool:
        return not self.text()

    def sizeHint(self) -> QSize:
        return QSize(0, 0) if self.is_empty() else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0) if self.is_empty() else super().minimumSizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.is_empty():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._fill)
        painter.drawRoundedRect(QRectF(self.rect()), _RADIUS, _RADIUS)
        painter.end()
        super().paintEvent(event)


class SegmentButton(QPushButton):
    """One side of a two-way switch (Reply | Internal note): a bordered segment, filled in its tone
    when chosen, with a thicker border when it has the keyboard focus. Painted by itself (see Chip)."""

    def __init__(self, text: str, parent: QWidget | None = None, *, left: bool) -> None:
        super().__init__(text, parent)
        self.setCheckable(True)
        self._left = left
        self._colours = (QColor(), QColor(), QColor(), QColor(), QColor(), QColor())

    def set_colours(self, *, background: QColor, text: QColor, border: QColor, fill: QColor,
                    fill_text: QColor, focus: QColor) -> None:
        self._colours = (background, text, border, fill, fill_text, focus)
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        self.setMinimumWidth(QFontMetrics(bold).horizontalAdvance(self.text()) + 2 * 14 + 6)
        self.update()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.minimumWidth()), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        background, text, border, fill, fill_text, focus = self._colours
        chosen = self.isChecked()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        path = QPainterPath()
        # Rounded on the outer side only, so that the two segments read as one control.
        path.addRoundedRect(rect, _RADIUS, _RADIUS)
        square = QPainterPath()
        square.addRect(rect.adjusted(rect.width() / 2, 0, 0, 0) if self._left else
                       rect.adjusted(0, 0, -rect.width() / 2, 0))
        path = path.united(square)
        painter.fillPath(path, fill if chosen else background)
        pen = QPen(focus if self.hasFocus() else border, 2.0 if self.hasFocus() else 1.0)
        painter.setPen(pen)
        painter.drawPath(path)
        font = QFont(self.font())
        font.setWeight(QFont.Weight.DemiBold if chosen else QFont.Weight.Normal)
        painter.setFont(font)
        painter.setPen(fill_text if chosen else text)
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self.text().replace("&&", "&"))
        painter.end()
