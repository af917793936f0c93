"""French ships complete: every string the code marks is translated, placeholders and accelerators
survive translation, the shipped .qm is built from the .ts, and the real window speaks French when the
system (or the agent's setting) asks for it."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.i18n import TRANSLATIONS, install_translators, ui_language
from desktop.session import Session
from desktop.settings import Settings
from services.desk import SkipNeedsReason
from services.domain import TicketStatus
from services.signin import Code, Field, SignInProblem
from tests.support.session import session_in
from ui.models import status_text
from ui.panels import HeaderPanel
from ui.sign_in import SignInDialog
from ui.wording import problem_text, sign_in_problem

ROOT = Path(__file__).resolve().parent.parent
TS = TRANSLATIONS / "monodesk_fr.ts"
QM = TRANSLATIONS / "monodesk_fr.qm"
FRENCH_STATUSES = {"nouveau", "ouvert", "en attente", "résolu", "rejeté", "supprimé"}


def qt_tool(name: str) -> str:
    tool = Path(sys.executable).with_name(name)
    assert tool.exists(), f"{name} is missing: it ships with PySide6"
    return str(tool)


# Every folder whose code may put text before a person: the window, the app around it, the services
# (they return codes, and must stay free of Qt), and the tools that render the pictures.
TEXT_FOLDERS = ("ui", "desktop", "services", "tools")


def sources() -> list[str]:
    return sorted(str(p) for folder in TEXT_FOLDERS for p in (ROOT / folder).rglob("*.py"))


def test_the_scan_sees_every_module_with_text() -> None:
    """A module in a subfolder (ui/panels/...) or a new folder is scanned too."""
    scanned = set(sources())
    for path in ROOT.rglob("*.py"):
        if any(part in {".venv", "tests", "bench", "build", "dist"} for part in path.relative_to(ROOT).parts):
            continue
        text = path.read_text(encoding="utf-8")
        if ".tr(" in text or "translate(" in text:
            assert str(path) in scanned, f"{path} has translatable text but is not scanned"


def messages(ts: Path) -> list[tuple[str, ET.Element]]:
    return [(ctx.findtext("name", ""), m) for ctx in ET.parse(ts).getroot().iter("context")
            for m in ctx.iter("message")]


def translations(message: ET.Element) -> list[str]:
    tr = message.find("translation")
    assert tr is not None
    forms = [f.text or "" for f in tr.iter("numerusform")]
    return forms if message.get("numerus") == "yes" else [tr.text or ""]


def accelerators(text: str) -> int:
    return len(re.findall(r"(?<!&)&(?!&)", text))


@pytest.fixture(scope="module")
def refreshed_ts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped .ts refreshed from today's code, as tools/update_translations.sh would."""
    ts = tmp_path_factory.mktemp("i18n") / "monodesk_fr.ts"
    shutil.copy(TS, ts)
    subprocess.run([qt_tool("pyside6-lupdate"), "-no-obsolete", *sources(), "-ts", str(ts)],
                   check=True, capture_output=True)
    return ts


def test_every_marked_string_has_a_finished_french_translation(refreshed_ts: Path) -> None:
    found = messages(refreshed_ts)
    assert len(found) > 200  # lupdate saw the code
    contexts = {name for name, _ in found}
    assert {"Actions", "App", "MainWindow", "Composer", "SignInDialog", "TicketHeader"} <= contexts
    untranslated = [(name, m.findtext("source")) for name, m in found
                    if (m.find("translation") is not None and m.find("translation").get("type"))  # type: ignore[union-attr]
                    or not all(translations(m))]
    assert not untranslated, f"run tools/update_translations.sh and translate: {untranslated}"
    # The shipped file is the refreshed one: nothing new, nothing obsolete left behind.
    def keys(ts: Path) -> set[tuple[str, str]]:
        return {(name, m.findtext("source", "")) for name, m in messages(ts)}
    assert keys(refreshed_ts) == keys(TS), "run tools/update_translations.sh"


def test_placeholders_and_accelerators_survive_translation() -> None:
    for name, m in messages(TS):
        source = m.findtext("source", "")
        for text in translations(m):
            where = f"{name}: {source!r} -> {text!r}"
            assert sorted(re.findall(r"%\d", text)) == sorted(re.findall(r"%\d", source)), where
            if m.get("numerus") == "yes":
                assert "%n" in text or text == translations(m)[0], where
            assert accelerators(text) == accelerators(source), where
            assert text.count("&&") == source.count("&&"), where


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    built = tmp_path / "monodesk_fr.qm"
    subprocess.run([qt_tool("pyside6-lrelease"), str(TS), "-qm", str(built)], check=True, capture_output=True)
    assert built.read_bytes() == QM.read_bytes(), "run tools/update_translations.sh"


