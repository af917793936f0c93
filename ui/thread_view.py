"""A ticket's conversation, newest last.

Bodies arrive sanitised (no scripts, no remote images, no javascript: links); they are shown in
QLabels, whose rich text never fetches remote resources. Only the newest messages are built at once;
older ones come in chunks on request, so a thread of hundreds of messages opens without a stall.
A long message (a pasted log) shows its beginning, with "Read all of it": laying out a QLabel costs
about 15 ms per thousand characters, so a 2 MB message in full would freeze the window for seconds.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QMargins, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QEnterEvent, QFocusEvent, QFont, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from services.domain import MessageKind
from services.quoting import annotate_links, link_host, split_quote
from services.store import MessageView, OpState
from services.store.views import ThreadPage
from ui.models import local_datetime, mix

CHUNK = 25
_FIRST_CARD = 2  # in the thread's layout: the "earlier" button, the empty label, then the cards
SHOWN_CHARS = 3000  # a message longer than this shows its beginning in the thread (about a screenful)
_READ_ALL = "#read-all"


def is_long(message: MessageView) -> bool:
    return message.truncated or len(message.text) > SHOWN_CHARS or len(message.html) > 4 * SHOWN_CHARS


def _head(text: str) -> str:
    """The beginning of a long text, cut at a line end when there is one near the limit."""
    head = text[:SHOWN_CHARS]
    cut = head.rfind("\n", SHOWN_CHARS // 2)
    return head[:cut] if cut > 0 else head


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{n} B"


_CARD_MARGINS = QMargins(14, 10, 14, 10)  # inside a message card


class MessageCard(QFrame):
    """One message: who, when, the body (quotes folded), attachments, and its local state.

    Cards are reused from ticket to ticket (show_message): building one costs twenty times more than
    filling it, and "Next" should cost a frame, not a pile of new widgets."""

    def __init__(self, message: MessageView, open_link: Callable[[QUrl], object],
                 parent: QWidget | None = None,
                 read_all: Callable[[MessageView], object] = lambda _m: None) -> None:
        super().__init__(parent)
        self._open_link = open_link
        self._read_all = read_all
        self._kind: MessageKind | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(_CARD_MARGINS)
        self._layout.setSpacing(6)
        # Who wrote it (bold), then what and when: plain-text labels, which lay out with no text
        # document (a rich-text heading cost about 1 ms a card at every open).
        heading = QHBoxLayout()
        heading.setSpacing(0)
        self.author = QLabel(self)
        self.author.setTextFormat(Qt.TextFormat.PlainText)
        bold = QFont(self.author.font())
        bold.setBold(True)
        self.author.setFont(bold)
        heading.addWidget(self.author, 0, Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)  # a narrow side sheet must not clip the date
        heading.addWidget(self.heading, 1)
        self._layout.addLayout(heading)
        self.body = self._body_label()
        self._layout.addWidget(self.body)
        # Built on first need, then shown or hidden per message.
        self.quote_toggle: QPushButton | None = None
        self.quoted: BodyLabel | None = None
        self.truncated: QLabel | None = None
        self.attachments: QLabel | None = None
        self.state_label: QLabel | None = None
        self.message = message
        self.show_message(message)

    def show_message(self, message: MessageView) -> None:
        self.message = message
        if message.kind is not self._kind:
            self._kind = message.kind
            self.setObjectName(f"message_{message.kind.value}")
            self.retint()
        self.author.setText(message.author or self.tr("Unknown"))
        self.heading.setText(self._heading())
        self.heading.setToolTip(local_datetime(message.created))
        self.setToolTip("")
        body, quoted_part = self._bodies()
        self.body.show_text(body)
        if quoted_part.text:
            toggle, quoted = self._quote_widgets()
            quoted.show_text(quoted_part)
            toggle.setChecked(False)
            toggle.show()
        elif self.quote_toggle is not None and self.quoted is not None:
            self.quote_toggle.setChecked(False)
            self.quote_toggle.hide()
        long = is_long(message)
        if long:
            label = self._optional("truncated")
            if message.truncated:
                text = self.tr("Very long message: only its beginning is kept on this computer. "
                               "<a href='%2'>Read all of it</a> (fetched from the helpdesk)")
            else:
                text = self.tr("Long message (%1): only its beginning is shown here. "
                               "<a href='%2'>Read all of it</a>").replace("%1", _size(len(message.text)))
            label.setText(text.replace("%2", _READ_ALL))
        self._show_optional("truncated", long)
        if message.attachments:
            self._optional("attachments").setText(", ".join(
                f"📎 {html.escape(a.filename or self.tr('unnamed file'))} ({_size(a.size)})"
                for a in message.attachments))
        self._show_optional("attachments", bool(message.attachments))
        state = self._state_text()
        if state:
            self._optional("state_label").setText(state)
        self._show_optional("state_label", bool(state))

    def retint(self) -> None:
        parent = self.parentWidget()
        pal = QPalette(parent.palette() if parent is not None else self.palette())
        base, window = pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Window)
        if self._kind is MessageKind.NOTE:
            tint = mix(base, QColor("#f0b429"), 0.16 if base.lightness() > 128 else 0.22)
        elif self._kind is MessageKind.AGENT:
            tint = mix(base, pal.color(QPalette.ColorRole.Highlight), 0.08)
        else:
            tint = base if base != window else mix(base, QColor("#808080"), 0.05)
        pal.setColor(QPalette.ColorRole.Window, tint)
        self.setPalette(pal)

    def _quote_widgets(self) -> tuple[QPushButton, BodyLabel]:
        if self.quote_toggle is None or self.quoted is None:
            self.quote_toggle = QPushButton(self.tr("Show quoted text"), self)
            self.quote_toggle.setFlat(True)
            self.quote_toggle.setCheckable(True)
            self.quote_toggle.setAccessibleName(self.tr("Show quoted text"))
            self.quote_toggle.setCursor(Qt.CursorShape.PointingHandCursor)
            self.quoted = self._body_label()
            self.quoted.hide()
            self.quote_toggle.toggled.connect(self._toggle_quote)
            self._layout.insertWidget(2, self.quote_toggle, 0, Qt.AlignmentFlag.AlignLeft)
            self._layout.insertWidget(3, self.quoted)
        return self.quote_toggle, self.quoted

    def _optional(self, name: str) -> QLabel:
        label: QLabel | None = getattr(self, name)
        if label is None:
            label = QLabel(self)
            label.setObjectName({"attachments": "attachments", "state_label": "outboxState"}.get(name, name))
            label.setWordWrap(True)
            if name == "truncated":
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
                label.linkActivated.connect(lambda _url: self._read_all(self.message))
            self._layout.addWidget(label)
            setattr(self, name, label)
        return label

    def _show_optional(self, name: str, shown: bool) -> None:
        label: QLabel | None = getattr(self, name)
        if label is not None:
            label.setVisible(shown)

    def _heading(self) -> str:
        m = self.message
        kind = {MessageKind.CUSTOMER: self.tr("Customer"), MessageKind.AGENT: self.tr("Reply"),
                MessageKind.NOTE: self.tr("Internal note")}[m.kind]
        if m.kind is MessageKind.NOTE and m.time_taken_minutes and not (m.text.strip() or m.html.strip()):
            kind = self.tr("Time worked")  # an entry logged on its own: a note holding only the time
        when = local_datetime(m.created, weekday=False)
        parts = [kind, when]
        if m.time_taken_minutes:
            parts.append(self.tr("%n min spent", "", m.time_taken_minutes))
        return " · " + " · ".join(parts)  # after the author's name

    def _bodies(self) -> tuple[Body, Body]:
        """The body shown and the quote folded under it, as plain text when the message is plain text:
        a plain-text label lays out with no text document (about 1 ms a message, at every open)."""
        m = self.message
        if is_long(m):  # its beginning, as text: cutting HTML could cut a tag in two
            return Body(_head(m.text).strip("\n"), rich=False), _NO_BODY
        if m.html.strip():
            # HTML quotes come as <blockquote>: fold the first long one.
            lower = m.html.lower()
            at = lower.find("<blockquote")
            if at > 0 and len(m.html) - at > 400:
                head, quote = annotate_links(m.html[:at]), annotate_links(m.html[at:])
                return Body(head, rich=True), Body(quote, rich=True)
            return Body(annotate_links(m.html), rich=True), _NO_BODY
        split = split_quote(m.text)
        return Body(split.visible.strip("\n"), rich=False), Body(split.quoted.strip("\n"), rich=False)

    def _body_label(self) -> BodyLabel:
        label = BodyLabel(self)
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
        match self.message.outbox_state:
            case OpState.PENDING:
                return self.tr("Queued — will be sent when online")
            case OpState.SENDING:
                return self.tr("Sending…")
            case OpState.CONFLICT:
                return self.tr("⚠ Held: the ticket changed since you wrote this — see above")
            case OpState.FAILED:
                return self.tr("⚠ Not sent")
            case _:
                return ""


@dataclass(frozen=True, slots=True)
class Body:
    text: str
    rich: bool  # sanitised HTML (links annotated), else plain text


_NO_BODY = Body("", rich=False)


class BodyLabel(QLabel):
    """A message's text: selectable, its links followed through the app's handler.

    Qt builds a text document for a label that can be selected, which costs a plain-text message as
    much as an HTML one. So selection comes when the pointer or the keyboard focus first reaches the
    label (the document is built then, before the press that selects); until then the label only
    lays its text out. It takes the Tab focus from the start, like a selectable label."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setOpenExternalLinks(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def show_text(self, body: Body) -> None:
        self.setTextFormat(Qt.TextFormat.RichText if body.rich else Qt.TextFormat.PlainText)
        self.setText(body.text)

    def interactive(self) -> None:
        if not self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)

    def enterEvent(self, event: QEnterEvent) -> None:
        self.interactive()
        super().enterEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.interactive()
        super().focusInEvent(event)


