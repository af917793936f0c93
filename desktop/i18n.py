"""The UI language: the system locale by default, or the agent's choice; English and French ship."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.resources import resources_dir
from services.languages import SHIPPED

log = logging.getLogger(__name__)

TRANSLATIONS = resources_dir() / "i18n"


def ui_language(choice: str, system: QLocale | None = None) -> str:
    """"system" follows the OS locale when Monodesk speaks it, English otherwise."""
    if choice in SHIPPED:
        return choice
    name = (system or QLocale.system()).name().split("_")[0]
    return name if name in SHIPPED else "en"


def install_translators(app: QCoreApplication, language: str,
                        folder: Path = TRANSLATIONS) -> list[QTranslator]:
    """Monodesk's own strings and Qt's (standard buttons, context menus). Keep the returned
    translators alive as long as the app: Qt does not own them."""
    QLocale.setDefault(QLocale(language))
    if language == "en":
        return []
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(str(folder / f"monodesk_{language}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no %s translation found in %s", language, folder)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
