"""The customer beside the ticket: who they are, how often they write, and all their tickets.

Another of the customer's tickets opens (read-only, beside the current one) with a click or Enter; the
ticket on screen is marked "this ticket" and does nothing when activated.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from services.desk import CustomerPanel
from ui.models import CustomerTicketsModel, Tone, quiet_text, tone_fill, tone_text

_Index = QModelIndex | QPersistentModelIndex
_PAD = 8
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class CustomerTicketDelegate(QStyledItemDelegate):
    """Two lines per ticket: the subject, then "#id · queue · status · date"; the current one marked."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Fonts and metrics for the view's font, made once: a customer with thousands of tickets asks
        # sizeHint for every row.
        self._for: str | None = None
        self._cached: tuple[QFont, QFont, QFontMetrics, QFontMetrics] | None = None
        self._colour_cache: dict[tuple[int, bool, bool], _RowColours] = {}

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFontMetrics, QFontMetrics]:
        key = option.font.key()
        if self._cached is None or key != self._for:
            title = QFont(option.font)
            title.setWeight(QFont.Weight.DemiBold)
            detail = QFont(option.font)
            detail.setPointSizeF(max(7.0, detail.pointSizeF() * 0.9))
            self._for, self._cached = key, (title, detail, QFontMetrics(title), QFontMetrics(detail))
        return self._cached

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        _title, _detail, title_fm, detail_fm = self._fonts(option)
        return QSize(200, title_fm.height() + detail_fm.height() + 2 * _PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        # The view's option as it comes (no copy, no initStyleOption): it already holds the state, the
        # rect and the palette, and initStyleOption would ask the model for eight roles it has not got.
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        rect: QRect = option.rect
        pal: QPalette = option.palette
        subject, detail, current = index.data(CustomerTicketsModel.PaintRole) or ("", "", False)
        selected = bool(option.state & QStyle.StateFlag.State_Selected) and not current
        colours = self._colours(pal, selected=selected, current=current)

        painter.save()
        if current:
            painter.fillRect(rect, colours.background)
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), colours.accent)
        else:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)

        title_font, detail_font, title_fm, detail_fm = self._fonts(option)
        inner = rect.adjusted(_PAD + 4, _PAD, -_PAD, -_PAD)
        marker = self.tr("this ticket") if current else ""
        marker_width = detail_fm.horizontalAdvance(marker) + 12 if current else 0
        title_rect = QRect(inner.left(), inner.top(), inner.width() - marker_width, title_fm.height())
        painter.setFont(title_font)
        painter.setPen(colours.text)
        painter.drawText(title_rect, _LEFT, title_fm.elidedText(subject, Qt.TextElideMode.ElideRight,
                                                                title_rect.width()))
        if current:
            painter.setFont(detail_font)
            painter.setPen(colours.accent_text)
            marker_rect = QRect(inner.right() - marker_width, inner.top(), marker_width, title_fm.height())
            painter.drawText(marker_rect, _RIGHT, marker)
        detail_rect = QRect(inner.left(), title_rect.bottom() + 3, inner.width(), detail_fm.height())
        painter.setFont(detail_font)
        painter.setPen(colours.detail)
        painter.drawText(detail_rect, _LEFT, detail_fm.elidedText(detail, Qt.TextElideMode.ElideRight,
                                                                  detail_rect.width()))
        painter.restore()

    def _colours(self, pal: QPalette, *, selected: bool, current: bool) -> _RowColours:
        """A row's colours, worked out once per palette and state (every row of every paint asks)."""
        key = (pal.cacheKey(), selected, current)
        found = self._colour_cache.get(key)
        if found is None:
            if current:
                background = tone_fill(pal, Tone.ACCENT, 0.14, QPalette.ColorRole.Base)
            else:
                background = pal.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
            text = pal.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
            found = _RowColours(background=background, text=text,
                                detail=text if selected else quiet_text(pal, background),
                                accent=tone_text(pal, Tone.ACCENT),
                                accent_text=tone_text(pal, Tone.ACCENT, background))
            if len(self._colour_cache) > 32:  # palettes change rarely: keep the last few
                self._colour_cache.clear()
            self._colour_cache[key] = found
        return found


@dataclass(frozen=True, slots=True)
class _RowColours:
    background: QColor
    text: QColor
    detail: QColor
    accent: QColor
    accent_text: QColor


