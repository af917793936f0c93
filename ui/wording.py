"""Words for the problems services report as codes: the one place each sentence is written (in English,
translated through Qt like every other string of the window).

QCoreApplication.translate works without a QApplication (it then returns the English source), so the
command line words the same problems with these functions; it imports this module only when it has a
problem to say, since Qt costs the headless commands time to load.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from services.desk import SkipNeedsReason
from services.signin import Code, SignInProblem

_PLACEHOLDER = re.compile(r"%([1-4])")


def sign_in_problem(problem: SignInProblem) -> str:
    """The problem in the agent's language: %1 the user, %2 the helpdesk's host, %3 what the server or
    TLS said, %4 the kind of helpdesk."""
    # In the sign-in dialog's context: the sentences are shown there.
    translate = QCoreApplication.translate
    texts = {
        Code.BACKEND_UNKNOWN: translate(
            "SignInDialog",
            "Monodesk cannot connect to a helpdesk of type %4."),
        Code.URL_EMPTY: translate(
            "SignInDialog",
            "Enter your helpdesk's address, e.g. https://helpdesk.example.com."),
        Code.URL_SCHEME: translate(
            "SignInDialog",
            "The address must start with https:// or http://."),
        Code.URL_INVALID: translate(
            "SignInDialog",
            "This is not a web address. Example: https://helpdesk.example.com."),
        Code.URL_PORT: translate(
            "SignInDialog",
            "The port in the address is not a number."),
        Code.URL_EXTRA: translate(
            "SignInDialog",
            "Give the helpdesk's address without ? or # parts."),
        Code.USER_EMPTY: translate(
            "SignInDialog",
            "Enter your user name on the helpdesk."),
        Code.TOKEN_EMPTY: translate(
            "SignInDialog",
            "Paste the API token you created in the helpdesk (your profile page)."),
        Code.TOKEN_SPACES: translate(
            "SignInDialog",
            "The token contains spaces or line breaks: paste it again, exactly."),
        Code.TOKEN_REFUSED: translate(
            "SignInDialog",
            "The helpdesk refused this token. Check that it is complete, belongs to %1 and has not "
            "expired or been revoked."),
        Code.NO_SUCH_USER: translate(
            "SignInDialog",
            "The helpdesk has no user named %1. Check the user name (it is your helpdesk login)."),
        Code.FORBIDDEN: translate(
            "SignInDialog",
            "The token works, but %1 may not use the helpdesk's API. Ask an administrator for the "
            "rights."),
        Code.UNTRUSTED: translate(
            "SignInDialog",
            "Could not connect securely to %2: %3"),
        Code.UNREACHABLE: translate(
            "SignInDialog",
            "Could not reach %2. Check the address and your network (VPN, Wi-Fi), then try again."),
        Code.TOO_SLOW: translate(
            "SignInDialog",
            "The helpdesk at %2 answers too slowly (nothing complete in the time allowed). Try again "
            "later; if it lasts, a proxy or VPN may be holding the connection."),
        Code.NOT_HELPDESK: translate(
            "SignInDialog",
            "No %4 answered at %2. Check the address. (%3)"),
        Code.SERVER_TROUBLE: translate(
            "SignInDialog",
            "The helpdesk at %2 is having trouble. Try again in a few minutes. (%3)"),
        Code.KEYRING: translate(
            "SignInDialog",
            "No usable keyring was found to store the token safely. On Linux, install and unlock a "
            "Secret Service provider (GNOME Keyring or KWallet) in your desktop session; on macOS and "
            "Windows the system keychain is used. As a last resort, tick “Keep the token in a plain "
            "file” below: it is then stored in a file readable only by you."),
    }
    text = texts.get(problem.code)
    if text is None:
        return problem.detail or str(problem.code)
    if not problem.detail:  # nothing more to say in brackets: no empty "()"
        text = text.replace(" (%3)", "")
    values = {"1": problem.user, "2": problem.host, "3": problem.detail, "4": problem.label}
    return _PLACEHOLDER.sub(lambda m: values[m[1]], text)


def problem_text(error: BaseException) -> str | None:
    """A problem services named by its type, in the agent's language; None for any other error."""
    if isinstance(error, SignInProblem):
        return sign_in_problem(error)
    if isinstance(error, SkipNeedsReason):
        return QCoreApplication.translate("SkipBar", "Say in a few words why the ticket is skipped.")
    return None