@pytest.mark.parametrize(("choice", "system", "expected"), [
    ("system", "fr_FR", "fr"), ("system", "fr_CA", "fr"), ("system", "de_DE", "en"),
    ("system", "en_GB", "en"), ("en", "fr_FR", "en"), ("fr", "en_US", "fr"), ("xx", "it_IT", "en"),
])
def test_the_ui_language_follows_the_system_unless_the_agent_chose(choice: str, system: str,
                                                                   expected: str) -> None:
    assert ui_language(choice, QLocale(system)) == expected


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    installed = install_translators(qapp, "fr")
    assert installed, "the French translation did not load"
    yield
    for translator in installed:
        qapp.removeTranslator(translator)
    QLocale.setDefault(before)


@pytest.fixture
def session(tmp_path: Path, qloop: asyncio.AbstractEventLoop) -> Iterator[Session]:
    with session_in(tmp_path, qloop) as s:
        yield s


def test_the_window_speaks_french(french: None, session: Session, qtbot: QtBot) -> None:
    window = session.start(demo=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.current_ticket is not None, timeout=60_000)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[:2] == ["&Ticket", "&Rédiger"] and "&Compte" in menus
    assert window.commands["next"].text() == "Ticket suivant"
    assert window.commands["next"].toolTip().startswith("Ticket suivant (")
    assert window.composer.send_button.text().replace("&", "") == "Envoyer"
    assert window.panel(HeaderPanel).view.status.text() in FRENCH_STATUSES
    assert any("démonstration" in label.text() for label in window.banner.findChildren(QLabel))
    assert QLocale().language() == QLocale.Language.French  # dates and numbers follow
    assert window.windowTitle().endswith("— Monodesk") and window.windowTitle().startswith("#")


def test_choosing_a_language_is_kept_for_the_next_start(session: Session, qtbot: QtBot) -> None:
    window = session.start(demo=True)
    qtbot.addWidget(window)
    window.commands["lang_fr"].trigger()
    assert window.commands["lang_fr"].isChecked() and not window.commands["lang_system"].isChecked()
    qtbot.waitUntil(lambda: window.notices.isVisible())
    kept = Settings.load(session.settings_path)
    assert kept.language == "fr"
    assert ui_language(kept.language, QLocale("en_US")) == "fr"


def test_statuses_have_french_names(french: None) -> None:
    assert {status_text(s) for s in TicketStatus} == FRENCH_STATUSES


def test_problems_from_services_are_worded_in_french(french: None, qtbot: QtBot) -> None:
    refused = SignInProblem(Field.TOKEN, Code.TOKEN_REFUSED, host="h.example", user="agent")
    assert sign_in_problem(refused).startswith("Le helpdesk a refusé ce jeton. Vérifiez qu’il est complet, "
                                               "qu’il appartient à agent ")
    absent = SignInProblem(Field.URL, Code.NOT_HELPDESK, host="h.example", label="Request Tracker 5",
                           detail="404")
    assert sign_in_problem(absent) == "Aucun serveur Request Tracker 5 n’a répondu à h.example. " \
                                      "Vérifiez l’adresse. (404)"
    assert problem_text(SkipNeedsReason()) == "Dites en quelques mots pourquoi vous passez ce ticket."

    async def submit(_form: object) -> object:
        raise AssertionError("not submitted")

    dialog = SignInDialog(submit)
    qtbot.addWidget(dialog)
    dialog._show_problem(SignInProblem(Field.NETWORK, Code.UNREACHABLE, host="h.example"))
    assert dialog.problem.text().startswith("Impossible de joindre h.example.")


def test_every_sign_in_problem_has_its_own_french_sentence(french: None) -> None:
    worded = {code: sign_in_problem(SignInProblem(Field.SERVER, code)) for code in Code}
    assert len(set(worded.values())) == len(Code)
    english = ("Enter", "The ", "This ", "Give", "Paste", "Could", "No ", "Monodesk cannot")
    assert not [text for text in worded.values() if text.startswith(english)]
