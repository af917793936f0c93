"""Qt item models of the focus desk, and the small display helpers its widgets share.

Models hold what services/ returned and answer Qt's questions about it; they never query anything.
The helpers turn structured values into translated words (statuses, time spans) and derive readable
colours from the active palette, so every tone works in light and dark themes alike.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from functools import lru_cache

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtGui import QColor, QPalette

from services.domain import TicketStatus
from services.store.views import TicketSummary
from services.timefmt import Span

_Index = QModelIndex | QPersistentModelIndex


# --- words ---------------------------------------------------------------------------------------------

def status_text(status: TicketStatus) -> str:
    words = {
        TicketStatus.NEW: QCoreApplication.translate("Status", "new"),
        TicketStatus.OPEN: QCoreApplication.translate("Status", "open"),
        TicketStatus.PENDING: QCoreApplication.translate("Status", "pending"),
        TicketStatus.RESOLVED: QCoreApplication.translate("Status", "resolved"),
        TicketStatus.REJECTED: QCoreApplication.translate("Status", "rejected"),
        TicketStatus.DELETED: QCoreApplication.translate("Status", "deleted"),
    }
    return words.get(status, str(status))


def span_text(span: Span) -> str:
    """ "3 h 20 min", "2 d 4 h", "40 s"; "0 min" for an empty span."""
    parts: list[str] = []
    if span.days:
        parts.append(QCoreApplication.translate("Span", "%1 d").replace("%1", str(span.days)))
    if span.hours:
        parts.append(QCoreApplication.translate("Span", "%1 h").replace("%1", str(span.hours)))
    if span.minutes:
        parts.append(QCoreApplication.translate("Span", "%1 min").replace("%1", str(span.minutes)))
    if span.seconds:
        parts.append(QCoreApplication.translate("Span", "%1 s").replace("%1", str(span.seconds)))
    return " ".join(parts) or QCoreApplication.translate("Span", "%1 min").replace("%1", "0")


def local_date(moment: datetime) -> str:
    """A short, locale-aware date in the computer's time zone: "12 Mar 2025"."""
    day = moment.astimezone()
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMM yyyy")


def local_datetime(moment: datetime, *, weekday: bool = True) -> str:
    """ "Tue 12 Mar 2025, 14:30" (or without the weekday) in the computer's time zone and the UI's
    language."""
    t = moment.astimezone()
    locale = QLocale()
    date = locale.toString(QDate(t.year, t.month, t.day), "ddd d MMM yyyy" if weekday else "d MMM yyyy")
    time = locale.toString(QTime(t.hour, t.minute), QLocale.FormatType.ShortFormat)
    return f"{date}, {time}"


def local_time(moment: datetime) -> str:
    """ "14:30" (or "2:30 PM") in the computer's time zone and the UI's language."""
    t = moment.astimezone()
    return QLocale().toString(QTime(t.hour, t.minute), QLocale.FormatType.ShortFormat)


# --- colours -------------------------------------------------------------------------------------------

class Tone(Enum):
    NEUTRAL = "neutral"
    ACCENT = "accent"  # the palette's highlight hue
    GOOD = "good"  # green
    WARN = "warn"  # amber
    BAD = "bad"  # red
    WAIT = "wait"  # violet: waiting on someone else, not a warning


# (hue in degrees, saturation)
_HUES: dict[Tone, tuple[float, float]] = {
    Tone.GOOD: (140.0, 0.55),
    Tone.WARN: (36.0, 0.95),
    Tone.BAD: (2.0, 0.75),
    Tone.WAIT: (268.0, 0.45),
}
_READABLE = 4.5  # WCAG AA contrast for body text


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """`amount` of b over a."""
    return QColor.fromRgbF(a.redF() + (b.redF() - a.redF()) * amount,
                           a.greenF() + (b.greenF() - a.greenF()) * amount,
                           a.blueF() + (b.blueF() - a.blueF()) * amount)


def _hue(palette: QPalette, tone: Tone) -> tuple[float, float]:
    if tone is Tone.ACCENT:
        h = palette.color(QPalette.ColorRole.Highlight)
        hue = h.hslHueF()
        return (hue * 360.0 if hue >= 0 else 210.0, max(0.55, h.hslSaturationF()))
    return _HUES.get(tone, (0.0, 0.0))


def tone_base(palette: QPalette, tone: Tone) -> QColor:
    """The tone at mid lightness: for dots and accents, not for text."""
    if tone is Tone.NEUTRAL:
        return palette.color(QPalette.ColorRole.PlaceholderText)
    hue, sat = _hue(palette, tone)
    return QColor.fromHslF(hue / 360.0, sat, 0.62 if is_dark(palette) else 0.45)


def tone_fill(palette: QPalette, tone: Tone, amount: float = 0.16,
              role: QPalette.ColorRole = QPalette.ColorRole.Window) -> QColor:
    """A quiet tinted background: the palette's own background with a little of the tone in it."""
    background = palette.color(role)
    if tone is Tone.NEUTRAL:
        return mix(background, palette.color(QPalette.ColorRole.WindowText), amount * 0.5)
    return mix(background, tone_base(palette, tone), amount)