MIN_READABLE_LINES = 8


class ThreadView(QScrollArea):
    read_all_requested = Signal(object)  # a MessageView the agent wants to read in full

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
        self._shown = 0
        self._built_from = 0
        self._unread = 0  # messages before those held, not read yet
        self._start: tuple[int, int] | None = None  # where the held ones begin
        self._read_before: Callable[[tuple[int, int]], ThreadPage] | None = None
        self._container = QWidget(self)
        # Its height follows the cards' wrapped height at the view's width (height-for-width), not the
        # taller minimum that word-wrapped labels report, which left a blank band under the newest card.
        self._container.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
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

    def minimumSizeHint(self) -> QSize:
        # However small the window, a message's heading and eight of its lines stay readable: the
        # window's minimum height follows from it (a scroll area alone would shrink to nothing).
        base = super().minimumSizeHint()
        lines = (MIN_READABLE_LINES + 1) * self.fontMetrics().lineSpacing()
        margins = self._layout.contentsMargins()
        card = _CARD_MARGINS.top() + _CARD_MARGINS.bottom()
        return QSize(base.width(), lines + margins.top() + margins.bottom() + card)

    def show_page(self, page: ThreadPage, read_before: Callable[[tuple[int, int]], ThreadPage]) -> None:
        """The thread's last messages; `read_before(start)` reads the page before `start` when the agent
        asks for earlier messages than those held (a long thread is never read whole)."""
        self.set_messages(page.messages, earlier=page.total - len(page.messages))
        self._start = page.start
        self._read_before = read_before

    def set_messages(self, messages: Sequence[MessageView], *, earlier: int = 0) -> None:
        """earlier: how many messages come before these (read on demand through show_page's reader)."""
        self._messages = list(messages)
        self._unread = max(0, earlier)
        self._read_before = None
        self.empty.setVisible(not self._messages and not self._unread)
        start = max(0, len(self._messages) - CHUNK)
        shown = self._messages[start:]
        # Cards are reused in order; a thread shorter than the last one hides the rest, and cards
        # beyond a chunk (after "Show earlier") are deleted so the pool stays small.
        while len(self._cards) < len(shown):
            card = MessageCard(shown[len(self._cards)], self._open_link, self._container,
                               self.read_all_requested.emit)
            self._layout.insertWidget(_FIRST_CARD + len(self._cards), card)
            self._cards.append(card)
        for card in self._cards[CHUNK:]:
            shiboken6.delete(card)
        del self._cards[CHUNK:]
        visible = self._container.isVisible()
        for card, message in zip(self._cards, shown, strict=False):
            if card.message is not message:
                card.show_message(message)
            # A card we hid is shown again; a new one now if the view is on screen, else with the
            # window (showing it early would style it twice: 12 ms at start-up).
            explicit = card.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
            if card.isHidden() and (visible or explicit):
                card.show()
        for card in self._cards[len(shown):]:
            card.hide()
        self._shown = len(shown)
        self._built_from = start
        self._update_earlier()
        QTimer.singleShot(0, self._scroll_to_end)

    def cards(self) -> list[MessageCard]:
        """The cards on screen, oldest first."""
        return self._cards[:self._shown]

    def show_earlier(self) -> None:
        bar = self.verticalScrollBar()
        from_bottom = bar.maximum() - bar.value()
        if self._built_from < CHUNK and self._unread and self._read_before is not None and self._start:
            page = self._read_before(self._start)  # one indexed page, on the agent's click
            self._messages[:0] = page.messages
            self._built_from += len(page.messages)
            self._unread = page.total - len(self._messages) if page.earlier else 0
            self._start = page.start or self._start
        start = max(0, self._built_from - CHUNK)
        for index in range(self._built_from - 1, start - 1, -1):
            card = MessageCard(self._messages[index], self._open_link, self._container,
                               self.read_all_requested.emit)
            self._layout.insertWidget(_FIRST_CARD, card)
            self._cards.insert(0, card)
            self._shown += 1
        self._built_from = start
        self._update_earlier()
        QTimer.singleShot(0, lambda: bar.setValue(bar.maximum() - from_bottom))

    def _update_earlier(self) -> None:
        hidden = self._built_from + self._unread
        self.earlier.setVisible(hidden > 0)
        self.earlier.setText(self.tr("Show %n earlier message(s)", "", hidden))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for card in self._cards:
                card.retint()

    def _scroll_to_end(self) -> None:
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())
