"""The panels of the focus view, in the order they stand: the column top to bottom, then the side.

Adding a panel is one module here and one line below (docs/architecture.md, "How to add a panel")."""

from __future__ import annotations

from ui.panels.composer import ComposerPanel
from ui.panels.conflicts import ConflictsPanel
from ui.panels.customer import CustomerSidePanel
from ui.panels.header import HeaderPanel
from ui.panels.tasks import TasksPanel
from ui.panels.thread import ThreadPanel
from ui.panels.timer import TimerPanel

PANELS = (
    HeaderPanel,
    TimerPanel,
    ConflictsPanel,
    ThreadPanel,
    ComposerPanel,
    CustomerSidePanel,
    TasksPanel,
)

__all__ = ["PANELS", "ComposerPanel", "ConflictsPanel", "CustomerSidePanel", "HeaderPanel", "TasksPanel",
           "ThreadPanel", "TimerPanel"]