def tone_text(palette: QPalette, tone: Tone, background: QColor | None = None) -> QColor:
    """The tone as text that stays readable (contrast >= 4.5) on `background` (the window by default)."""
    bg = background if background is not None else palette.color(QPalette.ColorRole.Window)
    if tone is Tone.NEUTRAL:
        return palette.color(QPalette.ColorRole.WindowText)
    hue, sat = _hue(palette, tone)
    found = _readable_lightness(hue, sat, bg.rgba())
    return QColor.fromHslF(hue / 360.0, sat, found) if found is not None else \
        palette.color(QPalette.ColorRole.WindowText)


@lru_cache(maxsize=256)
def _readable_lightness(hue: float, sat: float, background: int) -> float | None:
    """Cached: every ticket shown asks again for the same few colours on the same backgrounds."""
    bg = QColor.fromRgba(background)
    step = 0.02 if bg.lightnessF() < 0.5 else -0.02
    lightness = 0.5
    while 0.0 <= lightness <= 1.0:
        if contrast(QColor.fromHslF(hue / 360.0, sat, lightness), bg) >= _READABLE:
            return lightness
        lightness += step
    return None


def quiet_text(palette: QPalette, background: QColor | None = None) -> QColor:
    """Secondary text (dates, queues, captions): softer than the body text, still readable (>= 4.5)."""
    bg = background if background is not None else palette.color(QPalette.ColorRole.Window)
    return QColor.fromRgba(_quiet_rgba(bg.rgba(), palette.color(QPalette.ColorRole.WindowText).rgba()))


@lru_cache(maxsize=64)
def _quiet_rgba(background: int, text: int) -> int:
    bg, fg = QColor.fromRgba(background), QColor.fromRgba(text)
    amount = 0.55
    while amount < 1.0:
        colour = QColor.fromRgba(mix(bg, fg, amount).rgba())  # what callers get: 8 bits a channel
        if contrast(colour, bg) >= _READABLE:
            return colour.rgba()
        amount += 0.05
    return text


def chip_colours(palette: QPalette, tone: Tone,
                 role: QPalette.ColorRole = QPalette.ColorRole.Window) -> tuple[QColor, QColor]:
    """(fill, text) of a small rounded label in `tone`, computed from the palette."""
    fill = tone_fill(palette, tone, 0.22, role)
    return fill, tone_text(palette, tone, fill)


def status_tone(status: TicketStatus) -> Tone:
    return {
        TicketStatus.NEW: Tone.ACCENT,
        TicketStatus.OPEN: Tone.GOOD,
        TicketStatus.PENDING: Tone.WAIT,
    }.get(status, Tone.NEUTRAL)


# --- the customer's tickets ----------------------------------------------------------------------------

class CustomerTicketsModel(QAbstractListModel):
    """The customer's tickets across all queues, newest first; the one on screen is marked and inert."""

    RemoteIdRole = Qt.ItemDataRole.UserRole + 1
    DetailRole = Qt.ItemDataRole.UserRole + 2  # "#1234 · Billing · open · 12 Mar 2025"
    StatusRole = Qt.ItemDataRole.UserRole + 3
    CreatedRole = Qt.ItemDataRole.UserRole + 4
    IsCurrentRole = Qt.ItemDataRole.UserRole + 5
    PaintRole = Qt.ItemDataRole.UserRole + 6  # (subject, detail, is current): what the delegate draws

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tickets: list[TicketSummary] = []
        self._current = ""
        # Detail lines by row, made when first painted: a customer may have 20,000 tickets, of which
        # a dozen are on screen, and each line formats a date.
        self._details: dict[int, str] = {}

    def set_tickets(self, tickets: list[TicketSummary], current_remote_id: str) -> None:
        ordered = sorted(tickets, key=lambda t: t.created, reverse=True)
        if ordered == self._tickets and current_remote_id == self._current:
            return  # a refresh with nothing new keeps the selection and the scroll position
        self.beginResetModel()
        self._tickets = ordered
        self._current = current_remote_id
        self._details.clear()
        self.endResetModel()

    def ticket(self, row: int) -> TicketSummary:
        return self._tickets[row]

    def is_current(self, index: _Index) -> bool:
        return index.isValid() and self._tickets[index.row()].remote_id == self._current

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._tickets)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_current(index):
            return Qt.ItemFlag.ItemIsEnabled  # visible and readable, but not selectable or activatable
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._tickets):
            return None
        t = self._tickets[index.row()]
        current = t.remote_id == self._current
        if role == self.PaintRole:
            return (t.subject or self.tr("(no subject)"), self._detail(index.row()), current)
        if role == Qt.ItemDataRole.DisplayRole:
            return t.subject or self.tr("(no subject)")
        if role == self.DetailRole:
            return self._detail(index.row())
        if role == self.RemoteIdRole:
            return t.remote_id
        if role == self.StatusRole:
            return t.status
        if role == self.CreatedRole:
            return t.created
        if role == self.IsCurrentRole:
            return current
        if role == Qt.ItemDataRole.ToolTipRole:
            hint = self.tr("This ticket, on screen now") if current else self.tr("Enter or click to read it")
            return f"{t.subject}\n{self.data(index, self.DetailRole)}\n{hint}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            words = [t.subject, self.tr("ticket %1").replace("%1", t.remote_id), t.queue,
                     status_text(t.status), local_date(t.created)]
            if current:
                words.append(self.tr("this ticket"))
            return ", ".join(words)
        return None

    def _detail(self, row: int) -> str:
        detail = self._details.get(row)
        if detail is None:
            t = self._tickets[row]
            detail = self._details[row] = " · ".join((f"#{t.remote_id}", t.queue, status_text(t.status),
                                                      local_date(t.created)))
        return detail
