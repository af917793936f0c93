"""Sign-in: helpdesk type, address, user and API token, checked with the helpdesk before anything is kept.

A window of its own (not modal): the agent can copy the token from a browser and keep reading the
current ticket while the check runs. The check itself is a coroutine handed in by the app; this
widget only collects the form, shows progress, and shows the problem (worded by ui.wording)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.backends import registry
from services.signin import Code, Field, SignInForm, SignInProblem
from ui.models import Tone, quiet_text, tone_text
from ui.wording import sign_in_problem

Submit = Callable[[SignInForm], Coroutine[Any, Any, object]]


class SignInDialog(QDialog):
    signed_in = Signal(object)  # whatever the submit coroutine returned (the new account)

    def __init__(self, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Connect your helpdesk"))
        self.setModal(False)
        self._submit = submit
        self._task: asyncio.Task[object] | None = None

        intro = QLabel(self.tr("Monodesk keeps a copy of your work on this computer and syncs it with your "
                               "helpdesk. The token is kept in the system keyring, never in a file."), self)
        intro.setWordWrap(True)
        intro_pal = intro.palette()
        intro_pal.setColor(QPalette.ColorRole.WindowText, quiet_text(intro_pal))
        intro.setPalette(intro_pal)

        self.backend = QComboBox(self)
        self.backend.setObjectName("signInBackend")
        for kind in registry.signing_in():
            self.backend.addItem(kind.label, kind.name)
        self.backend.setAccessibleName(self.tr("Helpdesk type"))
        self.url = QLineEdit(self)
        self.url.setObjectName("signInUrl")
        self.url.setPlaceholderText(self.tr("https://helpdesk.example.com"))
        self.url.setAccessibleName(self.tr("Helpdesk address"))
        self.user = QLineEdit(self)
        self.user.setObjectName("signInUser")
        self.user.setPlaceholderText(self.tr("Your helpdesk login"))
        self.user.setAccessibleName(self.tr("User name"))
        self.token = QLineEdit(self)
        self.token.setObjectName("signInToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("Paste the API token from your helpdesk profile"))
        self.token.setAccessibleName(self.tr("API token"))
        self.reveal = QCheckBox(self.tr("Show the token"), self)
        self.reveal.setObjectName("signInReveal")
        self.reveal.toggled.connect(self._show_token)
        for edit in (self.url, self.user, self.token):
            edit.textEdited.connect(self._clear_problem)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("&Helpdesk:"), self.backend)
        form.addRow(self.tr("&Address:"), self.url)
        form.addRow(self.tr("&User:"), self.user)
        form.addRow(self.tr("&Token:"), self.token)
        form.addRow("", self.reveal)
        # Offered only once the keyring is known to be missing, and never ticked for the agent.
        self.plain_file = QCheckBox(self.tr("Keep the token in a plain file (not recommended)"), self)
        self.plain_file.setToolTip(self.tr(
            "Readable only by you on this computer, but anyone who can read your files can use it."))
        self.plain_file.setObjectName("signInPlainFile")
        self.plain_file.hide()

        self.problem = QLabel(self)
        self.problem.setObjectName("signInProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.setAccessibleName(self.tr("Sign-in problem"))
        self.problem.hide()
        self.progress = QLabel(self.tr("Checking with your helpdesk…"), self)
        self.progress.setObjectName("signInProgress")
        self.progress.hide()

        self.buttons = QDialogButtonBox(self)
        self.sign_in_button = QPushButton(self.tr("Sign in"), self)
        self.sign_in_button.setObjectName("signInButton")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.setToolTip(self.tr("Check the address, user and token with the helpdesk (Enter)"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("signInCancel")
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.clicked.connect(lambda _c=False: self.submit())
        self.cancel_button.clicked.connect(lambda _c=False: self.cancel())

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.plain_file)  # below the message that offers it
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self._fields: dict[Field, QWidget] = {Field.URL: self.url, Field.USER: self.user,
                                               Field.TOKEN: self.token, Field.CERTIFICATE: self.url,
                                               Field.NETWORK: self.url}

    # --- public ------------------------------------------------------------------------------------

    def open_form(self) -> None:
        self._forget_plain_file()  # offered again only if this attempt finds no keyring either
        self.show()
        self.raise_()
        self.activateWindow()
        first_empty = next((e for e in (self.url, self.user, self.token) if not e.text().strip()), self.url)
        first_empty.setFocus()

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def form(self) -> SignInForm:
        return SignInForm(str(self.backend.currentData()), self.url.text(), self.user.text(),
                          self.token.text(), self.plain_file.isVisible() and self.plain_file.isChecked())

    def submit(self) -> None:
        if self.busy:
            return
        self._clear_problem()
        self._set_busy(True)
        self._task = asyncio.get_event_loop().create_task(self._submit(self.form()))
        self._task.add_done_callback(self._finished)

    def cancel(self) -> None:
        """Nothing is kept: the check stops, and the token and the last problem go (the address and
        the user stay, to spare retyping them)."""
        if self.busy and self._task is not None:
            self._task.cancel()  # the check stops; nothing was saved yet
        self.token.clear()
        self._clear_problem()
        self._forget_plain_file()
        self.reject()

    # --- internals ---------------------------------------------------------------------------------

    def _finished(self, task: asyncio.Task[object]) -> None:
        self._set_busy(False)
        if task.cancelled():
            return
        error = task.exception()
        if error is None:
            self.token.clear()  # the keyring has it now; do not keep it in a widget
            self._forget_plain_file()
            self.signed_in.emit(task.result())
            self.accept()
        elif isinstance(error, SignInProblem):
            self._show_problem(error)
        else:
            self._show_problem(SignInProblem(Field.SERVER, Code.SERVER_TROUBLE, detail=str(error)))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.backend, self.url, self.user, self.token, self.plain_file, self.sign_in_button):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.sign_in_button.setText(self.tr("Checking…") if busy else self.tr("Sign in"))

    def _show_problem(self, problem: SignInProblem) -> None:
        self.problem.setText(sign_in_problem(problem))
        pal = self.problem.palette()
        pal.setColor(QPalette.ColorRole.WindowText, tone_text(pal, Tone.BAD))
        self.problem.setPalette(pal)
        self.problem.show()
        if problem.code is Code.KEYRING:  # the way forward, in the dialog itself
            self.plain_file.show()
        # Room for the message (and the opt-in): a dialog on screen does not grow by itself.
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.size().expandedTo(self.sizeHint()))
        if problem.code is Code.KEYRING:
            self.plain_file.setFocus()
            return
        field = self._fields.get(problem.field)
        if field is not None:
            field.setFocus()
            if isinstance(field, QLineEdit):
                field.selectAll()

    def _forget_plain_file(self) -> None:
        self.plain_file.setChecked(False)
        self.plain_file.hide()

    def _clear_problem(self, _text: str = "") -> None:
        self.problem.hide()
        self.problem.clear()

    def _show_token(self, on: bool) -> None:
        self.token.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)

    def keyPressEvent(self, event: Any) -> None:
        if event.matches(QKeySequence.StandardKey.Cancel):
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy and self._task is not None:
            self._task.cancel()
        self.token.clear()  # closed from its title bar: as Cancel
        self._clear_problem()
        self._forget_plain_file()
        super().closeEvent(event)
