"""Every command of the window as a QAction: one place for its text, shortcut and tooltip, shared by
the menus, the toolbar and the command palette (Ctrl+K)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks text for translation; it is translated where it is shown. Qt's own is typed `object`."""
    return text


@dataclass(frozen=True, slots=True)
class ActionSpec:
    key: str
    text: str
    shortcut: str = ""
    # Shown (in tooltips and the palette) but owned by another widget, e.g. the composer's Ctrl+Return.
    display_shortcut: str = ""
    checkable: bool = False


def specs() -> list[ActionSpec]:
    """Texts are English sources marked for lupdate; Actions translates them when it builds the actions."""
    return [
        ActionSpec("next", QT_TRANSLATE_NOOP("Actions", "Next ticket"), "Ctrl+N"),
        ActionSpec("skip", QT_TRANSLATE_NOOP("Actions", "Skip ticket…"), "Ctrl+Shift+N"),
        ActionSpec("go_to", QT_TRANSLATE_NOOP("Actions", "Go to ticket…"), "Ctrl+G"),
        ActionSpec("take", QT_TRANSLATE_NOOP("Actions", "Take ticket"), "Ctrl+Shift+T"),
        ActionSpec("resolve", QT_TRANSLATE_NOOP("Actions", "Resolve"), "Ctrl+Shift+R"),
        ActionSpec("pending", QT_TRANSLATE_NOOP("Actions", "Set pending"), "Ctrl+Shift+P"),
        ActionSpec("reopen", QT_TRANSLATE_NOOP("Actions", "Reopen"), "Ctrl+Shift+O"),
        ActionSpec("reply_mode", QT_TRANSLATE_NOOP("Actions", "Write a reply"), "Ctrl+R"),
        ActionSpec("note_mode", QT_TRANSLATE_NOOP("Actions", "Write an internal note"), "Ctrl+I"),
        ActionSpec("send", QT_TRANSLATE_NOOP("Actions", "Send"), display_shortcut="Ctrl+Return"),
        ActionSpec("send_resolve", QT_TRANSLATE_NOOP("Actions", "Send and resolve"),
                   display_shortcut="Ctrl+Shift+Return"),
        ActionSpec("send_pending", QT_TRANSLATE_NOOP("Actions", "Send and set pending")),
        ActionSpec("send_next", QT_TRANSLATE_NOOP("Actions", "Send and go to the next ticket"),
                   display_shortcut="Ctrl+Alt+Return"),
        ActionSpec("focus_composer", QT_TRANSLATE_NOOP("Actions", "Go to the reply box"), "Ctrl+L"),
        ActionSpec("pause_timer", QT_TRANSLATE_NOOP("Actions", "Pause the timer"), "Ctrl+Alt+P",
                   checkable=True),
        ActionSpec("adjust_time", QT_TRANSLATE_NOOP("Actions", "Adjust the time…"), "Ctrl+Alt+A"),
        ActionSpec("log_time", QT_TRANSLATE_NOOP("Actions", "Log time without a message…"), "Ctrl+Alt+L"),
        ActionSpec("answer_idle", QT_TRANSLATE_NOOP("Actions", "Say what the time away was"), "Ctrl+Alt+I"),
        ActionSpec("reserve_block", QT_TRANSLATE_NOOP("Actions", "Reserve time for this customer…"),
                   "Ctrl+Alt+B"),
        ActionSpec("my_day", QT_TRANSLATE_NOOP("Actions", "My day and week…"), "Ctrl+Alt+D"),
        ActionSpec("add_task", QT_TRANSLATE_NOOP("Actions", "Add a task for this customer"), "Ctrl+Shift+A"),
        ActionSpec("show_tasks", QT_TRANSLATE_NOOP("Actions", "Show tasks"), "Ctrl+T"),
        ActionSpec("sync", QT_TRANSLATE_NOOP("Actions", "Sync now"), "F5"),
        ActionSpec("palette", QT_TRANSLATE_NOOP("Actions", "Command palette…"), "Ctrl+K"),
        ActionSpec("sign_in", QT_TRANSLATE_NOOP("Actions", "Connect your helpdesk…")),
        ActionSpec("queues", QT_TRANSLATE_NOOP("Actions", "Choose my queues…"), "Ctrl+Shift+Q"),
        ActionSpec("take_on_open", QT_TRANSLATE_NOOP("Actions", "Take tickets when I open them"),
                   checkable=True),
        ActionSpec("lang_system", QT_TRANSLATE_NOOP("Actions", "Language: follow the system"),
                   checkable=True),
        ActionSpec("lang_en", QT_TRANSLATE_NOOP("Actions", "Language: English"), checkable=True),
        ActionSpec("lang_fr", QT_TRANSLATE_NOOP("Actions", "Language: French"), checkable=True),
        ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "Quit"), "Ctrl+Q"),
        ActionSpec("shortcuts", QT_TRANSLATE_NOOP("Actions", "Keyboard shortcuts"), "F1"),
        ActionSpec("about", QT_TRANSLATE_NOOP("Actions", "About Monodesk")),
    ]


class Actions(QObject):
    """The window's QActions by key. Handlers are connected by whoever owns the behaviour."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._actions: dict[str, QAction] = {}
        self._specs: dict[str, ActionSpec] = {}
        for spec in specs():
            text = QCoreApplication.translate("Actions", spec.text)
            action = QAction(text, parent)
            action.setObjectName(f"action_{spec.key}")
            if spec.shortcut:
                action.setShortcut(QKeySequence(spec.shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            elif spec.display_shortcut:
                # Shown beside the command in the menus, yet live only while the menu itself has the
                # focus: the owning widget (the reply box) keeps the key, with no ambiguity.
                action.setShortcut(QKeySequence(spec.display_shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.setCheckable(spec.checkable)
            shown = self.shortcut_text(spec)
            action.setToolTip(f"{text.rstrip('…')} ({shown})" if shown else text.rstrip("…"))
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
