"""The top of the focus desk: what the ticket is, whose, how old, and how long is left."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFont, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from services.focus import SlaLevel, SlaState, sla
from services.store.views import TicketView
from services.timefmt import Ago, AgoUnit, Due, ago, countdown
from ui.chip import Chip
from ui.models import (
    Tone,
    chip_colours,
    local_datetime,
    quiet_text,
    span_text,
    status_text,
    status_tone,
    tone_text,
)

_LEVEL_TONE = {SlaLevel.OK: Tone.NEUTRAL, SlaLevel.WARN: Tone.WARN, SlaLevel.CRITICAL: Tone.BAD}
_LEVEL_NAME = {SlaLevel.NONE: "none", SlaLevel.OK: "ok", SlaLevel.WARN: "warn", SlaLevel.CRITICAL: "critical",
               SlaLevel.PAUSED: "paused"}
_PLAIN = Qt.TextFormat.PlainText  # server text is never interpreted as markup

if TYPE_CHECKING:
    from services.tasks import TaskCounts


class _TasksChip(Chip):
    """The customer's overdue and due-today tasks; a click shows them (as Ctrl+T does)."""

    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self.is_empty():
            self.clicked.emit()
        super().mousePressEvent(event)


class _ElidedLine(QFrame):
    """One line of text cut with "…" to the width it gets; the whole text is in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_text(self, text: str) -> None:
        self._text = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        self.updateGeometry()
        self.update()

    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(self._text), fm.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.fontMetrics().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)


class TicketHeader(QWidget):
    show_tasks = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketHeader")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._ticket: TicketView | None = None
        self._sla = SlaState(SlaLevel.NONE, None)
        self._me = ""

        self.subject = QLabel(self)
        self.subject.setObjectName("ticketSubject")
        self.subject.setTextFormat(_PLAIN)
        self.subject.setWordWrap(True)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.subject.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.subject.setAccessibleName(self.tr("Ticket subject"))
        font = QFont(self.subject.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.DemiBold)
        self.subject.setFont(font)

        self.countdown = Chip(self, padding=(8, 3))
        self.countdown.setObjectName("slaCountdown")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)  # empty (no room) when none applies

        self.number = self._label("ticketNumber", selectable=True)
        self.queue = self._label("ticketQueue")
        self.priority = self._label("ticketPriority")
        self.status = Chip(self)
        self.status.setObjectName("ticketStatus")
        self.age = self._label("ticketAge")
        self.owner = self._label("ticketOwner")
        self.customer = self._label("ticketCustomer", selectable=True)
        self.customer.setAccessibleName(self.tr("Customer"))
        self.tasks_chip = _TasksChip(self)
        self.tasks_chip.setObjectName("ticketTasksChip")
        self.tasks_chip.setToolTip(self.tr("Show the customer's tasks (Ctrl+T)"))
        self.tasks_chip.setCursor(Qt.CursorShape.PointingHandCursor)
        self.tasks_chip.clicked.connect(self.show_tasks.emit)
        self._task_tone = Tone.NEUTRAL
        self.sync_warning = _ElidedLine(self)
        self.sync_warning.setObjectName("ticketSyncWarning")
        self.sync_warning.hide()

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.subject, 1)
        top.addWidget(self.countdown, 0, Qt.AlignmentFlag.AlignTop)

        meta = QHBoxLayout()
        meta.setSpacing(6)
        self._separators: list[QLabel] = []
        parts = (self.number, self.queue, self.priority, self.status, self.age, self.owner)
        for i, part in enumerate(parts):
            if i:
                dot = QLabel("·", self)
                dot.setAccessibleName("")
                self._separators.append(dot)
                meta.addWidget(dot)
            meta.addWidget(part)
        meta.addStretch(1)

        column = QVBoxLayout(self)
        column.setContentsMargins(16, 12, 16, 10)
        column.setSpacing(4)
        column.addLayout(top)
        who = QHBoxLayout()
        who.setSpacing(8)
        who.addWidget(self.customer)
        who.addWidget(self.tasks_chip)
        who.addStretch(1)
        column.addLayout(who)
        column.addLayout(meta)
        column.addWidget(self.sync_warning)
        self._apply_palette()

    def _label(self, name: str, *, selectable: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setTextFormat(_PLAIN)
        if selectable:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- public ------------------------------------------------------------------------------------

    def set_me(self, me: str) -> None:
        """The signed-in agent's user name, so the owner reads "Yours" instead of the agent's own name."""
        self._me = me
        if self._ticket is not None:
            self.owner.setText(self._owner_text(self._ticket.owner))

    def show_ticket(self, ticket: TicketView, sla: SlaState, now: datetime) -> None:
        self._ticket = ticket
        self._sla = sla
        self.subject.setText(ticket.subject or self.tr("(no subject)"))
        self.subject.setToolTip(ticket.subject)
        self.number.setText(f"#{ticket.remote_id}")
        self.number.setToolTip(self.tr("Ticket number"))
        self.queue.setText(ticket.queue)
        self.queue.setToolTip(self.tr("Queue"))
        self.priority.setText(self.tr("Priority %1").replace("%1", str(ticket.priority)))
        self.status.setText(status_text(ticket.status))
        self.status.setToolTip(self.tr("Status"))
        self.owner.setText(self._owner_text(ticket.owner))
        self.owner.setToolTip(self.tr("Owner"))
        self.customer.setText(self._customer_text(ticket))
        self.customer.setToolTip(ticket.customer_email)
        if ticket.sync_error:
            self.sync_warning.set_text("⚠ " + self.tr("Some of this ticket could not be read: %1")
                                       .replace("%1", " ".join(ticket.sync_error.split())))
            self.sync_warning.setToolTip(ticket.sync_error)
        self.sync_warning.setVisible(bool(ticket.sync_error))
        self._apply_palette()
        self._render_times(now)

    def show_task_counts(self, counts: TaskCounts | None) -> None:
        """A quiet chip when the customer has overdue or due-today tasks; empty (no room) otherwise."""
        if counts is None or not (counts.overdue or counts.today):
            self.tasks_chip.setText("")
            return
        words = []
        if counts.overdue:
            words.append(self.tr("1 task overdue") if counts.overdue == 1 else
                         self.tr("%n tasks overdue", "", counts.overdue))
        if counts.today:
            words.append(self.tr("%n due today", "", counts.today))
        self.tasks_chip.setText(" · ".join(words))
        self._task_tone = Tone.BAD if counts.overdue else Tone.WARN
        self.tasks_chip.set_tone(*chip_colours(self.palette(), self._task_tone))

    def tick(self, now: datetime) -> None:
        """Re-render the countdown and the age (the window calls this every 30 s)."""
        if self._ticket is None:
            return
        self._sla = sla(self._ticket.due, now, self._ticket.status)
        self._apply_palette()
        self._render_times(now)

    def sla_level(self) -> SlaLevel:
        """The level the countdown shows (for tests and accessibility tools)."""
        return self._sla.level

    # --- rendering ---------------------------------------------------------------------------------

    def _owner_text(self, owner: str | None) -> str:
        if owner is None:
            return self.tr("Unassigned")
        if self._me and owner == self._me:
            return self.tr("Yours")
        return self.tr("Owned by %1").replace("%1", owner)

    def _customer_text(self, t: TicketView) -> str:
        who = t.customer_name or t.customer_email or self.tr("Unknown customer")
        return f"{who} · {t.customer_organization}" if t.customer_organization else who

    def _render_times(self, now: datetime) -> None:
        t = self._ticket
        if t is None:
            return
        self.age.setText(self._age_text(ago(t.created, now)))
        self.age.setToolTip(self.tr("Opened %1").replace("%1", local_datetime(t.created)))
        state = self._sla
        if state.level is SlaLevel.PAUSED:  # no countdown: when it comes back is up to the customer
            text = self.tr("Pending: back when the customer writes")
            self.countdown.setText(text)
            self.countdown.setProperty("level", _LEVEL_NAME[state.level])
            self.countdown.setToolTip(self.tr("The due time counts again once the customer answers"))
            self.countdown.setAccessibleName(text)
            return
        if state.level is SlaLevel.NONE or state.remaining is None:
            self.countdown.setText("")
            self.countdown.setToolTip("")
            self.countdown.setAccessibleName("")
            self.countdown.setProperty("level", "none")
            return
        c = countdown(state.remaining)
        if c.due is Due.DUE_IN:
            text = self.tr("Due in %1").replace("%1", span_text(c.span))
        elif c.due is Due.DUE_NOW:
            text = self.tr("Due now")
        else:
            text = self.tr("Overdue by %1").replace("%1", span_text(c.span))
        self.countdown.setText(text)
        self.countdown.setProperty("level", _LEVEL_NAME[state.level])
        due = local_datetime(t.due) if t.due else ""
        self.countdown.setToolTip(self.tr("Due %1").replace("%1", due))
        self.countdown.setAccessibleName(f"{text} ({due})")

    def _age_text(self, a: Ago) -> str:
        one = {
            AgoUnit.MINUTES: self.tr("opened a minute ago"),
            AgoUnit.HOURS: self.tr("opened an hour ago"),
            AgoUnit.DAYS: self.tr("opened a day ago"),
            AgoUnit.WEEKS: self.tr("opened a week ago"),
            AgoUnit.MONTHS: self.tr("opened a month ago"),
            AgoUnit.YEARS: self.tr("opened a year ago"),
        }
        if a.unit is AgoUnit.JUST_NOW:
            return self.tr("opened just now")
        if a.count == 1:
            return one[a.unit]
        many = {
            AgoUnit.MINUTES: self.tr("opened %n minutes ago", "", a.count),
            AgoUnit.HOURS: self.tr("opened %n hours ago", "", a.count),
            AgoUnit.DAYS: self.tr("opened %n days ago", "", a.count),
            AgoUnit.WEEKS: self.tr("opened %n weeks ago", "", a.count),
            AgoUnit.MONTHS: self.tr("opened %n months ago", "", a.count),
            AgoUnit.YEARS: self.tr("opened %n years ago", "", a.count),
        }
        return many[a.unit]

    def _apply_palette(self) -> None:
        pal = self.palette()
        quiet_pal = QPalette(pal)
        quiet_pal.setColor(QPalette.ColorRole.WindowText, quiet_text(pal))
        for label in (*self._separators, self.queue, self.priority, self.age, self.owner, self.number):
            label.setPalette(quiet_pal)
        if self._ticket is not None:
            self.status.set_tone(*chip_colours(pal, status_tone(self._ticket.status)))
        warn_pal = QPalette(pal)
        warn_pal.setColor(QPalette.ColorRole.WindowText, tone_text(pal, Tone.WARN))
        self.sync_warning.setPalette(warn_pal)
        tone = _LEVEL_TONE.get(self._sla.level, Tone.NEUTRAL)
        self.countdown.set_tone(*chip_colours(pal, tone), bold=tone is not Tone.NEUTRAL)
        self.tasks_chip.set_tone(*chip_colours(pal, self._task_tone))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
