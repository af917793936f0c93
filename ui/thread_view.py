"""A ticket's conversation, newest last.

Bodies arrive sanitised (no scripts, no remote images, no javascript: links); they are shown in
QLabels, whose rich text never fetches remote resources. Only the newest messages are built at once;
older ones come in chunks on request, so a thread of hundreds of messages opens without a stall.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import shiboken6
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from services.domain import MessageKind
from services.quoting import annotate_links, link_host, split_quote
from services.store import MessageView
from ui.models import local_datetime

CHUNK = 25


def _blend(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(int(a.red() * (1 - t) + b.red() * t), int(a.green() * (1 - t) + b.green() * t),
                  int(a.blue() * (1 - t) + b.blue() * t))


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"


class MessageCard(QFrame):
    """One message: who, when, the body (quotes folded), attachments, and its local state."""

    def __init__(self, message: MessageView, open_link: Callable[[QUrl], object],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.message = message
        self._open_link = open_link
        self.setObjectName(f"message_{message.kind.value}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        pal = self.palette()
        base, window = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Window)
        if message.kind is MessageKind.NOTE:
            tint = _blend(base, QColor("#f0b429"), 0.16 if base.lightness() > 128 else 0.22)
        elif message.kind is MessageKind.AGENT:
            tint = _blend(base, pal.color(QPalette.ColorRole.Highlight), 0.08)
        else:
            tint = base if base != window else _blend(base, QColor("#808080"), 0.05)
        pal.setColor(QPalette.ColorRole.Window, tint)
        self.setPalette(pal)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        self.heading = QLabel(self._heading(), self)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)  # a narrow side sheet must not clip the date
        self.heading.setToolTip(local_datetime(message.created))
        layout.addWidget(self.heading)

        body_html, quoted_html = self._bodies()
        self.body = self._body_label(body_html)
        layout.addWidget(self.body)
        self.quote_toggle: QPushButton | None = None
        self.quoted: QLabel | None = None
        if quoted_html:
            self.quote_toggle = QPushButton(self.tr("Show quoted text"), self)
            self.quote_toggle.setFlat(True)
            self.quote_toggle.setCheckable(True)
            self.quote_toggle.setAccessibleName(self.tr("Show quoted text"))
            self.quote_toggle.setCursor(Qt.CursorShape.PointingHandCursor)
            self.quoted = self._body_label(quoted_html)
            self.quoted.hide()
            self.quote_toggle.toggled.connect(self._toggle_quote)
            layout.addWidget(self.quote_toggle, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(self.quoted)
        if message.truncated:
            layout.addWidget(QLabel(self.tr("This message was too long and has been shortened."), self))
        if message.attachments:
            files = ", ".join(f"📎 {html.escape(str(a.get('filename') or self.tr('unnamed file')))} "
                              f"({_size(int(a.get('size') or 0))})" for a in message.attachments)
            attachments = QLabel(files, self)
            attachments.setObjectName("attachments")
            attachments.setWordWrap(True)
            layout.addWidget(attachments)
        state = self._state_text()
        if state:
            self.state_label = QLabel(state, self)
            self.state_label.setObjectName("outboxState")
            layout.addWidget(self.state_label)

    def _heading(self) -> str:
        m = self.message
        kind = {MessageKind.CUSTOMER: self.tr("Customer"), MessageKind.AGENT: self.tr("Reply"),
                MessageKind.NOTE: self.tr("Internal note")}[m.kind]
        when = local_datetime(m.created, weekday=False)
        parts = [f"<b>{html.escape(m.author or self.tr('Unknown'))}</b>", html.escape(kind), when]
        if m.time_taken_minutes:
            parts.append(self.tr("%n min spent", "", m.time_taken_minutes))
        return " · ".join(parts)

    def _bodies(self) -> tuple[str, str]:
        m = self.message
        if m.html.strip():
            # HTML quotes come as <blockquote>: fold the first long one.
            lower = m.html.lower()
            at = lower.find("<blockquote")
            if at > 0 and len(m.html) - at > 400:
                return annotate_links(m.html[:at]), annotate_links(m.html[at:])
            return annotate_links(m.html), ""
        split = split_quote(m.text)
        return _text_html(split.visible), _text_html(split.quoted) if split.quoted else ""

    def _body_label(self, body: str) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setText(body)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.setOpenExternalLinks(False)
        label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        label.linkActivated.connect(lambda url: self._open_link(QUrl(url)))
        label.linkHovered.connect(self._hovered)
        return label

    def _hovered(self, url: str) -> None:
        self.setToolTip(url)
        self.setStatusTip(url)
        if url:
            host = link_host(url)
            window = self.window()
            bar = getattr(window, "statusBar", None)
            if callable(bar):
                bar().showMessage(self.tr("Opens %1").replace("%1", url if not host else f"{host} — {url}"),
                                  5000)

    def _toggle_quote(self, shown: bool) -> None:
        assert self.quoted is not None and self.quote_toggle is not None
        self.quoted.setVisible(shown)
        self.quote_toggle.setText(self.tr("Hide quoted text") if shown else self.tr("Show quoted text"))

    def _state_text(self) -> str:
        return {
            "pending": self.tr("Queued — will be sent when online"),
            "sending": self.tr("Sending…"),
            "conflict": self.tr("⚠ Held: the ticket changed since you wrote this — see above"),
            "failed": self.tr("⚠ Not sent"),
        }.get(self.message.outbox_state or "", "")


def _text_html(text: str) -> str:
    return "<div style='white-space: pre-wrap'>" + html.escape(text.strip("\n")) + "</div>"


class ThreadView(QScrollArea):
    def __init__(self, parent: QWidget | None = None,
                 open_link: Callable[[QUrl], object] = QDesktopServices.openUrl) -> None:
        super().__init__(parent)
        self.setObjectName("threadView")
        self.setAccessibleName(self.tr("Conversation"))
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._open_link = open_link
        self._messages: list[MessageView] = []
        self._cards: list[MessageCard] = []
        self._built_from = 0
        self._container = QWidget(self)
        self._layout = QVBoxLayout(self._container)
        self._layout.setContentsMargins(16, 12, 16, 12)
        self._layout.setSpacing(10)
        self.earlier = QPushButton(self._container)
        self.earlier.setObjectName("showEarlier")
        self.earlier.setAccessibleName(self.tr("Show earlier messages"))
        self.earlier.clicked.connect(self.show_earlier)
        self._layout.addWidget(self.earlier, 0, Qt.AlignmentFlag.AlignHCenter)
        self.empty = QLabel(self.tr("No messages yet."), self._container)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)
        self.setWidget(self._container)

    def set_messages(self, messages: Sequence[MessageView]) -> None:
        self._messages = list(messages)
        # The previous ticket's cards go now (deleteLater would let them pile up hidden in the layout
        # wherever events are processed without an event loop); the container and its layout stay.
        for card in self._cards:
            shiboken6.delete(card)
        self._cards = []
        self._built_from = len(self._messages)
        self.empty.setVisible(not self._messages)
        self._build_down_to(max(0, len(self._messages) - CHUNK))
        QTimer.singleShot(0, self._scroll_to_end)

    def cards(self) -> list[MessageCard]:
        return list(self._cards)

    def show_earlier(self) -> None:
        bar = self.verticalScrollBar()
        from_bottom = bar.maximum() - bar.value()
        self._build_down_to(max(0, self._built_from - CHUNK))
        QTimer.singleShot(0, lambda: bar.setValue(bar.maximum() - from_bottom))

    def _build_down_to(self, start: int) -> None:
        # Cards go after the "earlier" button (index 0) and the empty label, in thread order.
        for index in range(self._built_from - 1, start - 1, -1):
            card = MessageCard(self._messages[index], self._open_link, self._container)
            self._layout.insertWidget(2, card)
            self._cards.insert(0, card)
        self._built_from = start
        hidden = self._built_from
        self.earlier.setVisible(hidden > 0)
        self.earlier.setText(self.tr("Show %n earlier message(s)", "", hidden))

    def _scroll_to_end(self) -> None:
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
