"""The agent's day (or week): where the time went, the time blocks against what was planned, the skips
by reason, and a timeline of the stretches worked. A window of its own, built on first use; it draws
what services.day read on the reader's thread."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from services.day import AgentDay
from services.store.blocks import BlockOutcome
from services.store.timelog import TimeLine
from services.timefmt import span_minutes
from services.tracker import Stretch
from ui.models import Tone, mix, quiet_text, span_text, tone_base


def minutes_text(seconds: float) -> str:
    return span_text(span_minutes(int(max(0.0, seconds) // 60)))


class Timeline(QWidget):
    """One bar per day of the range: the stretches worked, and the idle time taken back from them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dayTimeline")
        self.setMinimumHeight(44)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._day: AgentDay | None = None
        self._days: list[datetime] = []

    def show_day(self, day: AgentDay) -> None:
        self._day = day
        self._days, moment = [], day.start
        while moment < day.end:
            self._days.append(moment)
            moment = (moment + timedelta(days=1, hours=2)).replace(hour=0, minute=0, second=0)
        self.setMinimumHeight(20 + 22 * len(self._days))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._day is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        label_width = 44 if len(self._days) > 1 else 0
        left, right = label_width + 4, self.width() - 4
        span = right - left
        first_hour, last_hour = 7, 20  # the working day, widened to what was worked
        for stretch in self._day.worked:
            local_start, local_end = stretch.start.astimezone(), stretch.end.astimezone()
            first_hour = min(first_hour, local_start.hour)
            last_hour = max(last_hour, local_end.hour + (1 if local_end.minute or local_end.second else 0))
        hours = max(1, last_hour - first_hour)
        worked = tone_base(pal, Tone.ACCENT)
        away = mix(pal.color(QPalette.ColorRole.Base), QColor("#808080"), 0.45)
        track = mix(pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.WindowText), 0.08)
        quiet = quiet_text(pal)
        for row, day_start in enumerate(self._days):
            top = 4 + row * 22
            origin = day_start.astimezone().replace(hour=first_hour, minute=0, second=0, microsecond=0)

            def x(moment: datetime, origin: datetime = origin) -> float:
                return left + span * max(0.0, min(1.0, (moment - origin).total_seconds() / (hours * 3600)))

            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(track)
            painter.drawRoundedRect(QRectF(left, top, span, 14), 3, 3)
            for stretches, colour in ((self._day.worked, worked), (self._day.away, away)):
                painter.setBrush(colour)
                for s in _on_day(stretches, day_start):
                    painter.drawRect(QRectF(x(s.start), top, max(1.0, x(s.end) - x(s.start)), 14))
            if label_width:
                painter.setPen(quiet)
                painter.drawText(QRectF(0, top - 2, label_width, 18), Qt.AlignmentFlag.AlignVCenter,
                                 day_start.astimezone().strftime("%a %d"))
        painter.setPen(quiet)
        bottom = 4 + len(self._days) * 22
        step = 1 if hours <= 8 else 2
        for hour in range(first_hour, last_hour + 1, step):
            pos = left + span * (hour - first_hour) / hours
            box = QRectF(min(max(pos - 20, 0), self.width() - 40), bottom - 4, 40, 16)  # kept inside
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, f"{hour}:00")


def _on_day(stretches: list[Stretch], day_start: datetime) -> list[Stretch]:
    day_end = (day_start + timedelta(days=1, hours=2)).replace(hour=0, minute=0, second=0)
    return [s for s in stretches if s.start < day_end and s.end > day_start]


