"""The reply box under the thread: reply or internal note, time spent, and the send buttons.

Keyboard first: Ctrl+Return sends, Ctrl+Shift+Return sends and resolves, Ctrl+Alt+Return sends and goes
to the next ticket. What the agent types is handed out as a Draft ~400 ms after typing stops (the window
saves it), so nothing is lost to a crash. The composer decides nothing: the window acts on its signals.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from services.desk import AfterSend
from services.store.worklist import Draft
from ui.chip import SegmentButton
from ui.models import Tone, mix, quiet_text, tone_base, tone_fill, tone_text

DEBOUNCE_MS = 400
MAX_SHARE = 0.4  # the editor grows with its text up to this share of the window's height
_MIN_LINES = 3


def _native(sequence: str) -> str:
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)


class Composer(QWidget):
    send_requested = Signal(str, bool, int, object)  # text, note, minutes, what then (an AfterSend)
    draft_changed = Signal(object)  # a services.store.Draft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setAutoFillBackground(True)
        self._remote_id = ""
        self._note = False
        self._silent = False  # set while the composer itself changes its fields (load, clear)
        self._dirty = False  # the agent changed something not handed out yet
        self._busy = False  # a send is being written
        # Minutes a draft holds from before time tracked itself (or from a message taken back then):
        # sent with the message, never shown as a field (the timer panel shows the time).
        self._draft_minutes = 0
        self._watched: QWidget | None = None
        self._own_palette = True  # set while the composer tints itself (its own palette change)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit_draft)

        # --- mode toggle (segmented) ---
        self.reply_button = SegmentButton(self.tr("Reply"), self, left=True)
        self.note_button = SegmentButton(self.tr("Internal note"), self, left=False)
        self.reply_button.setObjectName("replyModeButton")
        self.note_button.setObjectName("noteModeButton")
        self.reply_button.setAccessibleName(self.tr("Write a reply to the customer"))
        self.note_button.setAccessibleName(self.tr("Write an internal note"))
        self.reply_button.setToolTip(self.tr("The customer receives this message"))
        self.note_button.setToolTip(self.tr("Only your team sees this message"))
        self._modes = QButtonGroup(self)
        self._modes.setExclusive(True)
        for button in (self.reply_button, self.note_button):
            button.setCheckable(True)
            button.setAutoDefault(False)
            self._modes.addButton(button)
        self.reply_button.setChecked(True)
        self.reply_button.toggled.connect(lambda on: self._mode_clicked(False, on))
        self.note_button.toggled.connect(lambda on: self._mode_clicked(True, on))

        self.note_banner = QLabel(self.tr("Internal note — the customer will not see this"), self)
        self.note_banner.setObjectName("noteBanner")
        self.note_banner.hide()

        # --- editor ---
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("composerEditor")
        self.editor.setAccessibleName(self.tr("Message"))
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._text_edited)
        self.editor.document().documentLayout().documentSizeChanged.connect(lambda _s: self._fit_editor())

        # --- send buttons ---
        self.send_button = self._send_button(self.tr("Send"), AfterSend.NOTHING, "Ctrl+Return")
        self.resolve_button = self._send_button(self.tr("Send && resolve"), AfterSend.RESOLVE,
                                                "Ctrl+Shift+Return")
        self.pending_button = self._send_button(self.tr("Send && set pending"), AfterSend.PENDING, "")
        self.next_button = self._send_button(self.tr("Send && next"), AfterSend.NEXT, "Ctrl+Alt+Return")
        self.send_button.setObjectName("sendButton")
        self.resolve_button.setObjectName("sendResolveButton")
        self.pending_button.setObjectName("sendPendingButton")
        self.next_button.setObjectName("sendNextButton")
        self.hint = QLabel(self.tr("%1 to send").replace("%1", _native("Ctrl+Return")), self)
        self.hint.setObjectName("composerHint")

        for keys, then in (("Ctrl+Return", AfterSend.NOTHING), ("Ctrl+Enter", AfterSend.NOTHING),
                           ("Ctrl+Shift+Return", AfterSend.RESOLVE), ("Ctrl+Shift+Enter", AfterSend.RESOLVE),
                           ("Ctrl+Alt+Return", AfterSend.NEXT), ("Ctrl+Alt+Enter", AfterSend.NEXT)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda then=then: self._send(then))

        # --- layout ---
        segmented = QHBoxLayout()
        segmented.setSpacing(0)
        segmented.addWidget(self.reply_button)
        segmented.addWidget(self.note_button)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addLayout(segmented)
        top.addWidget(self.note_banner, 1)
        top.addStretch(0)
        bottom = QHBoxLayout()
        bottom.setSpacing(6)
        bottom.addWidget(self.hint)
        bottom.addStretch(1)
        for send in (self.pending_button, self.resolve_button, self.next_button, self.send_button):
            bottom.addWidget(send)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 8, 16, 10)
        column.setSpacing(6)
        column.addLayout(top)
        column.addWidget(self.editor)
        column.addLayout(bottom)

        chain = (self.reply_button, self.note_button, self.editor, self.pending_button,
                 self.resolve_button, self.next_button, self.send_button)
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

        self._apply_mode()
        self._update_buttons()
        self._fit_editor()
        self._own_palette = False

    def _send_button(self, text: str, then: AfterSend, keys: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        plain = text.replace("&&", "&")
        button.setAccessibleName(plain)
        button.setToolTip(f"{plain} ({_native(keys)})" if keys else plain)
        button.clicked.connect(lambda _checked=False: self._send(then))
        return button

    # --- public ------------------------------------------------------------------------------------

    def load(self, remote_id: str, draft: Draft | None) -> None:
        """Show a ticket's draft (or an empty box). Emits nothing: this is not the agent typing."""
        if self._busy:  # a send of the previous ticket is still being written: this ticket is free
            self.set_busy(False)
        self._debounce.stop()
        self._remote_id = remote_id
        self._dirty = False
        self._draft_minutes = max(0, draft.time_minutes) if draft else 0
        with self._quietly():
            self.editor.setPlainText(draft.body if draft else "")
            self._set_mode(draft.note if draft else False)
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self._update_buttons()

    def clear(self) -> None:
        """After a send: an empty reply box (the draft's minutes went with the message)."""
        self._debounce.stop()
        self._dirty = False
        self._draft_minutes = 0
        with self._quietly():
            self.editor.clear()
            self._set_mode(False)
        self._update_buttons()

    def set_busy(self, busy: bool) -> None:
        """While a send is being written (a few ms): the text shown is the text being sent, a second
        press of Send does not queue it twice, and no draft is saved behind the send (it would bring
        the sent text back as a draft). The text goes only once the write has committed."""
        self._busy = busy
        self.editor.setReadOnly(busy)
        for field in (self.reply_button, self.note_button):
            field.setEnabled(not busy)
        if busy:
            self._debounce.stop()
            self._dirty = False
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return self._busy

    def flush_draft(self) -> None:
        """Hand out a pending change now (before switching tickets, closing, skipping...)."""
        if self._dirty:
            self._emit_draft()

    def focus_editor(self) -> None:
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_note_mode(self, note: bool) -> None:
        if note != self._note:
            self._set_mode(note)
            self._changed()

    def is_note_mode(self) -> bool:
        return self._note

    def current_draft(self) -> Draft:
        return Draft(self.editor.toPlainText(), self._note, self._draft_minutes)

    @property
    def remote_id(self) -> str:
        return self._remote_id

    @property
    def draft_pending(self) -> bool:
        """True while a change waits for the debounce (or a flush) to be handed out."""
        return self._dirty

    # --- agent edits -------------------------------------------------------------------------------

    def _text_edited(self) -> None:
        self._update_buttons()
        if not self._silent:
            self._changed()

    def _mode_clicked(self, note: bool, checked: bool) -> None:
        if not checked or self._silent or note == self._note:
            return
        self._note = note
        self._apply_mode()
        self._changed()

    def _changed(self) -> None:
        if self._busy:
            return
        self._dirty = True
        self._debounce.start()  # restarts: one emission once the agent pauses

    def _emit_draft(self) -> None:
        self._debounce.stop()
        self._dirty = False
        self.draft_changed.emit(self.current_draft())

    def _send(self, then: AfterSend) -> None:
        text = self.editor.toPlainText()
        if not text.strip() or self._busy:
            return
        self.send_requested.emit(text, self._note, self._draft_minutes, then)

    # --- rendering ---------------------------------------------------------------------------------

    def _quietly(self) -> _Quiet:
        return _Quiet(self)

    def _set_mode(self, note: bool) -> None:
        changed = note != self._note
        self._note = note
        with self._quietly():
            (self.note_button if note else self.reply_button).setChecked(True)
        if changed:  # re-tinting (style sheets included) costs a millisecond on every ticket shown
            self._apply_mode()

    def _update_buttons(self) -> None:
        ready = bool(self.editor.toPlainText().strip()) and not self._busy
        for button in (self.send_button, self.resolve_button, self.pending_button, self.next_button):
            button.setEnabled(ready)

    def _apply_mode(self) -> None:
        note = self._note
        self.note_banner.setVisible(note)
        self.editor.setPlaceholderText(
            self.tr("Write an internal note for your team…") if note
            else self.tr("Write your reply to the customer…"))
        self.setProperty("mode", "note" if note else "reply")
        self._apply_palette()

    def _apply_palette(self) -> None:
        parent = self.parentWidget()
        app_pal = parent.palette() if parent is not None else QGuiApplication.palette()
        pal = QPalette(app_pal)
        if self._note:
            warm = tone_base(app_pal, Tone.WARN)
            pal.setColor(QPalette.ColorRole.Window, mix(app_pal.color(QPalette.ColorRole.Window), warm, 0.16))
            pal.setColor(QPalette.ColorRole.Base, mix(app_pal.color(QPalette.ColorRole.Base), warm, 0.10))
        before, self._own_palette = self._own_palette, True
        self.setPalette(pal)
        self._own_palette = before
        banner = QPalette(pal)
        banner.setColor(QPalette.ColorRole.WindowText,
                        tone_text(pal, Tone.WARN, pal.color(QPalette.ColorRole.Window)))
        self.note_banner.setPalette(banner)
        hint = QPalette(pal)
        hint.setColor(QPalette.ColorRole.WindowText, quiet_text(pal))
        self.hint.setPalette(hint)
        primary = QPalette(pal)
        highlight, on_highlight = (pal.color(QPalette.ColorRole.Highlight),
                                   pal.color(QPalette.ColorRole.HighlightedText))
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):  # disabled looks disabled
            primary.setColor(group, QPalette.ColorRole.Button, highlight)
            primary.setColor(group, QPalette.ColorRole.ButtonText, on_highlight)
        self.send_button.setPalette(primary)
        self._style_segments(pal)
        font = self.note_banner.font()
        font.setBold(True)
        self.note_banner.setFont(font)

    def _style_segments(self, pal: QPalette) -> None:
        """Reply | Internal note as one segmented control; the chosen side is unmistakable."""
        button = pal.color(QPalette.ColorRole.Button)
        border = mix(button, pal.color(QPalette.ColorRole.ButtonText), 0.35)
        focus = pal.color(QPalette.ColorRole.Highlight)
        segments = ((self.reply_button, Tone.ACCENT), (self.note_button, Tone.WARN))
        for widget, tone in segments:
            fill = tone_fill(pal, tone, 0.45, QPalette.ColorRole.Button)
            widget.set_colours(background=button, text=pal.color(QPalette.ColorRole.ButtonText),
                               border=border, fill=fill, fill_text=tone_text(pal, tone, fill), focus=focus)

    def _fit_editor(self) -> None:
        fm = self.editor.fontMetrics()
        lines = max(_MIN_LINES, int(self.editor.document().documentLayout().documentSize().height()))
        chrome = (2 * self.editor.frameWidth() + int(2 * self.editor.document().documentMargin())
                  + self.editor.contentsMargins().top() + self.editor.contentsMargins().bottom())
        wanted = lines * fm.lineSpacing() + chrome
        floor = _MIN_LINES * fm.lineSpacing() + chrome
        window = self.window()
        cap = int(window.height() * MAX_SHARE) if window is not self else wanted
        self.editor.setFixedHeight(max(floor, min(wanted, cap)))

    # --- Qt events ---------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        window = self.window()
        if window is not self and window is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            window.installEventFilter(self)
            self._watched = window
        self._fit_editor()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._watched and event.type() == QEvent.Type.Resize:
            self._fit_editor()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and not self._own_palette:
            QTimer.singleShot(0, self, self._apply_palette)  # the theme changed: tint the new colours


class _Quiet:
    """`with composer._quietly():` field changes made by the composer itself are not agent edits."""

    def __init__(self, composer: Composer) -> None:
        self._composer = composer
        self._before = False

    def __enter__(self) -> None:
        self._before = self._composer._silent
        self._composer._silent = True

    def __exit__(self, *_exc: object) -> None:
        self._composer._silent = self._before