class _Stat(QWidget):
    """A number above its caption."""

    def __init__(self, caption: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.value = QLabel("0", self)
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setWeight(QFont.Weight.DemiBold)
        self.value.setFont(font)
        self.caption = QLabel(caption, self)
        self.caption.setWordWrap(True)  # "30 derniers jours" in a narrow panel
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addStretch(1)  # numbers stay on one line when a caption wraps
        self._caption = caption

    def set_value(self, value: int) -> None:
        self.value.setText(str(value))
        self.setAccessibleName(f"{value} {self._caption}")


class CustomerPanelView(QWidget):
    ticket_activated = Signal(str)  # remote_id of another of the customer's tickets
    reserve_requested = Signal()  # reserve time for this customer (a time block)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customerPanel")
        self.setMinimumWidth(220)
        self._current = ""

        self.name = self._selectable("customerName")
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setWeight(QFont.Weight.DemiBold)
        self.name.setFont(font)
        self.name.setWordWrap(True)
        self.name.setAccessibleName(self.tr("Customer name"))
        self.organization = self._selectable("customerOrganization")
        self.organization.setWordWrap(True)
        self.organization.setAccessibleName(self.tr("Organisation"))
        self.email = self._selectable("customerEmail")
        self.email.setAccessibleName(self.tr("E-mail address"))

        self.all_time = _Stat(self.tr("all time"), self)
        self.recent = _Stat(self.tr("last 30 days"), self)
        self.open_now = _Stat(self.tr("open now"), self)
        stats = QGridLayout()
        stats.setContentsMargins(0, 6, 0, 6)
        stats.setHorizontalSpacing(16)
        for column, stat in enumerate((self.all_time, self.recent, self.open_now)):
            stats.addWidget(stat, 0, column)
        stats.setColumnStretch(3, 1)

        self.tickets_caption = QLabel(self.tr("Their tickets, all queues"), self)
        self.tickets_caption.setObjectName("customerTicketsCaption")
        self.model = CustomerTicketsModel(self)
        self.tickets = QListView(self)
        self.tickets.setObjectName("customerTickets")
        self.tickets.setModel(self.model)
        self.tickets.setItemDelegate(CustomerTicketDelegate(self.tickets))
        self.tickets.setAccessibleName(self.tr("The customer's tickets"))
        self.tickets.setSelectionMode(QListView.SelectionMode.SingleSelection)
        self.tickets.setFrameShape(QFrame.Shape.NoFrame)
        self.tickets.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        # The delegate elides to the width it has; a sideways scroll bar would only hide the dates.
        self.tickets.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tickets.setMouseTracking(True)
        self.tickets.clicked.connect(self._activate)
        self.tickets.installEventFilter(self)
        self.tickets_caption.setBuddy(self.tickets)

        self.empty = QLabel(self.tr("No customer for this ticket."), self)
        self.empty.setObjectName("customerEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)

        self._details = QWidget(self)
        details = QVBoxLayout(self._details)
        details.setContentsMargins(0, 0, 0, 0)
        details.setSpacing(2)
        details.addWidget(self.name)
        details.addWidget(self.organization)
        details.addWidget(self.email)
        details.addLayout(stats)
        self.reserve_button = QPushButton(self.tr("Reserve time for them…"), self)
        self.reserve_button.setObjectName("customerReserve")
        self.reserve_button.setFlat(True)
        self.reserve_button.setAutoDefault(False)
        self.reserve_button.setToolTip(self.tr("Work only for this customer for a while: Next offers their "
                                               "tickets first (Ctrl+Alt+B)"))
        self.reserve_button.clicked.connect(lambda _c=False: self.reserve_requested.emit())
        details.addWidget(self.reserve_button, 0, Qt.AlignmentFlag.AlignLeft)
        details.addWidget(self.tickets_caption)
        details.addWidget(self.tickets, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 10, 8)
        layout.addWidget(self._details, 1)
        layout.addWidget(self.empty, 1)
        QWidget.setTabOrder(self.name, self.email)
        QWidget.setTabOrder(self.email, self.tickets)
        self._apply_palette()
        self.clear()

    def _selectable(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        label.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return label

    # --- public ------------------------------------------------------------------------------------

    def show_customer(self, panel: CustomerPanel | None, current_remote_id: str) -> None:
        self._current = current_remote_id
        if panel is None:
            self.model.set_tickets([], "")
            self._details.hide()
            self.empty.show()
            return
        self.empty.hide()
        self._details.show()
        self.name.setText(panel.name or panel.email or self.tr("Unknown customer"))
        self.organization.setText(panel.organization)
        self.organization.setVisible(bool(panel.organization))
        self.email.setText(panel.email)
        self.email.setVisible(bool(panel.email) and panel.email != self.name.text())
        self.all_time.set_value(panel.counts.all_time)
        self.recent.set_value(panel.counts.last_30_days)
        self.open_now.set_value(panel.counts.open_now)
        self.model.set_tickets(panel.tickets, current_remote_id)

    def clear(self) -> None:
        """No ticket on screen: nothing to say (not "no customer")."""
        self._current = ""
        self.model.set_tickets([], "")
        self._details.hide()
        self.empty.hide()

    # --- activation --------------------------------------------------------------------------------

    def _activate(self, index: QModelIndex) -> None:
        if not index.isValid() or self.model.is_current(index):
            return
        self.ticket_activated.emit(str(index.data(CustomerTicketsModel.RemoteIdRole)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.tickets and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            self._activate(self.tickets.currentIndex())
            return True
        return super().eventFilter(watched, event)

    # --- palette -----------------------------------------------------------------------------------

    def _apply_palette(self) -> None:
        pal = self.palette()
        quiet = QPalette(pal)
        quiet.setColor(QPalette.ColorRole.WindowText, quiet_text(pal))
        for label in (self.organization, self.email, self.tickets_caption, self.empty,
                      self.all_time.caption, self.recent.caption, self.open_now.caption):
            label.setPalette(quiet)
        calm = QPalette(pal)  # the list sits on the panel itself, not in a white box
        calm.setColor(QPalette.ColorRole.Base, pal.color(QPalette.ColorRole.Window))
        self.tickets.setPalette(calm)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