class DayView(QWidget):
    period_chosen = Signal(str)  # "today" or "week"

    def __init__(self, parent: QWidget | None, read: Callable[[str], None]) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("dayView")
        self.setWindowTitle(self.tr("My day — Monodesk"))
        self.resize(760, 620)
        self._read = read
        self._period = "today"

        self.today_button = QPushButton(self.tr("&Today"), self)
        self.week_button = QPushButton(self.tr("This &week"), self)
        group = QButtonGroup(self)
        for button, period in ((self.today_button, "today"), (self.week_button, "week")):
            button.setCheckable(True)
            button.setAutoDefault(False)
            group.addButton(button)
            button.clicked.connect(lambda _c=False, period=period: self.choose(period))
        self.today_button.setChecked(True)
        self.total = QLabel(self)
        self.total.setObjectName("dayTotal")
        font = self.total.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(font.Weight.DemiBold)
        self.total.setFont(font)
        self.timeline = Timeline(self)

        self.tickets = _Lines(self.tr("By ticket"), self)
        self.customers = _Lines(self.tr("By customer"), self)
        self.queues = _Lines(self.tr("By queue"), self)
        self.blocks = _Lines(self.tr("Time blocks"), self)
        self.skips = _Lines(self.tr("Skipped, by reason"), self)

        top = QHBoxLayout()
        top.addWidget(self.total, 1)
        top.addWidget(self.today_button)
        top.addWidget(self.week_button)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(14)
        top_aligned = Qt.AlignmentFlag.AlignTop
        grid.addWidget(self.tickets, 0, 0, 2, 1, top_aligned)
        grid.addWidget(self.customers, 0, 1, top_aligned)
        grid.addWidget(self.queues, 1, 1, top_aligned)
        grid.addWidget(self.blocks, 2, 0, top_aligned)
        grid.addWidget(self.skips, 2, 1, top_aligned)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.timeline)
        column.addLayout(grid)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 14)
        outer.setSpacing(10)
        outer.addLayout(top)
        outer.addWidget(scroll, 1)

    def choose(self, period: str) -> None:
        self._period = period
        (self.today_button if period == "today" else self.week_button).setChecked(True)
        self._read(period)

    def open(self) -> None:
        self.show()
        self.raise_()
        self.activateWindow()
        self.today_button.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.choose(self._period)

    def show_day(self, day: AgentDay) -> None:
        summary = day.summary
        if self._period == "today":
            self.total.setText(self.tr("Today: %1 worked").replace("%1", minutes_text(summary.seconds)))
        else:
            self.total.setText(self.tr("This week: %1 worked").replace("%1", minutes_text(summary.seconds)))
        self.timeline.show_day(day)
        self.tickets.show_lines([(f"#{t.key}  {t.label}", minutes_text(t.seconds)) for t in summary.tickets])
        self.customers.show_lines([(_name(c), minutes_text(c.seconds)) for c in summary.customers])
        self.queues.show_lines([(q.key or self.tr("(queue unknown here)"), minutes_text(q.seconds))
                                for q in summary.queues])
        self.blocks.show_lines([(b.block.customer_name or b.block.customer_email, self._block_text(b))
                                for b in day.blocks])
        self.skips.show_lines([(reason, str(count)) for reason, count in day.skips.items()])

    def _block_text(self, outcome: BlockOutcome) -> str:
        handled = (self.tr("one ticket handled") if outcome.handled == 1
                   else self.tr("%n tickets handled", "", outcome.handled))
        return (self.tr("%1 planned · %2 spent · %3")
                .replace("%1", minutes_text(outcome.block.planned_seconds))
                .replace("%2", minutes_text(outcome.actual_seconds)).replace("%3", handled))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


def _name(line: TimeLine) -> str:
    return line.label if line.label and line.label.lower() != line.key else line.key or "—"


class _Lines(QWidget):
    """A titled list of (what, how much), or a quiet "nothing yet"."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = QLabel(title, self)
        font = self._title.font()
        font.setWeight(font.Weight.DemiBold)
        self._title.setFont(font)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(3)
        self._grid.setColumnStretch(0, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self._title)
        layout.addLayout(self._grid)
        self._labels: list[QLabel] = []

    def show_lines(self, lines: list[tuple[str, str]], limit: int = 12) -> None:
        for label in self._labels:
            label.deleteLater()
        self._labels = []
        shown = lines[:limit] or [(self.tr("Nothing yet."), "")]
        quiet = QPalette(self.palette())
        quiet.setColor(QPalette.ColorRole.WindowText, quiet_text(self.palette()))
        for row, (what, much) in enumerate(shown):
            name, value = QLabel(what, self), QLabel(much, self)
            name.setTextFormat(Qt.TextFormat.PlainText)
            name.setWordWrap(True)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            if not much:
                name.setPalette(quiet)
            self._grid.addWidget(name, row, 0)
            self._grid.addWidget(value, row, 1)
            self._labels += [name, value]
        if len(lines) > limit:
            more = QLabel(self.tr("and %n more", "", len(lines) - limit), self)
            more.setPalette(quiet)
            self._grid.addWidget(more, limit, 0)
            self._labels.append(more)
