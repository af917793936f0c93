"""Every command of the window as a QAction: one place for its text, shortcut and tooltip, shared by
the menus, the toolbar and the command palette (Ctrl+K)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


def _tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


@dataclass(frozen=True, slots=True)
class ActionSpec:
    key: str
    text: str
    shortcut: str = ""
    # Shown (in tooltips and the palette) but owned by another widget, e.g. the composer's Ctrl+Return.
    display_shortcut: str = ""
    checkable: bool = False


def specs() -> list[ActionSpec]:
    return [
        ActionSpec("next", _tr("Next ticket"), "Ctrl+N"),
        ActionSpec("skip", _tr("Skip ticket…"), "Ctrl+Shift+N"),
        ActionSpec("take", _tr("Take ticket"), "Ctrl+Shift+T"),
        ActionSpec("resolve", _tr("Resolve"), "Ctrl+Shift+R"),
        ActionSpec("pending", _tr("Set pending"), "Ctrl+Shift+P"),
        ActionSpec("reopen", _tr("Reopen"), "Ctrl+Shift+O"),
        ActionSpec("reply_mode", _tr("Write a reply"), "Ctrl+R"),
        ActionSpec("note_mode", _tr("Write an internal note"), "Ctrl+I"),
        ActionSpec("send", _tr("Send"), display_shortcut="Ctrl+Return"),
        ActionSpec("send_resolve", _tr("Send and resolve"), display_shortcut="Ctrl+Shift+Return"),
        ActionSpec("send_pending", _tr("Send and set pending")),
        ActionSpec("send_next", _tr("Send and go to the next ticket"), display_shortcut="Ctrl+Alt+Return"),
        ActionSpec("focus_composer", _tr("Go to the reply box"), "Ctrl+L"),
        ActionSpec("sync", _tr("Sync now"), "F5"),
        ActionSpec("palette", _tr("Command palette…"), "Ctrl+K"),
        ActionSpec("sign_in", _tr("Connect your helpdesk…")),
        ActionSpec("queues", _tr("Choose my queues…"), "Ctrl+Shift+Q"),
        ActionSpec("take_on_open", _tr("Take tickets when I open them"), checkable=True),
        ActionSpec("lang_system", _tr("Language: follow the system"), checkable=True),
        ActionSpec("lang_en", _tr("Language: English"), checkable=True),
        ActionSpec("lang_fr", _tr("Language: French"), checkable=True),
        ActionSpec("quit", _tr("Quit"), "Ctrl+Q"),
    ]


class Actions(QObject):
    """The window's QActions by key. Handlers are connected by whoever owns the behaviour."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._actions: dict[str, QAction] = {}
        self._specs: dict[str, ActionSpec] = {}
        for spec in specs():
            action = QAction(spec.text, parent)
            action.setObjectName(f"action_{spec.key}")
            if spec.shortcut:
                action.setShortcut(QKeySequence(spec.shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.setCheckable(spec.checkable)
            shown = self.shortcut_text(spec)
            action.setToolTip(f"{spec.text.rstrip('…')} ({shown})" if shown else spec.text.rstrip("…"))
            self._actions[spec.key] = action
            self._specs[spec.key] = spec

    def __getitem__(self, key: str) -> QAction:
        return self._actions[key]

    def on(self, key: str, handler: Callable[[], object]) -> None:
        self._actions[key].triggered.connect(lambda _checked=False: handler())

    def all(self) -> list[QAction]:
        return list(self._actions.values())

    def items(self) -> list[tuple[ActionSpec, QAction]]:
        return [(self._specs[key], action) for key, action in self._actions.items()]

    @staticmethod
    def shortcut_text(spec: ActionSpec) -> str:
        raw = spec.shortcut or spec.display_shortcut
        return QKeySequence(raw).toString(QKeySequence.SequenceFormat.NativeText) if raw else ""
