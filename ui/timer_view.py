"""The timer: one quiet line under the ticket's header with this ticket's time (running by itself) and
today's total, and the agent's few controls: pause, adjust with a reason, log time with no message.

When the agent comes back from a long idle stretch, a second line asks what it was (keep it, discard
it, discard it and pause, or give it to another ticket), without a dialog and without taking the focus:
unanswered, the stretch stays pending. The rows for adjusting and logging are built on first use."""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services.desk import ticket_number
from services.timefmt import span_minutes
from ui.models import Tone, local_datetime, local_time, quiet_text, span_text, tone_fill, tone_text
from ui.tinted import TintedFrame

if TYPE_CHECKING:  # (the time modules load after the window's first paint, with the keeper)
    from services.timekeeper import Shown
    from services.tracker import IdleChoice, IdleSpan


def clock_text(seconds: float) -> str:
    """12:34, or 1:02:03 past an hour (what a stopwatch shows; negative after a removal)."""
    total = int(abs(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    sign = "−" if seconds <= -1 else ""
    return f"{sign}{hours}:{minutes:02d}:{secs:02d}" if hours else f"{sign}{minutes}:{secs:02d}"


def _when(start: datetime, end: datetime) -> str:
    """The start of a span: its time, with its date when it began on another day."""
    same_day = start.astimezone().date() == end.astimezone().date()
    return local_time(start) if same_day else local_datetime(start, weekday=False)


def _line(row: QWidget, *widgets: QWidget | tuple[QWidget, int]) -> QHBoxLayout:
    """One of the timer's extra lines: the widgets side by side, each with its stretch (0 unless given)."""
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 2)
    layout.setSpacing(6)
    for item in widgets:
        widget, stretch = item if isinstance(item, tuple) else (item, 0)
        layout.addWidget(widget, stretch)
    return layout


class _Row(QWidget):
    """An inline editor line of the timer (Esc closes it)."""

    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.cancelled.emit()
            return
        super().keyPressEvent(event)


class TimerView(TintedFrame):
    pause_toggled = Signal(bool)  # True: pause
    adjust_requested = Signal(str, float, str)  # the ticket, seconds (negative: remove), the reason
    log_requested = Signal(str, str)  # the ticket, the note for colleagues (may be empty)
    idle_answered = Signal(object, object, object)  # IdleSpan, IdleChoice, the ticket given to (or None)
    idle_discarded_and_paused = Signal(object)  # IdleSpan
    paused_changed = Signal(bool)  # as shown (the window's Time menu follows it)
    block_requested = Signal(float)  # minutes to reserve for the ticket's customer
    block_extended = Signal(float)  # minutes more
    block_ended = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timer")
        self._shown: Shown | None = None
        self._source_note = ""
        self._pending: IdleSpan | None = None
        self._row_ticket = ""  # the ticket an adjust or log row was opened on (it applies to it)

        self.dot = QLabel("●", self)
        self.dot.setObjectName("timerDot")
        self.clock = QLabel("–", self)
        self.clock.setObjectName("timerClock")
        font = self.clock.font()
        font.setWeight(font.Weight.DemiBold)
        self.clock.setFont(font)
        self.clock.setAccessibleName(self.tr("Time on this ticket"))
        self.details = QLabel(self)
        self.details.setObjectName("timerDetails")
        self.pause_button = self._button(self.tr("Pause"), "timerPause")
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self._pause_clicked)
        self.adjust_button = self._button(self.tr("Adjust…"), "timerAdjust")
        self.adjust_button.setToolTip(self.tr("Add or remove time, with a reason"))
        self.adjust_button.clicked.connect(lambda _c=False: self.start_adjust())
        self.log_button = self._button(self.tr("Log time…"), "timerLog")
        self.log_button.setToolTip(self.tr("Log the time not logged yet, with no message to the customer"))
        self.log_button.clicked.connect(lambda _c=False: self.start_log())

        line = QHBoxLayout()
        line.setSpacing(6)
        line.addWidget(self.dot)
        line.addWidget(self.clock)
        line.addWidget(self.details, 1)
        for button in (self.pause_button, self.adjust_button, self.log_button):
            line.addWidget(button)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(16, 2, 16, 2)
        self._column.setSpacing(2)
        self._column.addLayout(line)
        self._adjust_row: _Row | None = None
        self._log_row: _Row | None = None
        self._reserve_row: _Row | None = None
        self._idle_row: QWidget | None = None
        self._block_row: QWidget | None = None
        self._block_key: tuple[object, ...] | None = None
        self._apply_palette()

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setFlat(True)
        button.setAutoDefault(False)
        button.setAccessibleName(text.rstrip("…"))
        return button

    # --- public ------------------------------------------------------------------------------------

    def set_source_note(self, note: str) -> None:
        """Said once, in the tooltip: how idleness is learnt (or that it cannot be, here)."""
        self._source_note = note
        if self._shown is not None:
            self._show_state(self._shown)

    def show_time(self, shown: Shown) -> None:
        """Every second: cheap (three labels' text, and only when it changed)."""
        previous, self._shown = self._shown, shown
        self._set(self.clock, clock_text(shown.ticket_seconds) if shown.ticket else "–")
        self._set(self.details, self._details(shown))
        if previous is None or previous.counting != shown.counting or previous.stops != shown.stops:
            self._show_state(shown)
        has_ticket = shown.ticket is not None
        for button in (self.adjust_button, self.log_button):
            button.setEnabled(has_ticket)
        first = shown.pending[0] if shown.pending else None
        if first != self._pending:
            self._show_idle(first)
        self._show_block(shown)

    def start_adjust(self) -> None:
        if self._shown is None or self._shown.ticket is None:
            return
        self._row_ticket = self._shown.ticket
        row = self._adjust()
        self._hide_rows(row)
        row.show()
        self.adjust_minutes.setValue(5)
        self.adjust_reason.clear()
        self.adjust_minutes.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.adjust_minutes.selectAll()

    def start_log(self) -> None:
        if self._shown is None or self._shown.ticket is None:
            return
        self._row_ticket = self._shown.ticket
        row = self._log()
        self._hide_rows(row)
        row.show()
        self.log_note.clear()
        self._update_log_button()
        self.log_note.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def start_reserve(self, customer: str) -> None:
        """Reserve time for the ticket's customer (`customer`: their name, as shown)."""
        row = self._reserve()
        self._hide_rows(row)
        self.reserve_caption.setText(self.tr("Reserve time for %1:").replace("%1", customer))
        row.show()
        self.reserve_minutes.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.reserve_minutes.selectAll()

    def focus_idle(self) -> None:
        """The keyboard way to the idle question (it never takes the focus by itself)."""
        if self._idle_row is not None and self._idle_row.isVisible():
            self.keep_button.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_paused(self, paused: bool) -> None:
        if self.pause_button.isChecked() != paused:
            self.pause_button.blockSignals(True)
            self.pause_button.setChecked(paused)
            self.pause_button.blockSignals(False)
        self.pause_button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        self.pause_button.setAccessibleName(self.pause_button.text())
        self.paused_changed.emit(paused)

    # --- the line ------------------------------------------------------------------------------------

    def _details(self, shown: Shown) -> str:
        today = self.tr("Today %1").replace("%1", span_text(span_minutes(int(shown.today_seconds // 60))))
        if shown.ticket is None:
            return today
        unlogged = int(shown.unlogged_seconds // 60)
        parts = [self.tr("on this ticket"), today]
        if unlogged >= 1:
            parts.append(self.tr("%n min to log", "", unlogged))
        state = self._state_word(shown)
        if state:
            parts.insert(0, state)
        return " · ".join(parts)

    def _state_word(self, shown: Shown) -> str:
        from services.tracker import Stop

        if shown.counting or shown.ticket is None:
            return ""
        stops = shown.stops
        if Stop.PAUSED in stops:
            return self.tr("Paused")
        if Stop.IDLE in stops:
            return self.tr("Stopped: away from the keyboard")
        if Stop.LOCKED in stops:
            return self.tr("Stopped: screen locked")
        if Stop.ASLEEP in stops:
            return self.tr("Stopped: asleep")
        if Stop.AWAY in stops:
            return self.tr("Stopped: Monodesk in the background")
        return ""

    def _show_state(self, shown: Shown) -> None:
        pal = self.dot.palette()
        tone = Tone.GOOD if shown.counting else Tone.NEUTRAL
        pal.setColor(QPalette.ColorRole.WindowText, tone_text(self.palette(), tone))
        self.dot.setPalette(pal)
        running = self.tr("Counting by itself while this ticket is on screen and you work on it.")
        stopped = self.tr("Not counting now.")
        tip = running if shown.counting else stopped
        if self._source_note:
            tip += "\n" + self._source_note
        for widget in (self.dot, self.clock, self.details):
            widget.setToolTip(tip)
        self.set_paused("paused" in shown.stops)  # (a Stop is a str)

    @staticmethod
    def _set(label: QLabel, text: str) -> None:
        if label.text() != text:
            label.setText(text)

    def _pause_clicked(self, paused: bool) -> None:
        self.set_paused(paused)
        self.pause_toggled.emit(paused)

    # --- adjusting -------------------------------------------------------------------------------

    def _adjust(self) -> _Row:
        if self._adjust_row is None:
            row = self._adjust_row = _Row(self)
            row.setObjectName("timerAdjustRow")
            caption = QLabel(self.tr("Add or remove"), row)
            self.adjust_minutes = QSpinBox(row)
            self.adjust_minutes.setObjectName("timerAdjustMinutes")
            self.adjust_minutes.setRange(-8 * 60, 8 * 60)
            self.adjust_minutes.setSuffix(self.tr(" min"))
            self.adjust_minutes.setAccessibleName(self.tr("Minutes to add (negative: to remove)"))
            caption.setBuddy(self.adjust_minutes)
            self.adjust_reason = QLineEdit(row)
            self.adjust_reason.setObjectName("timerAdjustReason")
            self.adjust_reason.setPlaceholderText(self.tr("Why? (e.g. a phone call with the customer)"))
            self.adjust_reason.setAccessibleName(self.tr("Reason for the adjustment"))
            self.adjust_reason.setMaxLength(200)
            self.adjust_apply = QPushButton(self.tr("Apply"), row)
            self.adjust_apply.setObjectName("timerAdjustApply")
            cancel = QPushButton(self.tr("Cancel"), row)
            for button in (self.adjust_apply, cancel):
                button.setAutoDefault(False)
            self.adjust_reason.textChanged.connect(lambda _t: self._update_adjust_button())
            self.adjust_minutes.valueChanged.connect(lambda _v: self._update_adjust_button())
            self.adjust_reason.returnPressed.connect(self._apply_adjust)
            self.adjust_apply.clicked.connect(lambda _c=False: self._apply_adjust())
            cancel.clicked.connect(lambda _c=False: row.hide())
            _line(row, caption, self.adjust_minutes, (self.adjust_reason, 1), self.adjust_apply, cancel)
            self._column.addWidget(row)
        return self._adjust_row

    def _update_adjust_button(self) -> None:
        minutes, reason = self.adjust_minutes.value(), self.adjust_reason.text().strip()
        self.adjust_apply.setEnabled(minutes != 0 and bool(reason))

    def _apply_adjust(self) -> None:
        minutes, reason = self.adjust_minutes.value(), self.adjust_reason.text().strip()
        if not minutes or not reason:
            (self.adjust_reason if minutes else self.adjust_minutes).setFocus()
            return
        self.adjust_requested.emit(self._row_ticket, 60.0 * minutes, reason)
        assert self._adjust_row is not None
        self._adjust_row.hide()

    # --- logging ---------------------------------------------------------------------------------

    def _log(self) -> _Row:
        if self._log_row is None:
            row = self._log_row = _Row(self)
            row.setObjectName("timerLogRow")
            self.log_note = QLineEdit(row)
            self.log_note.setObjectName("timerLogNote")
            self.log_note.setPlaceholderText(self.tr("What you did, for colleagues (optional)"))
            self.log_note.setAccessibleName(self.tr("Note with the time logged"))
            self.log_note.setMaxLength(500)
            self.log_note.returnPressed.connect(self._apply_log)
            self.log_apply = QPushButton(row)
            self.log_apply.setObjectName("timerLogApply")
            self.log_apply.setAutoDefault(False)
            self.log_apply.clicked.connect(lambda _c=False: self._apply_log())
            cancel = QPushButton(self.tr("Cancel"), row)
            cancel.setAutoDefault(False)
            cancel.clicked.connect(lambda _c=False: row.hide())
            hint = QLabel(self.tr("Staff only: the customer sees nothing."), row)
            hint.setObjectName("timerLogHint")
            _line(row, (self.log_note, 1), hint, self.log_apply, cancel)
            self._column.addWidget(row)
        return self._log_row

    def _update_log_button(self) -> None:
        minutes = int(self._shown.unlogged_seconds // 60) if self._shown else 0
        self.log_apply.setText(self.tr("Log %n min", "", minutes) if minutes >= 1
                               else self.tr("Nothing to log"))
        self.log_apply.setEnabled(minutes >= 1)

    def _apply_log(self) -> None:
        if not self.log_apply.isEnabled():
            return
        self.log_requested.emit(self._row_ticket, self.log_note.text().strip())
        assert self._log_row is not None
        self._log_row.hide()

    # --- time blocks -----------------------------------------------------------------------------

    def _reserve(self) -> _Row:
        if self._reserve_row is None:
            row = self._reserve_row = _Row(self)
            row.setObjectName("timerReserveRow")
            self.reserve_caption = QLabel(row)
            self.reserve_minutes = QSpinBox(row)
            self.reserve_minutes.setObjectName("timerReserveMinutes")
            self.reserve_minutes.setRange(5, 8 * 60)
            self.reserve_minutes.setSingleStep(15)
            self.reserve_minutes.setValue(45)
            self.reserve_minutes.setSuffix(self.tr(" min"))
            self.reserve_minutes.setAccessibleName(self.tr("Minutes to reserve"))
            self.reserve_caption.setBuddy(self.reserve_minutes)
            hint = QLabel(self.tr("Next offers their tickets first until then."), row)
            hint.setObjectName("timerReserveHint")
            start = QPushButton(self.tr("Start"), row)
            start.setObjectName("timerReserveStart")
            cancel = QPushButton(self.tr("Cancel"), row)
            for button in (start, cancel):
                button.setAutoDefault(False)
            start.clicked.connect(lambda _c=False: self._apply_reserve())
            cancel.clicked.connect(lambda _c=False: row.hide())
            self.reserve_minutes.lineEdit().returnPressed.connect(self._apply_reserve)
            _line(row, self.reserve_caption, self.reserve_minutes, (hint, 1), start, cancel)
            self._column.addWidget(row)
        return self._reserve_row

    def _apply_reserve(self) -> None:
        self.block_requested.emit(float(self.reserve_minutes.value()))
        assert self._reserve_row is not None
        self._reserve_row.hide()

    def _blocks(self) -> QWidget:
        if self._block_row is None:
            row = self._block_row = QWidget(self)
            row.setObjectName("timerBlockRow")
            self.block_text = QLabel(row)
            self.block_text.setObjectName("timerBlockText")
            self.block_extend = QPushButton(self.tr("15 min more"), row)
            self.block_extend.setObjectName("timerBlockExtend")
            self.block_end = QPushButton(row)
            self.block_end.setObjectName("timerBlockEnd")
            for button in (self.block_extend, self.block_end):
                button.setAutoDefault(False)
                button.setFlat(True)
            self.block_extend.clicked.connect(lambda _c=False: self.block_extended.emit(15.0))
            self.block_end.clicked.connect(lambda _c=False: self.block_ended.emit())
            _line(row, (self.block_text, 1), self.block_extend, self.block_end)
            self._column.insertWidget(1, row)
        return self._block_row

    def _show_block(self, shown: Shown) -> None:
        block = shown.block
        if block is None:
            if self._block_row is not None and self._block_row.isVisible():
                self._block_row.hide()
            self._block_key = None
            return
        over = block.over(shown.now)
        left = max(0, math.ceil((block.ends - shown.now).total_seconds() / 60))  # "1 min left" to the end
        key = (block.id, over, left, block.ends)
        if key == self._block_key:
            return
        self._block_key = key
        row = self._blocks()
        name = block.customer_name or block.customer_email
        if over:
            planned = int(block.planned_seconds // 60)
            text = self.tr("Your %1 for %2 are over.").replace(
                "%1", span_text(span_minutes(planned))).replace("%2", name)
            self.block_end.setText(self.tr("Done"))
            self.block_end.setToolTip(self.tr("End the block; Next goes back to its usual order"))
        else:
            text = self.tr("Reserved for %1: %2 left").replace("%1", name).replace(
                "%2", span_text(span_minutes(left)))
            self.block_end.setText(self.tr("End now"))
            self.block_end.setToolTip(self.tr("End the block early"))
        self.block_text.setText(text)
        pal = self.block_text.palette()
        tone = Tone.WARN if over else Tone.ACCENT
        pal.setColor(QPalette.ColorRole.WindowText, tone_text(self.palette(), tone))
        self.block_text.setPalette(pal)
        row.show()

    # --- idle ------------------------------------------------------------------------------------

    def _idle(self) -> QWidget:
        if self._idle_row is None:
            row = self._idle_row = QWidget(self)
            row.setObjectName("timerIdleRow")
            self.idle_text = QLabel(row)
            self.idle_text.setObjectName("timerIdleText")
            self.idle_text.setWordWrap(True)
            self.keep_button = QPushButton(self.tr("&Keep it"), row)
            self.keep_button.setToolTip(self.tr("It was work (a call, reading on paper): count it"))
            self.discard_button = QPushButton(self.tr("&Discard"), row)
            self.discard_button.setToolTip(self.tr("It was not work; the timer goes on"))
            self.discard_pause_button = QPushButton(self.tr("Discard and &pause"), row)
            self.discard_pause_button.setToolTip(
                self.tr("It was not work, and you are not on this ticket now"))
            self.give_button = QPushButton(self.tr("&Give to…"), row)
            self.give_button.setToolTip(self.tr("It was work for another ticket"))
            self.give_ticket = QLineEdit(row)
            self.give_ticket.setObjectName("timerGiveTicket")
            self.give_ticket.setPlaceholderText(self.tr("Ticket #"))
            self.give_ticket.setAccessibleName(self.tr("Ticket to give the time to"))
            self.give_ticket.setMaxLength(20)
            self.give_ticket.setMaximumWidth(110)
            self.give_ticket.hide()
            buttons = (self.keep_button, self.discard_button, self.discard_pause_button, self.give_button)
            for button in buttons:
                button.setAutoDefault(False)
            from services.tracker import IdleChoice

            self.keep_button.clicked.connect(lambda _c=False: self._answer(IdleChoice.KEEP))
            self.discard_button.clicked.connect(lambda _c=False: self._answer(IdleChoice.DISCARD))
            self.discard_pause_button.clicked.connect(lambda _c=False: self._discard_and_pause())
            self.give_button.clicked.connect(lambda _c=False: self._give())
            self.give_ticket.returnPressed.connect(self._give)
            _line(row, (self.idle_text, 1), self.keep_button, self.discard_button, self.discard_pause_button,
                  self.give_ticket, self.give_button).setContentsMargins(0, 2, 0, 4)
            self._column.addWidget(row)
        return self._idle_row

    def _show_idle(self, span: IdleSpan | None) -> None:
        self._pending = span
        if span is None:
            if self._idle_row is not None:
                self._idle_row.hide()
            return
        row = self._idle()
        minutes = max(1, round(span.seconds / 60))
        more = len(self._shown.pending) - 1 if self._shown else 0
        text = (self.tr("You were away %n min (%1 – %2) while on #%3. Was it work?", "", minutes)
                .replace("%1", _when(span.start, span.end)).replace("%2", local_time(span.end))
                .replace("%3", span.ticket))
        if more > 0:
            text += " " + self.tr("(%n more after this one)", "", more)
        self.idle_text.setText(text)
        self.give_ticket.hide()
        self.give_ticket.clear()
        row.show()

    def _answer(self, choice: IdleChoice, to_ticket: str | None = None) -> None:
        if self._pending is not None:
            self.idle_answered.emit(self._pending, choice, to_ticket)

    def _discard_and_pause(self) -> None:
        if self._pending is not None:
            self.idle_discarded_and_paused.emit(self._pending)

    def _give(self) -> None:
        if not self.give_ticket.isVisible():
            self.give_ticket.show()
            self.give_ticket.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        number = ticket_number(self.give_ticket.text())
        if number is None:
            self.give_ticket.setFocus(Qt.FocusReason.OtherFocusReason)
            self.give_ticket.selectAll()
            self.idle_text.setToolTip(self.tr("Type a ticket number, such as 4182"))
            return
        from services.tracker import IdleChoice

        self._answer(IdleChoice.GIVE, number)

    # --- rows and palette --------------------------------------------------------------------------

    def _hide_rows(self, keep: QWidget) -> None:
        for row in (self._adjust_row, self._log_row, self._reserve_row):
            if row is not None and row is not keep:
                row.hide()

    def tint(self, base: QPalette) -> None:
        pal = QPalette(base)
        pal.setColor(QPalette.ColorRole.Window, tone_fill(base, Tone.NEUTRAL, 0.05))
        quiet = QPalette(pal)
        quiet.setColor(QPalette.ColorRole.WindowText, quiet_text(pal))
        self.setPalette(pal)
        self.details.setPalette(quiet)
