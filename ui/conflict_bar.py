"""A change of the agent's that waits for their decision: what happened, what the change was, and the
two ways out. Shown above the thread, inside the window (not a dialog), one change at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from services.domain import TicketStatus
from services.pending import Conflict, PendingChange, Reason
from services.store.outbox import OpKind
from ui.models import Tone, local_datetime, quiet_text, status_text, tone_base, tone_fill, tone_text
from ui.tinted import TintedFrame

EXCERPT = 80


def excerpt(text: str, limit: int = EXCERPT) -> str:
    """The first `limit` characters on one line, with "…" when there is more."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    space = cut.rfind(" ")
    if space >= limit * 0.6:  # end on a whole word when one is near
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


class ConflictBar(TintedFrame):
    # op_id, send: True sends anyway; False discards (a message goes back to the draft).
    decide = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBar")
        self._op: PendingChange | None = None

        self.stripe = QWidget(self)
        self.stripe.setFixedWidth(4)
        self.stripe.setAutoFillBackground(True)
        self.title = self._text("conflictTitle")
        font = QFont(self.title.font())
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.reason = self._text("conflictReason")
        self.change = self._text("conflictChange")
        self.more = self._text("conflictMore")
        self.more.hide()

        self.send_button = QPushButton(self.tr("Send anyway"), self)
        self.send_button.setObjectName("conflictSend")
        self.discard_button = QPushButton(self.tr("Discard — back to the draft"), self)
        self.discard_button.setObjectName("conflictDiscard")
        for button in (self.send_button, self.discard_button):
            button.setAutoDefault(False)
        self.send_button.clicked.connect(lambda _c=False: self._decide(True))
        self.discard_button.clicked.connect(lambda _c=False: self._decide(False))

        words = QVBoxLayout()
        words.setContentsMargins(0, 8, 0, 8)
        words.setSpacing(2)
        for label in (self.title, self.reason, self.change, self.more):
            words.addWidget(label)
        buttons = QHBoxLayout()
        buttons.setSpacing(6)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.discard_button)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 16, 0)
        row.setSpacing(12)
        row.addWidget(self.stripe)
        row.addLayout(words, 1)
        row.addLayout(buttons)
        QWidget.setTabOrder(self.send_button, self.discard_button)
        self._apply_palette()
        self.hide()

    def _text(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    # --- public ------------------------------------------------------------------------------------

    def show_ops(self, ops: list[PendingChange]) -> None:
        """The changes that wait for a decision; the first is shown, the bar hides when there are none."""
        if not ops:
            self._op = None
            self.hide()
            return
        op = self._op = ops[0]
        message = op.is_message
        self.title.setText(self._title(op))
        reason = self._reason(op.conflict)
        self.reason.setText(reason)
        self.change.setText(self._change(op))
        self.change.setToolTip(op.text if message else "")
        if len(ops) > 1:
            self.more.setText(self.tr("1 more change waits for your decision.") if len(ops) == 2
                              else self.tr("%n more changes wait for your decision.", "", len(ops) - 1))
        self.more.setVisible(len(ops) > 1)
        if message:
            self.send_button.setText(self.tr("Send anyway"))
            self.discard_button.setText(self.tr("Discard — back to the draft"))
            self.discard_button.setToolTip(self.tr("Take the message back into the reply box to rework it"))
        else:
            self.send_button.setText(self.tr("Apply anyway"))
            self.discard_button.setText(self.tr("Discard this change"))
            self.discard_button.setToolTip("")
        self.send_button.setAccessibleName(self.send_button.text())
        self.discard_button.setAccessibleName(self.discard_button.text())
        self.setAccessibleName(self.title.text())
        self.setAccessibleDescription(f"{reason} {self.change.text()}")
        self.show()

    # --- words -------------------------------------------------------------------------------------

    def _reason(self, conflict: Conflict | None) -> str:
        fallback = self.tr("The helpdesk did not accept this change.")
        if conflict is None:
            return fallback
        match conflict.reason:
            case Reason.CUSTOMER_WROTE:
                when = local_datetime(conflict.at) if conflict.at else ""
                text = self.tr("The customer wrote again (%1) since you opened the ticket.")
                return text.replace("%1", when)
            case Reason.TAKEN:
                return self.tr("%1 took this ticket since you opened it.").replace("%1", conflict.who)
            case Reason.STATUS_SET:
                return self.tr("%1 set the status to %2 since you opened the ticket.").replace(
                    "%1", conflict.who).replace("%2", self._status_name(conflict.value))
            case Reason.REFUSED:
                return self.tr("The helpdesk refused this change: %1").replace("%1", conflict.detail) \
                    if conflict.detail else fallback
            case _:
                return conflict.detail or fallback

    def _title(self, op: PendingChange) -> str:
        held = op.held
        titles = {
            OpKind.REPLY: (self.tr("Your reply was held back"), self.tr("Your reply could not be sent")),
            OpKind.NOTE: (self.tr("Your internal note was held back"),
                          self.tr("Your internal note could not be sent")),
            OpKind.TIME: (self.tr("Your time entry was held back"),
                          self.tr("Your time entry could not be logged")),
        }
        held_text, failed_text = titles.get(op.kind, (self.tr("Your change was held back"),
                                                      self.tr("Your change could not be applied")))
        return held_text if held else failed_text

    def _change(self, op: PendingChange) -> str:
        status = status_text(op.status) if op.status else ""
        if op.is_message:
            quote = excerpt(op.text)
            text = (self.tr("Your reply: «%1»") if op.kind is OpKind.REPLY
                    else self.tr("Your internal note: «%1»")).replace("%1", quote)
            if status:
                text += "\n" + self.tr("Then set the status to %1.").replace("%1", status)
            return text
        if op.kind is OpKind.STATUS:
            return self.tr("Your change: set the status to %1.").replace("%1", status or "?")
        if op.kind is OpKind.RELEASE:
            return self.tr("Your change: leave the ticket to nobody (you skipped it).")
        if op.kind is OpKind.TIME:
            text = self.tr("Your change: log %n min worked, with no message.", "", op.minutes)
            if op.text:
                text += "\n" + self.tr("Your note: «%1»").replace("%1", excerpt(op.text))
            return text + "\n" + self.tr("Discarded, the time goes back to the ticket, to log later.")
        return self.tr("Your change: take the ticket.")

    @staticmethod
    def _status_name(value: str) -> str:
        try:
            return status_text(TicketStatus(value))
        except ValueError:
            return value

    # --- internals ---------------------------------------------------------------------------------

    def _decide(self, send: bool) -> None:
        if self._op is not None:
            self.decide.emit(self._op.op_id, send)

    def tint(self, base: QPalette) -> None:
        pal = QPalette(base)
        fill = tone_fill(base, Tone.WARN, 0.16)
        pal.setColor(QPalette.ColorRole.Window, fill)
        stripe = QPalette(base)
        stripe.setColor(QPalette.ColorRole.Window, tone_base(base, Tone.WARN))
        quiet = QPalette(pal)
        quiet.setColor(QPalette.ColorRole.WindowText, quiet_text(pal, fill))
        title = QPalette(pal)
        title.setColor(QPalette.ColorRole.WindowText, tone_text(base, Tone.WARN, fill))
        self.setPalette(pal)
        self.stripe.setPalette(stripe)
        self.title.setPalette(title)
        self.more.setPalette(quiet)
